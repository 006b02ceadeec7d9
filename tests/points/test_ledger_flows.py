"""The ledger's operations over real gRPC: what each does to the balance and history."""

from __future__ import annotations

import itertools
from datetime import timedelta

import grpc
import pytest

from common import clock
from common.grpc_errors import details_of
from loyalty.points.v1 import ledger_pb2
from tests.support.points import (
    earn_request,
    publish_member_event,
    redeem_request,
    set_programme,
)
from tests.support.protos import timestamp, vnd
from tests.support.refusals import reason, refused
from tests.support.waiting import wait_for


def test_earn_then_redeem_spends_and_history_tells_the_story(points):
    points.seed("lan")
    earned = points.stub.Earn(earn_request("lan", "t-1", 1_250_000))
    assert (earned.points_awarded, earned.available_points, earned.replayed) == (125, 125, False)
    assert earned.balance.available == 125
    redeemed = points.stub.Redeem(redeem_request("lan", 100, "r-1", points.present("lan")))
    assert redeemed.entry.points == -100
    assert redeemed.balance.available == 25
    history = points.stub.ListEntries(ledger_pb2.ListEntriesRequest(member_id="lan")).entries
    assert [(e.type, e.points, e.balance_after) for e in history] == [
        (ledger_pb2.ENTRY_TYPE_REDEEM, -100, 25),
        (ledger_pb2.ENTRY_TYPE_EARN, 125, 125),
    ]
    assert points.balance("lan").lifetime_redeemed == 100
    assert points.audit().clean


def test_tier_multiplier_from_the_members_copy_scales_the_earn(points):
    points.seed("gold", tier_multiplier_bp=15_000)
    earned = points.stub.Earn(earn_request("gold", "t-1", 1_000_000))
    assert earned.points_awarded == 150
    assert [c.points for c in earned.breakdown] == [100, 50]


def test_redeem_spends_the_lots_that_expire_first(points):
    points.seed("lan")
    set_programme(points, max_earn_age_days=400)  # a purchase reported 300 days late
    old = clock.now() - timedelta(days=300)
    points.stub.Earn(earn_request("lan", "new", 1_000_000))
    points.stub.Earn(earn_request("lan", "old", 1_000_000, occurred_at=old))
    points.stub.Redeem(redeem_request("lan", 120, "r-1", points.present("lan")))
    lots = points.stub.ListLots(ledger_pb2.ListLotsRequest(member_id="lan")).lots
    assert [(lot.transaction_id, lot.remaining) for lot in lots] == [("new", 80)]
    assert points.audit().clean


def test_a_retried_earn_returns_the_original_and_earns_once(points):
    points.seed("lan")
    request = earn_request("lan", "t-1")
    first = points.stub.Earn(request)
    again = points.stub.Earn(request)
    assert again.replayed and not first.replayed
    assert again.entry.entry_id == first.entry.entry_id
    assert points.balance("lan").available == 100


def test_a_transaction_id_reused_for_another_purchase_is_refused(points):
    points.seed("lan", "minh")
    points.stub.Earn(earn_request("lan", "t-1", 1_000_000))
    for other in (earn_request("lan", "t-1", 2_000_000), earn_request("minh", "t-1")):
        error = refused(points.stub.Earn, other)
        assert error.code() == grpc.StatusCode.ALREADY_EXISTS
        assert reason(error) == "TRANSACTION_ALREADY_RECORDED"
    assert points.balance("minh").available == 0


def test_an_idempotency_key_reused_for_another_request_is_refused(points):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1"))
    points.stub.Redeem(redeem_request("lan", 10, "r-1", points.present("lan")))
    assert points.stub.Redeem(redeem_request("lan", 10, "r-1", points.present("lan"))).replayed
    error = refused(points.stub.Redeem, redeem_request("lan", 20, "r-1", points.present("lan")))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS
    assert reason(error) == "IDEMPOTENCY_KEY_REUSED"
    assert points.balance("lan").available == 90


def test_a_refused_redeem_records_nothing_so_its_retry_is_judged_afresh(points):
    points.seed("lan")
    error = refused(points.stub.Redeem, redeem_request("lan", 50, "r-1", points.present("lan")))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert reason(error) == "INSUFFICIENT_POINTS"
    assert details_of(error)[1]["metadata"] == {"available": "0", "requested": "50"}
    points.stub.Earn(earn_request("lan", "t-1"))
    assert not points.stub.Redeem(redeem_request("lan", 50, "r-1", points.present("lan"))).replayed
    assert points.balance("lan").available == 50


def test_a_hold_reserves_then_a_partial_capture_releases_the_rest(points):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1"))
    placed = points.stub.PlaceHold(
        ledger_pb2.PlaceHoldRequest(
            idempotency_key="h-1",
            member_id="lan",
            presence=points.present("lan"),
            points=60,
            partner_id="sen-mart",
            store_id="sen-hcm-q1",
        )
    )
    assert (placed.balance.available, placed.balance.held) == (40, 60)
    assert (
        reason(refused(points.stub.Redeem, redeem_request("lan", 50, "r-1", points.present("lan"))))
        == "INSUFFICIENT_POINTS"
    )
    captured = points.stub.CaptureHold(
        ledger_pb2.CaptureHoldRequest(
            idempotency_key="c-1", hold_id=placed.hold.hold_id, partner_id="sen-mart", points=45
        )
    )
    assert (captured.released_points, captured.balance.available, captured.balance.held) == (
        15,
        55,
        0,
    )
    assert captured.hold.state == ledger_pb2.HOLD_STATE_CAPTURED
    again = refused(
        points.stub.ReleaseHold,
        ledger_pb2.ReleaseHoldRequest(
            idempotency_key="x-1", hold_id=placed.hold.hold_id, partner_id="sen-mart"
        ),
    )
    assert reason(again) == "HOLD_ALREADY_RESOLVED"
    other_partner = refused(
        points.stub.CaptureHold,
        ledger_pb2.CaptureHoldRequest(
            idempotency_key="c-2", hold_id=placed.hold.hold_id, partner_id="circle-k"
        ),
    )
    assert other_partner.code() == grpc.StatusCode.NOT_FOUND
    assert points.audit().clean


def test_a_hold_nobody_resolves_expires_by_itself(points):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1"))
    placed = points.stub.PlaceHold(
        ledger_pb2.PlaceHoldRequest(
            idempotency_key="h-1",
            member_id="lan",
            presence=points.present("lan"),
            points=30,
            partner_id="sen-mart",
            store_id="sen-hcm-q1",
            ttl_seconds=60,
        )
    )
    later = clock.now() + timedelta(minutes=2)
    for _ in range(2):  # idempotent: the second run finds nothing due
        points.stub.ExpireHolds(ledger_pb2.ExpireHoldsRequest(as_of=timestamp(later)))
    hold = points.stub.GetHold(ledger_pb2.GetHoldRequest(hold_id=placed.hold.hold_id)).hold
    assert hold.state == ledger_pb2.HOLD_STATE_EXPIRED
    assert (points.balance("lan").available, points.balance("lan").held) == (100, 0)
    assert points.audit().clean


@pytest.mark.parametrize(
    ("scope", "expected_reversed"),
    [
        ({"full": True}, 200),
        ({"amount": vnd(500_000)}, 50),
        (
            {
                "lines": ledger_pb2.ReturnLines(
                    lines=[ledger_pb2.ReturnLine(line_id="1", quantity=1)]
                )
            },
            50,
        ),
    ],
)
def test_a_return_reverses_the_purchase_in_proportion(points, scope, expected_reversed):
    points.seed("lan")
    points.stub.Earn(
        earn_request("lan", "t-1", 2_000_000, lines=[("1", 2, 1_000_000), ("2", 1, 1_000_000)])
    )
    reply = points.stub.Return(
        ledger_pb2.ReturnRequest(
            partner_id="sen-mart",
            store_id="sen-hcm-q1",
            return_id="ret-1",
            original_transaction_id="t-1",
            **scope,
        )
    )
    assert reply.reversed_points == expected_reversed
    assert points.balance("lan").available == 200 - expected_reversed
    assert points.audit().clean


def test_returns_add_up_to_the_purchase_and_never_beyond(points):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1", 1_000_000))
    reversed_total = 0
    for index in range(3):
        reply = points.stub.Return(
            ledger_pb2.ReturnRequest(
                partner_id="sen-mart",
                store_id="sen-hcm-q1",
                return_id=f"ret-{index}",
                original_transaction_id="t-1",
                amount=vnd(333_333 if index < 2 else 333_334),
            )
        )
        reversed_total += reply.reversed_points
    assert reversed_total == 100
    assert reply.fully_returned
    error = refused(
        points.stub.Return,
        ledger_pb2.ReturnRequest(
            partner_id="sen-mart",
            store_id="sen-hcm-q1",
            return_id="ret-9",
            original_transaction_id="t-1",
            amount=vnd(1),
        ),
    )
    assert reason(error) == "ALREADY_FULLY_RETURNED"
    replay = points.stub.Return(
        ledger_pb2.ReturnRequest(
            partner_id="sen-mart",
            store_id="sen-hcm-q1",
            return_id="ret-0",
            original_transaction_id="t-1",
            amount=vnd(333_333),
        )
    )
    assert replay.replayed
    assert points.audit().clean


@pytest.mark.parametrize(
    "policy", ["RETURN_POLICY_TAKE_AVAILABLE_RECORD_SHORTFALL", "RETURN_POLICY_ALLOW_NEGATIVE"]
)
def test_a_return_after_the_points_were_spent_follows_the_policy(points, policy):
    set_programme(points, return_policy=getattr(ledger_pb2, policy))
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1", 1_000_000))
    points.stub.Earn(earn_request("lan", "t-2", 300_000))
    points.stub.Redeem(redeem_request("lan", 110, "r-1", points.present("lan")))  # 20 left
    reply = points.stub.Return(
        ledger_pb2.ReturnRequest(
            partner_id="sen-mart",
            store_id="sen-hcm-q1",
            return_id="ret-1",
            original_transaction_id="t-1",
            full=True,
        )
    )
    balance = points.balance("lan")
    if policy.endswith("SHORTFALL"):
        assert (reply.reversed_points, reply.shortfall_points, balance.available) == (20, 80, 0)
        assert balance.shortfall == 80
    else:
        assert (reply.reversed_points, reply.shortfall_points, balance.available) == (100, 0, -80)
        points.stub.Earn(earn_request("lan", "t-3", 1_000_000))  # pays the debt first
        assert points.balance("lan").available == 20
    assert points.audit().clean


def test_a_manual_adjustment_needs_an_actor_and_a_reason_and_is_in_history(points):
    points.seed("lan")
    error = refused(
        points.stub.Adjust,
        ledger_pb2.AdjustRequest(idempotency_key="a-1", member_id="lan", points=50),
    )
    assert {v.field for v in details_of(error)[0]} == {"actor", "reason"}
    points.stub.Adjust(
        ledger_pb2.AdjustRequest(
            idempotency_key="a-1",
            member_id="lan",
            points=50,
            actor="admin:lan",
            reason="missed purchase put right",
        )
    )
    debit = points.stub.Adjust(
        ledger_pb2.AdjustRequest(
            idempotency_key="a-2", member_id="lan", points=-20, actor="admin:lan", reason="typo"
        )
    )
    assert debit.balance.available == 30
    entry = points.stub.ListEntries(ledger_pb2.ListEntriesRequest(member_id="lan")).entries[1]
    assert (entry.actor, entry.reason, entry.points) == (
        "admin:lan",
        "missed purchase put right",
        50,
    )
    assert points.audit().clean


def test_a_refund_gives_a_redeem_back_once(points):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1"))
    redeem = points.stub.Redeem(redeem_request("lan", 70, "r-1", points.present("lan")))
    request = ledger_pb2.RefundRedemptionRequest(
        idempotency_key="f-1",
        member_id="lan",
        redeem_entry_id=redeem.entry.entry_id,
        actor="system:rewards",
        reason="redemption cancelled",
    )
    assert points.stub.RefundRedemption(request).balance.available == 100
    request.idempotency_key = "f-2"
    assert reason(refused(points.stub.RefundRedemption, request)) == "REDEMPTION_ALREADY_REFUNDED"
    assert points.audit().clean


def test_pending_points_become_spendable_only_after_the_return_window(points):
    set_programme(points, pending_days=14)
    points.seed("lan")
    earned = points.stub.Earn(earn_request("lan", "t-1"))
    assert (earned.pending_points, earned.balance.pending, earned.balance.available) == (
        100,
        100,
        0,
    )
    assert (
        reason(refused(points.stub.Redeem, redeem_request("lan", 1, "r-1", points.present("lan"))))
        == "INSUFFICIENT_POINTS"
    )
    soon = clock.now() + timedelta(days=13)
    assert (
        points.stub.ActivatePending(
            ledger_pb2.ActivatePendingRequest(as_of=timestamp(soon))
        ).points_activated
        == 0
    )
    later = clock.now() + timedelta(days=15)
    activated = points.stub.ActivatePending(
        ledger_pb2.ActivatePendingRequest(as_of=timestamp(later))
    )
    assert activated.points_activated == 100
    assert (points.balance("lan").pending, points.balance("lan").available) == (0, 100)
    assert points.audit().clean


def test_a_blocked_member_can_neither_earn_nor_spend(points, redis_client):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1"))
    publish_member_event(redis_client, "lan", member_blocked={"member_version": 5})
    # A new transaction each try: an earn that went through before the block arrived
    # must not make the next try a replay of a different purchase.
    tries = itertools.count()
    error = wait_for(
        lambda: _refusal(points.stub.Earn, earn_request("lan", f"t-2-{next(tries)}")),
        what="the block to reach the points service",
    )
    assert reason(error) == "MEMBER_BLOCKED"
    assert (
        reason(refused(points.stub.Redeem, redeem_request("lan", 1, "r-1", points.present("lan"))))
        == "MEMBER_BLOCKED"
    )
    publish_member_event(redis_client, "lan", member_unblocked={"member_version": 4})
    publish_member_event(redis_client, "lan", member_erased={"member_version": 6})
    error = wait_for(
        lambda: _refusal(points.stub.Earn, earn_request("lan", "t-3")), what="the erasure"
    )
    wait_for(
        lambda: (
            reason(_refusal(points.stub.Earn, earn_request("lan", "t-4")) or error)
            == "MEMBER_ERASED"
        ),
        what="the erasure (the older unblock changed nothing)",
    )


def test_an_enrolment_event_opens_the_account(points, redis_client):
    publish_member_event(
        redis_client, "new-member", member_enrolled={"member_version": 1, "tier_code": "member"}
    )
    wait_for(lambda: _balance_or_none(points, "new-member") is not None, what="the account")
    assert points.stub.Earn(earn_request("new-member", "t-1")).points_awarded == 100
    unknown = refused(points.stub.GetBalance, ledger_pb2.GetBalanceRequest(member_id="nobody"))
    assert unknown.code() == grpc.StatusCode.NOT_FOUND


def test_settlement_totals_each_partner(points):
    points.seed("lan")
    start = clock.now() - timedelta(minutes=1)
    points.stub.Earn(earn_request("lan", "t-1", 1_000_000))
    points.stub.Earn(earn_request("lan", "k-1", 500_000, partner_id="circle-k", store_id="ck-1"))
    points.stub.Redeem(redeem_request("lan", 30, "r-1", points.present("lan")))
    points.stub.Return(
        ledger_pb2.ReturnRequest(
            partner_id="circle-k",
            store_id="ck-1",
            return_id="ret-1",
            original_transaction_id="k-1",
            full=True,
        )
    )
    points.relay.drain()
    reply = points.stub.GetSettlement(
        ledger_pb2.GetSettlementRequest(
            period_start=timestamp(start), period_end=timestamp(clock.now())
        )
    )
    rows = {
        row.partner_id: (row.issued, row.redeemed, row.reversed, row.purchases, row.returns)
        for row in reply.partners
    }
    assert rows == {"sen-mart": (100, 30, 0, 1, 0), "circle-k": (50, 0, 50, 1, 1)}
    liability = points.stub.GetLiability(ledger_pb2.GetLiabilityRequest())
    assert (liability.available, liability.total) == (70, 70)


def _refusal(call, request) -> grpc.RpcError | None:
    try:
        call(request)
    except grpc.RpcError as error:
        return error
    return None


def _balance_or_none(points, member_id):
    try:
        return points.balance(member_id)
    except grpc.RpcError:
        return None


def test_a_return_id_names_one_return_across_the_partners_purchases(points):
    points.seed("lan", "minh")
    points.stub.Earn(earn_request("lan", "t-1", 1_000_000))
    points.stub.Earn(earn_request("minh", "t-2", 1_000_000))
    first = ledger_pb2.ReturnRequest(
        partner_id="sen-mart",
        store_id="s",
        return_id="ret-1",
        original_transaction_id="t-1",
        full=True,
    )
    points.stub.Return(first)
    other = ledger_pb2.ReturnRequest(
        partner_id="sen-mart",
        store_id="s",
        return_id="ret-1",
        original_transaction_id="t-2",
        full=True,
    )
    error = refused(points.stub.Return, other)
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS
    assert [v.field for v in details_of(error)[0]] == ["return_id"]
    assert points.balance("minh").available == 100
    assert points.stub.Return(first).replayed


def test_an_earn_idempotency_key_names_one_transaction(points):
    points.seed("lan")
    request = earn_request("lan", "t-1")
    request.idempotency_key = "till-7-0001"
    points.stub.Earn(request)
    other = earn_request("lan", "t-2")
    other.idempotency_key = "till-7-0001"
    assert reason(refused(points.stub.Earn, other)) == "IDEMPOTENCY_KEY_REUSED"
    assert points.stub.Earn(request).replayed
    assert points.balance("lan").available == 100


def test_a_replay_answers_exactly_what_the_first_answer_said(points):
    points.seed("lan")
    request = earn_request("lan", "t-1", 1_000_000)
    first = points.stub.Earn(request)
    points.stub.Earn(earn_request("lan", "t-2", 3_000_000))  # the account moves on
    points.stub.Redeem(redeem_request("lan", 50, "r-1", points.present("lan")))

    again = points.stub.Earn(request)

    assert again.replayed and not first.replayed
    again.replayed = False
    same = again.SerializeToString(deterministic=True) == first.SerializeToString(
        deterministic=True
    )
    assert same, (again, first)
    assert again.balance.lifetime_earned == 100


def _return_after_spending(points, policy: int) -> ledger_pb2.Balance:
    """100 points earned on t-1 and 80 of them spent, 50 pending on t-2; t-1 returned."""
    set_programme(points, return_policy=policy)
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1", 1_000_000))
    points.stub.Redeem(redeem_request("lan", 80, "r-1", points.present("lan")))
    set_programme(points, pending_days=14)
    points.stub.Earn(earn_request("lan", "t-2", 500_000))
    points.stub.Return(
        ledger_pb2.ReturnRequest(
            partner_id="sen-mart",
            store_id="s",
            return_id="ret-1",
            original_transaction_id="t-1",
            full=True,
        )
    )
    assert points.audit().clean
    return points.balance("lan")


def _settled(points) -> ledger_pb2.PartnerSettlement:
    reply = points.stub.GetSettlement(
        ledger_pb2.GetSettlementRequest(
            period_start=timestamp(clock.now() - timedelta(hours=1)),
            period_end=timestamp(clock.now() + timedelta(hours=1)),
        )
    )
    return next(p for p in reply.partners if p.partner_id == "sen-mart")


@pytest.mark.parametrize(
    ("policy", "available", "pending", "shortfall", "carried"),
    [
        # The purchase's 20 left, then the 50 pending; 30 absorbed.
        (ledger_pb2.RETURN_POLICY_TAKE_AVAILABLE_RECORD_SHORTFALL, 0, 0, 30, 0),
        # The purchase's 20 left, then the 50 pending, then 30 owed.
        (ledger_pb2.RETURN_POLICY_ALLOW_NEGATIVE, -30, 0, 0, 30),
        # Only the purchase's 20 left; 80 absorbed, the other points untouched.
        (ledger_pb2.RETURN_POLICY_ABSORB, 0, 50, 80, 0),
    ],
)
def test_a_return_after_spending_follows_the_programmes_policy(
    points, policy, available, pending, shortfall, carried
):
    balance = _return_after_spending(points, policy)
    assert (balance.available, balance.pending, balance.shortfall) == (
        available,
        pending,
        shortfall,
    )
    settled = _settled(points)
    assert (settled.reversed, settled.shortfall, settled.carried_negative) == (
        100 - shortfall,
        shortfall,
        carried,
    )


def test_a_negative_balance_is_paid_off_by_the_next_earn(points):
    _return_after_spending(points, ledger_pb2.RETURN_POLICY_ALLOW_NEGATIVE)
    set_programme(points, pending_days=0)
    points.stub.Earn(earn_request("lan", "t-3", 1_000_000))
    assert points.balance("lan").available == 70
    assert points.audit().clean
