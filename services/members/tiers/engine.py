"""The tier engine: qualifying totals from the ledger's events, upgrades at once,
downgrades only at the review, every change in the tier history and announced.

Each member's qualifying entries, the ids of the ledger events already counted, the tier,
its review date, grace and history live on the member's document, so counting an event
and the upgrade it causes are one atomic write: an event delivered twice counts once.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from common import clock
from common import events as bus
from common.clock import Clock
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import tiers_pb2
from services.members.directory.service import Directory, DirectoryError
from services.members.tiers.ladder import Ladder, Tier

REMEMBERED_EVENTS = 1000  # ledger event ids kept per member for deduplication
REASONS = {
    "enrolment": tiers_pb2.TIER_CHANGE_REASON_ENROLMENT,
    "threshold": tiers_pb2.TIER_CHANGE_REASON_THRESHOLD_REACHED,
    "drop_one": tiers_pb2.TIER_CHANGE_REASON_REVIEW_DROP_ONE,
    "recalculate": tiers_pb2.TIER_CHANGE_REASON_REVIEW_RECALCULATED,
    "manual": tiers_pb2.TIER_CHANGE_REASON_MANUAL,
}


@dataclasses.dataclass
class ReviewCounts:
    reviewed: int = 0
    retained: int = 0
    grace_started: int = 0
    in_grace: int = 0
    downgraded: int = 0


class TierEngine:
    def __init__(
        self,
        directory: Directory,
        ladders: Callable[[], Ladder | None],
        clock: Clock = clock.now,
    ) -> None:
        self.directory = directory
        self.ladders = ladders  # the current ladder (the ladder store's cached read)
        self.clock = clock

    # Counting the ledger's events

    def on_ledger_event(self, event: events_pb2.Envelope) -> None:
        ladder = self.ladders()
        amount = _qualifying(event, ladder) if ladder else None
        if amount is None or not event.member_id:
            return
        value, at = amount
        try:
            self.directory.change(
                event.member_id,
                lambda member, now: self._count(member, now, ladder, event.event_id, value, at),
            )
        except DirectoryError as error:
            if error.kind != "not_found":  # events of members this service never had
                raise

    def _count(
        self, member: dict, now: datetime, ladder: Ladder, event_id: str, value: int, at: datetime
    ):
        seen = member.get("tier_events", [])
        if event_id in seen or member["status"] == "erased":
            return None
        entries = [
            e
            for e in member.get("qualifying", [])
            if _aware(e[0]) >= ladder.window_start(now) - _MARGIN
        ] + [[at, value]]
        changes = {"qualifying": entries, "tier_events": [*seen, event_id][-REMEMBERED_EVENTS:]}
        total = qualifying_total(entries, ladder, now)
        earned = ladder.earned_tier(total)
        current = member.get("tier_code", "")
        if ladder.rank(earned.code) <= ladder.rank(current) and current:
            return changes, (), []
        return self._move(
            member,
            now,
            ladder,
            earned,
            "threshold",
            total,
            changes,
            event_id=event_id,
            upgrade=True,
        )

    # The review

    def review(self, as_of: datetime, limit: int = 0, dry_run: bool = False) -> ReviewCounts:
        ladder = self.ladders()
        counts = ReviewCounts()
        if ladder is None:
            return counts
        for member_id in self.directory.store.due_for_review(as_of, limit):
            counts.reviewed += 1
            outcome = self._review_one(member_id, ladder, as_of, dry_run)
            setattr(counts, outcome, getattr(counts, outcome) + 1)
        return counts

    def _review_one(self, member_id: str, ladder: Ladder, as_of: datetime, dry_run: bool):
        outcome = []

        def plan(member: dict, now: datetime):
            due = member.get("tier_review_at")
            if due is None or _aware(due) > as_of:  # another run reviewed it meanwhile
                outcome[:] = ["retained"]
                return None
            outcome[:] = [_review_outcome(member, ladder, as_of)]
            if dry_run or outcome[0] == "in_grace":
                return None
            total = qualifying_total(member.get("qualifying", []), ladder, as_of)
            if outcome[0] == "retained":
                return {"tier_review_at": ladder.next_review(as_of), "grace_since": None}, (), []
            if outcome[0] == "grace_started":
                return {"grace_since": as_of}, (), []
            current = ladder.rank(member.get("tier_code", ""))
            target = (
                ladder.tiers[current - 1]
                if ladder.downgrade == "drop_one"
                else ladder.earned_tier(total)
            )
            return self._move(
                member,
                now,
                ladder,
                target,
                ladder.downgrade,
                total,
                {"grace_since": None},
                review_at=as_of,
            )

        self.directory.change(member_id, plan)
        return outcome[0]

    # Changing a member's tier

    def set_by_hand(
        self, member_id: str, tier_code: str, actor: str, reason: str, idempotency_key: str
    ) -> tuple[dict, bool]:
        """Staff place a member in a tier, kept until the next review (which then applies
        the usual rules). The same key again changes nothing."""
        ladder = self.ladders()
        target = ladder.tier(tier_code) if ladder else None
        if target is None:
            raise DirectoryError(
                "precondition", "UNKNOWN_TIER", f"no tier {tier_code!r}", field="tier_code"
            )
        replayed = []

        def plan(member: dict, now: datetime):
            if member.get("tier_manual_key") == idempotency_key:
                replayed.append(True)
                return None
            total = qualifying_total(member.get("qualifying", []), ladder, now)
            changes, removed, announced = self._move(
                member,
                now,
                ladder,
                target,
                "manual",
                total,
                {"tier_manual_key": idempotency_key},
                upgrade=ladder.rank(tier_code) > ladder.rank(member.get("tier_code", "")),
            )
            changes["tier_history"][-1].update(actor=actor, detail=reason)
            return changes, removed, announced

        return self.directory.change(member_id, plan, refuse_erased=True), bool(replayed)

    def place_at_entry(self, member: dict, ladder: Ladder | None) -> dict:
        """Tier fields for a new member: the ladder's entry tier."""
        if ladder is None:
            return {}
        now = member["enrolled_at"]
        return {
            "tier_code": ladder.tiers[0].code,
            "tier_achieved_at": now,
            "tier_review_at": ladder.next_review(now),
            "tier_history": [_history(None, ladder.tiers[0], "enrolment", 0, now, ladder)],
        }

    def _move(
        self,
        member: dict,
        now: datetime,
        ladder: Ladder,
        target: Tier,
        reason: str,
        total: int,
        changes: dict,
        *,
        event_id: str = "",
        upgrade: bool = False,
        review_at: datetime | None = None,
    ):
        source = ladder.tier(member.get("tier_code", ""))
        entry = _history(source, target, reason, total, now, ladder, event_id)
        changes = {
            **changes,
            "tier_code": target.code,
            "tier_achieved_at": now,
            "tier_review_at": ladder.next_review(review_at or now),
            "tier_history": [*member.get("tier_history", []), entry],
        }
        event = events_pb2.TierChanged(
            from_tier=tier_message(source, ladder),
            to_tier=tier_message(target, ladder),
            upgrade=upgrade,
            reason=REASONS[reason],
            qualifying_value=total,
            tier_change_id=entry["tier_change_id"],
            ladder_version=ladder.version,
            effective_at=bus.timestamp(now),
        )
        return changes, (), [("tier.changed", {"tier_changed": event})]


# Entries a day older than the window are kept: a purchase reported late still counts.
_MARGIN = timedelta(days=1)


def _review_outcome(member: dict, ladder: Ladder, as_of: datetime) -> str:
    total = qualifying_total(member.get("qualifying", []), ladder, as_of)
    current = ladder.rank(member.get("tier_code", ""))
    if ladder.rank(ladder.earned_tier(total).code) >= current or current == 0:
        return "retained"
    since = member.get("grace_since")
    if since is None:
        return "grace_started"
    if as_of < ladder.grace_until(_aware(since)):
        return "in_grace"
    return "downgraded"


def _qualifying(event: events_pb2.Envelope, ladder: Ladder) -> tuple[int, datetime] | None:
    """(signed qualifying value, when it counts) of a ledger event, or None."""
    kind = event.WhichOneof("payload")
    if kind == "points_earned":
        earned = event.points_earned
        value = (
            earned.qualifying_points
            if ladder.measure == "points"
            else (earned.amount.amount_minor if earned.amount.currency == ladder.currency else 0)
        )
        return value, earned.purchased_at.ToDatetime(UTC)
    if kind == "points_reversed":
        reversed_ = event.points_reversed
        value = (
            reversed_.qualifying_points
            if ladder.measure == "points"
            else (
                reversed_.returned_amount.amount_minor
                if reversed_.returned_amount.currency == ladder.currency
                else 0
            )
        )
        return -value, reversed_.purchased_at.ToDatetime(UTC)
    if kind == "points_adjusted" and ladder.measure == "points":
        return event.points_adjusted.qualifying_points, event.occurred_at.ToDatetime(UTC)
    return None


def qualifying_total(entries: list, ladder: Ladder, now: datetime) -> int:
    start = ladder.window_start(now)
    return max(0, sum(value for at, value in entries if _aware(at) >= start))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _history(
    source: Tier | None,
    target: Tier,
    reason: str,
    total: int,
    now: datetime,
    ladder: Ladder,
    event_id: str = "",
) -> dict:
    return {
        "tier_change_id": uuid.uuid4().hex,
        "from": source.code if source else "",
        "to": target.code,
        "reason": reason,
        "qualifying": total,
        "event_id": event_id,
        "ladder_version": ladder.version,
        "at": now,
    }


def tier_message(tier: Tier | None, ladder: Ladder) -> tiers_pb2.Tier | None:
    if tier is None:
        return None
    threshold = (
        {"threshold_points": tier.threshold}
        if ladder.measure == "points"
        else {"threshold_spend": {"amount_minor": tier.threshold, "currency": ladder.currency}}
    )
    return tiers_pb2.Tier(
        code=tier.code,
        name=tier.names,
        rank=ladder.rank(tier.code),
        benefits=tiers_pb2.TierBenefits(
            earn_multiplier_bp=tier.earn_multiplier_bp,
            free_shipping=tier.free_shipping,
            priority_service=tier.priority_service,
            exclusive_rewards=tier.exclusive_rewards,
        ),
        **threshold,
    )
