"""The events the tiers announce (loyalty.events.v1): tier.changed when a member moves on
the ladder, tier.ladder_changed when the ladder is replaced; and the ladder and its tiers
as the contract shows them (loyalty.members.v1.TierLadder, Tier)."""

from __future__ import annotations

from datetime import datetime

from common import events as bus
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import tiers_pb2
from services.members.directory.domain.members import Member
from services.members.directory.events import outbox_entry
from services.members.tiers.domain import Ladder, Tier, TierChanged

REASONS = {
    "enrolment": tiers_pb2.TIER_CHANGE_REASON_ENROLMENT,
    "threshold": tiers_pb2.TIER_CHANGE_REASON_THRESHOLD_REACHED,
    "drop_one": tiers_pb2.TIER_CHANGE_REASON_REVIEW_DROP_ONE,
    "recalculate": tiers_pb2.TIER_CHANGE_REASON_REVIEW_RECALCULATED,
    "manual": tiers_pb2.TIER_CHANGE_REASON_MANUAL,
}
MEASURES = {
    tiers_pb2.QUALIFYING_MEASURE_POINTS: "points",
    tiers_pb2.QUALIFYING_MEASURE_SPEND: "spend",
}
WINDOWS = {
    tiers_pb2.WINDOW_KIND_ROLLING_MONTHS: "rolling_months",
    tiers_pb2.WINDOW_KIND_CALENDAR_YEAR: "calendar_year",
}
DOWNGRADES = {
    tiers_pb2.DOWNGRADE_MODE_DROP_ONE_TIER: "drop_one",
    tiers_pb2.DOWNGRADE_MODE_RECALCULATE: "recalculate",
}


def announce(
    changed: TierChanged, member: Member, request_id: str, when: datetime
) -> tuple[str, bytes]:
    """(event id, serialized envelope) for the member's outbox."""
    change = changed.change
    event = events_pb2.TierChanged(
        from_tier=tier_message(changed.from_tier, changed.ladder),
        to_tier=tier_message(changed.to_tier, changed.ladder),
        upgrade=changed.upgrade,
        reason=REASONS[change.reason],
        qualifying_value=change.qualifying,
        tier_change_id=change.tier_change_id,
        ladder_version=change.ladder_version,
        effective_at=bus.timestamp(change.at),
    )
    return outbox_entry("tier.changed", member.member_id, request_id, when, tier_changed=event)


def ladder_changed(ladder: Ladder, request_id: str) -> tuple[str, bytes]:
    """(event id, serialized envelope) for the ladder's outbox."""
    return outbox_entry(
        "tier.ladder_changed",
        "",
        request_id,
        None,
        tier_ladder_changed={"ladder": ladder_message(ladder)},
    )


def ladder_message(ladder: Ladder) -> tiers_pb2.TierLadder:
    return tiers_pb2.TierLadder(
        measure={v: k for k, v in MEASURES.items()}[ladder.measure],
        currency=ladder.currency,
        window=tiers_pb2.QualificationWindow(
            kind={v: k for k, v in WINDOWS.items()}[ladder.window], months=ladder.window_months
        ),
        tiers=[tier_message(tier, ladder) for tier in ladder.tiers],
        downgrade=tiers_pb2.DowngradePolicy(
            review_period_months=ladder.review_months,
            grace_period_days=ladder.grace_days,
            mode={v: k for k, v in DOWNGRADES.items()}[ladder.downgrade],
        ),
        version=ladder.version,
        updated_at=bus.timestamp(ladder.updated_at),
        updated_by=ladder.updated_by,
    )


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
            flags=tier.flags,
        ),
        **threshold,
    )
