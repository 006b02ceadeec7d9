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

# How long this process uses its copy of who takes which event type: every event of every
# stream passes here, and most find no subscription; a change made in this process is seen
# at once (forget), one made on another replica within this long.
SUBSCRIBERS_COPY_SECONDS = 1.0


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
        self._subscribers: dict[str, frozenset[str]] = {}
        self._subscribers_until = 0.0  # monotonic; 0: read them again

    def forget(self, _subscription_id: str = "") -> None:
        """A subscription changed here: the next event reads who subscribes again."""
        self._subscribers_until = 0.0

    def take(self, event: PublicEvent) -> list[str]:
        """The ids of the subscriptions the event is queued for."""
        taking = [sid for sid, types in self._subscribers_now().items() if event.name in types]
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

    def _subscribers_now(self) -> dict[str, frozenset[str]]:
        if time.monotonic() >= self._subscribers_until:
            self._subscribers = self.subscriptions.event_types_by_subscription()
            self._subscribers_until = time.monotonic() + SUBSCRIBERS_COPY_SECONDS
        return self._subscribers

    def _next_arrival(self) -> int:
        """Increasing in this process: two events of one instant keep the order read."""
        with self._lock:
            self._arrival = max(self._arrival + 1, time.time_ns())
            return self._arrival
