"""Expiry through the ledger: partly spent lots, calendar edges, jobs run twice at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from common import clock
from loyalty.points.v1 import ledger_pb2
from tests.support.points import earn_request, redeem_request, set_programme
from tests.support.protos import timestamp


def _expire(points, as_of: datetime) -> ledger_pb2.RunExpiryResponse:
    return points.stub.RunExpiry(ledger_pb2.RunExpiryRequest(as_of=timestamp(as_of)))


def test_only_the_unspent_part_of_a_lot_expires_and_never_twice(points, travel):
    points.seed("lan")
    earned_at = datetime(2026, 1, 31, 10, 0, tzinfo=UTC)
    travel(earned_at + timedelta(hours=1))
    points.stub.Earn(earn_request("lan", "t-1", 1_000_000, occurred_at=earned_at))
    points.stub.Redeem(redeem_request("lan", 35, "r-1", points.present("lan")))
    lot = points.stub.ListLots(ledger_pb2.ListLotsRequest(member_id="lan")).lots[0]
    # 12 months, rounded to the end of the month in Asia/Ho_Chi_Minh: 1 Feb 2027 00:00 +07.
    assert lot.expires_at.ToDatetime(UTC) == datetime(2027, 1, 31, 17, 0, tzinfo=UTC)
    assert lot.expiry_date == "2027-01-31"
    assert _expire(points, datetime(2027, 1, 31, 16, 59, tzinfo=UTC)).points_expired == 0
    first = _expire(points, datetime(2027, 1, 31, 17, 0, tzinfo=UTC))
    assert (first.points_expired, first.members_affected) == (65, 1)
    assert _expire(points, datetime(2027, 3, 1, tzinfo=UTC)).points_expired == 0
    assert points.balance("lan").available == 0
    assert points.audit().totals.expired == 65


def test_a_leap_day_earn_with_day_rounding_expires_at_the_end_of_february(points, travel):
    travel(datetime(2024, 2, 29, 17, 0, tzinfo=UTC))
    set_programme(points, expiry_rounding=ledger_pb2.EXPIRY_ROUNDING_END_OF_DAY)
    points.seed("lan")
    # 29 Feb 2024 23:30 in Ho Chi Minh City is still 29 Feb there (16:30 UTC).
    points.stub.Earn(
        earn_request("lan", "t-1", 1_000_000, occurred_at=datetime(2024, 2, 29, 16, 30, tzinfo=UTC))
    )
    lot = points.stub.ListLots(ledger_pb2.ListLotsRequest(member_id="lan")).lots[0]
    assert lot.expiry_date == "2025-02-28"  # spendable through 28 Feb 2025, local time
    assert lot.expires_at.ToDatetime(UTC) == datetime(2025, 2, 28, 17, 0, tzinfo=UTC)


def test_two_expiry_runs_at_once_expire_each_point_once(points):
    points.seed(*[f"m{i}" for i in range(20)])
    set_programme(points, max_earn_age_days=600)  # reported 500 days late
    earned_at = clock.now() - timedelta(days=500)
    for i in range(20):
        points.stub.Earn(earn_request(f"m{i}", f"t-{i}", 500_000, occurred_at=earned_at))
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda _: _expire(points, clock.now()), range(2)))
    assert sum(run.points_expired for run in runs) == 20 * 50
    audit = points.audit()
    assert audit.clean
    assert (audit.totals.expired, audit.totals.available) == (1000, 0)


def test_expiry_never_takes_a_negative_balance_further_down(points):
    set_programme(points, return_policy=ledger_pb2.RETURN_POLICY_ALLOW_NEGATIVE, pending_days=14)
    points.seed("lan")
    old = clock.now() - timedelta(days=20)
    points.stub.Earn(earn_request("lan", "t-1", 1_000_000, occurred_at=old))
    points.stub.ActivatePending(ledger_pb2.ActivatePendingRequest())
    points.stub.Redeem(redeem_request("lan", 100, "r-1", points.present("lan")))
    points.stub.Return(
        ledger_pb2.ReturnRequest(
            partner_id="sen-mart",
            store_id="s",
            return_id="ret-1",
            original_transaction_id="t-1",
            full=True,
        )
    )
    assert points.balance("lan").available == -100
    _expire(points, clock.now() + timedelta(days=800))
    assert points.balance("lan").available == -100
    assert points.audit().clean


def test_points_expire_on_the_day_their_lot_ran_out_however_late_the_job_runs(points, travel):
    points.seed("lan")
    # Frozen on purpose: spendable through 31 January 2027, local time.
    earned_at = datetime(2026, 1, 31, 10, 0, tzinfo=UTC)
    travel(earned_at + timedelta(hours=1))
    points.stub.Earn(earn_request("lan", "t-1", 1_000_000, occurred_at=earned_at))
    ran_out = datetime(2027, 1, 31, 17, 0, tzinfo=UTC)  # 00:00 on 1 February, local time

    _expire(points, ran_out + timedelta(days=2, hours=9))  # the job ran on 3 February

    entries = points.stub.ListEntries(
        ledger_pb2.ListEntriesRequest(member_id="lan", types=[ledger_pb2.ENTRY_TYPE_EXPIRE])
    ).entries
    assert [e.occurred_at.ToDatetime(UTC) for e in entries] == [ran_out]
