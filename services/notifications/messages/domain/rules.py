"""The rules every delivery follows (proto/loyalty/notifications/v1/messages.proto):
channel choice, consent, quiet hours, pacing of retries. Pure: no store, no clock."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from services.notifications.contacts.domain import Channel, Contact
from services.notifications.messages.domain.delivery import (
    Delivery,
    DeliveryReason,
    DeliveryStatus,
    suppressed,
)
from services.notifications.templates.domain.catalogue import Category
from services.notifications.templates.domain.formatting import local_day

EMAIL, SMS, PUSH, INBOX = Channel.EMAIL, Channel.SMS, Channel.PUSH, Channel.INBOX
MARKETING = Category.MARKETING
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
class Decision:
    """A channel's fate when the message is created."""

    channel: int
    status: DeliveryStatus
    reason: DeliveryReason = DeliveryReason.UNSPECIFIED


def channels_for(contact: Contact, category: int, named: tuple[int, ...]) -> list[Decision]:
    """Which channels carry the message, and which are suppressed and why."""
    if named:
        return [_named(contact, category, channel) for channel in named]
    preferred = contact.preferred_channels or (EMAIL, SMS, PUSH, INBOX)
    if category == MARKETING:
        for channel in preferred:
            if channel in contact.consents and contact.address(channel):
                return [Decision(channel, DeliveryStatus.QUEUED)]
        return [Decision(preferred[0], DeliveryStatus.SUPPRESSED, DeliveryReason.NO_CONSENT)]
    for channel in preferred:
        if contact.address(channel):
            return [Decision(channel, DeliveryStatus.QUEUED)]
    return [Decision(INBOX, DeliveryStatus.QUEUED)]


def _named(contact: Contact, category: int, channel: int) -> Decision:
    if not contact.address(channel):
        return Decision(channel, DeliveryStatus.SUPPRESSED, DeliveryReason.NO_ADDRESS)
    if category == MARKETING and channel not in contact.consents:
        return Decision(channel, DeliveryStatus.SUPPRESSED, DeliveryReason.NO_CONSENT)
    return Decision(channel, DeliveryStatus.QUEUED)


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


def capped_day(plan: Iterable[Delivery], time_zone: str) -> str | None:
    """The member's day a marketing message counts against under the daily cap (that of
    its first delivery due); None when none of its deliveries is due at all."""
    due = [d.next_attempt_at for d in plan if d.next_attempt_at is not None]
    return local_day(min(due), time_zone) if due else None


def over_cap(plan: list[Delivery], cap: int, day: str) -> list[Delivery]:
    """The plan of a marketing message the member's `day` has no room for."""
    detail = f"{cap} marketing messages already on {day}"
    return [
        delivery
        if delivery.next_attempt_at is None
        else suppressed(delivery, DeliveryReason.DAILY_CAP, detail)
        for delivery in plan
    ]


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
