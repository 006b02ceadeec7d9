"""The points service's outbox relay: entries, closed lots and resolved holds leave the
account documents for their collections, and events reach `loyalty.points.events`."""

from __future__ import annotations

import redis

from common import events as bus
from common.outbox import RelayLoop, publish_queued
from services.points.ledger.store import LedgerStore


class OutboxRelay(RelayLoop):
    def __init__(self, store: LedgerStore, client: redis.Redis, **timing) -> None:
        super().__init__("outbox-relay", **timing)
        self.store = store
        self.client = client

    def relay_round(self, keys: set[str], sweep: bool) -> int:
        if sweep:
            keys |= set(self.store.accounts_with_outbox())
        moved = self.store.relay(keys) if keys else 0
        publish_queued(self.store.event_outbox, self.client, bus.POINTS_STREAM)
        return moved
