"""Sending: one lane per active subscription, so a slow or failing receiver holds up no
other.

A lane is a thread of its own that holds its subscription's lease (one replica's lane at
a time sends for a subscription: its order, rate and breaker hold across replicas; a
lane that dies frees the lease when it runs out, and another replica's takes over). It
takes the subscription's deliveries in event order, one at a time: the first due whose
member has no earlier delivery still to make (a later one waits behind it, other
members' go on), paced by the subscription's token bucket and circuit breaker, and
records each attempt. `Lanes` starts a lane for each active subscription it can lease
(every second, and at once when told of a new delivery or a change) and stops them with
the service.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Protocol

from prometheus_client import Counter

from common.clock import Clock
from common.loops import BackgroundLoop
from services.notifications.webhooks.domain import signature
from services.notifications.webhooks.domain.delivery import (
    Answer,
    Delivery,
    Status,
    settled,
)
from services.notifications.webhooks.domain.pacing import Breaker, CircuitState, TokenBucket
from services.notifications.webhooks.domain.subscription import Circuit, Subscription
from services.notifications.webhooks.store import DeliveryStore, SubscriptionStore

log = logging.getLogger("loyalty.notifications.webhooks")
ATTEMPTS = Counter(
    "loyalty_webhook_attempts_total", "Webhook delivery attempts, by outcome", ["outcome"]
)
LEASE = timedelta(seconds=60)  # longer than the longest attempt (30 s) and a renewal
RENEW_EVERY = 10.0
IDLE_SECONDS = 1.0
CANDIDATES = 20
STOP_SECONDS = 2.0  # a lane still in an attempt then is left to end (a daemon thread)


class Sender(Protocol):
    def post(self, url: str, body: bytes, headers: dict[str, str], timeout: float) -> Answer: ...


class Lane:
    """The thread sending one subscription's deliveries."""

    def __init__(
        self,
        subscription_id: str,
        owner: str,
        subscriptions: SubscriptionStore,
        deliveries: DeliveryStore,
        sender: Sender,
        clock: Clock,
        rng: random.Random,
    ) -> None:
        self.subscription_id = subscription_id
        self.owner = owner
        self.subscriptions = subscriptions
        self.deliveries = deliveries
        self.sender = sender
        self.clock = clock
        self.rng = rng
        self.subscription: Subscription | None = None
        self.bucket: TokenBucket | None = None
        self.breaker: Breaker | None = None
        self._renewed_at = 0.0
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"webhook-lane-{subscription_id}", daemon=True
        )

    @property
    def alive(self) -> bool:
        return self._thread.is_alive() and not self._stopping.is_set()

    def claim(self) -> bool:
        """Takes (or keeps) the subscription's lease; False when paused, deleted or
        another replica's."""
        now = self.clock()
        subscription = self.subscriptions.claim_lane(
            self.subscription_id, self.owner, now, now + LEASE
        )
        if subscription is None:
            return False
        self._adopt(subscription)
        self._renewed_at = time.monotonic()
        return True

    def start(self) -> Lane:
        self._thread.start()
        return self

    def kick(self) -> None:
        self._wake.set()

    def reread(self) -> None:
        """The subscription changed: read it again (and stop, if it was paused) now."""
        self._renewed_at = 0.0
        self._wake.set()

    def stop(self, timeout: float = 1.0) -> None:
        self.signal_stop()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def signal_stop(self) -> None:
        """Asks the lane to end after its attempt in flight (if any)."""
        self._stopping.set()
        self._wake.set()

    def _adopt(self, subscription: Subscription) -> None:
        policy, now = subscription.policy, time.monotonic()
        if self.bucket is None or self.bucket.rate != policy.rate_per_second:
            self.bucket = TokenBucket(policy.rate_per_second, policy.rate_per_second, now)
        if self.breaker is None:
            self.breaker = Breaker(policy.breaker_failures, policy.breaker_pause_seconds)
        self.breaker.failures_to_open = policy.breaker_failures
        self.breaker.pause_seconds = policy.breaker_pause_seconds
        self.subscription = subscription

    def _run(self) -> None:
        try:
            while not self._stopping.is_set():
                if time.monotonic() - self._renewed_at >= RENEW_EVERY and not self.claim():
                    break
                try:
                    pause = self.step()
                except Exception:
                    log.exception("webhook lane round failed", extra=self._names())
                    pause = 1.0
                if pause > 0:
                    self._wake.wait(pause)
                    self._wake.clear()
        finally:
            self._stopping.set()
            try:
                self.subscriptions.release_lane(self.subscription_id, self.owner)
            except Exception:  # the lease runs out by itself
                log.warning("webhook lane left its lease", extra=self._names())

    def step(self) -> float:
        """One attempt, if one is due and allowed; else how long to rest."""
        blocked = self.breaker.wait(time.monotonic())
        if blocked:
            return min(blocked, RENEW_EVERY)
        now = self.clock()
        delivery = self._next(now)
        if delivery is None:
            due_at = self.deliveries.next_due_at(self.subscription_id)
            if due_at is None:
                return IDLE_SECONDS
            return min(max((due_at - now).total_seconds(), 0.01), IDLE_SECONDS)
        wait = self.bucket.wait(time.monotonic())
        if wait:
            return wait
        self._attempt(delivery)
        return 0.0

    def _next(self, now: datetime) -> Delivery | None:
        """The first due delivery with none of its member's before it; a later one
        found waiting behind an earlier one is put off until that one's next attempt."""
        for _ in range(3):
            due = self.deliveries.due(self.subscription_id, now, CANDIDATES)
            for delivery in due:
                ahead = self.deliveries.ahead_of(delivery)
                if ahead is None:
                    return delivery
                self.deliveries.postpone(
                    delivery.delivery_id, max(ahead.next_attempt_at or now, now)
                )
            if len(due) < CANDIDATES:
                return None
        return None

    def _attempt(self, delivery: Delivery) -> None:
        subscription, policy = self.subscription, self.subscription.policy
        at = self.clock()
        body = delivery.payload.encode()
        number = delivery.attempts + 1
        headers = {
            "Loyalty-Event-Id": delivery.event_id,
            "Loyalty-Event-Type": delivery.event_type,
            "Loyalty-Delivery-Id": delivery.delivery_id,
            "Loyalty-Delivery-Attempt": str(number),
            # Receivers compare t with their own clock: the real time, not the business one.
            signature.HEADER: signature.header(
                subscription.signing_secrets(at), int(time.time()), body
            ),
        }
        answer = self.sender.post(subscription.url, body, headers, policy.timeout_seconds)
        settlement = settled(
            delivery,
            answer,
            at,
            policy.max_attempts,
            policy.retry_base_seconds,
            policy.retry_max_seconds,
            self.rng,
        )
        ATTEMPTS.labels(settlement.status.name.lower()).inc()
        log.info(
            "webhook attempt",
            extra={
                **self._names(),
                "delivery_id": delivery.delivery_id,
                "event_type": delivery.event_type,
                "attempt": number,
                "status_code": answer.status_code,
                "latency_ms": answer.latency_ms,
                "outcome": settlement.status.name.lower(),
                "error": answer.error,
            },
        )
        now = self.clock()
        if not self.deliveries.settle(delivery, settlement, now):
            log.warning("webhook delivery changed during its attempt", extra=self._names())
        if settlement.status in (Status.DELIVERED, Status.DEAD_LETTERED):
            self.deliveries.release_waiting(self.subscription_id, delivery.member_id, now)
        self._count(answer.accepted, now)

    def _count(self, success: bool, now: datetime) -> None:
        """The breaker counts the attempt; a change is recorded for readers."""
        breaker = self.breaker
        before = (breaker.state, breaker.consecutive_failures)
        breaker.record(success, time.monotonic())
        if (breaker.state, breaker.consecutive_failures) == before:
            return
        open_until = None
        if breaker.state == CircuitState.OPEN:
            open_until = now + timedelta(seconds=breaker.open_until - time.monotonic())
            log.warning("webhook circuit open", extra=self._names())
        self.subscriptions.record_circuit(
            self.subscription_id,
            Circuit(int(breaker.state), breaker.consecutive_failures, open_until),
        )

    def _names(self) -> dict:
        return {"subscription_id": self.subscription_id}


class Lanes:
    """The lanes of this process: one per active subscription whose lease it holds."""

    def __init__(
        self,
        subscriptions: SubscriptionStore,
        deliveries: DeliveryStore,
        sender: Sender,
        clock: Clock,
        *,
        rng: random.Random | None = None,
        interval_seconds: float = 1.0,
    ) -> None:
        self.subscriptions = subscriptions
        self.deliveries = deliveries
        self.sender = sender
        self.clock = clock
        self.rng = rng or random.Random()  # noqa: S311 - jitter, not a secret
        self.owner = f"lanes-{uuid.uuid4().hex[:12]}"
        self._lanes: dict[str, Lane] = {}
        self._lock = threading.Lock()
        self.loop = BackgroundLoop("webhook-lanes", self._look, interval_seconds=interval_seconds)

    def start(self) -> Lanes:
        self.loop.start()
        return self

    def stop(self) -> None:
        self.loop.stop()
        with self._lock:
            lanes, self._lanes = list(self._lanes.values()), {}
        for lane in lanes:  # all at once: a lane in a slow attempt holds up no other's end
            lane.signal_stop()
        deadline = time.monotonic() + STOP_SECONDS
        for lane in lanes:
            lane.stop(max(0.0, deadline - time.monotonic()))

    def kick(self, subscription_ids: Iterable[str]) -> None:
        """New deliveries for these subscriptions: their lanes look at once."""
        with self._lock:
            lanes = [self._lanes.get(i) for i in subscription_ids]
        for lane in lanes:
            if lane is not None and lane.alive:
                lane.kick()
        if not all(lane is not None and lane.alive for lane in lanes):
            self.loop.kick()

    def changed(self, subscription_id: str) -> None:
        """A subscription changed (policy, pause, deletion): its lane reads it again."""
        with self._lock:
            lane = self._lanes.get(subscription_id)
        if lane is not None:
            lane.reread()
        self.loop.kick()

    def _look(self, _kicked: bool) -> None:
        """Starts a lane for each active subscription without one here (when it gets the
        lease), and forgets the lanes that ended."""
        active = self.subscriptions.active_ids()
        with self._lock:
            self._lanes = {i: lane for i, lane in self._lanes.items() if lane.alive}
            missing = [i for i in active if i not in self._lanes]
        for subscription_id in missing:
            if self.loop.stopping.is_set():
                return
            lane = Lane(
                subscription_id,
                self.owner,
                self.subscriptions,
                self.deliveries,
                self.sender,
                self.clock,
                self.rng,
            )
            if lane.claim():
                with self._lock:
                    self._lanes[subscription_id] = lane.start()
