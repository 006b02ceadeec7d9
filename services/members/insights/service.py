"""Insights: the purchases the members service learns from the ledger's events, and the
segment snapshots the CRM team targets.

Purchases are kept one document each (key: partner and transaction), written from
points.earned and amended by points.reversed, both idempotent by event id. A segment
computation reads members and purchases, computes every member's segments as of one
instant, and stores them as a snapshot with an id, so paging through a segment's members
stays consistent while a newer computation runs.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from pymongo.errors import DuplicateKeyError

from common import clock
from common.clock import Clock
from loyalty.events.v1 import events_pb2
from services.members.directory.service import DirectoryError
from services.members.insights import kpis
from services.members.insights.segments import MemberFacts, Params, Purchase, compute


class Insights:
    def __init__(self, db, clock: Clock = clock.now) -> None:
        self.members = db["members"]
        self.purchases = db["purchase_facts"]
        self.snapshots = db["segment_members"]
        self.computations = db["segment_computations"]
        self.nps_answers = db["nps_answers"]
        self.clock = clock

    def ensure_indexes(self) -> None:
        self.purchases.create_index("member_id")
        self.snapshots.create_index([("computation_id", 1), ("segment_ids", 1), ("member_id", 1)])

    # Learning purchases from the ledger

    def on_ledger_event(self, event: events_pb2.Envelope) -> None:
        kind = event.WhichOneof("payload")
        if kind == "points_earned":
            earned = event.points_earned
            self.purchases.update_one(
                {"_id": f"{earned.partner_id}/{earned.transaction_id}"},
                {
                    "$setOnInsert": {
                        "member_id": event.member_id,
                        "at": earned.purchased_at.ToDatetime(UTC),
                        "amount_minor": earned.amount.amount_minor,
                        "currency": earned.amount.currency,
                        "returns": {},
                    }
                },
                upsert=True,
            )
        elif kind == "points_reversed":
            reversed_ = event.points_reversed
            self.purchases.update_one(
                {"_id": f"{reversed_.partner_id}/{reversed_.original_transaction_id}"},
                {
                    "$set": {
                        f"returns.{event.event_id}": reversed_.returned_amount.amount_minor,
                        "fully_returned": reversed_.fully_returned,
                    }
                },
            )

    # Segments

    def recompute(self, as_of: datetime, params: Params) -> dict:
        started = self.clock()
        referrals = self._referral_counts()
        active = self.members.find({"status": "active"}, {"enrolled_at": 1, "tier_code": 1})
        facts = [
            MemberFacts(
                m["_id"],
                _aware(m["enrolled_at"]),
                m.get("tier_code", ""),
                referrals.get(m["_id"], 0),
            )
            for m in active
        ]
        purchases = self._purchases(params.currency)
        segments = compute(facts, purchases, as_of, params)
        computation_id = uuid.uuid4().hex
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
        counts: dict[str, int] = {}
        for segment in segments:
            for segment_id in segment.segment_ids:
                counts[segment_id] = counts.get(segment_id, 0) + 1
        computation = {
            "_id": computation_id,
            "as_of": as_of,
            "started_at": started,
            "currency": params.currency,
            "finished_at": self.clock(),
            "members": len(segments),
            "counts": counts,
        }
        self.computations.insert_one(computation)
        return computation

    def latest(self) -> dict | None:
        found = list(self.computations.find().sort("finished_at", -1).limit(1))
        return found[0] if found else None

    def has_computation(self, computation_id: str) -> bool:
        return self.computations.count_documents({"_id": computation_id}, limit=1) > 0

    def member_segment(self, member_id: str, computation_id: str) -> dict | None:
        return self.snapshots.find_one({"_id": f"{computation_id}:{member_id}"})

    def segment_members(
        self, computation_id: str, segment_id: str, skip: int, limit: int
    ) -> tuple[list[str], int]:
        query = {"computation_id": computation_id, "segment_ids": segment_id}
        total = self.snapshots.count_documents(query)
        docs = self.snapshots.find(query, {"member_id": 1}).sort("member_id", 1)
        return [d["member_id"] for d in docs.skip(skip).limit(limit)], total

    # KPIs and survey answers

    def kpis(self, start: datetime, end: datetime, currency: str):
        rows = [
            kpis.MemberRow(m["_id"], _aware(m["enrolled_at"]), m.get("tier_code", ""))
            for m in self.members.find(
                {"status": {"$ne": "erased"}}, {"enrolled_at": 1, "tier_code": 1}
            )
        ]
        scores = [
            a["score"]
            for a in self.nps_answers.find(
                {"answered_at": {"$gte": start, "$lt": end}}, {"score": 1}
            )
        ]
        return kpis.compute(rows, self._purchases(currency), scores, start, end)

    def record_nps(
        self, key: str, member_id: str, score: int, comment: str, survey: str, answered_at: datetime
    ) -> tuple[str, bool]:
        """(answer id, replayed); the same key with another answer is refused."""
        answer = {
            "_id": key,
            "member_id": member_id,
            "score": score,
            "comment": comment,
            "survey": survey,
            "answered_at": answered_at,
        }
        try:
            self.nps_answers.insert_one(answer)
            return key, False
        except DuplicateKeyError:
            earlier = self.nps_answers.find_one({"_id": key})
        if {k: earlier[k] for k in ("member_id", "score", "survey")} != {
            k: answer[k] for k in ("member_id", "score", "survey")
        }:
            raise DirectoryError(
                "exists",
                "IDEMPOTENCY_KEY_REUSED",
                "this key recorded another answer",
                field="idempotency_key",
            )
        return key, True

    def _purchases(self, currency: str) -> list[Purchase]:
        return [
            Purchase(
                p["member_id"],
                _aware(p["at"]),
                p["amount_minor"] - sum(p.get("returns", {}).values()),
                p.get("fully_returned", False),
            )
            for p in self.purchases.find({"currency": currency})
        ]

    def _referral_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        query = {"referral_qualified_at": {"$exists": True}, "referred_by": {"$ne": ""}}
        for member in self.members.find(query, {"referred_by": 1}):
            counts[member["referred_by"]] = counts.get(member["referred_by"], 0) + 1
        return counts


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
