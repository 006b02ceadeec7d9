"""What the points service's exports read, through one cursor each, a batch a round trip,
by _id (by creation time and _id for the ledger's entries): the ledger's accounts and
entries and the catalogue's vouchers, read only; and the export log.

export_log   one document per export: who, what, when, how many rows
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from pymongo import ASCENDING

ACCOUNT_FIELDS = {
    "status": 1,
    "tier_code": 1,
    "lots": 1,
    "debt": 1,
    "issued": 1,
    "redeemed": 1,
}
ENTRY_FIELDS = {
    "member_id": 1,
    "type": 1,
    "points": 1,
    "balance_after": 1,
    "occurred_at": 1,
    "created_at": 1,
    "partner_id": 1,
    "store_id": 1,
    "transaction_id": 1,
    "reference": 1,
    "amount_minor": 1,
    "currency": 1,
    "actor": 1,
    "reason": 1,
}
VOUCHER_FIELDS = {
    "code": 1,
    "member_id": 1,
    "reward_id": 1,
    "state": 1,
    "issue_reason": 1,
    "issued_at": 1,
    "expires_at": 1,
    "used_at": 1,
}


class ExportStore:
    def __init__(self, db) -> None:
        self.accounts = db["accounts"]
        self.entries = db["entries"]
        self.vouchers = db["vouchers"]
        self.log = db["export_log"]

    def accounts_from(self, after: str, batch: int) -> Iterator[dict]:
        """Every account by member id after `after`, one cursor, `batch` a round trip."""
        return self._from(self.accounts, after, batch, ACCOUNT_FIELDS)

    def vouchers_from(self, after: str, batch: int) -> Iterator[dict]:
        """Every voucher by id after `after`, one cursor, `batch` a round trip."""
        return self._from(self.vouchers, after, batch, VOUCHER_FIELDS)

    def entries_from(
        self, start: datetime, end: datetime, after: tuple[datetime, str] | None, batch: int
    ) -> Iterator[dict]:
        """The entries created in [start, end) after `after` (created_at, entry id), in
        that order, one cursor on the created_at index, `batch` a round trip."""
        query: dict = {"created_at": {"$gte": start, "$lt": end}}
        if after is not None:
            at, entry_id = after
            later = {
                "$or": [{"created_at": {"$gt": at}}, {"created_at": at, "_id": {"$gt": entry_id}}]
            }
            query = {"$and": [query, later]}
        found = self.entries.find(query, ENTRY_FIELDS).sort(
            [("created_at", ASCENDING), ("_id", ASCENDING)]
        )
        return iter(found.batch_size(batch))

    def log_started(self, export_id: str, actor: str, what: dict, at: datetime) -> None:
        self.log.insert_one(
            {"_id": export_id, "actor": actor, "what": what, "started_at": at, "rows": 0}
        )

    def log_finished(self, export_id: str, rows: int, at: datetime) -> None:
        self.log.update_one({"_id": export_id}, {"$set": {"rows": rows, "finished_at": at}})

    @staticmethod
    def _from(collection, after: str, batch: int, fields: dict) -> Iterator[dict]:
        query = {"_id": {"$gt": after}} if after else {}
        return iter(collection.find(query, fields).sort("_id", ASCENDING).batch_size(batch))
