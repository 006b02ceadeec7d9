"""Redis is a cache and a bus: without it the ledger is slower, never wrong."""

from __future__ import annotations

import os
import signal

import pytest

from common import events as bus
from common import stores
from common.embedded_redis import EmbeddedRedis
from tests.support.points import earn_request, redeem_request, start_points
from tests.support.waiting import wait_for


@pytest.fixture
def own_redis():
    server = EmbeddedRedis().start()
    yield server
    os.kill(server.process.pid, signal.SIGCONT)
    server.stop()


@pytest.mark.parametrize("outage", ["paused", "restarted"])
def test_without_redis_points_stay_exact_and_events_follow_once_it_is_back(
    own_redis, outage, start_in_process, databases
):
    client = stores.connect_redis(own_redis.url)
    service = start_points(start_in_process, databases("outage"), REDIS_URL=own_redis.url)
    try:
        service.seed("lan")
        service.stub.Earn(earn_request("lan", "t-1", 1_000_000))
        assert service.balance("lan").available == 100  # now cached at this version
        service.relay.drain()
        before = {e.entry_id for e in service.store.all_entries_of("lan")}

        _redis_down(own_redis, outage)
        try:
            service.stub.Earn(earn_request("lan", "t-2", 700_000))
            service.stub.Redeem(redeem_request("lan", 30, "r-1", service.present("lan")))
            assert service.balance("lan").available == 140  # from the store
        finally:
            _redis_up(own_redis, outage)

        assert service.balance("lan").available == 140  # never the value cached before
        during = {e.entry_id for e in service.store.all_entries_of("lan")} - before
        assert len(during) == 2
        # (A restarted Redis without persistence lost what it had; the outage's own events
        # waited in the store and arrive now.)
        wait_for(
            lambda: _published_ids(client) >= during,
            timeout=20,
            what="the outage's events relayed once Redis is back",
        )
        assert service.audit().clean
    finally:
        service.stop()


def _redis_down(server: EmbeddedRedis, outage: str) -> None:
    if outage == "paused":  # the process keeps its data: old values come back with it
        os.kill(server.process.pid, signal.SIGSTOP)
    else:
        server.stop()


def _redis_up(server: EmbeddedRedis, outage: str) -> None:
    if outage == "paused":
        os.kill(server.process.pid, signal.SIGCONT)
    else:
        server.requested_port = server.port
        server.start()


def _published_ids(client) -> set[str]:
    entries = client.xrange(bus.POINTS_STREAM)
    return {fields[b"event_id"].decode() for _, fields in entries}
