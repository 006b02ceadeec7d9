"""What each message type is: its category and the variables its templates may use.

A variable's kind says how the raw value a sender passes becomes text for the member:
    text    as given
    points  an integer, with digit grouping ("1.250" in vi)
    money   "<amount in minor units> <ISO currency>", e.g. "1250000 VND" -> "1.250.000 ₫"
    date    "YYYY-MM-DD" as is, or an ISO instant shown as the member's local date
    until   "YYYY-MM-DD" (the last day) as is, or an ISO instant something is valid until
            (exclusive, as the ledger gives a voucher's expires_at): shown as the last
            local day it is valid on, i.e. the day of the instant just before it
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from common.refusals import Refusal
from services.notifications.templates.domain import formatting


class MessageType(enum.IntEnum):
    """Numbered as loyalty.notifications.v1.MessageType."""

    WELCOME = 1
    PURCHASE_THANK_YOU = 2
    TIER_UPGRADE = 3
    REWARD_REDEEMED = 4
    POINTS_EXPIRING = 5
    BIRTHDAY = 6
    APOLOGY = 7
    GIFT = 8
    MARKETING = 9
    WIN_BACK = 10
    SIGN_IN_CODE = 11
    GENERIC = 12
    POINTS_REVERSED = 13


class Category(enum.IntEnum):
    """Numbered as loyalty.notifications.v1.MessageCategory; a GENERIC message sent by
    this service itself (not asked for by a client) may have none."""

    UNSPECIFIED = 0
    TRANSACTIONAL = 1
    MARKETING = 2


@dataclasses.dataclass(frozen=True)
class Offered:
    name: str
    kind: str
    description: str
    example: str  # raw, as a sender would pass it


COMMON = (
    Offered("name", "text", "The member's full name as they gave it", "Nguyễn Thị Lan"),
    Offered(
        "tier",
        "text",
        "The member's tier name in their language (an upgrade: the tier it reached)",
        "Vàng",
    ),
    Offered("today", "date", "Today in the member's time zone", "2025-06-01"),
)
POINTS = Offered("points", "points", "Points of this message, digit-grouped", "1250")
BALANCE = Offered("balance", "points", "Points available after it", "5300")
CODE = Offered("code", "text", "Voucher code", "LS7K-2QXD-9M")
REWARD = Offered("reward", "text", "Reward name in the member's language", "Giảm 20%")
VALID_UNTIL = Offered("valid_until", "until", "Last day the voucher can be used", "2025-12-31")
TITLE = Offered("title", "text", "Headline chosen by the sender", "Ưu đãi tháng 6")
TEXT = Offered("text", "text", "Message text chosen by the sender", "Giảm 10% toàn bộ cửa hàng")

OFFERED: dict[int, tuple[Offered, ...]] = {
    MessageType.WELCOME: (
        Offered("member_number", "text", "Membership number", "100000042"),
        Offered("referral_code", "text", "Code to invite friends", "LAN42X"),
    ),
    MessageType.PURCHASE_THANK_YOU: (
        POINTS,
        BALANCE,
        Offered("amount", "money", "Purchase amount in its currency", "1250000 VND"),
        Offered("pending_until", "date", "When pending points become available", ""),
    ),
    MessageType.TIER_UPGRADE: (
        Offered("previous_tier", "text", "The tier before the upgrade", "Bạc"),
        Offered("multiplier", "text", "Points multiplier of the new tier", "x1.5"),
    ),
    MessageType.REWARD_REDEEMED: (REWARD, CODE, VALID_UNTIL, POINTS, BALANCE),
    MessageType.POINTS_EXPIRING: (
        POINTS,
        Offered("expiry_date", "date", "Last day the points can be spent", "2025-06-30"),
    ),
    MessageType.BIRTHDAY: (CODE, REWARD, VALID_UNTIL),
    MessageType.APOLOGY: (
        CODE,
        REWARD,
        VALID_UNTIL,
        Offered("complaint", "text", "The complaint's reference", "CS-2025-0042"),
    ),
    MessageType.GIFT: (
        POINTS,
        CODE,
        REWARD,
        VALID_UNTIL,
        Offered("note", "text", "Note from the CRM team", "Cảm ơn chị đã đồng hành"),
    ),
    MessageType.MARKETING: (TITLE, TEXT, CODE),
    MessageType.WIN_BACK: (TITLE, TEXT, CODE),
    MessageType.SIGN_IN_CODE: (
        Offered("code", "text", "The one-time sign-in code", "482913"),
        Offered("minutes", "text", "Minutes the code stays valid", "5"),
    ),
    MessageType.GENERIC: (TITLE, TEXT),
    MessageType.POINTS_REVERSED: (
        POINTS,
        BALANCE,
        Offered("return_id", "text", "The store's return reference", "RT-0042"),
        Offered("not_taken", "points", "Points the return could not take back", "0"),
        Offered("owed", "points", "Points now owed, paid by the next purchases", "0"),
    ),
}
MARKETING_TYPES = {MessageType.MARKETING, MessageType.WIN_BACK}


def offered(message_type: int) -> tuple[Offered, ...]:
    return COMMON + OFFERED[message_type]


def names(message_type: int) -> set[str]:
    return {variable.name for variable in offered(message_type)}


def category_of(message_type: int, chosen: int = Category.UNSPECIFIED) -> Category:
    if message_type == MessageType.GENERIC:
        return Category(chosen)
    return Category.MARKETING if message_type in MARKETING_TYPES else Category.TRANSACTIONAL


def examples(message_type: int) -> dict[str, str]:
    return {variable.name: variable.example for variable in offered(message_type)}


def formatted(
    message_type: int, raw: dict[str, str], language: str, time_zone: str
) -> dict[str, str]:
    """The values as the member reads them; ValueError names a value of the wrong shape."""
    kinds = {variable.name: variable.kind for variable in offered(message_type)}
    values = {}
    for name, value in raw.items():
        kind = kinds.get(name, "text")
        try:
            values[name] = _format(kind, value, language, time_zone) if value else ""
        except ValueError:
            raise ValueError(f"variables[{name}]: {value!r} is not {SHAPES[kind]}") from None
    return values


def for_member(
    message_type: int,
    given: Mapping[str, str],
    *,
    name: str,
    tier: str,
    language: str,
    time_zone: str,
    now: datetime,
) -> dict[str, str]:
    """What a template renders for a member: the sender's values and the member's own
    (COMMON), formatted as the member reads them; BAD_VARIABLE names a value of the
    wrong shape. A sender may name the tier (an upgrade names the tier its event
    reached); otherwise it is the member's tier now."""
    member_data = {
        "name": name,
        "tier": given.get("tier") or tier,
        "today": formatting.local_day(now, time_zone),
    }
    try:
        return formatted(message_type, {**given, **member_data}, language, time_zone)
    except ValueError as exc:
        field = str(exc).split(":", 1)[0]
        raise Refusal("invalid", "BAD_VARIABLE", str(exc), field) from None


# What a value of each kind must look like, as a refusal says it.
SHAPES = {
    "points": "a whole number of points",
    "money": "an amount in minor units and a currency, e.g. '1250000 VND'",
    "date": "a date, YYYY-MM-DD, or an ISO instant",
    "until": "a last day, YYYY-MM-DD, or an ISO instant",
}


def _format(kind: str, value: str, language: str, time_zone: str) -> str:
    if kind == "points":
        return formatting.number(int(value), language)
    if kind == "money":
        amount, currency = value.split()
        return formatting.money(int(amount), currency.upper(), language)
    if kind in ("date", "until"):
        if len(value) == 10:
            return formatting.day(date.fromisoformat(value), language)
        instant = formatting.parse_instant(value)
        if kind == "until":  # the end is exclusive: its last moment is the one before
            instant -= timedelta(microseconds=1)
        local = instant.astimezone(ZoneInfo(time_zone))
        return formatting.day(local.date(), language)
    return value
