"""A delivery: one message on one channel, and what it hands that channel.

Each channel's `send` answers an Outcome and never raises: a provider's failure is data
the dispatcher records and retries. Statuses and reasons are numbered as
loyalty.notifications.v1 numbers them.
"""

from __future__ import annotations

import dataclasses
import enum
from datetime import datetime

from services.notifications.contacts.domain import Channel
from services.notifications.templates.domain.catalogue import Category, MessageType


class DeliveryStatus(enum.IntEnum):
    QUEUED = 1
    SENT = 2
    DEFERRED = 3
    SUPPRESSED = 4
    FAILED = 5
    DEAD_LETTERED = 6


class DeliveryReason(enum.IntEnum):
    UNSPECIFIED = 0
    NO_CONSENT = 1
    NO_ADDRESS = 2
    QUIET_HOURS = 3
    DAILY_CAP = 4
    DUPLICATE = 5
    MEMBER_ERASED = 6
    MEMBER_BLOCKED = 7
    SCHEDULED = 8
    NO_TEMPLATE = 9
    PROVIDER_ERROR = 10
    PROVIDER_REJECTED = 11
    MAX_ATTEMPTS = 12
    CANCELLED = 13


# The statuses a dispatcher attempts (when their next_attempt_at comes).
DUE = (DeliveryStatus.QUEUED, DeliveryStatus.DEFERRED, DeliveryStatus.FAILED)


@dataclasses.dataclass(frozen=True)
class Attempt:
    """A line of a delivery's attempt log."""

    at: datetime
    attempt: int
    outcome: str
    detail: str


@dataclasses.dataclass(frozen=True)
class Delivery:
    delivery_id: str
    message_id: str
    member_id: str
    message_type: MessageType
    category: Category
    channel: Channel
    status: DeliveryStatus
    reason: DeliveryReason
    created_at: datetime
    updated_at: datetime
    detail: str = ""
    attempts: int = 0
    next_attempt_at: datetime | None = None
    address: str = ""  # masked: enough for support to recognise
    to: str = ""  # where a sign-in code goes, until it is sent
    subject: str = ""
    body: str = ""
    provider_message_id: str = ""
    sent_at: datetime | None = None
    attempt_log: tuple[Attempt, ...] = ()
    bulk_send_id: str = ""


def suppressed(delivery: Delivery, reason: DeliveryReason, detail: str = "") -> Delivery:
    return dataclasses.replace(
        delivery,
        status=DeliveryStatus.SUPPRESSED,
        reason=reason,
        next_attempt_at=None,
        detail=detail,
    )


def deferred(delivery: Delivery, until: datetime, reason: DeliveryReason) -> Delivery:
    return dataclasses.replace(
        delivery, status=DeliveryStatus.DEFERRED, reason=reason, next_attempt_at=until
    )


@dataclasses.dataclass(frozen=True)
class Parcel:
    """What one delivery hands its channel."""

    delivery_id: str
    member_id: str
    to: str
    subject: str
    body: str
    message_type: MessageType


@dataclasses.dataclass(frozen=True)
class Outcome:
    sent: bool
    detail: str = ""
    provider_message_id: str = ""
    # The provider refused for good (a bad address): retrying cannot help.
    permanent: bool = False

    @property
    def word(self) -> str:
        return "sent" if self.sent else "rejected" if self.permanent else "failed"


def accepted(provider_message_id: str, detail: str = "") -> Outcome:
    return Outcome(True, detail, provider_message_id)


def failed(detail: str, permanent: bool = False) -> Outcome:
    return Outcome(False, detail, permanent=permanent)
