"""The programme's KPIs for a period on 10,000 generated members, against figures this
test works out on its own; the points figures come from the running ledger.

The period ends just after now, whatever day the suite runs: the ledger's earns happen
now, and the generated population is generated back from now."""

from __future__ import annotations

from datetime import datetime, timedelta

import grpc
import pytest

from common import clock
from common import events as bus
from loyalty.members.v1 import insights_pb2
from tests.support.members import seed_population
from tests.support.points import earn_request, redeem_request
from tests.support.protos import timestamp
from tests.support.waiting import group_caught_up, wait_for

PERIOD = timedelta(days=122)


def expected(truth: dict, start: datetime, end: datetime) -> dict:
    active = timedelta(days=90)
    kept = {m: f for m, f in truth.items() if f[1] < end}  # none erased in this population
    bought_now = {m: [a for at, a in f[2] if start <= at < end] for m, f in kept.items()}
    buyers = {m: ps for m, ps in bought_now.items() if ps}
    at_start = {m for m, f in kept.items() if any(start - active <= at < start for at, _ in f[2])}
    at_end = {m for m, f in kept.items() if any(end - active <= at < end for at, _ in f[2])}
    ever = {m: sum(a for at, a in f[2] if at < end) for m, f in kept.items() if f[2]}
    return {
        "members_total": len(kept),
        "new_members": sum(1 for f in kept.values() if f[1] >= start),
        "purchasing_members": len(buyers),
        "retention_rate": len(at_start & at_end) / len(at_start),
        "retention_base": len(at_start),
        "retained_members": len(at_start & at_end),
        "repeat_purchase_rate": sum(1 for ps in buyers.values() if len(ps) >= 2) / len(buyers),
        "purchase_frequency": sum(len(ps) for ps in buyers.values()) / len(buyers),
        "average_clv": sum(ever.values()) // len(ever),
    }


@pytest.mark.timeout(300)
def test_kpis_of_ten_thousand_members_and_the_ledger(members, points):
    end = clock.now() + timedelta(hours=1)
    start = end - PERIOD
    truth = seed_population(members.db, as_of=end - timedelta(hours=1))
    scores = [10, 9, 9, 8, 7, 6, 3, 0, 10, 10]
    for index, score in enumerate(scores):
        members.insights.RecordNpsAnswer(
            insights_pb2.RecordNpsAnswerRequest(
                idempotency_key=f"nps-{index}",
                member_id=f"m{index:05d}",
                score=score,
                answered_at=timestamp(start + timedelta(days=31)),
            )
        )
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1", 2_000_000))
    points.stub.Redeem(redeem_request("lan", 50, "r-1", points.present("lan")))
    points.relay.drain()
    wait_for(  # points issued and redeemed are counted from the ledger's events
        lambda: group_caught_up(members.redis, bus.POINTS_STREAM, "members"),
        what="the members service to read the ledger's events",
    )

    kpis = members.insights.GetKpis(
        insights_pb2.GetKpisRequest(period_start=timestamp(start), period_end=timestamp(end)),
        timeout=240,
    ).kpis
    want = expected(truth, start, end)
    got = {name: getattr(kpis, name) for name in want if name != "average_clv"}
    assert got == pytest.approx({k: v for k, v in want.items() if k != "average_clv"})
    assert kpis.average_clv.amount_minor == want["average_clv"]
    assert {t.tier_code: t.members for t in kpis.tier_distribution} == {"none": len(truth)}
    # 5 promoters (9-10), 3 detractors (0-6) of 10 answers: NPS = (5 - 3) / 10 x 100.
    assert (kpis.nps_promoters, kpis.nps_detractors, kpis.nps) == (5, 3, pytest.approx(20.0))
    assert (kpis.points_issued, kpis.points_redeemed, kpis.points_liability) == (200, 50, 150)
    assert kpis.redemption_rate == pytest.approx(0.25)


def test_a_score_outside_zero_to_ten_is_refused(members):
    with pytest.raises(grpc.RpcError) as raised:
        members.insights.RecordNpsAnswer(
            insights_pb2.RecordNpsAnswerRequest(idempotency_key="k", member_id="x", score=11)
        )
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
