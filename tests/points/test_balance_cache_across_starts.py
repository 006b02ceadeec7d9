"""The cached balances every replica shares survive a replica's start, and a balance a
crash left stale (the account written, the cache not) is served fresh again soon after,
without any start forgetting every balance."""

from __future__ import annotations

import pytest

from common import events as bus
from common import stores
from common.versioned_cache import VersionedCache
from loyalty.events.v1 import events_pb2
from loyalty.points.v1 import ledger_pb2
from services.points.bootstrap import build_ledger
from services.points.ledger import faults
from services.points.ledger.cache import ENTRIES_PER_WRITE, BalanceFloors
from services.points.ledger.domain.model import Account
from services.points.ledger.reports import Reports
from services.points.ledger.servicer import LedgerServicer
from tests.support.notifications import count_round_trips
from tests.support.points import earn_request, register_tills, start_points
from tests.support.waiting import wait_for

# 1,000,000 VND at the base rate: 100 points.
EARNED = 100


class _Refusing:
    def abort_with_status(self, status):
        raise AssertionError(f"the request was refused: {status}")


def threadless(db, redis_client) -> LedgerServicer:
    """A points instance with no thread of its own over the same stores: a process that
    can be stopped dead between two writes."""
    ledger, _relay = build_ledger(db, redis_client)
    return LedgerServicer(ledger, Reports(ledger.store))


def earn_and_die(db, redis_client, request: ledger_pb2.EarnRequest) -> None:
    """An earn whose process dies once the account is written, before the cache is told
    (and before its relay is woken)."""
    faults.arm("account-saved")
    try:
        with pytest.raises(faults.Crash):
            threadless(db, redis_client).Earn(request, _Refusing())
    finally:
        faults.disarm()


def test_a_replica_starting_keeps_the_balances_cached(start_in_process, databases, monkeypatch):
    database = databases("points")
    first = start_points(start_in_process, database)
    first.seed("lan")
    first.stub.Earn(earn_request("lan", "t-1"))
    assert first.balance("lan").available == EARNED  # cached by the earn

    second = start_points(start_in_process, database)  # a scale-up, a rolling update
    trips = count_round_trips(monkeypatch, first.store, second.store)
    assert first.balance("lan").available == EARNED
    assert second.balance("lan").available == EARNED
    assert trips["accounts.find_one"] == 0


def test_a_balance_a_crash_left_stale_is_fresh_within_the_relays_round(
    start_in_process, databases, mongo_uri, redis_client
):
    database = databases("points")
    points = start_points(start_in_process, database)
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1"))
    assert points.balance("lan").available == EARNED  # cached

    db = stores.connect_mongo(mongo_uri, database)
    try:
        earn_and_die(db, redis_client, earn_request("lan", "t-2"))
    finally:
        db.client.close()
    # Nobody put the new balance and nobody woke a relay: the sweep of the running
    # replica's relay finds the account's outbox, and its event makes the cached balance
    # a miss. The relay sweeps every 2 seconds.
    wait_for(
        lambda: points.balance("lan").available == 2 * EARNED,
        timeout=10,
        what="the balance the crashed earn made",
    )
    assert points.ledger.cache.get("lan")["available"] == 2 * EARNED


def test_the_retry_of_a_write_whose_process_died_puts_the_fresh_balance(mongo_db, redis_client):
    first = threadless(mongo_db, redis_client)
    register_tills(first.ledger.partners)
    first.ledger.store.insert_accounts([Account("lan")])
    first.Earn(earn_request("lan", "t-1"), _Refusing())
    assert first.ledger.cache.get("lan")["available"] == EARNED

    crashed = earn_request("lan", "t-2")
    earn_and_die(mongo_db, redis_client, crashed)
    # The till retries on another instance (no relay, no follower runs here): the replay
    # is acknowledged, so the cache must not answer the balance from before.
    retry = threadless(mongo_db, redis_client)
    retry.Earn(crashed, _Refusing())
    assert retry.ledger.cache.get("lan")["available"] == 2 * EARNED
    assert retry.GetBalance(
        ledger_pb2.GetBalanceRequest(member_id="lan"), _Refusing()
    ).balance.available == (2 * EARNED)


def test_a_reads_events_lower_the_floors_in_one_round_trip_the_newest_write_per_member(
    redis_client,
):
    def earned(member: str, version: int) -> events_pb2.Envelope:
        balance = events_pb2.BalanceAfter(available=version, account_version=version * 1000)
        return bus.envelope(
            "points.earned",
            "points",
            member,
            "req",
            points_earned=events_pb2.PointsEarned(balance=balance),
        )

    assert ENTRIES_PER_WRITE == 1000
    cache = VersionedCache(redis_client, namespace="floors-test:balance")
    for member in ("m1", "m2"):
        cache.put(member, 1, {"available": 1})
    scripts = []
    run = redis_client.evalsha
    redis_client.evalsha = lambda *args: scripts.append(args) or run(*args)
    BalanceFloors(cache).handle([earned("m1", 3), earned("m1", 5), earned("m2", 2)])
    redis_client.evalsha = run
    assert len(scripts) == 1  # one round trip for the whole read
    cache.put("m1", 4, {"available": 4})  # older than m1's newest write: refused
    assert cache.get("m1") is None
    cache.put("m1", 5, {"available": 5})
    assert cache.get("m1") == {"available": 5}
    assert cache.get("m2") is None  # below its floor of 2
