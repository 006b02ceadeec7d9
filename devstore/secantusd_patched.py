# SPDX-License-Identifier: GPL-2.0-only
"""secantusd-py, the development and test store's server, with one local patch.

This file imports SecantusDB (GPL-2.0) and is licensed like it. It is a development tool
run as a separate process by `loyalty dev` and the tests (common/embedded_mongo.py); the
services never import it and the images never contain it.

The patch: SecantusDB 0.7.0b3 reads a document by its key only for a filter that is
`{_id: ...}` alone. findAndModify always writes through `{_id: id, $and: [query]}`, so
every find_one_and_update (and any update naming `_id` beside `$or`) scanned the whole
collection: 77 ms at 10,000 documents, 0.9 s at 100,000 (measured here). A filter that
holds an `_id` equality now reads that document by its key; the server still tests the
whole filter against it, as it does on its own fast path. Drop this launcher for the
plain `secantusd-py` once the upstream server does the same.
"""

import sys

from secantus import storage
from secantus.cli import main

_unpatched = storage.Storage._try_index_id_keys


def _try_index_id_keys(self, db, coll, filter, *, collation=None):
    if filter and "_id" in filter and len(filter) > 1 and not self._is_timeseries(db, coll):
        keys = storage._id_point_lookup_keys(filter["_id"])
        if keys is not None:
            found = (self._doc_recordid(db, coll, key) for key in keys)
            return [record for record in found if record is not None]
    return _unpatched(self, db, coll, filter, collation=collation)


storage.Storage._try_index_id_keys = _try_index_id_keys

if __name__ == "__main__":
    sys.exit(main())
