"""A subscription's lane runs in one replica at a time: its lease, on the real store."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from services.notifications.webhooks.domain.subscription import Secret, State, Subscription
from services.notifications.webhooks.service.lanes import LEASE, Lane
from services.notifications.webhooks.store import DeliveryStore, SubscriptionStore

T0 = datetime(2030, 1, 1, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def lane(owner: str, store: SubscriptionStore, db, clock: Clock) -> Lane:
    return Lane("whs_1", owner, store, DeliveryStore(db), None, clock, random.Random(1))


def test_one_replica_holds_a_lane_until_it_lets_go_or_its_lease_runs_out(mongo_db):
    store = SubscriptionStore(mongo_db)
    store.add(
        Subscription(
            "whs_1", "https://x.example", ("points.earned",), (Secret("s", T0),), "a", T0, T0
        )
    )
    clock = Clock()
    first, second = (
        lane("replica-a", store, mongo_db, clock),
        lane("replica-b", store, mongo_db, clock),
    )

    assert first.claim()
    assert not second.claim()
    assert first.claim()  # renewing its own lease
    store.release_lane("whs_1", "replica-a")  # a lane that stops lets go at once
    assert second.claim() and not first.claim()

    clock.now = T0 + LEASE  # replica-b died without letting go: its lease runs out
    assert first.claim()


def test_a_paused_subscription_has_no_lane(mongo_db):
    store = SubscriptionStore(mongo_db)
    store.add(
        Subscription(
            "whs_1", "https://x.example", ("points.earned",), (Secret("s", T0),), "a", T0, T0,
            state=State.PAUSED,
        )
    )  # fmt: skip
    assert not lane("replica-a", store, mongo_db, Clock()).claim()
