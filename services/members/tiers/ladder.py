"""The tier ladder and the rules that place a member on it. Pure, no I/O.

A ladder is a list of tiers by rising threshold on one qualifying measure (points earned,
or amount spent in the ladder's currency) over a window (the last N months, or the
calendar year), and a downgrade policy (review every N months, a grace period, then drop
one tier or recalculate).
"""

from __future__ import annotations

import calendar
import dataclasses
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from common.clock import DEFAULT_TIME_ZONE

PROGRAMME_ZONE = ZoneInfo(DEFAULT_TIME_ZONE)


@dataclasses.dataclass(frozen=True)
class Tier:
    code: str
    names: dict[str, str]
    threshold: int  # points, or minor units of the ladder's currency
    earn_multiplier_bp: int = 10_000
    free_shipping: bool = False
    priority_service: bool = False
    exclusive_rewards: bool = False


@dataclasses.dataclass(frozen=True)
class Ladder:
    measure: str  # "points" or "spend"
    currency: str
    window: str  # "rolling_months" or "calendar_year"
    window_months: int
    tiers: tuple[Tier, ...]
    review_months: int
    grace_days: int
    downgrade: str  # "drop_one" or "recalculate"
    version: int = 0

    def tier(self, code: str) -> Tier | None:
        return next((tier for tier in self.tiers if tier.code == code), None)

    def rank(self, code: str) -> int:
        """Position on the ladder; a tier the ladder no longer has counts as the entry."""
        return next((i for i, tier in enumerate(self.tiers) if tier.code == code), 0)

    def earned_tier(self, qualifying: int) -> Tier:
        """The highest tier whose threshold the total reaches."""
        return [tier for tier in self.tiers if tier.threshold <= qualifying][-1]

    def window_start(self, now: datetime) -> datetime:
        local = now.astimezone(PROGRAMME_ZONE)
        if self.window == "calendar_year":
            start = datetime(local.year, 1, 1, tzinfo=PROGRAMME_ZONE)
        else:
            start = months_later(local, -self.window_months)
        return start

    def next_review(self, after: datetime) -> datetime:
        """`review_months` later on the programme's calendar: a tier reached at 00:30 on
        30 November in Viet Nam (still the 29th in UTC) is reviewed on 28 February there."""
        return months_later(after.astimezone(PROGRAMME_ZONE), self.review_months).astimezone(UTC)

    def grace_until(self, since: datetime) -> datetime:
        return since + timedelta(days=self.grace_days)


def problems(ladder: Ladder) -> list[tuple[str, str]]:
    """(field, what is wrong) for each problem; empty when the ladder is sound."""
    found = []
    if ladder.measure not in ("points", "spend"):
        found.append(("ladder.measure", "must be POINTS or SPEND"))
    if ladder.window not in ("rolling_months", "calendar_year"):
        found.append(("ladder.window.kind", "must be ROLLING_MONTHS or CALENDAR_YEAR"))
    if ladder.window == "rolling_months" and not 1 <= ladder.window_months <= 36:
        found.append(("ladder.window.months", "must be 1..36"))
    if not 1 <= len(ladder.tiers) <= 20:
        found.append(("ladder.tiers", "must have 1..20 tiers"))
    codes = [tier.code for tier in ladder.tiers]
    if len(set(codes)) != len(codes):
        found.append(("ladder.tiers", "tier codes must be unique"))
    for index, tier in enumerate(ladder.tiers):
        field = f"ladder.tiers[{index}]"
        if not tier.code:
            found.append((f"{field}.code", "is required"))
        if not tier.names.get("vi"):
            found.append((f"{field}.name", "needs a Vietnamese name"))
        if tier.earn_multiplier_bp <= 0:
            found.append((f"{field}.benefits.earn_multiplier_bp", "must be above zero"))
        if index == 0 and tier.threshold != 0:
            found.append((f"{field}.threshold", "the entry tier's threshold must be 0"))
        if index and tier.threshold <= ladder.tiers[index - 1].threshold:
            found.append((f"{field}.threshold", "thresholds must rise strictly"))
    if ladder.review_months < 1:
        found.append(("ladder.downgrade.review_period_months", "must be at least 1"))
    if ladder.grace_days < 0:
        found.append(("ladder.downgrade.grace_period_days", "must not be negative"))
    if ladder.downgrade not in ("drop_one", "recalculate"):
        found.append(("ladder.downgrade.mode", "must be DROP_ONE_TIER or RECALCULATE"))
    return found


def months_later(moment: datetime, months: int) -> datetime:
    """The same local time `months` calendar months later (clamped to the month's end)."""
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)
