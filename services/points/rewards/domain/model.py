"""Rewards, vouchers and redemptions, and the rules about them. Pure: no store, no clock.

Amounts are minor units in the reward's currency (rewards are priced in points; money
appears in voucher values, minimum purchases and payment rates).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

PERCENTAGE, FIXED, FREE_ITEM, GIFT, TICKET, PAYMENT = (
    "percentage_voucher",
    "fixed_voucher",
    "free_item",
    "gift",
    "event_ticket",
    "points_as_payment",
)
DRAFT, ACTIVE, ARCHIVED = "draft", "active", "archived"
USED, EXPIRED, CANCELLED = "used", "expired", "cancelled"
COMPLETED, STARTED = "completed", "started"


@dataclasses.dataclass(frozen=True)
class Visibility:
    min_tier_code: str = ""
    tier_codes: tuple[str, ...] = ()
    segment_ids: tuple[str, ...] = ()
    exclusive: bool = False


@dataclasses.dataclass(frozen=True)
class PaymentRate:
    points: int = 0
    value_minor: int = 0
    min_points: int = 0
    max_points: int = 0


@dataclasses.dataclass
class Reward:
    reward_id: str
    name: dict[str, str]
    type: str
    status: str = DRAFT
    description: dict[str, str] = dataclasses.field(default_factory=dict)
    terms: dict[str, str] = dataclasses.field(default_factory=dict)
    image_url: str = ""
    points_cost: int = 0
    currency: str = "VND"
    percent_off_bp: int = 0
    max_discount_minor: int = 0
    fixed_value_minor: int = 0
    min_purchase_minor: int = 0
    item_sku: str = ""
    payment_rate: PaymentRate = dataclasses.field(default_factory=PaymentRate)
    event_at: datetime | None = None
    unlimited_stock: bool = False
    stock_total: int = 0
    stock_remaining: int = 0
    available_from: datetime | None = None
    available_until: datetime | None = None
    voucher_validity_days: int = 0
    voucher_expires_at: datetime | None = None
    per_member_limit: int = 0
    visibility: Visibility = dataclasses.field(default_factory=Visibility)
    partner_ids: tuple[str, ...] = ()
    version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_by: str = ""

    def available_at(self, when: datetime) -> bool:
        """Active and inside its availability window."""
        return (
            self.status == ACTIVE
            and (self.available_from is None or self.available_from <= when)
            and (self.available_until is None or when < self.available_until)
        )

    def in_stock(self) -> bool:
        return self.unlimited_stock or self.stock_remaining > 0

    def carries_voucher(self) -> bool:
        return self.type != PAYMENT

    def issue_only(self) -> bool:
        """A voucher reward for 0 points (a gift voucher, a compensation voucher): staff,
        bonus rules and gifts issue it; members never redeem it nor see it in their
        catalogue, so it cannot be taken for free."""
        return self.carries_voucher() and self.points_cost == 0


@dataclasses.dataclass(frozen=True)
class Viewer:
    """What decides what a member sees: their tier (with its rank and whether it opens
    exclusive rewards), segments, status and points."""

    member_id: str
    tier_code: str = ""
    tier_rank: int = 0
    tier_exclusive: bool = False
    segment_ids: frozenset[str] = frozenset()
    blocked: bool = False
    erased: bool = False
    available_points: int = 0


def visible_to(reward: Reward, viewer: Viewer, tier_ranks: dict[str, int]) -> bool:
    rule = reward.visibility
    if rule.min_tier_code and viewer.tier_rank < tier_ranks.get(rule.min_tier_code, 10**6):
        return False
    if rule.tier_codes and viewer.tier_code not in rule.tier_codes:
        return False
    if rule.segment_ids and not viewer.segment_ids & set(rule.segment_ids):
        return False
    return not rule.exclusive or viewer.tier_exclusive


def price(reward: Reward, points: int = 0) -> int:
    """Points a redemption spends: the cost, or for payment the points asked (at least
    the minimum)."""
    if reward.type == PAYMENT:
        return points or max(reward.payment_rate.min_points, reward.payment_rate.points)
    return reward.points_cost


def payment_problem(reward: Reward, points: int) -> str:
    """Why `points` cannot pay with this reward; empty when they can."""
    rate = reward.payment_rate
    if points <= 0 or points % rate.points:
        return f"must be a positive multiple of {rate.points}"
    if points < rate.min_points:
        return f"must be at least {rate.min_points}"
    if rate.max_points and points > rate.max_points:
        return f"must be at most {rate.max_points}"
    return ""


def payment_value(reward: Reward, points: int) -> int:
    return points // reward.payment_rate.points * reward.payment_rate.value_minor


def voucher_expiry(reward: Reward, issued_at: datetime, time_zone: str) -> datetime:
    """The end of the last local day of validity, or the reward's fixed expiry."""
    if reward.voucher_validity_days:
        local = issued_at.astimezone(ZoneInfo(time_zone)).date()
        last_day = local + timedelta(days=reward.voucher_validity_days)
        midnight = datetime.combine(last_day, datetime.min.time(), tzinfo=ZoneInfo(time_zone))
        return midnight.astimezone(issued_at.tzinfo)
    return reward.voucher_expires_at


def discount(voucher: dict, purchase_minor: int) -> int | None:
    """The money off a purchase of `purchase_minor`, or None for non-money vouchers."""
    if voucher["type"] == PERCENTAGE:
        off = purchase_minor * voucher["percent_off_bp"] // 10_000
        cap = voucher.get("max_discount_minor") or off
        return min(off, cap)
    if voucher["type"] == FIXED:
        return min(voucher["fixed_value_minor"], purchase_minor)
    return None


def voucher_state(voucher: dict, now: datetime) -> str:
    """The stored state, with an active voucher past its expiry shown as expired."""
    if voucher["state"] == ACTIVE and voucher["expires_at"] <= now:
        return EXPIRED
    return voucher["state"]
