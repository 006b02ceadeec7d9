"""A bulk send: one message to every member of a segment, throttled, worked through page
by page (messages/service/bulk.py)."""

from __future__ import annotations

import dataclasses
import enum
import hashlib
from datetime import datetime

from services.notifications.contacts.domain import Channel
from services.notifications.messages.domain.delivery import DeliveryStatus
from services.notifications.templates.domain.catalogue import Category, MessageType


class BulkSendState(enum.IntEnum):
    """Numbered as loyalty.notifications.v1.BulkSendState."""

    SCHEDULED = 1
    RUNNING = 2
    COMPLETED = 3
    CANCELLED = 4
    FAILED = 5


ACTIVE = (BulkSendState.SCHEDULED, BulkSendState.RUNNING)


@dataclasses.dataclass(frozen=True)
class BulkRequest:
    """A bulk send as asked for (StartBulkSend, checked)."""

    name: str
    segment_id: str
    message_type: MessageType
    category: Category
    channels: tuple[Channel, ...]
    variables: dict[str, str]
    rate_per_second: int
    scheduled_at: datetime | None
    actor: str
    reason: str

    def fingerprint(self) -> str:
        """What tells a replay of the request from another request with the same key."""
        fields = {
            **dataclasses.asdict(self),
            "message_type": int(self.message_type),
            "category": int(self.category),
            "channels": [int(channel) for channel in self.channels],
        }
        return hashlib.sha256(repr(sorted(fields.items())).encode()).hexdigest()


@dataclasses.dataclass(frozen=True)
class BulkSend:
    """A bulk send: what was asked for (`request`, scheduled for `scheduled_at`: when it
    was asked, if no time was) and how far it got."""

    bulk_send_id: str
    request: BulkRequest
    fingerprint: str  # the request's
    computation_id: str  # of the segment, fixed when the send starts
    state: BulkSendState
    scheduled_at: datetime
    created_at: datetime
    members_total: int = 0
    members_processed: int = 0
    cursor: str = ""  # of the segment's next page
    error: str = ""
    started_at: datetime | None = None
    finished_at: datetime | None = None
    lease: str = ""  # the runner's that claimed it


@dataclasses.dataclass(frozen=True)
class SegmentPage:
    """A page of a segment's members (the members service's answer)."""

    computation_id: str
    member_ids: list[str]
    total: int
    next_cursor: str


@dataclasses.dataclass(frozen=True)
class BulkProgress:
    """The deliveries of a bulk send per status."""

    queued: int = 0
    sent: int = 0
    deferred: int = 0
    suppressed: int = 0
    failed: int = 0
    dead_lettered: int = 0


PROGRESS_FIELDS = {status: status.name.lower() for status in DeliveryStatus}


def bulk_send_id_of(idempotency_key: str) -> str:
    return "b" + hashlib.sha256(idempotency_key.encode()).hexdigest()[:20]


def dedupe_key(bulk_send_id: str, member_id: str) -> str:
    """Each member's message of a bulk send: a resumed send never sends it twice."""
    return f"bulk:{bulk_send_id}:{member_id}"
