"""The outbox relay every service runs: events recorded with a change reach Redis later.

A service writes its events in the same document update as the change they announce
(so neither can exist without the other). A relay, woken after each write and every few
seconds regardless, copies them to the service's `event_outbox` collection, takes them
out of the documents, and publishes the queue to the service's stream. Every step is
idempotent, so the relay can stop anywhere (a crash, a Redis outage) and simply run
again: events are delayed, never lost, and published with a stable id. The stream takes
each id once (events.publish_once), so two replicas' relays, or a relay run again after a
crash between publishing and deleting, add no second copy.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

import redis
from pymongo.errors import BulkWriteError

from common import events as bus
from common.loops import BackgroundLoop

log = logging.getLogger("loyalty.outbox")

BATCH = 500
DUPLICATE_KEY = 11000


class RelayLoop(BackgroundLoop):
    """Runs `relay_round` in the background: after a kick (gathering the writes of the
    next moment into the same round, which costs the same few round trips for one
    document or hundreds), and as a sweep every `sweep_seconds`."""

    def __init__(
        self, name: str, *, sweep_seconds: float = 2.0, gather_seconds: float = 0.05
    ) -> None:
        super().__init__(
            name,
            lambda kicked: self.drain(sweep=not kicked),
            interval_seconds=sweep_seconds,
            gather_seconds=gather_seconds,
        )
        self._dirty: set[str] = set()
        self._lock = threading.Lock()
        # One round at a time in this process: two would publish the same events twice.
        self._round = threading.Lock()

    def relay_round(self, keys: set[str], sweep: bool) -> int:
        """Relays what the documents `keys` (or, sweeping, all) hold; returns how much."""
        raise NotImplementedError

    def kick(self, key: str) -> None:
        with self._lock:
            self._dirty.add(key)
        super().kick()

    def drain(self, sweep: bool = True) -> int:
        """One round now, in the caller's thread."""
        with self._round:
            with self._lock:
                keys, self._dirty = self._dirty, set()
            return self.relay_round(keys, sweep)


def queue_events(event_outbox, events: Iterable[tuple[str, bytes, object]]) -> None:
    """Adds (event id, envelope, when) to the queue; ids already queued are skipped."""
    insert_new(event_outbox, [{"_id": i, "event": event, "at": at} for i, event, at in events])


def insert_new(collection, docs: list[dict]) -> None:
    """Inserts the documents whose _id is not there yet (a relay run again after a crash
    meets what it copied the first time)."""
    if not docs:
        return
    try:
        collection.insert_many(docs, ordered=False)
    except BulkWriteError as exc:
        if any(error["code"] != DUPLICATE_KEY for error in exc.details["writeErrors"]):
            raise


def publish_queued(event_outbox, client: redis.Redis, stream: str) -> int:
    """Publishes the queue oldest first, removing what Redis took; stops at an outage."""
    published = 0
    while batch := list(event_outbox.find().sort("at", 1).limit(BATCH)):
        try:
            bus.publish_once(client, stream, (doc["event"] for doc in batch))
        except redis.RedisError as exc:
            log.warning("events wait for Redis: %s", type(exc).__name__)
            return published
        event_outbox.delete_many({"_id": {"$in": [doc["_id"] for doc in batch]}})
        published += len(batch)
    return published
