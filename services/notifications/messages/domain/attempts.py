"""What an attempt at a delivery (or the decision not to make one) writes on it: its new
status, and the line it adds to the attempt log."""

from __future__ import annotations

import dataclasses
import random
from datetime import datetime

from services.notifications.messages.domain import rules
from services.notifications.messages.domain.delivery import (
    Delivery,
    DeliveryReason,
    DeliveryStatus,
    Outcome,
)
from services.notifications.messages.domain.rules import DeliverySettings
from services.notifications.templates.domain.catalogue import MessageType


@dataclasses.dataclass(frozen=True)
class Settlement:
    """The fields an attempt changes: status, reason and next_attempt_at always (None: no
    attempt is due any more), the others where they are not None."""

    status: DeliveryStatus
    reason: DeliveryReason
    next_attempt_at: datetime | None
    outcome: str  # the attempt log's word for it
    attempt: int  # the attempt log's number for it
    detail: str | None = None
    attempts: int | None = None
    sent_at: datetime | None = None
    provider_message_id: str | None = None
    subject: str | None = None
    body: str | None = None
    to: str | None = None

    @property
    def sent(self) -> bool:
        return self.status == DeliveryStatus.SENT


@dataclasses.dataclass(frozen=True)
class GaveUp:
    """What a dead-lettered delivery announces (MessageFailed)."""

    delivery: Delivery
    attempts: int
    reason: DeliveryReason
    failed_at: datetime


@dataclasses.dataclass(frozen=True)
class Delivered:
    """What a sent delivery announces (MessageDelivered)."""

    delivery: Delivery
    attempts: int
    provider_message_id: str
    sent_at: datetime


def member_erased(delivery: Delivery) -> Settlement:
    """The member was erased since the message: nothing goes, nothing is kept."""
    return Settlement(
        DeliveryStatus.SUPPRESSED,
        DeliveryReason.MEMBER_ERASED,
        None,
        "suppressed",
        delivery.attempts,
        subject="",
        body="",
    )


def held(delivery: Delivery, until: datetime) -> Settlement:
    """Quiet hours began since the message: it waits for them to end."""
    return Settlement(
        DeliveryStatus.DEFERRED, DeliveryReason.QUIET_HOURS, until, "deferred", delivery.attempts
    )


def without_template(delivery: Delivery) -> Settlement:
    return _dead(DeliveryReason.NO_TEMPLATE, "no template", delivery.attempts)


def without_address(delivery: Delivery) -> Settlement:
    return Settlement(
        DeliveryStatus.SUPPRESSED, DeliveryReason.NO_ADDRESS, None, "no address", delivery.attempts
    )


def attempted(
    delivery: Delivery,
    outcome: Outcome,
    content: tuple[str, str] | None,
    settings: DeliverySettings,
    as_of: datetime,
    rng: random.Random,
) -> Settlement:
    """After the channel answered `outcome`: sent, retried with backoff, or dead-lettered
    (refused for good, or out of attempts). `content` is the (subject, body) rendered for
    this attempt, when the delivery had none yet."""
    attempts = delivery.attempts + 1
    subject, body = content or (None, None)
    changes = {
        "outcome": outcome.word,
        "attempt": attempts,
        "attempts": attempts,
        "detail": outcome.detail,
        "subject": subject,
        "body": body,
    }
    if outcome.sent:
        if delivery.message_type == MessageType.SIGN_IN_CODE:
            changes.update(body="", to="")  # a sign-in code is a secret: not kept
        return Settlement(
            DeliveryStatus.SENT,
            DeliveryReason.UNSPECIFIED,
            None,
            sent_at=as_of,
            provider_message_id=outcome.provider_message_id,
            **changes,
        )
    if outcome.permanent:
        return _dead(DeliveryReason.PROVIDER_REJECTED, **changes)
    if attempts >= settings.max_attempts:
        return _dead(DeliveryReason.MAX_ATTEMPTS, **changes)
    retry_at = as_of + rules.retry_delay(settings, attempts, rng)
    return Settlement(DeliveryStatus.FAILED, DeliveryReason.PROVIDER_ERROR, retry_at, **changes)


def _dead(reason: DeliveryReason, outcome: str, attempt: int, **changes) -> Settlement:
    return Settlement(DeliveryStatus.DEAD_LETTERED, reason, None, outcome, attempt, **changes)
