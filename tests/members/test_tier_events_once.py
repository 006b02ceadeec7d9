"""A ledger event counts once toward a tier, even when a consumer dies holding it."""

from __future__ import annotations

from google.protobuf import json_format

from common import clock
from common import events as bus
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import tiers_pb2
from tests.support.members import LADDER, enrolment
from tests.support.waiting import group_caught_up, wait_for


def _earned(member_id: str, points: int) -> events_pb2.Envelope:
    return bus.envelope(
        "points.earned",
        "points",
        member_id,
        "test",
        points_earned=events_pb2.PointsEarned(
            entry_id="e",
            points=points,
            qualifying_points=points,
            amount=common_pb2.Money(amount_minor=points * 10_000, currency="VND"),
            purchased_at=bus.timestamp(clock.now()),
        ),
    )


def _qualifying(members, member_id: str) -> int:
    return members.tiers.GetMemberTier(
        tiers_pb2.GetMemberTierRequest(member_id=member_id)
    ).member_tier.qualifying_value


def test_an_event_a_dead_consumer_held_is_reclaimed_and_counted_once(members, redis_client):
    members.tiers.SetTierLadder(
        tiers_pb2.SetTierLadderRequest(
            ladder=json_format.ParseDict(LADDER, tiers_pb2.TierLadder()),
            actor="admin:crm",
            reason="test",
        )
    )
    member_id = members.stub.EnrolMember(enrolment("e-1")).member.member_id
    members.parts.workers()[1].stop()  # the service's consumer: this test plays its own
    event = _earned(member_id, 700).SerializeToString()
    bus.publish(redis_client, bus.POINTS_STREAM, [event])

    # A consumer reads the event and dies before acknowledging it.
    dead = members.parts.ledger_consumer(redis_client, "dies-holding-it")
    dead.ensure_group()
    held = redis_client.xreadgroup("members", "dies-holding-it", {bus.POINTS_STREAM: ">"})
    assert len(held[0][1]) == 1
    assert _qualifying(members, member_id) == 0

    # Its successor reclaims what it held, and the same event arriving again changes nothing.
    successor = members.parts.ledger_consumer(redis_client, "successor")
    successor.reclaim_idle_ms = 1
    successor.start()
    try:
        wait_for(lambda: _qualifying(members, member_id) == 700, what="the reclaimed event")
        bus.publish(redis_client, bus.POINTS_STREAM, [event])
        # Nothing pending is also the state before the successor reads the copy: wait
        # until the group has read up to it and acknowledged it.
        wait_for(
            lambda: group_caught_up(redis_client, bus.POINTS_STREAM, "members"),
            what="the second copy read and acknowledged",
        )
        assert _qualifying(members, member_id) == 700
    finally:
        successor.stop()
