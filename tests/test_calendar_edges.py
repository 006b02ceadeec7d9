"""The calendar's awkward instants, as a member in Viet Nam reads them (UTC+7, no DST).

Every instant here is frozen on purpose and passed to the code as its clock: a minute
either side of a month's last midnight (when UTC is still on the previous day), New Year's
Eve, 29 February and a member born on it, a period that ends exactly when a lot expires,
a quarterly tier review, quiet hours across midnight. None depends on the day the suite runs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.members.directory.domain.identity import celebrates_on
from services.members.tiers.domain import Ladder, Tier, qualifying_total
from services.notifications.messages.domain import rules
from services.points.ledger.domain.expiry import expires_at, last_local_day, local_date

HCM_NAME = "Asia/Ho_Chi_Minh"
HCM = ZoneInfo(HCM_NAME)


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An instant read on a wall clock in Ho Chi Minh City."""
    return datetime(year, month, day, hour, minute, tzinfo=HCM)


def ladder(**overrides) -> Ladder:
    fields = {
        "measure": "points",
        "currency": "VND",
        "window": "rolling_months",
        "window_months": 12,
        "tiers": (Tier("member", {"vi": "Thành viên"}, 0), Tier("gold", {"vi": "Vàng"}, 1000)),
        "review_months": 3,
        "grace_days": 30,
        "downgrade": "drop_one",
    }
    return Ladder(**{**fields, **overrides})


# Points: lots and their expiry


def test_a_minute_either_side_of_a_months_last_midnight_is_a_different_month():
    before = local(2026, 11, 30, 23, 59)  # 16:59 UTC on the 30th
    after = local(2026, 12, 1, 0, 1)  # 17:01 UTC, still the 30th in UTC
    assert before.astimezone(UTC).date() == after.astimezone(UTC).date() == date(2026, 11, 30)
    assert (local_date(before, HCM_NAME), local_date(after, HCM_NAME)) == (
        "2026-11-30",
        "2026-12-01",
    )
    # 12 months, rounded to the end of the month: November's points last through
    # November next year, December's through December.
    assert last_local_day(expires_at(before, 12, "end_of_month", HCM_NAME), HCM_NAME) == (
        "2027-11-30"
    )
    assert last_local_day(expires_at(after, 12, "end_of_month", HCM_NAME), HCM_NAME) == (
        "2027-12-31"
    )


def test_points_earned_on_new_years_eve_and_new_years_day_expire_on_their_own_days():
    eve, day = local(2026, 12, 31, 23, 59), local(2027, 1, 1, 0, 1)
    assert last_local_day(expires_at(eve, 12, "end_of_day", HCM_NAME), HCM_NAME) == "2027-12-31"
    assert last_local_day(expires_at(day, 12, "end_of_day", HCM_NAME), HCM_NAME) == "2028-01-01"
    # A lot ending at local midnight on New Year's Day expired at 17:00 UTC on 31 December.
    assert expires_at(eve, 12, "end_of_day", HCM_NAME) == datetime(2027, 12, 31, 17, tzinfo=UTC)


@pytest.mark.parametrize(
    ("earned", "months", "rounding", "last_day"),
    [
        (local(2028, 2, 29, 10), 12, "none", "2029-02-28"),
        (local(2028, 2, 29, 10), 12, "end_of_month", "2029-02-28"),
        (local(2028, 2, 29, 10), 48, "none", "2032-02-29"),
        (local(2028, 1, 31, 0, 1), 1, "end_of_day", "2028-02-29"),
        (local(2027, 1, 31, 0, 1), 1, "end_of_day", "2027-02-28"),
    ],
)
def test_29_february_is_spent_through_the_last_day_of_february(earned, months, rounding, last_day):
    assert last_local_day(expires_at(earned, months, rounding, HCM_NAME), HCM_NAME) == last_day


def test_a_lot_ending_at_a_months_midnight_was_spendable_on_that_months_last_day():
    ends = expires_at(local(2026, 1, 15, 10), 12, "end_of_month", HCM_NAME)
    assert ends == local(2027, 2, 1)  # the first instant of February, local time
    assert last_local_day(ends, HCM_NAME) == "2027-01-31"  # what a January reminder says
    assert local_date(ends, HCM_NAME) == "2027-02-01"  # the day the expiry is booked


# Members: birthdays


@pytest.mark.parametrize(
    ("day", "celebrates"),
    [
        (date(2027, 2, 28), True),  # no 29 February in 2027: the 28th is the day
        (date(2027, 3, 1), False),
        (date(2028, 2, 28), False),  # in a leap year, the day itself
        (date(2028, 2, 29), True),
        (date(2028, 3, 1), False),
    ],
)
def test_a_member_born_on_29_february_celebrates_once_a_year(day, celebrates):
    assert celebrates_on("2000-02-29", day) is celebrates


def test_a_birthday_is_a_local_day():
    # 00:30 on 14 March in Viet Nam is still 13 March in UTC.
    instant = local(2027, 3, 14, 0, 30)
    assert instant.astimezone(UTC).date() == date(2027, 3, 13)
    assert celebrates_on("1992-03-14", instant.astimezone(HCM).date())


# Members: tiers


@pytest.mark.parametrize(
    ("reached", "review"),
    [
        # 00:30 on 30 November is 29 November in UTC: three months are counted from the 30th.
        (local(2026, 11, 30, 0, 30), local(2027, 2, 28, 0, 30)),
        # The last day of a quarter, a minute before midnight, to the last day of the next.
        (local(2026, 12, 31, 23, 59), local(2027, 3, 31, 23, 59)),
        (local(2027, 3, 31, 23, 59), local(2027, 6, 30, 23, 59)),
        (local(2027, 9, 30, 0, 1), local(2027, 12, 30, 0, 1)),
    ],
)
def test_a_quarterly_tier_review_counts_months_on_the_local_calendar(reached, review):
    assert ladder().next_review(reached.astimezone(UTC)) == review.astimezone(UTC)


def test_a_yearly_review_of_a_tier_reached_on_29_february_falls_on_28_february():
    reached = local(2028, 2, 29, 9)
    assert ladder(review_months=12).next_review(reached) == local(2029, 2, 28, 9)


def test_a_calendar_year_window_starts_at_midnight_on_new_years_day_local():
    yearly = ladder(window="calendar_year", window_months=0)
    just_after = local(2027, 1, 1, 0, 1)
    assert yearly.window_start(just_after) == local(2027, 1, 1)
    entries = [
        [local(2026, 12, 31, 23, 59).astimezone(UTC), 700],  # last year's, in UTC too
        [local(2027, 1, 1, 0, 0).astimezone(UTC), 300],  # 17:00 UTC on 31 December
    ]
    assert qualifying_total(entries, yearly, just_after) == 300


# Notifications: quiet hours


@pytest.mark.parametrize(
    ("at", "held_until"),
    [
        (local(2026, 12, 31, 21, 59), None),
        (local(2026, 12, 31, 22, 0), local(2027, 1, 1, 7)),
        (local(2026, 12, 31, 23, 59), local(2027, 1, 1, 7)),  # into the new year
        (local(2027, 1, 1, 0, 1), local(2027, 1, 1, 7)),
        (local(2027, 1, 1, 6, 59), local(2027, 1, 1, 7)),
        (local(2027, 1, 1, 7, 0), None),
        (local(2028, 2, 28, 23, 0), local(2028, 2, 29, 7)),  # into a leap day
    ],
)
def test_quiet_hours_across_midnight_hold_a_message_until_the_local_morning(at, held_until):
    settings = rules.DeliverySettings(quiet_hours_start="22:00", quiet_hours_end="07:00")
    until = rules.quiet_until(settings, at.astimezone(UTC), HCM_NAME)
    assert until == (held_until.astimezone(UTC) if held_until else None)


def test_the_day_a_frequency_cap_counts_in_is_the_members_local_day():
    eve = local(2026, 12, 31, 23, 59).astimezone(UTC)
    assert rules.local_day(eve, HCM_NAME) == "2026-12-31"
    assert rules.local_day(eve + timedelta(minutes=2), HCM_NAME) == "2027-01-01"
