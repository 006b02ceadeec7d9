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
        self.event_outbox = db["event_outbox"]

    def ensure_indexes(self) -> None:
        for field in UNIQUE_FIELDS:
            self.members.create_index(field, unique=True, sparse=True)
        self.members.create_index("outbox._id", sparse=True)

    def next_serial(self, name: str) -> int:
        doc = self.counters.find_one_and_update(
            {"_id": name},
            {"$inc": {"value": 1}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        return doc["value"]

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

    def members_with_outbox(self, limit: int = 500) -> list[str]:
        return [d["_id"] for d in self.members.find(HAS_OUTBOX, {"_id": 1}).limit(limit)]

    def take_outbox(self, member_ids: set[str]) -> list[dict]:
        """The outbox items of these members (to queue, then `drop_outbox`)."""
        docs = self.members.find({"_id": {"$in": list(member_ids)}, **HAS_OUTBOX}, {"outbox": 1})
        return [item for doc in docs for item in doc["outbox"]]

    def drop_outbox(self, member_ids: set[str], event_ids: list[str]) -> None:
        self.members.update_many(
            {"_id": {"$in": list(member_ids)}}, {"$pull": {"outbox": {"_id": {"$in": event_ids}}}}
        )


def _outbox(events: list[tuple[str, bytes]]) -> list[dict]:
    return [{"_id": event_id, "event": event} for event_id, event in events]
