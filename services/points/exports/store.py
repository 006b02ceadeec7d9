"""What the points service's exports read, one batch a query, through cursors by _id (by
creation time and _id for the ledger's entries): the ledger's accounts and entries and the
catalogue's vouchers, read only; and the export log.

export_log   one document per export: who, what, when, how many rows
"""

from __future__ import annotations

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

    def accounts_after(self, after: str, limit: int) -> list[dict]:
        """The next `limit` accounts by member id after `after` (one query)."""
        return self._after(self.accounts, after, limit, ACCOUNT_FIELDS)

    def vouchers_after(self, after: str, limit: int) -> list[dict]:
        """The next `limit` vouchers by id after `after` (one query)."""
        return self._after(self.vouchers, after, limit, VOUCHER_FIELDS)

    def entries_between(
        self, start: datetime, end: datetime, after: tuple[datetime, str] | None, limit: int
    ) -> list[dict]:
        """The next `limit` entries created in [start, end) after `after` (created_at,
        entry id), in that order (one query, on the created_at index)."""
        query: dict = {"created_at": {"$gte": start, "$lt": end}}
        if after is not None:
            at, entry_id = after
            query = {
                "$and": [
                    query,
                    {
                        "$or": [
                            {"created_at": {"$gt": at}},
                            {"created_at": at, "_id": {"$gt": entry_id}},
                        ]
                    },
                ]
            }
        found = self.entries.find(query, ENTRY_FIELDS).sort(
            [("created_at", ASCENDING), ("_id", ASCENDING)]
        )
        return list(found.limit(limit).batch_size(limit))

    def log_started(self, export_id: str, actor: str, what: dict, at: datetime) -> None:
        self.log.insert_one(
            {"_id": export_id, "actor": actor, "what": what, "started_at": at, "rows": 0}
        )

    def log_finished(self, export_id: str, rows: int, at: datetime) -> None:
        self.log.update_one({"_id": export_id}, {"$set": {"rows": rows, "finished_at": at}})

    @staticmethod
    def _after(collection, after: str, limit: int, fields: dict) -> list[dict]:
        query = {"_id": {"$gt": after}} if after else {}
        found = collection.find(query, fields).sort("_id", ASCENDING).limit(limit)
        return list(found.batch_size(limit))
