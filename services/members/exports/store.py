"""What a members export reads, through one cursor, a batch a round trip: the directory's
members by id, a segment computation's member ids (and their members, one query a batch);
and the export log.

export_log   one document per export: who, what, when, how many rows
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from pymongo import ASCENDING

# What an export shows of a member (never the outbox, the consent history or the tier's
# bookkeeping).
FIELDS = {
    "member_number": 1,
    "status": 1,
    "tier_code": 1,
    "enrolled_at": 1,
    "name": 1,
    "phone": 1,
    "email": 1,
    "birthday": 1,
    "language": 1,
    "consents": 1,
    "erased_at": 1,
}


class MemberExportStore:
    def __init__(self, db) -> None:
        self.members = db["members"]
        self.snapshots = db["segment_members"]
        self.log = db["export_log"]

    def members_from(self, after: str, batch: int) -> Iterator[dict]:
        """Every member by id after `after`, through one cursor, `batch` a round trip."""
        query = {"_id": {"$gt": after}} if after else {}
        return iter(self.members.find(query, FIELDS).sort("_id", ASCENDING).batch_size(batch))

    def segment_ids_from(
        self, computation_id: str, segment_id: str, after: str, batch: int
    ) -> Iterator[str]:
        """The member ids of a segment in a computation after `after`, through one cursor,
        `batch` a round trip."""
        query: dict = {"computation_id": computation_id, "segment_ids": segment_id}
        if after:
            query["member_id"] = {"$gt": after}
        found = self.snapshots.find(query, {"member_id": 1}).sort("member_id", ASCENDING)
        return (doc["member_id"] for doc in found.batch_size(batch))

    def members_by_ids(self, member_ids: list[str]) -> list[dict]:
        """The members of `member_ids` (a batch), by id (one query)."""
        found = self.members.find({"_id": {"$in": member_ids}}, FIELDS).sort("_id", ASCENDING)
        return list(found.batch_size(max(1, len(member_ids))))

    def log_started(self, export_id: str, actor: str, what: dict, at: datetime) -> None:
        self.log.insert_one(
            {"_id": export_id, "actor": actor, "what": what, "started_at": at, "rows": 0}
        )

    def log_finished(self, export_id: str, rows: int, at: datetime) -> None:
        self.log.update_one({"_id": export_id}, {"$set": {"rows": rows, "finished_at": at}})
