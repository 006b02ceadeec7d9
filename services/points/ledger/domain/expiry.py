"""When points expire and when pending points become spendable: calendar rules, no I/O.

Months and days are counted on the programme's local calendar (ProgrammeSettings.time_zone),
because that is the calendar members read their statements in: 31 Jan + 1 month is the end
of February there, whatever the UTC date. Every result is a UTC-aware datetime, as stored
and sent on the wire.

A local wall time that a DST change skips or repeats is read as the later of its two
possible instants: a repeated time is its second occurrence (fold=1), a skipped time is
pushed forward by the length of the gap (02:30 on a spring-forward night becomes 03:30).
Points therefore never expire earlier than the calendar promised.
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ROUNDINGS = ("none", "end_of_day", "end_of_month")


def expires_at(earned_at: datetime, months: int, rounding: str, time_zone: str) -> datetime | None:
    """The instant a lot earned at `earned_at` expires; None when months == 0 (never)."""
    if months < 0:
        raise ValueError(f"expiry months must be >= 0, got {months}")
    if rounding not in ROUNDINGS:
        raise ValueError(f"unknown expiry rounding {rounding!r}; expected one of {ROUNDINGS}")
    zone = _zone(time_zone)
    if months == 0:
        return None
    target = _add_months(_wall_time(earned_at, zone), months)
    if rounding == "end_of_day":
        target = datetime(target.year, target.month, target.day) + timedelta(days=1)
    elif rounding == "end_of_month":
        target = _add_months(datetime(target.year, target.month, 1), 1)
    return _to_utc(target, zone)


def available_at(earned_at: datetime, pending_days: int, time_zone: str) -> datetime:
    """The instant pending points become spendable: `pending_days` local days later."""
    if pending_days < 0:
        raise ValueError(f"pending days must be >= 0, got {pending_days}")
    zone = _zone(time_zone)
    wall = _wall_time(earned_at, zone)  # refuses a naive datetime even when days == 0
    if pending_days == 0:
        # The instant itself: a round trip through the wall time would move an earn in the
        # first of two repeated hours to the second.
        return earned_at.astimezone(UTC)
    return _to_utc(wall + timedelta(days=pending_days), zone)


def local_date(instant: datetime, time_zone: str) -> str:
    """The programme-local calendar date of `instant`, "YYYY-MM-DD"."""
    return _wall_time(instant, _zone(time_zone)).date().isoformat()


def _zone(time_zone: str) -> ZoneInfo:
    try:
        return ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        # ZoneInfo raises ValueError/TypeError for malformed keys ("", "../x", None).
        raise ValueError(f"unknown time zone {time_zone!r}") from None


def _wall_time(instant: datetime, zone: ZoneInfo) -> datetime:
    """The naive local date and time of `instant` in `zone`."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"datetime must be timezone-aware, got naive {instant.isoformat()}")
    return instant.astimezone(zone).replace(tzinfo=None, fold=0)


def _add_months(wall: datetime, months: int) -> datetime:
    """Calendar months later, same time of day, the day clamped to the month's last day."""
    year, month_index = divmod(wall.month - 1 + months, 12)
    year += wall.year
    month = month_index + 1
    day = min(wall.day, calendar.monthrange(year, month)[1])
    return wall.replace(year=year, month=month, day=day)


def _to_utc(wall: datetime, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local wall time; the later reading when DST makes it doubtful."""
    # For an ordinary time both folds give the same instant. For a repeated time fold=1 is
    # the later (second) occurrence; for a skipped time fold=0 applies the offset from
    # before the change, which lands the gap's length later on the clock.
    readings = (wall.replace(tzinfo=zone, fold=fold).astimezone(UTC) for fold in (0, 1))
    return max(readings)


def last_local_day(expires_at: datetime, time_zone: str) -> str:
    """The last local day points expiring at `expires_at` can be spent ("YYYY-MM-DD").

    Expiry instants are usually a local midnight (end of day or month rounding): points
    expiring at 1 Feb 00:00 are spendable through 31 Jan, which is what members are told.
    """
    return local_date(expires_at - timedelta(microseconds=1), time_zone)
