"""The notifications service's outbox relay: MessageDelivered events reach
`loyalty.notifications.events` (the dispatcher queues them in `event_outbox`)."""

from __future__ import annotations

import redis

from common import events as bus
from common.outbox import RelayLoop, publish_queued
from services.notifications.storage import NotificationStore


class NotificationsRelay(RelayLoop):
    def __init__(self, store: NotificationStore, client: redis.Redis, **timing) -> None:
        super().__init__("notifications-relay", **timing)
        self.store = store
        self.client = client

    def relay_round(self, keys: set[str], sweep: bool) -> int:
        return publish_queued(self.store.event_outbox, self.client, bus.NOTIFICATIONS_STREAM)
