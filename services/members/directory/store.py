"""The members service's MongoDB collections for members, and its outbox.

members       one document per member: profile, consents with their history, status,
              identifiers, tier standing, and the outbox of events its changes announce.
              Phone, e-mail, card number, QR token and referral code are unique through
              sparse unique indexes, so two enrolments racing for one phone cannot both
              succeed (and an erased member, whose fields are removed, holds none of them).
              name_words, the name's folded words (domain/names.py), is written with the
              name and indexed, so a search by name reads the index, and goes with the
              name at erasure.
counters      serials for member and card numbers.
event_outbox  events waiting for Redis (common.outbox), taken from the outboxes of the
              members and of the tier ladder (tiers/store.py).

Every change is one version-checked update of one member document, events included: the
fields the change gave a new value are set, those it emptied are removed.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime

import redis
from pymongo import ReturnDocument
from pymongo.errors import BulkWriteError, DuplicateKeyError

from common import outbox
from common.outbox import DUPLICATE_KEY
from services.members.directory.domain.members import (
    Consent,
    ConsentRecord,
    Member,
    MemberFilter,
    MemberSummary,
    Taken,
)
from services.members.directory.domain.names import name_words
from services.members.tiers.domain import Qualifying, TierChange, TierStanding

# The enrolment's idempotency key is kept on the member itself: the member and the record
# of the request that made it are one atomic insert.
# The member number is unique by its serial; its index serves the call centre's lookup.
UNIQUE_FIELDS = (
    "enrolment_key",
    "phone",
    "email",
    "card_number",
    "qr_token",
    "referral_code",
    "member_number",
)
# Stored only when not empty: the unique identifiers (their indexes are sparse, so only
# present values count), what erasure removes, and what only some members have.
SPARSE_FIELDS = {
    *UNIQUE_FIELDS,
    "enrolment_fingerprint",
    "name",
    "name_words",
    "birthday",
    "enrolment_partner_id",
    "enrolment_store_id",
    "qr_rotation_key",
    "tier_manual_key",
    "tier_history",
    "qualifying",
    "tier_events",
}
HAS_OUTBOX = {"outbox._id": {"$exists": True}}
WITHOUT_OUTBOX = {"outbox": 0}


class MemberStore:
    def __init__(self, db) -> None:
        self.members = db["members"]
        self.counters = db["counters"]

    def ensure_indexes(self) -> None:
        for field in UNIQUE_FIELDS:
            self.members.create_index(field, unique=True, sparse=True)
        self.members.create_index("outbox._id", sparse=True)
        self.members.create_index("tier_review_at", sparse=True)
        self.members.create_index("referred_by", sparse=True)
        self.members.create_index([("enrolled_at", -1), ("_id", 1)])
        self.members.create_index("name_words", sparse=True)

    def add_name_words(self, batch: int = 500) -> int:
        """Writes name_words on the members stored before it existed (once per deployment,
        with the indexes); how many. A member whose name changed meanwhile is left to the
        write that changed it, which wrote the words too."""
        query = {"name": {"$exists": True}, "name_words": {"$exists": False}}
        added = 0
        while docs := list(self.members.find(query, {"name": 1}).limit(batch)):
            for doc in docs:
                words = name_words(doc["name"]) or ["-"]  # a name of no word: none to find
                self.members.update_one(
                    {"_id": doc["_id"], "name": doc["name"]}, {"$set": {"name_words": words}}
                )
            added += len(docs)
        return added

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

    def next_serials(self, name: str, count: int) -> int:
        """The first of `count` consecutive numbers of the counter `name`, taken at once (a
        bulk import's members)."""
        doc = self.counters.find_one_and_update(
            {"_id": name},
            {"$inc": {"value": count}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        return doc["value"] - count + 1

    # Writing

    def insert(self, member: Member, events: list[tuple[str, bytes]]) -> None:
        """Inserts a new member with its events; Taken names the identifier in use."""
        doc = _document(member)
        try:
            self.members.insert_one({**doc, "outbox": _outbox(events)})
        except DuplicateKeyError:
            raise Taken(self._taken_field(doc)) from None

    def insert_many(self, members: list[Member]) -> dict[int, str]:
        """Inserts new members in one round trip (a bulk import's batch, whose events go
        straight to the queue: EventOutbox.queue); the ones refused, by index, with the
        identifier another member holds."""
        docs = [{**_document(member), "outbox": []} for member in members]
        if not docs:
            return {}
        try:
            self.members.insert_many(docs, ordered=False)
            return {}
        except BulkWriteError as error:
            failed = error.details["writeErrors"]
            if any(e["code"] != DUPLICATE_KEY for e in failed):
                raise
        return {
            e["index"]: self._taken_field(docs[e["index"]], docs[e["index"]]["_id"]) for e in failed
        }

    def update(
        self, before: Member, after: Member, events: list[tuple[str, bytes]]
    ) -> Member | None:
        """`after` written over `before` with its events, unless the member's version
        moved meanwhile (then None); Taken names an identifier another member holds."""
        old, new = _document(before), _document(after)
        changes = {k: v for k, v in new.items() if k != "version" and old.get(k) != v}
        update = {
            "$set": {**changes, "version": before.version + 1},
            "$push": {"outbox": {"$each": _outbox(events)}},
        }
        removed = [k for k in old if k not in new]
        if removed:
            update["$unset"] = dict.fromkeys(removed, "")
        try:
            doc = self.members.find_one_and_update(
                {"_id": before.member_id, "version": before.version},
                update,
                WITHOUT_OUTBOX,
                return_document=ReturnDocument.AFTER,
            )
        except DuplicateKeyError:
            raise Taken(self._taken_field(changes, before.member_id)) from None
        return None if doc is None else _member(doc)

    def _taken_field(self, doc: dict, member_id: str = "") -> str:
        for field in UNIQUE_FIELDS:
            value = doc.get(field)
            if value and self.members.find_one({field: value, "_id": {"$ne": member_id}}):
                return field
        return "member_id"

    # Reading

    def get(self, member_id: str) -> Member | None:
        doc = self.members.find_one({"_id": member_id}, WITHOUT_OUTBOX)
        return None if doc is None else _member(doc)

    def find(self, field: str, value: str) -> Member | None:
        """The member holding `value` in a unique field (a till's key, the enrolment key
        or the referral code)."""
        doc = self.members.find_one({field: value}, WITHOUT_OUTBOX)
        return None if doc is None else _member(doc)

    def holders(self, field: str, values: list[str]) -> dict[str, Member]:
        """The members holding each of `values` in a unique field, by value."""
        docs = self.members.find({field: {"$in": values}}, WITHOUT_OUTBOX)
        return {doc[field]: _member(doc) for doc in docs}

    def exists(self, member_id: str) -> bool:
        return self.members.find_one({"_id": member_id}, {"_id": 1}) is not None

    def many(self, member_ids: list[str]) -> dict[str, Member]:
        """The members among `member_ids` that exist, by id."""
        docs = self.members.find({"_id": {"$in": member_ids}}, WITHOUT_OUTBOX)
        return {doc["_id"]: _member(doc) for doc in docs}

    def enrolled_at(self, partner_id: str) -> set[str]:
        """The ids of the members (not erased) enrolled at the partner's stores."""
        query = {"enrolment_partner_id": partner_id, "status": {"$ne": "erased"}}
        return {doc["_id"] for doc in self.members.find(query, {"_id": 1})}

    def referred_by(self, member_id: str) -> list[Member]:
        """The members `member_id` referred, newest first."""
        docs = self.members.find({"referred_by": member_id}, WITHOUT_OUTBOX)
        return [_member(doc) for doc in docs.sort("enrolled_at", -1)]

    def birthdays(self, month: int, days: tuple[int, ...] = ()) -> list[Member]:
        """Active members born on one of `days` of `month` (or, without days, in it), by
        member id."""
        born = "|".join(f"-{month:02d}-{day:02d}$" for day in days)
        pattern = born or f"-{month:02d}-"
        query = {"birthday": {"$regex": pattern}, "status": "active"}
        return [_member(doc) for doc in self.members.find(query, WITHOUT_OUTBOX).sort("_id", 1)]

    def listing(self, which: MemberFilter, skip: int, limit: int) -> list[Member]:
        """The members `which` lets through, newest first."""
        query: dict = {}
        if which.statuses:
            query["status"] = {"$in": list(which.statuses)}
        if which.tier_codes:
            query["tier_code"] = {"$in": list(which.tier_codes)}
        window = {k: v for k, v in (("$gte", which.enrolled_from), ("$lt", which.enrolled_to)) if v}
        if window:
            query["enrolled_at"] = window
        if which.name_words:  # each word starts a word of the name: a range of the index
            query["$and"] = [
                {"name_words": {"$regex": f"^{re.escape(word)}"}} for word in which.name_words
            ]
        docs = self.members.find(query, WITHOUT_OUTBOX).sort([("enrolled_at", -1), ("_id", 1)])
        return [_member(doc) for doc in docs.skip(skip).limit(limit)]

    def due_for_review(self, as_of: datetime, limit: int) -> list[str]:
        """Ids of the members whose tier review is due by `as_of` (at most `limit`, 0: all)."""
        query = {"tier_review_at": {"$lte": as_of}, "status": {"$ne": "erased"}}
        return [d["_id"] for d in self.members.find(query, {"_id": 1}).limit(limit or 0)]

    def summaries(self, *, active_only: bool) -> list[MemberSummary]:
        """Every active member (or, with active_only False, every member not erased)."""
        query = {"status": "active"} if active_only else {"status": {"$ne": "erased"}}
        return [
            MemberSummary(doc["_id"], doc["enrolled_at"], doc.get("tier_code", ""))
            for doc in self.members.find(query, {"enrolled_at": 1, "tier_code": 1})
        ]

    def qualified_referrals(self) -> dict[str, int]:
        """How many of the members each member referred have qualified, by referrer."""
        counts: dict[str, int] = {}
        query = {"referral_qualified_at": {"$exists": True}, "referred_by": {"$ne": ""}}
        for doc in self.members.find(query, {"referred_by": 1}):
            counts[doc["referred_by"]] = counts.get(doc["referred_by"], 0) + 1
        return counts

    def referrals_made(self) -> dict[str, int]:
        """How many friends (not erased) enrolled with each member's referral code, by
        referrer."""
        counts: dict[str, int] = {}
        query = {"referred_by": {"$nin": ["", None]}, "status": {"$ne": "erased"}}
        for doc in self.members.find(query, {"referred_by": 1}):
            counts[doc["referred_by"]] = counts.get(doc["referred_by"], 0) + 1
        return counts


class EventOutbox:
    """The outboxes of the members' and the tier ladder's documents, and the queue their
    events move to on their way to Redis (common.outbox)."""

    def __init__(self, db) -> None:
        self.members = db["members"]
        self.settings = db["settings"]  # the tier ladder's document (tiers/store.py)
        self.event_outbox = db["event_outbox"]

    def holding_events(self, limit: int = 500) -> list[str]:
        """Ids of documents (members, and "tier_ladder") whose outbox holds events."""
        ids = [d["_id"] for d in self.members.find(HAS_OUTBOX, {"_id": 1}).limit(limit)]
        return ids + [d["_id"] for d in self.settings.find(HAS_OUTBOX, {"_id": 1})]

    def move_to_queue(self, ids: set[str], at: datetime) -> int:
        """Queues the events the documents `ids` hold and takes them out of the documents;
        returns how many."""
        query = {"_id": {"$in": list(ids)}, **HAS_OUTBOX}
        items = [
            item
            for collection in (self.members, self.settings)
            for doc in collection.find(query, {"outbox": 1})
            for item in doc["outbox"]
        ]
        if items:
            outbox.queue_events(self.event_outbox, [(i["_id"], i["event"], at) for i in items])
            taken = {"$pull": {"outbox": {"_id": {"$in": [item["_id"] for item in items]}}}}
            for collection in (self.members, self.settings):
                collection.update_many({"_id": {"$in": list(ids)}}, taken)
        return len(items)

    def queue(self, events: list[tuple[str, bytes]], at: datetime) -> None:
        """Queues events for Redis directly (a bulk import's, written after its members:
        see imports/service.py); ids queued before are skipped."""
        outbox.queue_events(
            self.event_outbox, [(event_id, event, at) for event_id, event in events]
        )

    def publish(self, client: redis.Redis, stream: str) -> int:
        """Publishes the queue to `stream`, oldest first (common.outbox.publish_queued)."""
        return outbox.publish_queued(self.event_outbox, client, stream)


def _outbox(events: list[tuple[str, bytes]]) -> list[dict]:
    return [{"_id": event_id, "event": event} for event_id, event in events]


# A member's document: its fields under their own names (member_id as _id), its consents
# and tier standing as below.
_FIELDS = [
    field
    for field in dataclasses.fields(Member)
    if field.name not in ("member_id", "preferred_channels", "consents", "consent_history", "tier")
]
# The tier standing's fields under the names the document gives them.
_STANDING_KEYS = {
    "code": "tier_code",
    "achieved_at": "tier_achieved_at",
    "review_at": "tier_review_at",
    "grace_since": "grace_since",
    "history": "tier_history",
    "qualifying": "qualifying",
    "counted_events": "tier_events",
    "manual_key": "tier_manual_key",
}
_CHANGE_KEYS = {"from_code": "from", "to_code": "to"}  # a tier history entry's renamed fields


def _document(member: Member) -> dict:
    doc = {
        "_id": member.member_id,
        **{field.name: getattr(member, field.name) for field in _FIELDS},
        "preferred_channels": list(member.preferred_channels),
        "consents": {channel: vars(c).copy() for channel, c in member.consents.items()},
        "consent_history": [vars(record).copy() for record in member.consent_history],
        "name_words": name_words(member.name),
        **_standing_document(member.tier),
    }
    return {k: v for k, v in doc.items() if v is not None and (v or k not in SPARSE_FIELDS)}


def _member(doc: dict) -> Member:
    return Member(
        member_id=doc["_id"],
        **{
            field.name: doc[field.name]
            if field.default is dataclasses.MISSING
            else doc.get(field.name, field.default)
            for field in _FIELDS
        },
        preferred_channels=tuple(doc.get("preferred_channels", ())),
        consents={channel: Consent(**c) for channel, c in doc.get("consents", {}).items()},
        consent_history=tuple(ConsentRecord(**r) for r in doc.get("consent_history", ())),
        tier=_standing(doc),
    )


def _standing_document(standing: TierStanding) -> dict:
    values = vars(standing) | {
        "history": [_renamed(dataclasses.asdict(c), _CHANGE_KEYS) for c in standing.history],
        "qualifying": [list(entry) for entry in standing.qualifying],
        "counted_events": list(standing.counted_events),
    }
    return _renamed(values, _STANDING_KEYS)


def _standing(doc: dict) -> TierStanding:
    values = {field: doc[key] for field, key in _STANDING_KEYS.items() if doc.get(key) is not None}
    fields = {key: field for field, key in _CHANGE_KEYS.items()}
    values["history"] = tuple(TierChange(**_renamed(c, fields)) for c in values.get("history", ()))
    values["qualifying"] = tuple(Qualifying(*entry) for entry in values.get("qualifying", ()))
    values["counted_events"] = tuple(values.get("counted_events", ()))
    return TierStanding(**values)


def _renamed(values: dict, names: dict[str, str]) -> dict:
    return {names.get(k, k): v for k, v in values.items()}
