"""The outbox relay: moves what account writes left in their outbox to where it lives.

Woken after each write (and every few seconds regardless), it copies entries, closed
lots and resolved holds out of the account documents, queues their events, and
publishes queued events to the Redis Stream. Every step is idempotent, so it can stop
anywhere (crash, Redis outage) and simply run again: events are delayed, never lost,
and published at least once with their entry id as event id.
"""

from __future__ import annotations

import logging
import threading

import redis

from common import events as bus
from services.points.storage import LedgerStore

log = logging.getLogger("loyalty.points.relay")


class OutboxRelay:
    def __init__(
        self,
        store: LedgerStore,
        client: redis.Redis,
        *,
        sweep_seconds: float = 2.0,
        gather_seconds: float = 0.05,
        recover=None,
    ) -> None:
        self.store = store
        self.client = client
        self.sweep_seconds = sweep_seconds
        self.gather_seconds = gather_seconds
        self.recover = recover  # the ledger's claim recovery, run on each sweep
        self._dirty: set[str] = set()
        self._lock = threading.Lock()
        # One round at a time in this process: two would publish the same events twice.
        self._round = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-relay", daemon=True)

    def start(self) -> OutboxRelay:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self._wake.set()
        self._thread.join(timeout)

    def kick(self, member_id: str) -> None:
        with self._lock:
            self._dirty.add(member_id)
        self._wake.set()

    def _run(self) -> None:
        while not self._stopping.is_set():
            woken = self._wake.wait(self.sweep_seconds)
            # Let the writes of the next moment join this round: a round costs the same
            # few round trips for one account or for hundreds.
            self._stopping.wait(self.gather_seconds if woken else 0)
            self._wake.clear()
            try:
                self.drain(sweep=not woken)
            except Exception:
                log.exception("relay round failed; retrying")
                self._stopping.wait(1.0)

    def drain(self, sweep: bool = True) -> int:
        """One round: relay woken (or, sweeping, all) accounts, then publish events."""
        with self._round:
            return self._drain(sweep)

    def _drain(self, sweep: bool) -> int:
        with self._lock:
            members, self._dirty = self._dirty, set()
        if sweep:
            if self.recover is not None:
                self.recover()
            members |= set(self.store.accounts_with_outbox())
        moved = self.store.relay(members) if members else 0
        self.publish()
        return moved

    def publish(self) -> int:
        published = 0
        while batch := self.store.events_to_publish():
            try:
                bus.publish(self.client, bus.POINTS_STREAM, (doc["event"] for doc in batch))
            except redis.RedisError as exc:
                log.warning("events wait for Redis: %s", type(exc).__name__)
                return published
            self.store.events_published([doc["_id"] for doc in batch])
            published += len(batch)
        return published
