"""One partner's KPIs (GetKpisRequest.partner_id, issue #23's dashboard filter): two
partners' tills trade with the same members through a real ledger, and each partner's
figures count its own purchases, members and points only, while the whole programme's
count everything; the liability stays the programme's. An unknown partner is named. The
liability at a period's end is what the ledger owed then."""

from __future__ import annotations

from datetime import UTC, timedelta

import grpc
import pytest

from common import clock
from common import events as bus
from common.grpc_errors import details_of
from loyalty.members.v1 import insights_pb2
from loyalty.points.v1 import ledger_pb2, rules_pb2
from tests.support.kpis import CIRCLE_K, SEN, caught_up, earn, enrol, expired
from tests.support.points import redeem_request
from tests.support.protos import timestamp


@pytest.fixture
def points_address(points) -> str:
    """The members service finds this ledger (its liability, its partners)."""
    return points.address


def _kpis(members, start, end, partner_id: str = "") -> insights_pb2.Kpis:
    return members.insights.GetKpis(
        insights_pb2.GetKpisRequest(
            period_start=timestamp(start), period_end=timestamp(end), partner_id=partner_id
        )
    ).kpis


def test_each_partner_counts_its_own_purchases_members_and_points(members, points):
    start = clock.now() - timedelta(hours=1)
    an = enrol(members, "an", SEN)  # a Sen Mart member who also shops at Circle K
    binh = enrol(members, "binh", CIRCLE_K)
    sen_1 = earn(points, an, "s-1", 2_000_000, SEN)
    sen_2 = earn(points, an, "s-2", 1_000_000, SEN)
    ck_an = earn(points, an, "c-1", 500_000, CIRCLE_K)
    ck_binh = earn(points, binh, "c-2", 1_000_000, CIRCLE_K)
    points.stub.Redeem(redeem_request(an, 30, "r-1", points.present(an)))  # at Sen Mart
    points.rules.GrantGift(  # the programme's, no partner's
        rules_pb2.GrantGiftRequest(
            idempotency_key="gift-binh", member_id=binh, points=40, actor="crm:mai", reason="sorry"
        )
    )
    caught_up(members, points)  # the lots are earned before they expire
    expiry = expired(an, [(sen_1.lot_id, 15), (ck_an.lot_id, 5)])
    bus.publish(members.redis, bus.POINTS_STREAM, [expiry])
    caught_up(members, points)
    end = clock.now() + timedelta(hours=1)

    everyone = _kpis(members, start, end)
    sen, circle_k = _kpis(members, start, end, "sen-mart"), _kpis(members, start, end, "circle-k")

    issued_at_sen = sen_1.points_awarded + sen_2.points_awarded
    issued_at_ck = ck_an.points_awarded + ck_binh.points_awarded
    assert (sen.partner_id, circle_k.partner_id, everyone.partner_id) == (SEN[0], CIRCLE_K[0], "")
    assert (sen.points_issued, circle_k.points_issued) == (issued_at_sen, issued_at_ck)
    assert everyone.points_issued >= issued_at_sen + issued_at_ck + 40  # and any welcome bonus
    assert (sen.points_redeemed, circle_k.points_redeemed, everyone.points_redeemed) == (30, 0, 30)
    assert (sen.points_expired, circle_k.points_expired, everyone.points_expired) == (15, 5, 20)
    # Sen Mart's members: An (enrolled there); Circle K's: Binh (enrolled) and An (bought).
    assert (sen.members_total, circle_k.members_total, everyone.members_total) == (1, 2, 2)
    assert (sen.new_members, circle_k.new_members, everyone.new_members) == (1, 1, 2)
    assert (sen.purchasing_members, circle_k.purchasing_members) == (1, 2)
    assert (sen.active_members, circle_k.active_members, everyone.active_members) == (1, 2, 2)
    assert (sen.repeat_purchase_rate, circle_k.repeat_purchase_rate) == (1.0, 0.0)
    assert sum(t.members for t in circle_k.tier_distribution) == 2
    assert sen.points_liability == circle_k.points_liability == everyone.points_liability
    # Before the period: nothing at either partner.
    before = _kpis(members, start - timedelta(days=1), start, "sen-mart")
    assert (before.points_issued, before.purchasing_members, before.new_members) == (0, 0, 0)


def test_a_partner_that_is_none_is_named(members, points):
    start = clock.now() - timedelta(days=30)
    with pytest.raises(grpc.RpcError) as unknown:
        _kpis(members, start, clock.now(), "no-such-partner")
    assert unknown.value.code() == grpc.StatusCode.NOT_FOUND
    assert "partner_id" in str(details_of(unknown.value))
    with pytest.raises(grpc.RpcError) as malformed:
        _kpis(members, start, clock.now(), "Not A Partner!")
    assert malformed.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "partner_id" in str(details_of(malformed.value))


def test_the_liability_at_a_periods_end_is_what_the_ledger_owed_then(members, points):
    an = enrol(members, "an", SEN)
    earn(points, an, "s-1", 2_000_000, SEN)
    caught_up(members, points)
    then = clock.now()
    owed_then = points.stub.GetLiability(ledger_pb2.GetLiabilityRequest()).total
    # Afterwards: an earn elsewhere, a gift, a correction down, a redemption given back,
    # another kept, and goods returned.
    earn(points, an, "c-1", 1_000_000, CIRCLE_K)
    points.rules.GrantGift(
        rules_pb2.GrantGiftRequest(
            idempotency_key="gift-an", member_id=an, points=40, actor="crm:mai", reason="sorry"
        )
    )
    points.stub.Adjust(
        ledger_pb2.AdjustRequest(
            idempotency_key="fix-an", member_id=an, points=-25, actor="admin:lan", reason="typo"
        )
    )
    paid = points.stub.Redeem(redeem_request(an, 50, "r-1", points.present(an)))
    points.stub.RefundRedemption(
        ledger_pb2.RefundRedemptionRequest(
            idempotency_key="f-1",
            member_id=an,
            redeem_entry_id=paid.entry.entry_id,
            actor="system:rewards",
            reason="order cancelled",
        )
    )
    points.stub.Redeem(redeem_request(an, 20, "r-2", points.present(an)))
    points.stub.Return(
        ledger_pb2.ReturnRequest(
            idempotency_key="back-1",
            partner_id=SEN[0],
            store_id=SEN[1],
            return_id="back-1",
            original_transaction_id="s-1",
            member_id=an,
            full=True,
            occurred_at=timestamp(clock.now()),
        )
    )
    caught_up(members, points)
    owed_now = points.stub.GetLiability(ledger_pb2.GetLiabilityRequest()).total
    assert owed_now != owed_then

    start = then - timedelta(days=1)
    before = _kpis(members, start, then, "circle-k")  # programme-wide whatever the partner
    now = _kpis(members, then, clock.now() + timedelta(hours=1))
    assert (before.liability_at_end_known, before.points_liability_at_end) == (True, owed_then)
    assert (now.liability_at_end_known, now.points_liability_at_end) == (True, owed_now)
    assert before.liability_history_from.ToDatetime(UTC) <= then
    # Before the first event recorded, the liability is not known, and not made up.
    first = before.liability_history_from.ToDatetime(UTC)
    unknown = _kpis(members, first - timedelta(days=2), first - timedelta(days=1))
    assert (unknown.liability_at_end_known, unknown.points_liability_at_end) == (False, 0)
