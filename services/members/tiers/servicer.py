"""TiersService over gRPC: the ladder, a member's tier and history, the review job."""

from __future__ import annotations

from datetime import UTC

from common import events as bus
from common.grpc_errors import answering_refusals
from common.validation import Checks
from loyalty.members.v1 import tiers_pb2, tiers_pb2_grpc
from services.members.tiers.domain import Ladder, MemberTier, NoLadder, Tier, TierChange, problems
from services.members.tiers.events import (
    DOWNGRADES,
    MEASURES,
    REASONS,
    WINDOWS,
    ladder_message,
    tier_message,
)
from services.members.tiers.service import Ladders, TierEngine

DOMAIN = "loyalty.members.v1"
# Refusals and invalid requests become statuses with their details.
rpc = answering_refusals(DOMAIN)


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
        found = problems(ladder_of(request.ladder)) + _threshold_problems(request.ladder)
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
        for field, description in problems(ladder) + _threshold_problems(request.ladder):
            checks.fail(field, description)
        checks.done()
        stored = self.ladders.replace(ladder, request.expected_version, request.actor)
        return tiers_pb2.SetTierLadderResponse(ladder=ladder_message(stored))

    @rpc
    def GetMemberTier(self, request, context):
        try:
            found = self.engine.member_tier(request.member_id)
        except NoLadder:
            # No ladder yet is a normal state of the programme, not a bad request.
            return tiers_pb2.GetMemberTierResponse(ladder_configured=False)
        return tiers_pb2.GetMemberTierResponse(
            member_tier=_member_tier_message(request.member_id, found), ladder_configured=True
        )

    @rpc
    def ListTierHistory(self, request, context):
        history = self.engine.history(request.member_id)
        return tiers_pb2.ListTierHistoryResponse(
            changes=[_change_message(request.member_id, h) for h in history]
        )

    @rpc
    def SetMemberTier(self, request, context):
        checks = Checks(DOMAIN)
        for field in ("idempotency_key", "member_id", "tier_code", "actor"):
            checks.text(field, getattr(request, field))
        checks.text("reason", request.reason, max_length=500)
        checks.done()
        found, change, replayed = self.engine.place_by_hand(
            request.member_id,
            request.tier_code,
            request.actor,
            request.reason,
            request.idempotency_key,
        )
        return tiers_pb2.SetMemberTierResponse(
            member_tier=_member_tier_message(request.member_id, found),
            change=_change_message(request.member_id, change),
            replayed=replayed,
        )

    @rpc
    def RunTierReview(self, request, context):
        as_of = request.as_of.ToDatetime(UTC) if request.HasField("as_of") else None
        counts = self.engine.review(as_of, request.limit, request.dry_run)
        return tiers_pb2.RunTierReviewResponse(
            reviewed=counts.reviewed,
            retained=counts.retained,
            grace_started=counts.grace_started,
            in_grace=counts.in_grace,
            downgraded=counts.downgraded,
            more=bool(request.limit) and counts.reviewed >= request.limit,
        )


def _change_message(member_id: str, change: TierChange) -> tiers_pb2.TierChange:
    return tiers_pb2.TierChange(
        tier_change_id=change.tier_change_id,
        member_id=member_id,
        from_tier_code=change.from_code,
        to_tier_code=change.to_code,
        reason=REASONS[change.reason],
        detail=change.detail,
        actor=change.actor,
        qualifying_value=change.qualifying,
        event_id=change.event_id,
        ladder_version=change.ladder_version,
        changed_at=bus.timestamp(change.at),
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
                flags=tuple(t.benefits.flags),
            )
            for t in message.tiers
        ),
        review_months=message.downgrade.review_period_months,
        grace_days=message.downgrade.grace_period_days,
        downgrade=DOWNGRADES.get(message.downgrade.mode, ""),
    )


def _threshold_problems(message: tiers_pb2.TierLadder) -> list[tuple[str, str]]:
    """Thresholds given in a form the ladder's measure does not read (they would be
    dropped): points on a SPEND ladder, spend on a POINTS ladder, spend in another
    currency than the ladder's."""
    measure = MEASURES.get(message.measure, "")
    found = []
    for index, tier in enumerate(message.tiers):
        field = f"ladder.tiers[{index}]"
        spend = tier.threshold_spend
        if measure == "spend" and tier.threshold_points:
            found.append((f"{field}.threshold_points", "a SPEND ladder takes threshold_spend"))
        if measure == "points" and (spend.amount_minor or spend.currency):
            found.append((f"{field}.threshold_spend", "a POINTS ladder takes threshold_points"))
        if measure == "spend" and spend.currency and spend.currency != message.currency:
            found.append(
                (f"{field}.threshold_spend.currency", f"must be the ladder's {message.currency!r}")
            )
    return found


def _member_tier_message(member_id: str, found: MemberTier) -> tiers_pb2.MemberTier:
    ladder = found.ladder
    return tiers_pb2.MemberTier(
        member_id=member_id,
        tier=tier_message(found.tier, ladder),
        qualifying_value=found.qualifying_value,
        window_start=bus.timestamp(found.window_start),
        window_end=bus.timestamp(found.window_end),
        next_tier=tier_message(found.next_tier, ladder),
        remaining_to_next=found.remaining_to_next,
        progress=found.progress,
        achieved_at=bus.timestamp(found.achieved_at),
        next_review_at=bus.timestamp(found.next_review_at),
        below_threshold=found.below_threshold,
        grace_until=bus.timestamp(found.grace_until),
        ladder_version=ladder.version,
    )
