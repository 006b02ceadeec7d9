"""Members exports: every member, or a segment's, streamed in batches through a cursor by
member id, so memory holds one batch whatever the number of members; each export logged
(who, what, when, rows) before its first batch."""

from __future__ import annotations

import itertools
import logging
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime

from common import clock as clocks
from services.members.exports.domain import ExportedMember, exported
from services.members.exports.store import MemberExportStore

log = logging.getLogger("loyalty.members.exports")


class MemberExports:
    def __init__(
        self, store: MemberExportStore, insights, clock: Callable[[], datetime] = clocks.now
    ) -> None:
        self.store = store
        self.insights = insights  # for the segment and its computation
        self.clock = clock

    def members(
        self,
        actor: str,
        batch: int,
        segment_id: str = "",
        computation_id: str = "",
        after: str = "",
    ) -> Iterator[list[ExportedMember]]:
        """Checks the request and logs the export now; the batches as they are read."""
        if segment_id:
            # NOT_FOUND for an unknown segment or computation, SEGMENTS_NOT_COMPUTED.
            computation_id, _, _ = self.insights.segment_members(segment_id, computation_id, 0, 1)
        export_id = uuid.uuid4().hex
        what = {
            "export": "members",
            "segment_id": segment_id,
            "computation_id": computation_id,
            "after": after,
        }
        self.store.log_started(export_id, actor, what, self.clock())
        log.info("export started", extra={"export_id": export_id, "actor": actor, **what})
        return self._batches(export_id, batch, segment_id, computation_id, after)

    def _batches(
        self, export_id: str, batch: int, segment_id: str, computation_id: str, after: str
    ) -> Iterator[list[ExportedMember]]:
        rows = 0
        if segment_id:
            ids = self.store.segment_ids_from(computation_id, segment_id, after, batch)
            docs = (doc for chunk in chunks(ids, batch) for doc in self.store.members_by_ids(chunk))
        else:
            docs = self.store.members_from(after, batch)
        for chunk in chunks(docs, batch):
            rows += len(chunk)
            yield [exported(doc) for doc in chunk]
        self.store.log_finished(export_id, rows, self.clock())
        log.info("export finished", extra={"export_id": export_id, "rows": rows})


def chunks(items: Iterator, size: int) -> Iterator[list]:
    """`items` in lists of `size` (the last one shorter), one list held at a time."""
    while chunk := list(itertools.islice(items, size)):
        yield chunk
