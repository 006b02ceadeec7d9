"""The KPIs' points and retention figures as insights.proto defines them (issue #20), on
small populations whose answers are worked out here: points issued count gifts, points
redeemed count rewards redeemed in the app as well as at a till, net of refunds; retention
counts the active customers kept, however often they buy."""

from __future__ import annotations

from datetime import timedelta

import pytest

from common import clock
from common import events as bus
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import insights_pb2
from loyalty.points.v1 import ledger_pb2, rules_pb2
from loyalty.points.v1 import rewards_pb2 as pb
from tests.support.members import enrolment
from tests.support.points import earn_request, redeem_request
from tests.support.protos import timestamp
from tests.support.waiting import group_caught_up, wait_for


def _kpis(members, start, end) -> insights_pb2.Kpis:
    return members.insights.GetKpis(
        insights_pb2.GetKpisRequest(period_start=timestamp(start), period_end=timestamp(end))
    ).kpis


def _caught_up(members, points) -> None:
    points.relay.drain()
    wait_for(
        lambda: group_caught_up(members.redis, bus.POINTS_STREAM, "members"),
        what="the members service to read the ledger's events",
    )


def test_points_issued_count_gifts_and_redeemed_count_the_app_and_the_till(members, points):
    start = clock.now() - timedelta(hours=1)
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1", 2_000_000))  # 200 points at a till
    points.rules.GrantGift(  # 40 points from the CRM team
        rules_pb2.GrantGiftRequest(
            idempotency_key="gift-lan", member_id="lan", points=40, actor="crm:mai", reason="sorry"
        )
    )
    reward = points.rewards.CreateReward(
        pb.CreateRewardRequest(
            idempotency_key="tote",
            reward=pb.Reward(
                name={"vi": "Túi vải"},
                type=pb.REWARD_TYPE_GIFT,
                status=pb.REWARD_STATUS_ACTIVE,
                points_cost=30,
                item_sku="tote-bag",
                voucher_validity_days=30,
                unlimited_stock=True,
            ),
            actor="crm:mai",
            reason="catalogue",
        )
    ).reward
    points.rewards.RedeemReward(  # 30 points in the app: no partner
        pb.RedeemRewardRequest(idempotency_key="app-1", member_id="lan", reward_id=reward.reward_id)
    )
    paid = points.stub.Redeem(redeem_request("lan", 50, "r-1", points.present("lan")))
    points.stub.Redeem(redeem_request("lan", 20, "r-2", points.present("lan")))
    points.stub.RefundRedemption(  # the 50 given back
        ledger_pb2.RefundRedemptionRequest(
            idempotency_key="f-1",
            member_id="lan",
            redeem_entry_id=paid.entry.entry_id,
            actor="system:rewards",
            reason="order cancelled",
        )
    )
    _caught_up(members, points)

    kpis = _kpis(members, start, clock.now() + timedelta(hours=1))

    assert (kpis.points_issued, kpis.points_redeemed) == (200 + 40, 30 + 20)
    assert kpis.points_liability == 240 - 50
    assert kpis.redemption_rate == pytest.approx(50 / 240)
    before = _kpis(members, start - timedelta(days=1), start)
    assert (before.points_issued, before.points_redeemed) == (0, 0)


def _bought(member_id: str, transaction: str, at, returned: bool = False) -> list[bytes]:
    earned = bus.envelope(
        "points.earned",
        "points",
        member_id,
        "test",
        points_earned=events_pb2.PointsEarned(
            partner_id="sen",
            transaction_id=transaction,
            amount=common_pb2.Money(amount_minor=100_000, currency="VND"),
            purchased_at=bus.timestamp(at),
        ),
    )
    if not returned:
        return [earned.SerializeToString()]
    back = bus.envelope(
        "points.reversed",
        "points",
        member_id,
        "test",
        points_reversed=events_pb2.PointsReversed(
            partner_id="sen",
            original_transaction_id=transaction,
            returned_amount=common_pb2.Money(amount_minor=100_000, currency="VND"),
            fully_returned=True,
        ),
    )
    return [earned.SerializeToString(), back.SerializeToString()]


def test_retention_counts_active_customers_kept_in_a_week_of_monthly_buyers(members, points):
    end = clock.now() + timedelta(hours=1)
    start = end - timedelta(days=7)
    days = timedelta(days=1)
    # name: (purchases, days before the period's start; negative = in the period), returned
    people = {
        "keeps-buying": ([20, -4], False),  # active at the start, buys again: kept
        "monthly": ([30], False),  # active at the start, 37 days since at the end: kept
        "lapsing": ([85], False),  # active at the start, 92 days since at the end: lapsed
        "newcomer": ([-2], False),  # not a customer at the start
        "long-gone": ([120], False),  # lapsed before the start
        "returned-all": ([10], True),  # its only purchase was returned
    }
    events = []
    for n, (name, (when, returned)) in enumerate(people.items()):
        request = enrolment(name, name=name, phone=f"0912 200 {n:03d}", email=f"{name}@x.vn")
        request.profile.name = f"Khách {n}"
        member_id = members.stub.EnrolMember(request).member.member_id
        members.db["members"].update_one(  # enrolled long before any of it
            {"_id": member_id}, {"$set": {"enrolled_at": start - 400 * days}}
        )
        for k, before in enumerate(when):
            events += _bought(member_id, f"{name}-{k}", start - before * days, returned)
    bus.publish(members.redis, bus.POINTS_STREAM, events)
    _caught_up(members, points)

    kpis = _kpis(members, start, end)

    assert (kpis.retention_base, kpis.retained_members) == (3, 2)
    assert kpis.retention_rate == pytest.approx(2 / 3)
    assert kpis.purchasing_members == 2  # keeps-buying and newcomer
