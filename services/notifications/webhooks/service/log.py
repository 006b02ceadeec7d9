"""The delivery log as operators read it, and replays: deliveries sent again with a fresh
attempt budget (named ones, or a subscription's over a time range)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime

from common.clock import Clock
from common.refusals import Refusal
from services.notifications.webhooks.domain.delivery import REPLAYABLE, Delivery, Status
from services.notifications.webhooks.store import DeliveryStore

RANGE_LIMIT = 10_000


class DeliveryLog:
    def __init__(
        self,
        deliveries: DeliveryStore,
        clock: Clock,
        on_replayed: Callable[[list[str]], None] = lambda _ids: None,
    ) -> None:
        self.deliveries = deliveries
        self.clock = clock
        self.on_replayed = on_replayed  # the lanes of these subscriptions look at once

    def get(self, delivery_id: str) -> Delivery:
        delivery = self.deliveries.get(delivery_id)
        if delivery is None:
            raise Refusal("not_found", "DELIVERY_NOT_FOUND", "no such delivery", "delivery_id")
        return delivery

    def of_subscription(
        self, subscription_id: str, statuses: Collection[int], skip: int, limit: int
    ) -> list[Delivery]:
        return self.deliveries.of_subscription(subscription_id, statuses, skip, limit)

    def dead_letters(self, subscription_id: str, skip: int, limit: int) -> list[Delivery]:
        return self.deliveries.dead_letters(subscription_id, skip, limit)

    def replay(self, delivery_ids: list[str], actor: str, reason: str) -> list[str]:
        """The named deliveries sent again; all or none (each must be delivered or
        dead-lettered)."""
        found = self.deliveries.replayable(delivery_ids)
        for delivery_id in delivery_ids:
            delivery = found.get(delivery_id)
            if delivery is None:
                raise Refusal(
                    "not_found", "DELIVERY_NOT_FOUND", f"no delivery {delivery_id}", "delivery_ids"
                )
            if delivery.status not in REPLAYABLE:
                raise Refusal(
                    "precondition",
                    "NOT_REPLAYABLE",
                    f"delivery {delivery_id} is still being delivered",
                    "delivery_ids",
                )
        self._replay(delivery_ids, {d.subscription_id for d in found.values()}, actor, reason)
        return delivery_ids

    def replay_range(
        self,
        subscription_id: str,
        start: datetime,
        end: datetime | None,
        statuses: Collection[int],
        actor: str,
        reason: str,
    ) -> list[str]:
        """The subscription's deliveries made in [start, end) with `statuses`
        (dead-lettered when none), sent again; at most RANGE_LIMIT a call."""
        chosen = statuses or (Status.DEAD_LETTERED,)
        ids = self.deliveries.in_range(
            subscription_id, start, end or self.clock(), chosen, RANGE_LIMIT
        )
        self._replay(ids, {subscription_id}, actor, reason)
        return ids

    def _replay(self, ids: list[str], subscription_ids: set[str], actor: str, reason: str):
        if not ids:
            return
        note = f"replayed by {actor}" + (f": {reason}" if reason else "")
        self.deliveries.replay(ids, self.clock(), note)
        self.on_replayed(sorted(subscription_ids))
