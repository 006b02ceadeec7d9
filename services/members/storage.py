"""The members service's MongoDB collections.

members       one document per member: profile, consents with their history, status,
              identifiers, and the outbox of events its changes announce. Phone, e-mail,
              card number, QR token and referral code are unique through sparse unique
              indexes, so two enrolments racing for one phone cannot both succeed (and an
              erased member, whose fields are removed, holds none of them).
counters      serials for member and card numbers.
event_outbox  events waiting for Redis (common.outbox).

Every change is one version-checked update of one member document, events included.
"""

from __future__ import annotations

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

# The enrolment's idempotency key is kept on the member itself: the member and the record
# of the request that made it are one atomic insert.
UNIQUE_FIELDS = ("enrolment_key", "phone", "email", "card_number", "qr_token", "referral_code")
HAS_OUTBOX = {"outbox._id": {"$exists": True}}


class Taken(Exception):
    """A unique identifier already belongs to another member."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


class MemberStore:
    def __init__(self, db) -> None:
        self.members = db["members"]
        self.counters = db["counters"]
        self.settings = db["settings"]
        self.event_outbox = db["event_outbox"]

    def ensure_indexes(self) -> None:
        for field in UNIQUE_FIELDS:
            self.members.create_index(field, unique=True, sparse=True)
        self.members.create_index("outbox._id", sparse=True)
        self.members.create_index("tier_review_at", sparse=True)
        self.members.create_index("referred_by", sparse=True)
        self.members.create_index([("enrolled_at", -1), ("_id", 1)])

    def next_serial(self, name: str) -> int:
        """The next number of the counter `name` (made by its first use)."""
        for _attempt in range(5):
            try:
                doc = self.counters.find_one_and_update(
                    {"_id": name},
                    {"$inc": {"value": 1}},
                    upsert=True,
                    return_document=ReturnDocument.AFTER,
                )
            except DuplicateKeyError:
                doc = None  # two first uses at once: the other made it, so count on it
            if doc is not None:  # the development store answers None to that loser
                return doc["value"]
        raise RuntimeError(f"the counter {name} could not be advanced")

    def insert(self, doc: dict, events: list[tuple[str, bytes]]) -> None:
        """Inserts a new member with its events; Taken names the identifier in use."""
        try:
            self.members.insert_one({**doc, "outbox": _outbox(events)})
        except DuplicateKeyError:
            raise Taken(self._taken_field(doc)) from None

    def update(
        self,
        member_id: str,
        version: int,
        changes: dict,
        removed: tuple[str, ...],
        events: list[tuple[str, bytes]],
    ) -> dict | None:
        """The member after the change, or None if its version moved meanwhile."""
        update = {
            "$set": {**changes, "version": version + 1},
            "$push": {"outbox": {"$each": _outbox(events)}},
        }
        if removed:
            update["$unset"] = dict.fromkeys(removed, "")
        try:
            return self.members.find_one_and_update(
                {"_id": member_id, "version": version},
                update,
                {"outbox": 0},
                return_document=ReturnDocument.AFTER,
            )
        except DuplicateKeyError:
            raise Taken(self._taken_field(changes, member_id)) from None

    def due_for_review(self, as_of, limit: int) -> list[str]:
        query = {"tier_review_at": {"$lte": as_of}, "status": {"$ne": "erased"}}
        return [d["_id"] for d in self.members.find(query, {"_id": 1}).limit(limit or 0)]

    # The tier ladder: one document, changed with a version check, its events in it.

    def ladder(self) -> dict | None:
        return self.settings.find_one({"_id": "tier_ladder"}, {"outbox": 0})

    def replace_ladder(
        self, ladder: dict, expected_version: int, events: list[tuple[str, bytes]]
    ) -> bool:
        doc = {**ladder, "version": expected_version + 1}
        if expected_version == 0:
            try:
                self.settings.insert_one({"_id": "tier_ladder", **doc, "outbox": _outbox(events)})
                return True
            except DuplicateKeyError:
                return False
        written = self.settings.update_one(
            {"_id": "tier_ladder", "version": expected_version},
            {"$set": doc, "$push": {"outbox": {"$each": _outbox(events)}}},
        )
        return written.matched_count == 1

    def get(self, member_id: str) -> dict | None:
        return self.members.find_one({"_id": member_id}, {"outbox": 0})

    def find(self, field: str, value: str) -> dict | None:
        return self.members.find_one({field: value}, {"outbox": 0})

    def _taken_field(self, doc: dict, member_id: str = "") -> str:
        for field in UNIQUE_FIELDS:
            value = doc.get(field)
            if value and self.members.find_one({field: value, "_id": {"$ne": member_id}}):
                return field
        return "member_id"

    # The relay's writes

    def with_outbox(self, limit: int = 500) -> list[str]:
        """Member ids (and "tier_ladder") whose documents hold events to relay."""
        members = [d["_id"] for d in self.members.find(HAS_OUTBOX, {"_id": 1}).limit(limit)]
        return members + [d["_id"] for d in self.settings.find(HAS_OUTBOX, {"_id": 1})]

    def take_outbox(self, ids: set[str]) -> list[dict]:
        """The outbox items of these documents (to queue, then `drop_outbox`)."""
        query = {"_id": {"$in": list(ids)}, **HAS_OUTBOX}
        return [
            item
            for collection in (self.members, self.settings)
            for doc in collection.find(query, {"outbox": 1})
            for item in doc["outbox"]
        ]

    def drop_outbox(self, ids: set[str], event_ids: list[str]) -> None:
        for collection in (self.members, self.settings):
            collection.update_many(
                {"_id": {"$in": list(ids)}}, {"$pull": {"outbox": {"_id": {"$in": event_ids}}}}
            )


def _outbox(events: list[tuple[str, bytes]]) -> list[dict]:
    return [{"_id": event_id, "event": event} for event_id, event in events]
