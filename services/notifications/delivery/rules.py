"""The rules every delivery follows (proto/loyalty/notifications/v1/messages.proto):
channel choice, consent, quiet hours, pacing of retries. Pure: no store, no clock."""

from __future__ import annotations

import dataclasses
import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from common.clock import DEFAULT_TIME_ZONE
from loyalty.common.v1 import common_pb2
from loyalty.notifications.v1 import messages_pb2 as pb
from loyalty.notifications.v1 import templates_pb2

EMAIL, SMS, PUSH, INBOX = (
    common_pb2.CHANNEL_EMAIL,
    common_pb2.CHANNEL_SMS,
    common_pb2.CHANNEL_PUSH,
    common_pb2.CHANNEL_INBOX,
)
MARKETING = templates_pb2.MESSAGE_CATEGORY_MARKETING
# Channels quiet hours hold back: the ones that make a phone buzz or a mailbox fill.
INTRUSIVE = {EMAIL, SMS, PUSH}


@dataclasses.dataclass(frozen=True)
class DeliverySettings:
    quiet_hours_start: str = "21:00"
    quiet_hours_end: str = "08:00"
    marketing_daily_cap: int = 2
    max_attempts: int = 5
    retry_base_delay_seconds: int = 30
    retry_max_delay_seconds: int = 3600
    expiry_reminder_days: int = 7
    bulk_rate_per_second: int = 50
    version: int = 0
    updated_at: datetime | None = None
    updated_by: str = ""


@dataclasses.dataclass(frozen=True)
class Contact:
    """This service's copy of what it needs to reach a member."""

    member_id: str
    name: str = ""
    phone: str = ""
    email: str = ""
    language: str = "vi"
    time_zone: str = DEFAULT_TIME_ZONE
    preferred_channels: tuple[int, ...] = ()
    consents: frozenset[int] = frozenset()  # channels with marketing consent
    blocked: bool = False
    tier: dict[str, str] = dataclasses.field(default_factory=dict)

    def address(self, channel: int) -> str:
        """Where the channel reaches the member; empty when it cannot."""
        if channel == EMAIL:
            return self.email
        if channel == SMS:
            return self.phone
        return self.member_id  # push is addressed by member id; the inbox is ours


@dataclasses.dataclass(frozen=True)
class Decision:
    """A channel's fate when the message is created."""

    channel: int
    status: int
    reason: int = pb.DELIVERY_REASON_UNSPECIFIED


def channels_for(contact: Contact, category: int, named: tuple[int, ...]) -> list[Decision]:
    """Which channels carry the message, and which are suppressed and why."""
    if named:
        return [_named(contact, category, channel) for channel in named]
    preferred = contact.preferred_channels or (EMAIL, SMS, PUSH, INBOX)
    if category == MARKETING:
        for channel in preferred:
            if channel in contact.consents and contact.address(channel):
                return [Decision(channel, pb.DELIVERY_STATUS_QUEUED)]
        return [
            Decision(preferred[0], pb.DELIVERY_STATUS_SUPPRESSED, pb.DELIVERY_REASON_NO_CONSENT)
        ]
    for channel in preferred:
        if contact.address(channel):
            return [Decision(channel, pb.DELIVERY_STATUS_QUEUED)]
    return [Decision(INBOX, pb.DELIVERY_STATUS_QUEUED)]


def _named(contact: Contact, category: int, channel: int) -> Decision:
    if not contact.address(channel):
        return Decision(channel, pb.DELIVERY_STATUS_SUPPRESSED, pb.DELIVERY_REASON_NO_ADDRESS)
    if category == MARKETING and channel not in contact.consents:
        return Decision(channel, pb.DELIVERY_STATUS_SUPPRESSED, pb.DELIVERY_REASON_NO_CONSENT)
    return Decision(channel, pb.DELIVERY_STATUS_QUEUED)


def held_by_quiet_hours(category: int, channel: int) -> bool:
    return category == MARKETING and channel in INTRUSIVE


def quiet_until(settings: DeliverySettings, when: datetime, time_zone: str) -> datetime | None:
    """The end of the quiet period `when` falls in (member's local time), or None."""
    start, end = _clock(settings.quiet_hours_start), _clock(settings.quiet_hours_end)
    if start == end:
        return None
    local = when.astimezone(ZoneInfo(time_zone))
    now = local.time()
    crosses_midnight = start > end
    inside = (now >= start or now < end) if crosses_midnight else (start <= now < end)
    if not inside:
        return None
    end_day = local.date() + timedelta(days=1 if crosses_midnight and now >= start else 0)
    return datetime.combine(end_day, end, tzinfo=local.tzinfo).astimezone(when.tzinfo)


def local_day(when: datetime, time_zone: str) -> str:
    return when.astimezone(ZoneInfo(time_zone)).date().isoformat()


def retry_delay(settings: DeliverySettings, attempts: int, rng: random.Random) -> timedelta:
    """Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(n-1))],
    never less than a second so a retry is never a busy loop."""
    ceiling = min(
        settings.retry_max_delay_seconds, settings.retry_base_delay_seconds * 2 ** (attempts - 1)
    )
    return timedelta(seconds=max(1.0, rng.uniform(0, ceiling)))


def mask(channel: int, address: str) -> str:
    """ "+8491****678", "l***@example.com": enough for support to recognise, no more."""
    if channel == SMS and len(address) > 7:
        return address[:5] + "*" * (len(address) - 8) + address[-3:]
    if channel == EMAIL and "@" in address:
        local, domain = address.split("@", 1)
        return f"{local[:1]}***@{domain}"
    return address


def _clock(raw: str) -> time:
    hours, minutes = raw.split(":")
    return time(int(hours), int(minutes))


def parse_clock(raw: str) -> bool:
    """Whether `raw` is a local time "HH:MM"."""
    try:
        hours, minutes = raw.split(":")
        return len(hours) == 2 and len(minutes) == 2 and _clock(raw) is not None
    except ValueError:
        return False
