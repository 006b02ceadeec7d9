"""TiersService over gRPC: the ladder, a member's tier and history, the review job."""

from __future__ import annotations

from datetime import UTC, datetime

from common import clock
from common import events as bus
from common.grpc_errors import FieldViolation, invalid
from common.validation import Checks
from loyalty.members.v1 import tiers_pb2, tiers_pb2_grpc
from services.members.servicer import DOMAIN, rpc
from services.members.tiers.engine import REASONS, TierEngine, qualifying_total, tier_message
from services.members.tiers.ladder import Ladder, Tier, problems
from services.members.tiers.ladders import Ladders

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


class TiersServicer(tiers_pb2_grpc.TiersServiceServicer):
    def __init__(self, ladders: Ladders, engine: TierEngine) -> None:
        self.ladders = ladders
        self.engine = engine

    @rpc
    def GetTierLadder(self, request, context):
        ladder = self.ladders.current()
        return tiers_pb2.GetTierLadderResponse(ladder=ladder_message(ladder) if ladder else None)

    @rpc
    def ValidateTierLadder(self, request, context):
        found = problems(ladder_of(request.ladder))
        return tiers_pb2.ValidateTierLadderResponse(
            valid=not found,
            problems=[tiers_pb2.LadderProblem(field=f, description=d) for f, d in found],
        )

    @rpc
    def SetTierLadder(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("actor", request.actor)
        checks.text("reason", request.reason, max_length=500)
        ladder = ladder_of(request.ladder)
        for field, description in problems(ladder):
            checks.fail(field, description)
        checks.done()
        stored = self.ladders.replace(ladder, request.expected_version)
        return tiers_pb2.SetTierLadderResponse(ladder=ladder_message(stored))

    @rpc
    def GetMemberTier(self, request, context):
        member = self.engine.directory.get(request.member_id)
        ladder = self.ladders.current()
        return tiers_pb2.GetMemberTierResponse(
            member_tier=member_tier_message(member, ladder, clock.now())
        )

    @rpc
    def ListTierHistory(self, request, context):
        member = self.engine.directory.get(request.member_id)
        history = list(reversed(member.get("tier_history", [])))
        return tiers_pb2.ListTierHistoryResponse(
            changes=[_change_message(member, h) for h in history]
        )

    @rpc
    def SetMemberTier(self, request, context):
        checks = Checks(DOMAIN)
        for field in ("idempotency_key", "member_id", "tier_code", "actor"):
            checks.text(field, getattr(request, field))
        checks.text("reason", request.reason, max_length=500)
        checks.done()
        member, replayed = self.engine.set_by_hand(
            request.member_id,
            request.tier_code,
            request.actor,
            request.reason,
            request.idempotency_key,
        )
        return tiers_pb2.SetMemberTierResponse(
            member_tier=member_tier_message(member, self.ladders.current(), clock.now()),
            change=_change_message(member, member["tier_history"][-1]),
            replayed=replayed,
        )

    @rpc
    def RunTierReview(self, request, context):
        as_of = request.as_of.ToDatetime(UTC) if request.HasField("as_of") else clock.now()
        counts = self.engine.review(as_of, request.limit, request.dry_run)
        return tiers_pb2.RunTierReviewResponse(
            reviewed=counts.reviewed,
            retained=counts.retained,
            grace_started=counts.grace_started,
            in_grace=counts.in_grace,
            downgraded=counts.downgraded,
            more=bool(request.limit) and counts.reviewed >= request.limit,
        )


def _change_message(member: dict, change: dict) -> tiers_pb2.TierChange:
    return tiers_pb2.TierChange(
        tier_change_id=change["tier_change_id"],
        member_id=member["_id"],
        from_tier_code=change["from"],
        to_tier_code=change["to"],
        reason=REASONS[change["reason"]],
        detail=change.get("detail", ""),
        actor=change.get("actor", ""),
        qualifying_value=change["qualifying"],
        event_id=change["event_id"],
        ladder_version=change["ladder_version"],
        changed_at=bus.timestamp(change["at"]),
    )


def ladder_of(message: tiers_pb2.TierLadder) -> Ladder:
    measure = MEASURES.get(message.measure, "")
    return Ladder(
        measure=measure,
        currency=message.currency,
        window=WINDOWS.get(message.window.kind, ""),
        window_months=message.window.months,
        tiers=tuple(
            Tier(
                code=t.code,
                names=dict(t.name),
                threshold=t.threshold_points
                if measure != "spend"
                else t.threshold_spend.amount_minor,
                earn_multiplier_bp=t.benefits.earn_multiplier_bp or 10_000,
                free_shipping=t.benefits.free_shipping,
                priority_service=t.benefits.priority_service,
                exclusive_rewards=t.benefits.exclusive_rewards,
            )
            for t in message.tiers
        ),
        review_months=message.downgrade.review_period_months,
        grace_days=message.downgrade.grace_period_days,
        downgrade=DOWNGRADES.get(message.downgrade.mode, ""),
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
    )


def member_tier_message(member: dict, ladder: Ladder | None, now: datetime):
    if ladder is None:
        raise invalid([FieldViolation("ladder", "no tier ladder is configured")], DOMAIN)
    total = qualifying_total(member.get("qualifying", []), ladder, now)
    tier = ladder.tier(member.get("tier_code", "")) or ladder.tiers[0]
    rank = ladder.rank(tier.code)
    following = ladder.tiers[rank + 1] if rank + 1 < len(ladder.tiers) else None
    remaining = max(following.threshold - total, 0) if following else 0
    grace = member.get("grace_since")
    return tiers_pb2.MemberTier(
        member_id=member["_id"],
        tier=tier_message(tier, ladder),
        qualifying_value=total,
        window_start=bus.timestamp(ladder.window_start(now)),
        window_end=bus.timestamp(now),
        next_tier=tier_message(following, ladder),
        remaining_to_next=remaining,
        progress=min(total / following.threshold, 1.0) if following else 1.0,
        achieved_at=bus.timestamp(member.get("tier_achieved_at")),
        next_review_at=bus.timestamp(member.get("tier_review_at")),
        below_threshold=ladder.earned_tier(total).threshold < tier.threshold,
        grace_until=bus.timestamp(ladder.grace_until(grace)) if grace else None,
        ladder_version=ladder.version,
    )
