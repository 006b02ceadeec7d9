"""Custom events across the services (issue #22): an event a member did reaches the members
service, whose segments job puts the member in "event.<name>.<N>in<D>d" when they did it
at least N times in the last D days; an earning rule can then target that segment."""

from __future__ import annotations

from datetime import timedelta

import grpc

from common import clock
from common import events as bus
from loyalty.members.v1 import insights_pb2
from loyalty.points.v1 import rules_pb2 as pb
from tests.support.custom_events import PARTNER, define_type, events_stub, till_event
from tests.support.members import enrolment
from tests.support.protos import timestamp
from tests.support.refusals import refused
from tests.support.waiting import group_caught_up, wait_for


def enrol(members, points, key: str, phone: str, email: str) -> str:
    member = members.stub.EnrolMember(enrolment(key, phone=phone, email=email)).member
    wait_for(lambda: points.store.load(member.member_id), what="the ledger account")
    return member.member_id


def define_segment(members, event_name: str, min_count: int, days: int):
    return members.insights.DefineEventSegment(
        insights_pb2.DefineEventSegmentRequest(
            segment=insights_pb2.EventSegment(
                event_name=event_name, min_count=min_count, days=days
            ),
            actor="crm:mai",
        )
    ).segment


def test_a_segment_of_members_who_did_an_event_n_times_in_d_days(points, members, redis_client):
    define_type(points, "store_visit", PARTNER)
    often = enrol(members, points, "e-often", "0912 000 101", "often@example.vn")
    once = enrol(members, points, "e-once", "0912 000 102", "once@example.vn")
    never = enrol(members, points, "e-never", "0912 000 103", "never@example.vn")
    now = clock.now()
    stub = events_stub(points)
    for key, member, days_ago in [
        ("v1", often, 1),
        ("v2", often, 2),
        ("v3", once, 1),
        ("v4", once, 6),  # within 7 days, not within 3
    ]:
        stub.RecordCustomEvent(
            till_event(member, key, "store_visit", now - timedelta(days=days_ago))
        )
    recent = define_segment(members, "store_visit", 2, 3)
    weekly = define_segment(members, "store_visit", 2, 7)
    assert recent.segment_id == "event.store_visit.2in3d"
    assert define_segment(members, "store_visit", 2, 3) == recent  # defined once
    points.relay.drain()
    wait_for(
        lambda: group_caught_up(redis_client, bus.POINTS_STREAM, "members"),
        what="the members service reading the visits",
    )

    run = members.insights.RecomputeSegments(
        insights_pb2.RecomputeSegmentsRequest(as_of=timestamp(now))
    )

    counts = {s.segment_id: s.member_count for s in run.segments}
    assert counts["event.store_visit.2in3d"] == 1
    assert counts["event.store_visit.2in7d"] == 2
    listed = members.insights.ListSegmentMembers(
        insights_pb2.ListSegmentMembersRequest(segment_id=weekly.segment_id)
    )
    assert sorted(listed.member_ids) == sorted([often, once])
    kinds = members.insights.ListSegments(
        insights_pb2.ListSegmentsRequest(kind=insights_pb2.SEGMENT_KIND_EVENT)
    ).segments
    assert {s.segment_id for s in kinds} == {recent.segment_id, weekly.segment_id}
    alone = members.insights.GetMemberSegment(
        insights_pb2.GetMemberSegmentRequest(member_id=never)
    ).member_segment
    assert not [s for s in alone.segment_ids if s.startswith("event.")]
    # A bad definition names every field; a rule may target the segment by its id.
    error = refused(
        members.insights.DefineEventSegment,
        insights_pb2.DefineEventSegmentRequest(
            segment=insights_pb2.EventSegment(event_name="Store Visit", min_count=0, days=400),
            actor="crm:mai",
        ),
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    points.rules.CreateEarningRule(
        pb.CreateEarningRuleRequest(
            idempotency_key="visitors-x2",
            rule=pb.EarningRule(
                name="visitors double",
                kind=pb.EARNING_RULE_KIND_CATEGORY_MULTIPLIER,
                enabled=True,
                stacking=pb.STACKING_MULTIPLY,
                multiplier_bp=20_000,
                scope=pb.RuleScope(categories=["coffee"], segment_ids=[recent.segment_id]),
            ),
            actor="crm:mai",
            reason="reward regular visitors",
        )
    )
