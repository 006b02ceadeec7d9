"""Custom events and the bonus rules that pay for them: the names, the bounds, which rules
an event meets and whether a rule's caps still let it pay. Pure: no I/O, no clock.

A rule's counters for one member are one value (`Counters`): awards in the current local
day and ISO week, for ever, and the ids of the events counted lately, so counting the same
event twice (a retry, a replica racing another) counts it once. The store keeps them in
one document per rule and member, changed by one version-checked update, so two events
racing each other cannot both take the last award under a cap.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

NAME = re.compile(r"[a-z][a-z0-9_]{0,63}\Z")
ATTRIBUTE_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}\Z")
MAX_ATTRIBUTES = 16
MAX_VALUE_LENGTH = 200
SOURCES = ("app", "partner")
# How far a till's clock may be ahead of ours, and how late it may send an event.
AHEAD = timedelta(minutes=5)
LATE = timedelta(days=7)
# The event ids a member's counters remember (more than any cap lets through in the time
# a retry takes).
REMEMBERED = 200
CAP_LIMITS = {
    "per_member_day": 1_000,
    "per_member_week": 10_000,
    "per_member_lifetime": 1_000_000,
    "points_budget": 1_000_000_000_000,
}
WITHHELD = {
    "day": "CAP_PER_MEMBER_DAY",
    "week": "CAP_PER_MEMBER_WEEK",
    "lifetime": "CAP_PER_MEMBER_LIFETIME",
}


def name_problem(name: str) -> str | None:
    """What is wrong with an event name, or None."""
    if not NAME.match(name):
        return "must be lower_snake: a-z first, then a-z, 0-9 or _, 1..64 characters"
    return None


def attribute_problems(attributes: Mapping[str, str], field: str) -> list[tuple[str, str]]:
    """(field, what is wrong) for attributes beyond the bounds."""
    found = []
    if len(attributes) > MAX_ATTRIBUTES:
        found.append((field, f"at most {MAX_ATTRIBUTES} attributes"))
    for key, value in attributes.items():
        if not ATTRIBUTE_KEY.match(key):
            found.append((f"{field}.{key}"[:120], "keys are lower_snake, 1..40 characters"))
        if len(value) > MAX_VALUE_LENGTH:
            found.append((f"{field}.{key}"[:120], f"at most {MAX_VALUE_LENGTH} characters"))
    return found


def time_problem(occurred_at: datetime, now: datetime) -> str | None:
    """What is wrong with a till's occurred_at, or None."""
    if occurred_at > now + AHEAD:
        return "is in the future"
    if occurred_at < now - LATE:
        return "is more than 7 days ago"
    return None


@dataclasses.dataclass(frozen=True)
class Caps:
    """A custom event rule's caps; 0 = none."""

    per_member_day: int = 0
    per_member_week: int = 0
    per_member_lifetime: int = 0
    points_budget: int = 0


@dataclasses.dataclass(frozen=True)
class Trigger:
    """Which events a rule pays for."""

    event_name: str
    attribute_equals: Mapping[str, str] = dataclasses.field(default_factory=dict, hash=False)
    caps: Caps = Caps()

    def meets(self, name: str, attributes: Mapping[str, str]) -> bool:
        return name == self.event_name and all(
            attributes.get(key) == value for key, value in self.attribute_equals.items()
        )


@dataclasses.dataclass(frozen=True)
class Periods:
    """The local day ("2026-11-23") and ISO week ("2026-W48") an event counts in."""

    day: str
    week: str


def periods(occurred_at: datetime, time_zone: str) -> Periods:
    at = occurred_at if occurred_at.tzinfo else occurred_at.replace(tzinfo=UTC)
    local = at.astimezone(ZoneInfo(time_zone))
    year, week, _ = local.isocalendar()
    return Periods(local.date().isoformat(), f"{year:04d}-W{week:02d}")


@dataclasses.dataclass(frozen=True)
class Counters:
    """One member's awards under one rule: per local day and ISO week (the last few of
    each, as far back as a till may send an event late), and for ever."""

    days: Mapping[str, int] = dataclasses.field(default_factory=dict, hash=False)
    weeks: Mapping[str, int] = dataclasses.field(default_factory=dict, hash=False)
    lifetime: int = 0
    counted: tuple[str, ...] = ()  # the last REMEMBERED event ids counted
    version: int = 0


KEPT_DAYS, KEPT_WEEKS = 9, 3  # more than LATE reaches back


def withheld_by(counters: Counters, caps: Caps, at: Periods) -> str:
    """The cap that withholds one more award ("" when none does)."""
    if caps.per_member_day and counters.days.get(at.day, 0) >= caps.per_member_day:
        return WITHHELD["day"]
    if caps.per_member_week and counters.weeks.get(at.week, 0) >= caps.per_member_week:
        return WITHHELD["week"]
    if caps.per_member_lifetime and counters.lifetime >= caps.per_member_lifetime:
        return WITHHELD["lifetime"]
    return ""


def counting(counters: Counters, event_id: str, at: Periods) -> Counters:
    """The counters with one more award, for the event `event_id`."""
    return dataclasses.replace(
        counters,
        days=_latest({**counters.days, at.day: counters.days.get(at.day, 0) + 1}, KEPT_DAYS),
        weeks=_latest({**counters.weeks, at.week: counters.weeks.get(at.week, 0) + 1}, KEPT_WEEKS),
        lifetime=counters.lifetime + 1,
        counted=(*counters.counted, event_id)[-REMEMBERED:],
        version=counters.version + 1,
    )


def uncounting(counters: Counters, event_id: str, at: Periods) -> Counters:
    """The counters without the award `counting` gave the event (its points could not be
    paid after all: the budget ran out, or the ledger refused)."""
    days, weeks = dict(counters.days), dict(counters.weeks)
    if days.get(at.day):
        days[at.day] -= 1
    if weeks.get(at.week):
        weeks[at.week] -= 1
    return dataclasses.replace(
        counters,
        days=days,
        weeks=weeks,
        lifetime=max(0, counters.lifetime - 1),
        counted=tuple(i for i in counters.counted if i != event_id),
        version=counters.version + 1,
    )


def _latest(counts: dict[str, int], keep: int) -> dict[str, int]:
    """The `keep` latest periods (ISO dates and weeks sort as text)."""
    return {key: counts[key] for key in sorted(counts)[-keep:]}
