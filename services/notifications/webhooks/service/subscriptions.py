"""Subscriptions: made, read, changed, their secret rotated, removed. A new secret is
returned once, to the caller who made it; it is never logged nor shown again."""

from __future__ import annotations

import dataclasses
import secrets
import uuid
from collections.abc import Callable
from datetime import timedelta

from common.clock import Clock
from common.refusals import Refusal, version_mismatch
from services.notifications.webhooks.domain.subscription import (
    MAX_SUBSCRIPTIONS,
    Policy,
    Secret,
    State,
    Subscription,
    rotated,
)
from services.notifications.webhooks.store import DeliveryStore, SubscriptionStore

SECRET_PREFIX = "whsec_"  # noqa: S105 - a prefix, not a secret


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


@dataclasses.dataclass(frozen=True)
class Changes:
    """What UpdateSubscription changes; None leaves a field as it is."""

    event_types: tuple[str, ...] | None = None
    description: str | None = None
    paused: bool | None = None
    policy: Policy | None = None


class Subscriptions:
    def __init__(
        self,
        store: SubscriptionStore,
        deliveries: DeliveryStore,
        clock: Clock,
        *,
        on_change: Callable[[str], None] = lambda _id: None,
        make_secret: Callable[[], str] = new_secret,
    ) -> None:
        self.store = store
        self.deliveries = deliveries
        self.clock = clock
        self.on_change = on_change  # the lanes look again (a resumed one starts)
        self.make_secret = make_secret

    def create(
        self,
        url: str,
        event_types: tuple[str, ...],
        description: str,
        policy: Policy,
        paused: bool,
        actor: str,
    ) -> tuple[Subscription, str]:
        """The new subscription and its secret (the only time the secret is given)."""
        if self.store.count() >= MAX_SUBSCRIPTIONS:
            raise Refusal(
                "precondition",
                "TOO_MANY_SUBSCRIPTIONS",
                f"at most {MAX_SUBSCRIPTIONS} subscriptions; delete one first",
            )
        now = self.clock()
        secret = self.make_secret()
        subscription = Subscription(
            subscription_id=f"whs_{uuid.uuid4().hex[:20]}",
            url=url,
            event_types=event_types,
            secrets=(Secret(secret, now),),
            created_by=actor,
            created_at=now,
            updated_at=now,
            description=description,
            state=State.PAUSED if paused else State.ACTIVE,
            policy=policy,
        )
        self.store.add(subscription)
        self.on_change(subscription.subscription_id)
        return subscription, secret

    def get(self, subscription_id: str) -> Subscription:
        subscription = self.store.get(subscription_id)
        if subscription is None:
            raise Refusal(
                "not_found", "SUBSCRIPTION_NOT_FOUND", "no such subscription", "subscription_id"
            )
        return subscription

    def listing(self, skip: int, limit: int) -> list[Subscription]:
        return self.store.listing(skip, limit)

    def update(self, subscription_id: str, changes: Changes, expected_version: int):
        current = self.get(subscription_id)
        if expected_version and expected_version != current.version:
            raise version_mismatch(
                f"the subscription is at version {current.version}, not {expected_version}"
            )
        fields = {
            name: value
            for name, value in (
                ("event_types", changes.event_types),
                ("description", changes.description),
                ("policy", changes.policy),
            )
            if value is not None
        }
        if changes.paused is not None:
            fields["state"] = State.PAUSED if changes.paused else State.ACTIVE
        return self._write(current, fields)

    def rotate(self, subscription_id: str, overlap: timedelta) -> tuple[Subscription, str]:
        """A new secret; the one in force signs beside it for `overlap`."""
        current = self.get(subscription_id)
        secret = self.make_secret()
        written = self._write(current, {"secrets": rotated(current, secret, self.clock(), overlap)})
        return written, secret

    def delete(self, subscription_id: str) -> int:
        """Removes the subscription and its deliveries; how many deliveries went."""
        if not self.store.delete(subscription_id):
            self.get(subscription_id)  # NOT_FOUND
        removed = self.deliveries.remove_subscription(subscription_id)
        self.on_change(subscription_id)
        return removed

    def _write(self, current: Subscription, fields: dict) -> Subscription:
        changed = dataclasses.replace(
            current, **fields, version=current.version + 1, updated_at=self.clock()
        )
        if not self.store.replace(changed, current.version):
            raise version_mismatch("the subscription changed meanwhile; read it again")
        self.on_change(changed.subscription_id)
        return changed
