"""Races over real gRPC: no overdraw, no double earn, whatever the interleaving."""

from __future__ import annotations

import contextlib
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest

from common.grpc_errors import details_of
from loyalty.points.v1 import ledger_pb2
from tests.support.points import earn_request, redeem_request
from tests.support.protos import vnd


def test_a_hundred_concurrent_redeems_never_overdraw(points):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1", 10_000_000))  # 1,000 points

    def redeem(index: int) -> int:
        try:
            return -points.stub.Redeem(
                redeem_request("lan", 30, f"r-{index}", points.present("lan"))
            ).entry.points
        except grpc.RpcError as error:
            assert details_of(error)[1]["reason"] == "INSUFFICIENT_POINTS"
            return 0

    with ThreadPoolExecutor(max_workers=32) as pool:
        spent = list(pool.map(redeem, range(100)))
    assert sum(spent) == 990  # 33 redeems of 30 fit in 1,000; the other 67 were refused
    assert spent.count(30) == 33
    assert points.balance("lan").available == 10
    assert points.audit().clean


def test_fifty_identical_earns_racing_have_one_effect(points):
    points.seed("lan")
    request = earn_request("lan", "t-1", 1_000_000)
    with ThreadPoolExecutor(max_workers=25) as pool:
        replies = list(pool.map(lambda _: points.stub.Earn(request), range(50)))
    assert len({reply.entry.entry_id for reply in replies}) == 1
    assert sum(not reply.replayed for reply in replies) == 1
    assert points.balance("lan").available == 100
    assert points.audit().clean


def test_concurrent_earns_redeems_and_holds_on_one_account_stay_exact(points):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-0", 5_000_000))

    def work(index: int) -> None:
        if index % 3 == 0:
            points.stub.Earn(earn_request("lan", f"t-{index + 1}", 100_000))
        else:
            with contextlib.suppress(grpc.RpcError):  # refusals are part of the race
                points.stub.Redeem(redeem_request("lan", 7, f"r-{index}", points.present("lan")))

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(work, range(90)))
    audit = points.audit()
    assert audit.clean, audit.drifts
    assert audit.totals.issued == 500 + 30 * 10
    assert audit.totals.available == audit.totals.issued - audit.totals.redeemed


def _return(points, return_id: str, amount: int):
    return points.stub.Return(
        ledger_pb2.ReturnRequest(
            partner_id="sen-mart",
            store_id="s",
            return_id=return_id,
            original_transaction_id="t-big",
            amount=vnd(amount),
        )
    )


def test_concurrent_partial_returns_of_one_purchase_take_back_exactly_its_points(points):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-big", 12_000_000))  # 1,200 points
    points.stub.Earn(earn_request("lan", "t-other", 5_000_000))  # 500 more, spent by none

    def work(index: int):
        if index % 3:  # earns on the same account make the returns' writes collide
            return points.stub.Earn(earn_request("lan", f"t-{index}", 10_000))
        return _return(points, f"r-{index}", 1_000_000)

    with ThreadPoolExecutor(max_workers=8) as pool:
        replies = list(pool.map(work, range(36)))
    reversals = [r for r in replies if isinstance(r, ledger_pb2.ReturnResponse)]
    assert len(reversals) == 12
    assert sum(-r.entry.points for r in reversals) == 1_200
    assert sum(r.fully_returned for r in reversals) == 1
    with pytest.raises(grpc.RpcError):  # nothing of the purchase is left to return
        _return(points, "r-13", 1_000_000)
    audit = points.audit()
    assert audit.clean, audit.drifts
    assert points.balance("lan").available == 500 + 24 * 1


def test_a_refund_racing_earns_gives_back_exactly_what_was_spent(points):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-0", 3_000_000))  # 300 points
    spent = points.stub.Redeem(redeem_request("lan", 250, "r-1", points.present("lan"))).entry

    def work(index: int):
        if index == 10:
            return points.stub.RefundRedemption(
                ledger_pb2.RefundRedemptionRequest(
                    idempotency_key="refund-1",
                    member_id="lan",
                    redeem_entry_id=spent.entry_id,
                    actor="crm:mai",
                    reason="cancelled",
                )
            )
        return points.stub.Earn(earn_request("lan", f"t-{index + 1}", 10_000))

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(work, range(40)))
    assert points.balance("lan").available == 300 + 39
    audit = points.audit()
    assert audit.clean, audit.drifts
    assert audit.totals.redeemed == 0
