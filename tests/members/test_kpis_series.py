"""GetKpisSeries (issue #23's dashboard: its months in one call): each period of a series
is exactly what GetKpis answers for that period, for the whole programme and for one
partner, with purchases, a return, survey answers and points moved in different periods,
so that the periods differ. The liability at each period's end is what the ledger owed
then. Bad boundaries are refused, naming the field, and an unknown partner is named.

The periods are computed back from now (the ledger takes purchases up to 30 days old and
records its events as they happen), whatever day the suite runs."""

from __future__ import annotations

import itertools
from datetime import timedelta

import grpc
import pytest

from common import clock
from common.grpc_errors import details_of
from loyalty.members.v1 import insights_pb2
from loyalty.points.v1 import ledger_pb2, rules_pb2
from tests.support.kpis import CIRCLE_K, SEN, caught_up, earn, enrol
from tests.support.points import redeem_request
from tests.support.protos import timestamp
from tests.support.refusals import refused


@pytest.fixture
def points_address(points) -> str:
    """The members service finds this ledger (its liability, its partners)."""
    return points.address


def _series(members, boundaries, partner_id: str = "") -> list[insights_pb2.Kpis]:
    request = insights_pb2.GetKpisSeriesRequest(
        boundaries=[timestamp(b) for b in boundaries], partner_id=partner_id
    )
    return list(members.insights.GetKpisSeries(request).kpis)


def _one(members, start, end, partner_id: str = "") -> insights_pb2.Kpis:
    request = insights_pb2.GetKpisRequest(
        period_start=timestamp(start), period_end=timestamp(end), partner_id=partner_id
    )
    return members.insights.GetKpis(request).kpis


def _each_period_alone(members, boundaries, partner_id: str = "") -> tuple[list, list]:
    """The series, and GetKpis of each of its periods with the series' computed_at (the
    only field that differs between two calls: when they were computed)."""
    series = _series(members, boundaries, partner_id)
    alone = []
    for kpis, (start, end) in zip(series, itertools.pairwise(boundaries), strict=True):
        one = _one(members, start, end, partner_id)
        one.computed_at.CopyFrom(kpis.computed_at)
        alone.append(one)
    assert len({k.computed_at.ToNanoseconds() for k in series}) == 1
    return series, alone


def _nps(members, key: str, member_id: str, score: int, at) -> None:
    members.insights.RecordNpsAnswer(
        insights_pb2.RecordNpsAnswerRequest(
            idempotency_key=key, member_id=member_id, score=score, answered_at=timestamp(at)
        )
    )


def _owed(points) -> int:
    return points.stub.GetLiability(ledger_pb2.GetLiabilityRequest()).total


def test_each_period_of_a_series_is_what_get_kpis_answers_for_it(members, points):
    now = clock.now()
    an, binh = enrol(members, "an", SEN), enrol(members, "binh", CIRCLE_K)
    # Members who joined weeks ago, so the early periods have members (the service
    # enrols now: their enrolment is moved back as if they had joined then).
    for member_id, days in ((an, 27), (binh, 12)):
        members.db["members"].update_one(
            {"_id": member_id}, {"$set": {"enrolled_at": now - timedelta(days=days)}}
        )
    # Purchases weeks apart: An twice at Sen Mart 25 and 24 days ago, Binh at Circle K 10
    # days ago (returned later), An at Circle K 3 days ago; answers in each period.
    earn(points, an, "s-1", 2_000_000, SEN, now - timedelta(days=25))
    earn(points, an, "s-2", 1_000_000, SEN, now - timedelta(days=24))
    earn(points, binh, "c-1", 500_000, CIRCLE_K, now - timedelta(days=10))
    earn(points, an, "c-2", 800_000, CIRCLE_K, now - timedelta(days=3))
    for key, member_id, score, days in (("n-1", an, 10, 26), ("n-2", binh, 3, 12)):
        _nps(members, key, member_id, score, now - timedelta(days=days))
    _nps(members, "n-3", an, 8, now - timedelta(days=5))
    caught_up(members, points)
    first_cut, owed_then = clock.now(), _owed(points)
    # Then a payment in points at Sen Mart and a gift ...
    points.stub.Redeem(redeem_request(an, 30, "r-1", points.present(an)))
    points.rules.GrantGift(
        rules_pb2.GrantGiftRequest(
            idempotency_key="gift-binh", member_id=binh, points=40, actor="crm:mai", reason="sorry"
        )
    )
    caught_up(members, points)
    second_cut, owed_later = clock.now(), _owed(points)
    # ... and a new member who buys at once, Binh's purchase returned, another answer.
    chi = enrol(members, "chi", SEN)
    earn(points, chi, "s-3", 3_000_000, SEN)
    points.stub.Return(
        ledger_pb2.ReturnRequest(
            idempotency_key="back-1",
            partner_id=CIRCLE_K[0],
            store_id=CIRCLE_K[1],
            return_id="back-1",
            original_transaction_id="c-1",
            member_id=binh,
            full=True,
            occurred_at=timestamp(clock.now()),
        )
    )
    _nps(members, "n-4", chi, 9, clock.now())
    caught_up(members, points)
    boundaries = [
        now - timedelta(days=28),
        now - timedelta(days=14),
        now - timedelta(days=7),
        first_cut,
        second_cut,
        clock.now() + timedelta(hours=1),
    ]

    series, alone = _each_period_alone(members, boundaries)
    assert series == alone
    # The periods differ (so equal answers are not equal zeros): who bought, new members,
    # answers, points moved, and the liability known from the first event recorded on.
    assert [k.purchasing_members for k in series] == [1, 0, 1, 0, 1]  # Binh's returned
    assert [k.new_members for k in series] == [1, 1, 0, 0, 1]
    assert [k.nps_responses for k in series] == [1, 1, 1, 0, 1]
    assert [k.points_redeemed for k in series] == [0, 0, 0, 30, 0]
    assert [k.points_issued > 0 for k in series] == [False, False, True, True, True]
    assert [k.liability_at_end_known for k in series] == [False, False, True, True, True]
    assert [k.points_liability_at_end for k in series[2:4]] == [owed_then, owed_later]
    assert series[-1].points_liability_at_end == _owed(points) == series[0].points_liability

    at_sen, alone_at_sen = _each_period_alone(members, boundaries, SEN[0])
    assert at_sen == alone_at_sen
    assert [k.purchasing_members for k in at_sen] == [1, 0, 0, 0, 1]
    assert [k.points_redeemed for k in at_sen] == [0, 0, 0, 30, 0]
    assert {k.partner_id for k in at_sen} == {SEN[0]}


def test_bad_boundaries_and_an_unknown_partner_are_named(members, points):
    now = clock.now()

    def refusal(boundaries, partner_id=""):
        error = refused(_series, members, boundaries, partner_id)
        violations, info = details_of(error)
        return error.code(), [v.field for v in violations] or info["metadata"].get("field")

    invalid = grpc.StatusCode.INVALID_ARGUMENT
    assert refusal([now]) == (invalid, ["boundaries"])
    assert refusal([]) == (invalid, ["boundaries"])
    assert refusal([now + timedelta(days=n) for n in range(26)]) == (invalid, ["boundaries"])
    assert refusal([now, now - timedelta(days=1)]) == (invalid, ["boundaries"])
    assert refusal([now, now]) == (invalid, ["boundaries"])
    assert refusal([now - timedelta(days=1), now], "Not A Partner!") == (invalid, ["partner_id"])
    unknown = refusal([now - timedelta(days=1), now], "no-such-partner")
    assert unknown == (grpc.StatusCode.NOT_FOUND, ["partner_id"])
    # 25 boundaries (24 months) are the most a series takes.
    assert len(_series(members, [now + timedelta(days=30 * n) for n in range(25)])) == 24
