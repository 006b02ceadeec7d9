"""A lease on a MongoDB document: one worker of many (threads, replicas) works on it at a
time, and a worker that dies lets go of it when its lease runs out, not never.

A document carries the holder's name and the end of the lease in two fields. Claiming is
one conditional update (free, or already the claimer's), so two workers never both hold
it; the holder renews by claiming again before the end, and lets go by ending it now."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from pymongo import ReturnDocument

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # an ended lease (or none yet)


@dataclasses.dataclass(frozen=True)
class Lease:
    owner_field: str  # the holder's name
    until_field: str  # when the lease ends

    def free(self, now: datetime) -> dict:
        """The filter of documents no worker holds: ended, let go, or never leased."""
        return {"$or": [{self.until_field: {"$lte": now}}, {self.until_field: None}]}

    def claim(
        self, collection, doc_id: str, owner: str, now: datetime, until: datetime, **when
    ) -> dict | None:
        """The document, leased to `owner` until `until`, if it matches `when` and is free
        or already `owner`'s; None otherwise."""
        return collection.find_one_and_update(
            {"_id": doc_id, **when, "$or": [{self.owner_field: owner}, *self.free(now)["$or"]]},
            {"$set": {self.owner_field: owner, self.until_field: until}},
            return_document=ReturnDocument.AFTER,
        )

    def release(self, collection, doc_id: str, owner: str) -> None:
        """Ends `owner`'s lease now (another worker may take the document at once)."""
        collection.update_one(
            {"_id": doc_id, self.owner_field: owner}, {"$set": {self.until_field: EPOCH}}
        )
