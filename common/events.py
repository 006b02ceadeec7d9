"""Events between services over Redis Streams: at-least-once, deduped by event id.

A stream entry is `event_id`, `type` and `envelope` (a loyalty.events.v1.Envelope in
binary protobuf), as proto/loyalty/events/v1/events.proto describes. A consumer reads
with its service's consumer group, acknowledges only after its handler succeeded, and
reclaims entries another consumer left unacknowledged for too long (it crashed), so an
event is handled at least once; handlers make that exactly once in effect by keying
their writes on the event id or on versions.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

import redis
from google.protobuf.timestamp_pb2 import Timestamp

from common import clock
from common.metrics import OUTBOX_DELAY_SECONDS
from loyalty.events.v1 import events_pb2

log = logging.getLogger("loyalty.events")

POINTS_STREAM = "loyalty.points.events"
MEMBERS_STREAM = "loyalty.members.events"
NOTIFICATIONS_STREAM = "loyalty.notifications.events"
STREAM_MAX_LENGTH = 1_000_000


def timestamp(value: datetime | None) -> Timestamp | None:
    """A protobuf Timestamp for a datetime (None stays unset)."""
    if value is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(value)
    return stamp


def instant(message, field: str) -> datetime | None:
    """The datetime a Timestamp field of `message` holds (UTC), None when it is unset."""
    return getattr(message, field).ToDatetime(UTC) if message.HasField(field) else None


def envelope(
    event_type: str,
    producer: str,
    member_id: str,
    request_id: str,
    occurred_at: datetime | None = None,
    event_id: str = "",
    **payload,
) -> events_pb2.Envelope:
    """An envelope with one payload, e.g. envelope("points.earned", ..., points_earned=msg)."""
    stamp = Timestamp()
    stamp.FromDatetime(occurred_at or clock.now())
    return events_pb2.Envelope(
        event_id=event_id or uuid.uuid4().hex,
        type=event_type,
        occurred_at=stamp,
        producer=producer,
        member_id=member_id,
        request_id=request_id,
        schema_version=1,
        **payload,
    )


# How long a stream remembers that it took an event: longer than any relay round can take
# between publishing a batch and deleting it from its outbox (a crash or a MongoDB outage
# in between is the case it covers).
PUBLISHED_MEMORY_SECONDS = 3600
# XADD each envelope whose event id the stream has not taken within the memory: a marker
# key per id, set only if absent, decides; both in one atomic script, so two relays
# publishing the same outbox at once add each event once. The markers share the
# stream's hash slot ({stream}), as a Redis Cluster needs.
_PUBLISH_ONCE = """
local added = 0
for i = 3, #ARGV, 3 do
  local marker = '{' .. KEYS[1] .. '}:published:' .. ARGV[i]
  if redis.call('SET', marker, '1', 'NX', 'EX', ARGV[2]) then
    redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*',
      'event_id', ARGV[i], 'type', ARGV[i + 1], 'envelope', ARGV[i + 2])
    added = added + 1
  end
end
return added
"""


def publish_once(client: redis.Redis, stream: str, envelopes: Iterable[bytes]) -> int:
    """Publishes the envelopes whose event ids the stream has not taken lately, in one
    round trip; returns how many it added. What every outbox relay uses."""
    arguments: list = [STREAM_MAX_LENGTH, PUBLISHED_MEMORY_SECONDS]
    occurred = []
    for raw in envelopes:
        event = events_pb2.Envelope.FromString(raw)
        arguments += [event.event_id, event.type, raw]
        occurred.append(event.occurred_at.ToDatetime(UTC))
    if len(arguments) == 2:
        return 0
    added = client.register_script(_PUBLISH_ONCE)(keys=[stream], args=arguments)
    published_at = clock.now()
    for when in occurred:
        OUTBOX_DELAY_SECONDS.labels(stream).observe(max(0.0, (published_at - when).total_seconds()))
    return added


def publish(client: redis.Redis, stream: str, envelopes: Iterable[bytes]) -> int:
    """XADD serialized envelopes in one pipelined round trip; returns how many. No check
    for events published before: tests use it to deliver an event again."""
    pipe = client.pipeline(transaction=False)
    count = 0
    for raw in envelopes:
        event = events_pb2.Envelope.FromString(raw)
        pipe.xadd(
            stream,
            {"event_id": event.event_id, "type": event.type, "envelope": raw},
            maxlen=STREAM_MAX_LENGTH,
            approximate=True,
        )
        count += 1
    if count:
        pipe.execute()
    return count


Handler = Callable[[events_pb2.Envelope], None]
BatchHandler = Callable[[list[events_pb2.Envelope]], None]


class NotYet(Exception):
    """A handler cannot act on an event yet (what it needs has not arrived): the event
    stays pending and is handled again when reclaimed."""


class StreamConsumer:
    """Reads one stream with a consumer group and hands each envelope to `handle`, or
    every envelope of a read at once to `handle_batch` (a handler whose work is cheaper in
    one round trip than in one per event; it raises nothing it could finish later, so the
    read is acknowledged whole, or left pending whole when it fails)."""

    def __init__(
        self,
        client: redis.Redis,
        stream: str,
        group: str,
        consumer: str,
        handle: Handler | None = None,
        *,
        handle_batch: BatchHandler | None = None,
        block_ms: int = 200,
        reclaim_idle_ms: int = 30_000,
        batch: int = 100,
    ) -> None:
        if (handle is None) == (handle_batch is None):
            raise ValueError("a consumer takes handle or handle_batch, one of them")
        self.client = client
        self.stream = stream
        self.group = group
        self.consumer = consumer
        self.handle = handle
        self.handle_batch = handle_batch
        self.block_ms = block_ms
        self.reclaim_idle_ms = reclaim_idle_ms
        self.batch = batch
        self._group_ready = False
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"consume-{stream}", daemon=True)

    def start(self) -> StreamConsumer:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.poll()
            except redis.RedisError as exc:
                # A restarted Redis may have lost the group: make it again when back.
                self._group_ready = False
                log.warning("stream %s unavailable: %s", self.stream, type(exc).__name__)
                self._stopping.wait(1.0)
            except Exception:
                # The entry stays pending and is reclaimed later; the consumer lives on.
                log.exception("handling an event from %s failed", self.stream)
                self._stopping.wait(1.0)

    def poll(self) -> int:
        """One round: reclaim abandoned entries, read new ones, handle and acknowledge."""
        self.ensure_group()
        # [next id, entries] (and, from Redis 7, the ids of deleted entries).
        reclaimed = self.client.xautoclaim(
            self.stream, self.group, self.consumer, self.reclaim_idle_ms, "0-0", count=self.batch
        )[1]
        handled = self._handle_all(reclaimed)
        replies = self.client.xreadgroup(
            self.group,
            self.consumer,
            {self.stream: ">"},
            count=self.batch,
            block=self.block_ms,
        )
        for _stream, entries in replies or []:
            handled += self._handle_all(entries)
        return handled

    def _handle_all(self, entries) -> int:
        """Handles the entries in order, then acknowledges those handled in one round
        trip (also when a handler fails: what came before it is done)."""
        if self.handle_batch is not None:
            return self._handle_batch(entries)
        handled = []
        try:
            for entry_id, fields in entries:
                if fields:  # a trimmed entry reclaims as empty: nothing to do but ack
                    try:
                        self.handle(events_pb2.Envelope.FromString(fields[b"envelope"]))
                    except NotYet as wait:
                        # Unacknowledged, it is reclaimed later; the entries after it go on.
                        log.info("event left pending: %s", wait)
                        continue
                handled.append(entry_id)
        finally:
            if handled:
                self.client.xack(self.stream, self.group, *handled)
        return len(entries)

    def _handle_batch(self, entries) -> int:
        if not entries:
            return 0
        self.handle_batch(
            [events_pb2.Envelope.FromString(fields[b"envelope"]) for _, fields in entries if fields]
        )
        self.client.xack(self.stream, self.group, *(entry_id for entry_id, _ in entries))
        return len(entries)

    def ensure_group(self) -> None:
        if self._group_ready:
            return
        try:
            self.client.xgroup_create(self.stream, self.group, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise
        self._group_ready = True
