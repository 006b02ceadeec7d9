"""The suite's one clock for business time: every "now" a process acts on (an earn with no
time of its own, lots that expire, holds that run out, tier reviews, quiet hours, the
default period of a report) is read from `now()` here, never from datetime.now.

Outside production the clock can be moved: LOYALTY_CLOCK_OFFSET (e.g. "+548d", "-2h",
"+90m", "+30s") shifts every process that reads it by the same amount, so the whole suite
can be run as it will behave a year and a half from today (`make test-later`). Production
(LOYALTY_ENV=production) refuses the setting: a business never runs on a moved calendar.

A test that needs one exact instant freezes it: it passes its own clock (any callable
returning an aware UTC datetime) to what it builds, or freezes the process with
time-machine, which `now()` follows.

Elapsed-time measures stay on the system clocks: monotonic timers, Redis and token
lifetimes (PyJWT checks those against the real time). An offset moves the calendar, not
durations, so none of them notices it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta

from common.settings import ProcessSettings

Clock = Callable[[], datetime]
OFFSET_VARIABLE = "LOYALTY_CLOCK_OFFSET"

# The calendar a programme, a member or a store reads when none is named: the suite's home
# market. Local days, months and years (expiry, birthdays, quiet hours, reviews) count in it.
DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh"

_offset: timedelta | None = None


def now() -> datetime:
    """The current instant, UTC, moved by the configured offset (none by default)."""
    return datetime.now(UTC) + offset()


def offset() -> timedelta:
    """How far this process's business clock is moved from the calendar."""
    return _offset if _offset is not None else configure()


def configure(environ: Mapping[str, str] | None = None) -> timedelta:
    """Reads the offset from the environment where no settings did (the CLI, the tests'
    own process); SettingsError names LOYALTY_CLOCK_OFFSET when it is malformed or set in
    production. A service or the gateway passes its checked settings to `use_offset`."""
    return use_offset(ProcessSettings.from_env(environ).clock_offset)


def use_offset(offset: timedelta) -> timedelta:
    global _offset
    _offset = offset
    return offset


def to_the_millisecond(instant: datetime) -> datetime:
    """An instant as the store keeps it (MongoDB keeps milliseconds): what is answered
    first and what is read back later must be the same instant."""
    return instant.replace(microsecond=instant.microsecond // 1000 * 1000)
