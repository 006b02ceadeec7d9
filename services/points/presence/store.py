"""The presence collections: codes issued (hashed, each spent by one operation) and wrong
codes counted per member. The only code here that touches MongoDB. The store, not
Redis, keeps these, so a code stays spent and a lock stays on through a Redis outage."""

from __future__ import annotations

from datetime import datetime

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from services.points.presence.domain import LOCK_WINDOW, PresenceCode


class PresenceStore:
    def __init__(self, db) -> None:
        self._codes = db["presence_codes"]
        self._wrong = db["presence_wrong_codes"]

    def ensure_indexes(self) -> None:
        # Codes and counts are worth nothing once their time is over.
        self._codes.create_index("expires_at", expireAfterSeconds=0)
        self._wrong.create_index("window_ends", expireAfterSeconds=0)

    def add(self, code: PresenceCode) -> bool:
        """Keeps a new code (hashed); False when the member has that code already."""
        try:
            self._codes.insert_one(
                {"_id": code.digest, "expires_at": code.expires_at, "operation": None}
            )
            return True
        except DuplicateKeyError:
            return False

    def spend(self, digest: str, operation: str, now: datetime) -> bool:
        """Spends the unexpired code for `operation`, once; True also when that same
        operation spent it before (a retry)."""
        taken = self._codes.find_one_and_update(
            {"_id": digest, "expires_at": {"$gt": now}, "operation": None},
            {"$set": {"operation": operation}},
        )
        if taken is not None:
            return True
        found = self._codes.find_one({"_id": digest})
        return found is not None and found["operation"] == operation

    def wrong_codes(self, member_id: str, now: datetime) -> int:
        """Wrong codes given for the member in the window still open."""
        doc = self._wrong.find_one({"_id": member_id, "window_ends": {"$gt": now}})
        return doc["count"] if doc else 0

    def count_wrong_code(self, member_id: str, now: datetime) -> int:
        """One more wrong code (atomically, whatever runs beside it); answers the count."""
        self._wrong.delete_one({"_id": member_id, "window_ends": {"$lte": now}})
        for _ in range(2):  # two first counts at once: one inserts, the other increments
            try:
                doc = self._wrong.find_one_and_update(
                    {"_id": member_id},
                    {"$inc": {"count": 1}, "$setOnInsert": {"window_ends": now + LOCK_WINDOW}},
                    upsert=True,
                    return_document=ReturnDocument.AFTER,
                )
                return doc["count"]
            except DuplicateKeyError:
                continue
        return self.wrong_codes(member_id, now)
