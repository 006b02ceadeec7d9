"""Races over real gRPC: no overdraw, no double earn, whatever the interleaving."""

from __future__ import annotations

import contextlib
from concurrent.futures import ThreadPoolExecutor

import grpc

from common.grpc_errors import details_of
from tests.points.conftest import earn_request, redeem_request


def test_a_hundred_concurrent_redeems_never_overdraw(points):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1", 10_000_000))  # 1,000 points

    def redeem(index: int) -> int:
        try:
            return -points.stub.Redeem(redeem_request("lan", 30, f"r-{index}")).entry.points
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
                points.stub.Redeem(redeem_request("lan", 7, f"r-{index}"))

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(work, range(90)))
    audit = points.audit()
    assert audit.clean, audit.drifts
    assert audit.totals.issued == 500 + 30 * 10
    assert audit.totals.available == audit.totals.issued - audit.totals.redeemed
