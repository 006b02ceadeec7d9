"""InsightsService over gRPC: KPIs, survey answers, segment computations and their members."""

from __future__ import annotations

import dataclasses
import itertools
import re
from datetime import UTC, timedelta

from common import events as bus
from common.grpc_errors import answering_refusals
from common.paging import next_offset, offset_page
from common.validation import Checks
from loyalty.common.v1 import common_pb2
from loyalty.members.v1 import insights_pb2, insights_pb2_grpc
from services.members.insights.domain import (
    MAX_BOUNDARIES,
    Computation,
    EventSegment,
    Kpis,
    MemberSegment,
    Params,
    segment_name,
)
from services.members.insights.service import Insights

DOMAIN = "loyalty.members.v1"
# Refusals and invalid requests become statuses with their details.
rpc = answering_refusals(DOMAIN)
BEHAVIOURS = {
    "new": insights_pb2.BEHAVIOUR_NEW,
    "regular": insights_pb2.BEHAVIOUR_REGULAR,
    "occasional": insights_pb2.BEHAVIOUR_OCCASIONAL,
    "lapsed": insights_pb2.BEHAVIOUR_LAPSED,
}
VALUES = {"high": insights_pb2.VALUE_BAND_HIGH, "low": insights_pb2.VALUE_BAND_LOW}
STAGES = {
    name.removeprefix("LIFECYCLE_STAGE_").lower(): value
    for name, value in insights_pb2.LifecycleStage.items()
    if value
}
MAX_PERIOD = timedelta(days=3660)
# A partner id as the partner registry (the points service) accepts one.
PARTNER_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\Z")
KINDS = {
    "behaviour": insights_pb2.SEGMENT_KIND_BEHAVIOUR,
    "loyal": insights_pb2.SEGMENT_KIND_LOYAL,
    "value": insights_pb2.SEGMENT_KIND_VALUE,
    "lifecycle": insights_pb2.SEGMENT_KIND_LIFECYCLE,
    "rfm": insights_pb2.SEGMENT_KIND_RFM,
    "tier": insights_pb2.SEGMENT_KIND_TIER,
    "frequency": insights_pb2.SEGMENT_KIND_FREQUENCY,
    "referrals": insights_pb2.SEGMENT_KIND_REFERRALS,
    "event": insights_pb2.SEGMENT_KIND_EVENT,
}


class InsightsServicer(insights_pb2_grpc.InsightsServiceServicer):
    def __init__(self, insights: Insights) -> None:
        self.insights = insights

    @rpc
    def GetKpis(self, request, context):
        checks = Checks(DOMAIN)
        period = checks.check(
            request.HasField("period_start") and request.HasField("period_end"),
            "period_end",
            "period_start and period_end are required",
        )
        start, end = request.period_start.ToDatetime(UTC), request.period_end.ToDatetime(UTC)
        if period:
            checks.check(start < end, "period_end", "must be after period_start")
            checks.check(start.year >= 1970, "period_start", "must be in 1970 or later")
            checks.check(end - start <= MAX_PERIOD, "period_end", "the period is over 10 years")
        _check_partner(checks, request.partner_id)
        checks.done()
        currency = request.currency or "VND"
        kpis = self.insights.kpis(start, end, currency, request.partner_id)
        return insights_pb2.GetKpisResponse(
            kpis=_kpis(kpis, request.period_start, request.period_end, currency)
        )

    @rpc
    def GetKpisSeries(self, request, context):
        checks = Checks(DOMAIN)
        given = request.boundaries
        boundaries = [b.ToDatetime(UTC) for b in given]
        if checks.check(
            2 <= len(given) <= MAX_BOUNDARIES,
            "boundaries",
            f"give 2..{MAX_BOUNDARIES} instants (1..{MAX_BOUNDARIES - 1} periods)",
        ):
            periods = list(itertools.pairwise(boundaries))
            checks.check(
                all(start < end for start, end in periods),
                "boundaries",
                "must be strictly increasing",
            )
            checks.check(boundaries[0].year >= 1970, "boundaries", "must be in 1970 or later")
            checks.check(
                all(end - start <= MAX_PERIOD for start, end in periods),
                "boundaries",
                "a period is over 10 years",
            )
        _check_partner(checks, request.partner_id)
        checks.done()
        currency = request.currency or "VND"
        series = self.insights.kpis_series(boundaries, currency, request.partner_id)
        return insights_pb2.GetKpisSeriesResponse(
            kpis=[
                _kpis(kpis, start, end, currency)
                for kpis, (start, end) in zip(series, itertools.pairwise(given), strict=True)
            ]
        )

    @rpc
    def RecordNpsAnswer(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("idempotency_key", request.idempotency_key)
        checks.text("member_id", request.member_id)
        checks.check(0 <= request.score <= 10, "score", "must be 0..10")
        checks.text("comment", request.comment, required=False, max_length=2000)
        checks.done()
        answer_id, replayed = self.insights.record_nps(
            request.idempotency_key,
            request.member_id,
            request.score,
            request.comment,
            request.survey,
            request.answered_at.ToDatetime(UTC) if request.HasField("answered_at") else None,
        )
        return insights_pb2.RecordNpsAnswerResponse(answer_id=answer_id, replayed=replayed)

    @rpc
    def RecomputeSegments(self, request, context):
        params = _params(request.params)
        as_of = request.as_of.ToDatetime(UTC) if request.HasField("as_of") else None
        computation = self.insights.recompute(as_of, params)
        return insights_pb2.RecomputeSegmentsResponse(
            computation_id=computation.computation_id,
            members=computation.members,
            segments=_segments(computation, 0),
            started_at=bus.timestamp(computation.started_at),
            finished_at=bus.timestamp(computation.finished_at),
        )

    @rpc
    def ListSegments(self, request, context):
        computation = self.insights.latest()
        return insights_pb2.ListSegmentsResponse(
            computation_id=computation.computation_id,
            segments=_segments(computation, request.kind),
            computed_at=bus.timestamp(computation.finished_at),
        )

    @rpc
    def GetMemberSegment(self, request, context):
        found, computation = self.insights.member_segment(request.member_id)
        return insights_pb2.GetMemberSegmentResponse(
            member_segment=_member_segment(found, computation)
        )

    @rpc
    def ListSegmentMembers(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("segment_id", request.segment_id)
        skip, size = offset_page(checks, request.page)
        checks.done()
        computation_id, members, total = self.insights.segment_members(
            request.segment_id, request.computation_id, skip, size + 1
        )
        return insights_pb2.ListSegmentMembersResponse(
            computation_id=computation_id,
            member_ids=members[:size],
            total=total,
            page_info=next_offset(members, skip, size),
        )

    # Custom event segments

    @rpc
    def DefineEventSegment(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("actor", request.actor)
        given = request.segment
        checks.check(
            len(given.display_name) <= 10
            and all(len(v) <= 200 for v in given.display_name.values()),
            "segment.display_name",
            "at most 10 languages of 200 characters",
        )
        segment = EventSegment(
            event_name=given.event_name,
            min_count=given.min_count,
            days=given.days,
            display_name=dict(given.display_name),
            created_by=request.actor,
        )
        for field, description in segment.problems():
            checks.fail(field, description)
        checks.done()
        stored = self.insights.define_event_segment(segment)
        return insights_pb2.DefineEventSegmentResponse(segment=_event_segment(stored))

    @rpc
    def ListEventSegments(self, request, context):
        return insights_pb2.ListEventSegmentsResponse(
            segments=[_event_segment(s) for s in self.insights.event_segments()]
        )

    @rpc
    def DeleteEventSegment(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("segment_id", request.segment_id)
        checks.text("actor", request.actor)
        checks.done()
        removed = self.insights.delete_event_segment(request.segment_id)
        return insights_pb2.DeleteEventSegmentResponse(segment=_event_segment(removed))


def _check_partner(checks: Checks, partner_id: str) -> None:
    if partner_id:
        checks.check(
            bool(PARTNER_ID.match(partner_id)),
            "partner_id",
            "must be 1..64 characters of a-z, 0-9 and hyphens",
        )


def _kpis(kpis: Kpis, start, end, currency: str) -> insights_pb2.Kpis:
    """The KPIs of the period [start, end) (Timestamps, as the request gave them)."""
    figures, ledger = kpis.members, kpis.ledger
    return insights_pb2.Kpis(
        period_start=start,
        period_end=end,
        currency=currency,
        partner_id=kpis.partner_id,
        members_total=figures.members_total,
        new_members=figures.new_members,
        purchasing_members=figures.purchasing_members,
        active_members=figures.active_members,
        retention_rate=figures.retention_rate,
        retention_base=figures.retention_base,
        retained_members=figures.retained_members,
        repeat_purchase_rate=figures.repeat_purchase_rate,
        purchase_frequency=figures.purchase_frequency,
        average_clv=common_pb2.Money(amount_minor=figures.average_clv, currency=currency),
        tier_distribution=[
            insights_pb2.TierShare(tier_code=s.tier_code, members=s.members, share=s.share)
            for s in kpis.tier_shares()
        ],
        points_liability=ledger.points_liability,
        points_issued=ledger.points_issued,
        points_redeemed=ledger.points_redeemed,
        points_expired=ledger.points_expired,
        points_liability_at_end=ledger.liability_at_end or 0,
        liability_at_end_known=ledger.liability_at_end is not None,
        liability_history_from=bus.timestamp(ledger.liability_history_from),
        redemption_rate=ledger.redemption_rate,
        nps=figures.nps,
        nps_responses=figures.nps_responses,
        nps_promoters=figures.nps_promoters,
        nps_passives=figures.nps_passives,
        nps_detractors=figures.nps_detractors,
        computed_at=bus.timestamp(kpis.computed_at),
    )


def _event_segment(segment: EventSegment) -> insights_pb2.EventSegment:
    return insights_pb2.EventSegment(
        segment_id=segment.segment_id,
        event_name=segment.event_name,
        min_count=segment.min_count,
        days=segment.days,
        display_name=segment.display_name or segment_name(segment.segment_id),
        created_at=bus.timestamp(segment.created_at),
        created_by=segment.created_by,
    )


def _params(message: insights_pb2.SegmentationParams) -> Params:
    defaults = Params()
    checks = Checks(DOMAIN)
    counts = [f for f in dataclasses.fields(Params) if f.name != "currency"]
    for field in counts:
        checks.check(
            getattr(message, field.name) >= 0, f"params.{field.name}", "must not be negative"
        )
    checks.done()
    params = Params(
        **{f.name: getattr(message, f.name) or getattr(defaults, f.name) for f in counts},
        currency=message.currency or defaults.currency,
    )
    for field, description in params.problems():
        checks.fail(field, description)
    checks.done()
    return params


def _segments(computation: Computation, kind: int) -> list[insights_pb2.Segment]:
    """The computation's segments, of one kind (0: all)."""
    return [
        insights_pb2.Segment(
            segment_id=segment.segment_id,
            kind=KINDS[segment.kind],
            name=segment_name(segment.segment_id),
            member_count=segment.members,
        )
        for segment in computation.segments()
        if not kind or KINDS[segment.kind] == kind
    ]


def _member_segment(found: MemberSegment, computation: Computation) -> insights_pb2.MemberSegment:
    recency, frequency, monetary = found.rfm
    return insights_pb2.MemberSegment(
        member_id=found.member_id,
        rfm=insights_pb2.RfmScores(
            recency_score=recency,
            frequency_score=frequency,
            monetary_score=monetary,
            recency_days=found.recency_days,
            frequency=found.frequency,
            monetary=common_pb2.Money(amount_minor=found.monetary, currency=computation.currency),
        ),
        behaviour=BEHAVIOURS[found.behaviour],
        loyal=found.loyal,
        value=VALUES[found.value],
        lifecycle_stage=STAGES[found.lifecycle],
        segment_ids=found.segment_ids,
        purchases_total=found.purchases_total,
        lifetime_spend=common_pb2.Money(
            amount_minor=found.lifetime_spend, currency=computation.currency
        ),
        computation_id=computation.computation_id,
        computed_at=bus.timestamp(computation.finished_at),
        recent_purchases=found.recent_purchases,
        referrals=found.referrals,
    )
