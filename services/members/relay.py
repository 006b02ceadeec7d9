"""The members service's outbox relay: member events reach `loyalty.members.events`."""

from __future__ import annotations

import redis

from common import clock
from common import events as bus
from common.outbox import RelayLoop, publish_queued, queue_events
from services.members.storage import MemberStore


class MembersRelay(RelayLoop):
    def __init__(self, store: MemberStore, client: redis.Redis, **timing) -> None:
        super().__init__("members-relay", **timing)
        self.store = store
        self.client = client

    def relay_round(self, keys: set[str], sweep: bool) -> int:
        if sweep:
            keys |= set(self.store.with_outbox())
        items = self.store.take_outbox(keys) if keys else []
        if items:
            now = clock.now()
            queue_events(self.store.event_outbox, [(i["_id"], i["event"], now) for i in items])
            self.store.drop_outbox(keys, [item["_id"] for item in items])
        publish_queued(self.store.event_outbox, self.client, bus.MEMBERS_STREAM)
        return len(items)
