"""Events in: each public event becomes one delivery for every subscription that takes its
type (paused ones too: their deliveries wait for the resume). The delivery's id is the
subscription's and the event's, so an event read again (a redelivery, a reclaimed
entry) adds nothing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from common.clock import Clock
from services.notifications.webhooks.domain.delivery import (
    Delivery,
    PublicEvent,
    Status,
    delivery_id,
    order_key,
)
from services.notifications.webhooks.store import DeliveryStore, SubscriptionStore


class Intake:
    def __init__(
        self,
        subscriptions: SubscriptionStore,
        deliveries: DeliveryStore,
        clock: Clock,
        on_queued: Callable[[list[str]], None] = lambda _ids: None,
    ) -> None:
        self.subscriptions = subscriptions
        self.deliveries = deliveries
        self.clock = clock
        self.on_queued = on_queued  # the lanes of these subscriptions look at once
        self._arrival = 0
        self._lock = threading.Lock()

    def take(self, event: PublicEvent) -> list[str]:
        """The ids of the subscriptions the event is queued for."""
        taking = self.subscriptions.taking(event.name)
        if not taking:
            return []
        now = self.clock()
        order = order_key(event.occurred_at, self._next_arrival())
        self.deliveries.add(
            [
                Delivery(
                    delivery_id=delivery_id(subscription_id, event.event_id),
                    subscription_id=subscription_id,
                    event_id=event.event_id,
                    event_type=event.name,
                    member_id=event.member_id,
                    occurred_at=event.occurred_at,
                    order=order,
                    payload=event.payload,
                    status=Status.PENDING,
                    created_at=now,
                    updated_at=now,
                    next_attempt_at=now,
                )
                for subscription_id in taking
            ]
        )
        self.on_queued(taking)
        return taking

    def _next_arrival(self) -> int:
        """Increasing in this process: two events of one instant keep the order read."""
        with self._lock:
            self._arrival = max(self._arrival + 1, time.time_ns())
            return self._arrival
