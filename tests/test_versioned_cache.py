"""The balance cache against a real Redis: set-if-newer, epochs, outages, races."""

from __future__ import annotations

import random
import socket
import threading
import time

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from common.breaker import Breaker
from common.versioned_cache import VersionedCache, _Suspicion
from tests.support.network import NetworkLink

MEMBER = "m-1"


def balance(version: int, member_id: str = MEMBER) -> dict:
    return {"member_id": member_id, "available": 10 * version, "pending": 0, "version": version}


def client_on(port: int) -> redis.Redis:
    # No retries: one failed attempt is the outage under test, and keeps the test fast.
    return redis.Redis(
        port=port, socket_connect_timeout=0.5, socket_timeout=0.5, retry=Retry(NoBackoff(), 0)
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def cache(redis_client) -> VersionedCache:
    return VersionedCache(redis_client)


@pytest.fixture
def link(redis_server, redis_client):
    """A link to the (flushed) test Redis; redis_client makes sure it was flushed first."""
    relay = NetworkLink(redis_server.port)
    yield relay
    relay.close()


@pytest.fixture
def linked_client(link):
    client = client_on(link.port)
    yield client
    client.close()


def test_a_miss_then_the_balance_put(cache):
    assert cache.get(MEMBER) is None
    cache.put(MEMBER, 1, balance(1))
    assert cache.get(MEMBER) == balance(1)
    assert cache.get("m-2") is None


@pytest.mark.parametrize("late_version", [1, 2])
def test_a_late_put_of_an_older_or_equal_version_changes_nothing(cache, late_version):
    # The reader-writer race: a reader read version 1 before the writer stored 2, and
    # puts after the writer did.
    cache.put(MEMBER, 2, balance(2))
    cache.put(MEMBER, late_version, {"member_id": MEMBER, "available": -1})
    assert cache.get(MEMBER) == balance(2)


def test_a_newer_version_replaces_the_cached_one(cache):
    cache.put(MEMBER, 1, balance(1))
    cache.put(MEMBER, 2, balance(2))
    assert cache.get(MEMBER) == balance(2)


def test_forget_all_makes_every_balance_a_miss(cache):
    cache.put(MEMBER, 1, balance(1))
    cache.put("m-2", 7, balance(7, "m-2"))
    cache.forget_all()
    assert cache.get(MEMBER) is None
    assert cache.get("m-2") is None


def test_after_forget_all_an_equal_version_is_cached_again_but_an_older_one_is_not(cache):
    cache.put(MEMBER, 5, balance(5))
    cache.forget_all()
    cache.put(MEMBER, 4, balance(4))  # a reader slow enough to span the reset
    assert cache.get(MEMBER) is None
    cache.put(MEMBER, 5, balance(5))
    assert cache.get(MEMBER) == balance(5)


def test_forget_makes_an_older_balance_a_miss_and_keeps_it_out(cache):
    # A writer stored version 5 and died before its put: version 4 is still cached.
    cache.put(MEMBER, 4, balance(4))
    cache.forget(MEMBER, 5)
    assert cache.get(MEMBER) is None
    cache.put(MEMBER, 4, balance(4))  # a reader that read before the write, arriving late
    assert cache.get(MEMBER) is None
    cache.put(MEMBER, 5, balance(5))  # the writer's own put, or a reader's after the write
    assert cache.get(MEMBER) == balance(5)


def test_forget_of_a_version_cached_or_older_changes_nothing(cache):
    cache.put(MEMBER, 5, balance(5))
    cache.forget(MEMBER, 5)
    cache.forget(MEMBER, 3)
    assert cache.get(MEMBER) == balance(5)
    cache.put(MEMBER, 5, {"member_id": MEMBER, "available": -1})
    assert cache.get(MEMBER) == balance(5)


def test_forget_before_anything_is_cached_still_keeps_older_versions_out(cache, redis_client):
    cache.forget(MEMBER, 3)
    cache.put(MEMBER, 2, balance(2))
    assert cache.get(MEMBER) is None
    assert 0 < redis_client.ttl(f"points:balance:{MEMBER}") <= 86400  # the floor expires
    cache.put(MEMBER, 3, balance(3))
    assert cache.get(MEMBER) == balance(3)


def test_forget_each_touches_only_the_members_named(cache):
    for version, member in ((1, MEMBER), (1, "m-2"), (1, "m-3")):
        cache.put(member, version, balance(version, member))
    cache.forget_each({MEMBER: 2, "m-2": 1})
    assert cache.get(MEMBER) is None
    assert cache.get("m-2") == balance(1, "m-2")
    assert cache.get("m-3") == balance(1, "m-3")


def test_a_forget_lost_in_an_outage_is_owed_with_its_floor(link, linked_client, redis_client):
    forgetter = VersionedCache(linked_client, failure_pause_seconds=0)
    other = VersionedCache(redis_client)
    other.put(MEMBER, 4, balance(4))
    link.cut()
    forgetter.forget(MEMBER, 5)
    link.restore()
    assert forgetter.get(MEMBER) is None  # the first contact resets the epoch
    assert other.get(MEMBER) is None
    other.put(MEMBER, 4, balance(4))  # the floor came with the reset
    assert other.get(MEMBER) is None
    other.put(MEMBER, 5, balance(5))
    assert forgetter.get(MEMBER) == balance(5)


def test_prefixes_keep_caches_apart(redis_client):
    points, other = (
        VersionedCache(redis_client),
        VersionedCache(redis_client, namespace="other:balance"),
    )
    points.put(MEMBER, 1, balance(1))
    other.forget_all()
    assert other.get(MEMBER) is None
    assert points.get(MEMBER) == balance(1)


def test_balances_carry_the_ttl(redis_client):
    VersionedCache(redis_client, ttl_seconds=60).put(MEMBER, 1, balance(1))
    assert 0 < redis_client.ttl(f"points:balance:{MEMBER}") <= 60


def test_a_lost_epoch_key_makes_every_balance_a_miss(cache, redis_client):
    cache.put(MEMBER, 3, balance(3))
    redis_client.delete("points:balance-epoch")  # evicted, say
    assert cache.get(MEMBER) is None
    cache.put(MEMBER, 3, balance(3))
    assert cache.get(MEMBER) == balance(3)


def test_scripts_are_reloaded_after_redis_forgets_them(cache, redis_client):
    cache.put(MEMBER, 1, balance(1))
    redis_client.script_flush()  # as after a Redis restart or failover
    assert cache.get(MEMBER) == balance(1)
    cache.put(MEMBER, 2, balance(2))
    assert cache.get(MEMBER) == balance(2)


def test_an_unreachable_redis_is_a_miss_and_never_an_error():
    cache = VersionedCache(client_on(free_port()))
    started = time.monotonic()
    assert cache.get(MEMBER) is None
    cache.put(MEMBER, 1, balance(1))
    cache.forget_all()
    assert cache.get(MEMBER) is None
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("version", "value", "error"),
    [("3", balance(3), TypeError), (-1, balance(1), ValueError), (1, {"x": object()}, TypeError)],
)
def test_bad_puts_raise_and_the_old_balance_is_not_served_after(cache, version, value, error):
    cache.put(MEMBER, 1, balance(1))
    with pytest.raises(error):
        cache.put(MEMBER, version, value)
    # The caller's write went to the store; the balance cached before it must not be served.
    assert cache.get(MEMBER) is None


def test_a_put_lost_in_an_outage_never_lets_the_old_balance_be_served(
    link, linked_client, redis_client
):
    # The process whose put fails (no pause after a failure: each call below is a contact).
    writer = VersionedCache(linked_client, failure_pause_seconds=0)
    other = VersionedCache(redis_client)  # another process, still reaching Redis
    writer.put(MEMBER, 1, balance(1))

    link.cut()
    writer.put(MEMBER, 2, balance(2))  # the store holds 2; the cache could not be told
    assert writer.get(MEMBER) is None
    # The hazard is real: Redis still holds version 1 (no process can know otherwise yet).
    assert other.get(MEMBER) == balance(1)

    link.restore()
    assert writer.get(MEMBER) is None  # the first contact resets the epoch, then misses
    assert other.get(MEMBER) is None  # for every process
    other.put(MEMBER, 1, balance(1))  # a reader that read before the write, arriving late
    assert other.get(MEMBER) is None
    writer.put(MEMBER, 2, balance(2))
    assert writer.get(MEMBER) == balance(2)
    assert other.get(MEMBER) == balance(2)


def test_a_reset_missed_in_an_outage_happens_on_next_contact(link, linked_client, redis_client):
    cache = VersionedCache(linked_client, failure_pause_seconds=0)
    other = VersionedCache(redis_client)
    cache.put(MEMBER, 1, balance(1))
    link.cut()
    cache.forget_all()
    link.restore()
    assert other.get(MEMBER) == balance(1)  # not reset yet: nobody reached Redis
    cache.put("m-2", 1, balance(1, "m-2"))  # the next contact resets first
    assert other.get(MEMBER) is None
    assert cache.get("m-2") == balance(1, "m-2")


def test_a_put_failing_while_a_reset_is_in_flight_is_still_owed():
    suspicion = _Suspicion()
    suspicion.record_failure(MEMBER, 2)
    in_flight = suspicion.owed()  # a reset sent with this
    suspicion.record_failure(MEMBER, 3)  # a put fails meanwhile
    suspicion.settle(in_flight)
    assert suspicion.is_owed()
    assert suspicion.owed().floors == {MEMBER: 3}


def test_racing_puts_end_with_the_newest_version(cache):
    versions = list(range(1, 201))
    random.Random(7).shuffle(versions)
    start = threading.Barrier(8)

    def put_share(share: list[int]) -> None:
        start.wait(timeout=10)
        for version in share:
            cache.put(MEMBER, version, balance(version))

    threads = [threading.Thread(target=put_share, args=(versions[i::8],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    assert cache.get(MEMBER) == balance(200)


def test_after_a_failure_redis_is_left_alone_for_a_moment():
    breaker, calls = Breaker(pause_seconds=60), []

    def failing():
        calls.append(1)
        raise redis.ConnectionError("paused")

    for _ in range(3):
        with pytest.raises(redis.ConnectionError):
            breaker.call(failing)
    assert len(calls) == 1  # the two after the failure were not tried
    assert Breaker(pause_seconds=0).call(lambda: "answered") == "answered"
