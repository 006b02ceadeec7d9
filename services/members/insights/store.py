"""The insights' MongoDB collections.

purchase_facts        one document per purchase (key: partner and transaction), written
                      from points.earned and amended by points.reversed, both idempotent
                      by event id
segment_computations  one document per run of the segments job
segment_members       each member's segments in a run (key: run and member)
nps_answers           survey answers (key: the request's idempotency key)
points_moved          points issued, redeemed and expired by each ledger event that moves
                      them, at which partner (key: the event id, so a redelivered event
                      counts once; an expiry has one per partner its lots were earned at)
custom_event_facts    each member's custom events (key: the event id, so a redelivered
                      event counts once): who, which name, when; MongoDB deletes each
                      once CUSTOM_EVENTS_KEPT old (a TTL index)
event_segments        the custom event segments the CRM team defined (key: segment id)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta

from pymongo.errors import DuplicateKeyError

from services.members.insights.domain import (
    MAX_EVENT_DAYS,
    Computation,
    CustomEventDone,
    EventSegment,
    MemberSegment,
    NpsAnswer,
    PointsMoved,
    Purchase,
    PurchaseMade,
    PurchaseReturned,
)

# A segment counts a member's events of the last MAX_EVENT_DAYS before its computation:
# twice that keeps a computation as of any day of the past year exact, and the facts of
# an app's every check-in from growing without end.
CUSTOM_EVENTS_KEPT = timedelta(days=2 * MAX_EVENT_DAYS)


class InsightsStore:
    def __init__(self, db) -> None:
        self.purchases = db["purchase_facts"]
        self.snapshots = db["segment_members"]
        self.computations = db["segment_computations"]
        self.nps_answers = db["nps_answers"]
        self.points_moved = db["points_moved"]
        self.custom_events = db["custom_event_facts"]
        self.event_segments = db["event_segments"]

    def ensure_indexes(self) -> None:
        self.custom_events.create_index([("name", 1), ("at", 1)])
        self.custom_events.create_index(
            "at", expireAfterSeconds=int(CUSTOM_EVENTS_KEPT.total_seconds()), name="kept"
        )
        self.purchases.create_index("member_id")
        self.snapshots.create_index([("computation_id", 1), ("segment_ids", 1), ("member_id", 1)])
        self.points_moved.create_index("at")
        self.points_moved.create_index("entry_id", sparse=True)
        self.points_moved.create_index("lot_id", sparse=True)

    # Purchases

    def record_purchase(self, purchase: PurchaseMade) -> None:
        """Records a purchase once (a redelivered event changes nothing)."""
        self.purchases.update_one(
            {"_id": f"{purchase.partner_id}/{purchase.transaction_id}"},
            {
                "$setOnInsert": {
                    "member_id": purchase.member_id,
                    "at": purchase.at,
                    "amount_minor": purchase.amount_minor,
                    "currency": purchase.currency,
                    "partner_id": purchase.partner_id,
                    "returns": {},
                }
            },
            upsert=True,
        )

    def record_return(self, returned: PurchaseReturned) -> None:
        """Records a return on its purchase, once per event (a purchase not recorded
        is left unrecorded)."""
        self.purchases.update_one(
            {"_id": f"{returned.partner_id}/{returned.transaction_id}"},
            {
                "$set": {
                    f"returns.{returned.event_id}": returned.amount_minor,
                    "fully_returned": returned.fully_returned,
                }
            },
        )

    def purchases_in(self, currency: str, partner_id: str = "") -> list[Purchase]:
        """Every purchase in `currency` (at `partner_id`'s stores, if given), net of its
        returns."""
        query = {"currency": currency}
        if partner_id:  # the key begins with the partner (older facts have no partner_id)
            query["_id"] = {"$regex": f"^{re.escape(partner_id)}/"}
        return [
            Purchase(
                p["member_id"],
                p["at"],
                p["amount_minor"] - sum(p.get("returns", {}).values()),
                p.get("fully_returned", False),
            )
            for p in self.purchases.find(query)
        ]

    # Points issued and redeemed

    def record_points(self, moved: PointsMoved) -> None:
        """Records what an event moved, once."""
        fields = {k: v for k, v in vars(moved).items() if k not in ("event_id", "refunds_entry_id")}
        for optional in ("entry_id", "lot_id"):  # sparse indexes: stored only when known
            if not fields[optional]:
                del fields[optional]
        self.points_moved.update_one({"_id": moved.event_id}, {"$setOnInsert": fields}, upsert=True)

    def points_moved_between(
        self, start: datetime, end: datetime, partner_id: str | None = None
    ) -> Iterator[tuple[datetime, int, int, int]]:
        """(when, points issued, redeemed, expired) of each event recorded in [start, end),
        at `partner_id` only if given; streamed."""
        query: dict = {"at": {"$gte": start, "$lt": end}}
        if partner_id is not None:
            query["partner_id"] = partner_id
        fields = {"at": 1, "issued": 1, "redeemed": 1, "expired": 1}
        for doc in self.points_moved.find(query, fields):
            yield doc["at"], doc["issued"], doc["redeemed"], doc.get("expired", 0)

    def owed_changes_since(self, instant: datetime) -> Iterator[tuple[datetime, int]]:
        """(when, change to the liability) of each event recorded at or after `instant`
        with its change; streamed."""
        query = {"at": {"$gte": instant}, "owed": {"$exists": True}}
        for doc in self.points_moved.find(query, {"at": 1, "owed": 1}):
            yield doc["at"], doc["owed"]

    def owed_recorded_from(self) -> datetime | None:
        """The instant of the first event recorded with its change to the liability
        (events recorded before this was kept have none); None if there is none."""
        first = self.points_moved.find({"owed": {"$exists": True}}, {"at": 1}).sort("at", 1)
        found = list(first.limit(1))
        return found[0]["at"] if found else None

    def partner_of_entry(self, entry_id: str) -> str:
        """The partner of the ledger entry that moved points ("" if none or unseen)."""
        doc = self.points_moved.find_one({"entry_id": entry_id}, {"partner_id": 1})
        return doc.get("partner_id", "") if doc else ""

    def lot_partners(self, lot_ids: list[str]) -> dict[str, str]:
        """The partner each of the lots was earned at (lots unseen are left out)."""
        found = self.points_moved.find({"lot_id": {"$in": lot_ids}}, {"lot_id": 1, "partner_id": 1})
        return {doc["lot_id"]: doc.get("partner_id", "") for doc in found}

    # Custom events and their segments

    def record_custom_event(self, done: CustomEventDone) -> None:
        """Records the event once (a redelivered event changes nothing)."""
        self.custom_events.update_one(
            {"_id": done.event_id},
            {"$setOnInsert": {"member_id": done.member_id, "name": done.name, "at": done.at}},
            upsert=True,
        )

    def custom_events_between(
        self, names: list[str], start: datetime, end: datetime
    ) -> Iterator[tuple[str, str, datetime]]:
        """(member id, name, when) of the events of `names` in (start, end], streamed."""
        query = {"name": {"$in": names}, "at": {"$gt": start, "$lte": end}}
        for doc in self.custom_events.find(query, {"member_id": 1, "name": 1, "at": 1}):
            yield doc["member_id"], doc["name"], doc["at"]

    def event_segment_definitions(self) -> list[EventSegment]:
        found = self.event_segments.find().sort("_id", 1)
        return [EventSegment(**{k: v for k, v in d.items() if k != "_id"}) for d in found]

    def add_event_segment(self, segment: EventSegment) -> EventSegment:
        """Stores the definition; if its id is taken, the one stored under it."""
        try:
            self.event_segments.insert_one({"_id": segment.segment_id, **vars(segment)})
            return segment
        except DuplicateKeyError:
            doc = self.event_segments.find_one({"_id": segment.segment_id})
        return EventSegment(**{k: v for k, v in doc.items() if k != "_id"})

    def remove_event_segment(self, segment_id: str) -> EventSegment | None:
        doc = self.event_segments.find_one_and_delete({"_id": segment_id})
        return EventSegment(**{k: v for k, v in doc.items() if k != "_id"}) if doc else None

    def count_event_segments(self) -> int:
        return self.event_segments.count_documents({})

    # Segment computations

    def save_computation(self, computation: Computation, segments: list[MemberSegment]) -> None:
        """The members' segments first, then the computation that makes them visible."""
        computation_id = computation.computation_id
        if segments:
            self.snapshots.insert_many(
                [
                    {
                        "_id": f"{computation_id}:{s.member_id}",
                        "computation_id": computation_id,
                        **vars(s),
                    }
                    for s in segments
                ]
            )
        self.computations.insert_one(_document(computation, "computation_id"))

    def latest(self) -> Computation | None:
        found = list(self.computations.find().sort("finished_at", -1).limit(1))
        return _computation(found[0]) if found else None

    def has_computation(self, computation_id: str) -> bool:
        return self.computations.count_documents({"_id": computation_id}, limit=1) > 0

    def member_segment(self, member_id: str, computation_id: str) -> MemberSegment | None:
        doc = self.snapshots.find_one({"_id": f"{computation_id}:{member_id}"})
        if doc is None:
            return None
        fields = {k: v for k, v in doc.items() if k not in ("_id", "computation_id")}
        return MemberSegment(**{**fields, "rfm": tuple(fields["rfm"])})

    def segment_members(
        self, computation_id: str, segment_id: str, skip: int, limit: int
    ) -> tuple[list[str], int]:
        """A page of the ids of the members in a segment of a computation, and how many
        it has in all."""
        query = {"computation_id": computation_id, "segment_ids": segment_id}
        total = self.snapshots.count_documents(query)
        docs = self.snapshots.find(query, {"member_id": 1}).sort("member_id", 1)
        return [d["member_id"] for d in docs.skip(skip).limit(limit)], total

    # Survey answers

    def add_nps_answer(self, answer: NpsAnswer) -> NpsAnswer | None:
        """Records the answer; if its id is taken, the answer recorded under it instead."""
        try:
            self.nps_answers.insert_one(_document(answer, "answer_id"))
            return None
        except DuplicateKeyError:
            earlier = self.nps_answers.find_one({"_id": answer.answer_id})
        return NpsAnswer(earlier.pop("_id"), **earlier)

    def nps_answers_between(self, start: datetime, end: datetime) -> list[tuple[datetime, int]]:
        """(when, score) of the answers given in [start, end)."""
        query = {"answered_at": {"$gte": start, "$lt": end}}
        fields = {"answered_at": 1, "score": 1}
        return [(a["answered_at"], a["score"]) for a in self.nps_answers.find(query, fields)]


def _document(value, id_field: str) -> dict:
    """A dataclass as a document, its field `id_field` as the _id."""
    fields = dict(vars(value))
    return {"_id": fields.pop(id_field), **fields}


def _computation(doc: dict) -> Computation:
    return Computation(computation_id=doc.pop("_id"), **doc)
