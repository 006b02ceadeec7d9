"""A consumer group's reader: every event handled, acknowledged in one round trip per
batch, and what a handler could not finish left pending to be handled again."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from prometheus_client import REGISTRY

from common import clock
from common import events as bus

DELAY = "loyalty_outbox_publish_delay_seconds"


def _publish(client, stream: str, members: list[str]) -> None:
    envelopes = [bus.envelope("test.event", "test", m, "req").SerializeToString() for m in members]
    bus.publish(client, stream, envelopes)


def _consumer(client, stream: str, handle) -> tuple[bus.StreamConsumer, list[tuple]]:
    consumer = bus.StreamConsumer(client, stream, "group", "one", handle, block_ms=10)
    acks = []
    ack = client.xack
    client.xack = lambda *args: acks.append(args[2:]) or ack(*args)
    return consumer, acks


def _pending(client, stream: str) -> int:
    return client.xpending(stream, "group")["pending"]


def test_a_batch_is_acknowledged_in_one_round_trip_and_a_not_yet_stays_pending(redis_client):
    seen = []

    def handle(event):
        if event.member_id == "m3":
            raise bus.NotYet("its member has not arrived")
        seen.append(event.member_id)

    consumer, acks = _consumer(redis_client, "test-stream", handle)
    consumer.ensure_group()
    _publish(redis_client, "test-stream", [f"m{n}" for n in range(6)])

    assert consumer.poll() == 6
    assert seen == ["m0", "m1", "m2", "m4", "m5"]
    assert [len(ids) for ids in acks] == [5]  # one XACK for the five handled
    assert _pending(redis_client, "test-stream") == 1


def test_a_failing_handler_leaves_itself_and_the_rest_pending_and_acks_what_came_before(
    redis_client,
):
    def handle(event):
        if event.member_id == "m2":
            raise RuntimeError("a bug")

    consumer, acks = _consumer(redis_client, "failing-stream", handle)
    consumer.ensure_group()
    _publish(redis_client, "failing-stream", [f"m{n}" for n in range(5)])

    with pytest.raises(RuntimeError):
        consumer.poll()
    assert [len(ids) for ids in acks] == [2]
    assert _pending(redis_client, "failing-stream") == 3


def test_a_batch_handler_takes_a_whole_read_at_once_and_a_failure_leaves_it_all_pending(
    redis_client,
):
    calls, failing = [], [True]

    def handle_batch(events):
        calls.append([event.member_id for event in events])
        if failing[0]:
            raise RuntimeError("the cache is away")

    consumer = bus.StreamConsumer(
        redis_client, "batch-stream", "group", "one", handle_batch=handle_batch, block_ms=10
    )
    consumer.ensure_group()
    _publish(redis_client, "batch-stream", [f"m{n}" for n in range(7)])
    with pytest.raises(RuntimeError):
        consumer.poll()
    assert _pending(redis_client, "batch-stream") == 7  # nothing acknowledged
    failing[0] = False
    redis_client.xgroup_setid("batch-stream", "group", "0")  # read again from the start
    assert consumer.poll() == 7
    assert calls[-1] == [f"m{n}" for n in range(7)]  # the whole read in one call
    assert _pending(redis_client, "batch-stream") == 0
    with pytest.raises(ValueError):
        bus.StreamConsumer(redis_client, "s", "g", "c", lambda e: None, handle_batch=lambda e: None)


def test_two_relays_publishing_the_same_outbox_at_once_add_each_event_once(redis_client):
    envelopes = [
        bus.envelope("test.event", "test", f"m{n}", "req").SerializeToString() for n in range(200)
    ]
    barrier = threading.Barrier(2)
    added = []

    def relay() -> None:
        barrier.wait()
        for first in range(0, 200, 20):  # in batches, as a relay round publishes
            added.append(bus.publish_once(redis_client, "s", envelopes[first : first + 20]))

    threads = [threading.Thread(target=relay) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = [fields[b"event_id"] for _, fields in redis_client.xrange("s")]
    assert sum(added) == len(ids) == len(set(ids)) == 200
    # A relay run again after a crash between publishing and deleting adds nothing.
    assert bus.publish_once(redis_client, "s", envelopes[:20]) == 0


def test_publishing_records_how_long_each_event_waited_in_the_outbox(redis_client):
    """The outbox lag the alert watches: from the change's commit to its publication."""
    waited = timedelta(seconds=42)
    envelope = bus.envelope("test.event", "test", "m1", "req", occurred_at=clock.now() - waited)
    before = REGISTRY.get_sample_value(DELAY + "_sum", {"stream": "lagging"}) or 0.0
    assert bus.publish_once(redis_client, "lagging", [envelope.SerializeToString()]) == 1
    after = REGISTRY.get_sample_value(DELAY + "_sum", {"stream": "lagging"})
    assert waited.total_seconds() <= after - before < waited.total_seconds() + 5
