"""Expiry and pending dates: calendar months in the programme's time zone, DST, rounding."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.points.ledger.domain.expiry import ROUNDINGS, available_at, expires_at, local_date

HCM = "Asia/Ho_Chi_Minh"
NEW_YORK = "America/New_York"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("earned", "months", "expected"),
    [
        # Leap years: the day is clamped to the end of a short month.
        ("2024-01-31T10:00", 1, "2024-02-29T10:00"),
        ("2023-01-31T10:00", 1, "2023-02-28T10:00"),
        ("2024-02-29T10:00", 12, "2025-02-28T10:00"),
        ("2024-02-29T10:00", 48, "2028-02-29T10:00"),
        # End of month, and whole years.
        ("2024-03-31T10:00", 1, "2024-04-30T10:00"),
        ("2024-08-31T10:00", 1, "2024-09-30T10:00"),
        ("2024-01-15T10:00", 1, "2024-02-15T10:00"),
        ("2024-11-30T10:00", 3, "2025-02-28T10:00"),
        ("2024-12-31T10:00", 1, "2025-01-31T10:00"),
        ("2024-05-10T10:00", 24, "2026-05-10T10:00"),
    ],
)
def test_calendar_months_in_utc(earned, months, expected):
    assert expires_at(utc(earned), months, "none", "UTC") == utc(expected)


@pytest.mark.parametrize(
    ("earned", "months", "rounding", "expected"),
    [
        # 17:30Z on 31 Jan is 00:30 on 1 Feb in Viet Nam (UTC+7): the local month counts.
        ("2024-01-31T17:30", 1, "none", "2024-02-29T17:30"),
        ("2024-01-31T16:30", 1, "none", "2024-02-29T16:30"),  # 23:30 on 31 Jan local
        ("2024-01-30T17:30", 1, "none", "2024-02-28T17:30"),  # 31 Jan 00:30 local -> 29 Feb
        # end_of_day: the next local midnight, i.e. 17:00Z the day before.
        ("2024-01-31T17:30", 1, "end_of_day", "2024-03-01T17:00"),
        ("2024-01-31T16:30", 1, "end_of_day", "2024-02-29T17:00"),
        # end_of_month: midnight local on the first day of the next month.
        ("2024-01-31T17:30", 1, "end_of_month", "2024-03-31T17:00"),
        ("2024-01-31T16:30", 1, "end_of_month", "2024-02-29T17:00"),
        ("2024-11-15T03:00", 1, "end_of_month", "2024-12-31T17:00"),
    ],
)
def test_local_calendar_of_ho_chi_minh(earned, months, rounding, expected):
    assert expires_at(utc(earned), months, rounding, HCM) == utc(expected)


def test_inputs_in_any_zone_give_utc_results():
    earned = datetime(2024, 2, 1, 0, 30, tzinfo=ZoneInfo(HCM))  # = 2024-01-31T17:30Z
    result = expires_at(earned, 1, "none", HCM)
    assert result == utc("2024-02-29T17:30")
    assert result.utcoffset() == timedelta(0)
    assert expires_at(earned.astimezone(timezone(timedelta(hours=-3))), 1, "none", HCM) == result


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        ("2024-01-31T17:30", "2024-02-01"),
        ("2024-01-31T16:59", "2024-01-31"),
        ("2024-01-31T17:00", "2024-02-01"),
        ("2024-12-31T17:00", "2025-01-01"),
    ],
)
def test_local_date_in_ho_chi_minh(instant, expected):
    assert local_date(utc(instant), HCM) == expected


@pytest.mark.parametrize(
    ("earned", "months", "rounding", "expected"),
    [
        # 12:00 EST (UTC-5) in February is 12:00 EDT (UTC-4) a month later: same local time.
        ("2024-02-10T17:00", 1, "none", "2024-03-10T16:00"),
        # 02:30 on 10 Mar 2024 does not exist in New York: pushed on to 03:30 EDT.
        ("2024-02-10T07:30", 1, "none", "2024-03-10T07:30"),
        # 01:30 on 3 Nov 2024 happens twice: the later one, 01:30 EST.
        ("2024-10-03T05:30", 1, "none", "2024-11-03T06:30"),
        # Midnights either side of the March change: 05:00Z in winter, 04:00Z in summer.
        ("2024-02-09T17:00", 1, "end_of_day", "2024-03-10T05:00"),
        ("2024-02-10T17:00", 1, "end_of_day", "2024-03-11T04:00"),
        ("2024-02-10T17:00", 1, "end_of_month", "2024-04-01T04:00"),
        ("2024-01-10T17:00", 1, "end_of_month", "2024-03-01T05:00"),
    ],
)
def test_new_york_across_daylight_saving(earned, months, rounding, expected):
    assert expires_at(utc(earned), months, rounding, NEW_YORK) == utc(expected)


@pytest.mark.parametrize(
    ("earned", "days", "time_zone", "expected"),
    [
        ("2024-01-31T17:30", 0, HCM, "2024-01-31T17:30"),
        ("2024-01-31T17:30", 14, HCM, "2024-02-14T17:30"),
        ("2024-02-25T17:30", 7, HCM, "2024-03-03T17:30"),  # across 29 Feb
        # 12:00 EST the day before the change is 12:00 EDT a day later: 23 hours.
        ("2024-03-09T17:00", 1, NEW_YORK, "2024-03-10T16:00"),
        ("2024-11-02T16:00", 1, NEW_YORK, "2024-11-03T17:00"),
        # The first of two 01:30s, 0 days later, stays the first.
        ("2024-11-03T05:30", 0, NEW_YORK, "2024-11-03T05:30"),
    ],
)
def test_available_at_counts_local_days(earned, days, time_zone, expected):
    assert available_at(utc(earned), days, time_zone) == utc(expected)


@pytest.mark.parametrize("rounding", ROUNDINGS)
def test_zero_months_never_expires(rounding):
    assert expires_at(utc("2024-01-31T17:30"), 0, rounding, HCM) is None


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda: expires_at(utc("2024-01-01T00:00"), -1, "none", HCM), "months"),
        (lambda: expires_at(utc("2024-01-01T00:00"), 1, "END_OF_DAY", HCM), "rounding"),
        (lambda: expires_at(utc("2024-01-01T00:00"), 1, "", HCM), "rounding"),
        (lambda: expires_at(utc("2024-01-01T00:00"), 1, "none", "Mars/Olympus"), "time zone"),
        (lambda: expires_at(utc("2024-01-01T00:00"), 1, "none", ""), "time zone"),
        (lambda: expires_at(utc("2024-01-01T00:00"), 0, "none", "Mars/Olympus"), "time zone"),
        (lambda: expires_at(datetime(2024, 1, 1), 1, "none", HCM), "timezone-aware"),
        (lambda: available_at(utc("2024-01-01T00:00"), -1, HCM), "pending days"),
        (lambda: available_at(utc("2024-01-01T00:00"), 1, "Mars/Olympus"), "time zone"),
        (lambda: available_at(datetime(2024, 1, 1), 0, HCM), "timezone-aware"),
        (lambda: local_date(utc("2024-01-01T00:00"), "Mars/Olympus"), "time zone"),
    ],
)
def test_bad_inputs_are_refused_by_name(call, named):
    with pytest.raises(ValueError, match=named):
        call()


ZONES = ["UTC", HCM, NEW_YORK, "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata"]
EARNED = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 12, 31), timezones=st.just(UTC)
)


@given(earned=EARNED, months=st.integers(1, 36), time_zone=st.sampled_from(ZONES))
def test_expiry_is_always_after_the_earn(earned, months, time_zone):
    for rounding in ROUNDINGS:
        assert expires_at(earned, months, rounding, time_zone) > earned


@given(earned=EARNED, months=st.integers(1, 36), time_zone=st.sampled_from(ZONES))
def test_end_of_month_expires_at_local_midnight_on_a_first(earned, months, time_zone):
    local = expires_at(earned, months, "end_of_month", time_zone).astimezone(ZoneInfo(time_zone))
    assert (local.day, local.hour, local.minute, local.second) == (1, 0, 0, 0)
    assert local.microsecond == 0
