"""The programme's ledger settings: time zone, base rates, pending days, expiry, returns
and holds. How many points a purchase earns is the earning rules' (services/points/rules/),
which start from these base rates."""

from __future__ import annotations

import dataclasses

from common.clock import DEFAULT_TIME_ZONE
from common.limits import AMOUNT_MINOR_CEILING

# ISO-4217 codes in use, with their minor units (VND and JPY have none).
CURRENCY_MINOR_UNITS = {
    "VND": 0,
    "USD": 2,
    "EUR": 2,
    "GBP": 2,
    "JPY": 0,
    "KRW": 0,
    "CNY": 2,
    "SGD": 2,
    "THB": 2,
    "MYR": 2,
    "IDR": 2,
    "PHP": 2,
    "AUD": 2,
    "CAD": 2,
    "CHF": 2,
    "HKD": 2,
    "TWD": 2,
    "INR": 2,
    "LAK": 2,
    "KHR": 2,
    "MMK": 2,
    "NZD": 2,
    "SEK": 2,
    "NOK": 2,
    "DKK": 2,
    "AED": 2,
    "SAR": 2,
    "BRL": 2,
    "MXN": 2,
    "ZAR": 2,
}


@dataclasses.dataclass(frozen=True)
class BaseRate:
    spend_unit_minor: int
    points_per_unit: int


@dataclasses.dataclass(frozen=True)
class Programme:
    time_zone: str = DEFAULT_TIME_ZONE
    base_rates: dict[str, BaseRate] = dataclasses.field(
        default_factory=lambda: {"VND": BaseRate(10_000, 1), "USD": BaseRate(100, 1)}
    )
    pending_days: int = 0
    expiry_months: int = 12
    expiry_rounding: str = "end_of_month"
    return_policy: str = "record_shortfall"  # or "allow_negative", "absorb"
    hold_ttl_seconds: int = 900
    expiring_soon_days: int = 30
    # Bounds on what comes in (0 in a request means these defaults).
    max_purchase_amount_minor: int = 5_000_000_000
    max_adjustment_points: int = 1_000_000
    max_earn_age_days: int = 30
    # A till spending fewer points needs no proof of the member's presence (0: always).
    presence_waived_below_points: int = 0
    version: int = 0
    updated_by: str = ""

    def largest_purchase_minor(self) -> int:
        """The largest amount an earn, a return or a simulated basket may name (0 stored
        means the default)."""
        return self.max_purchase_amount_minor or Programme.max_purchase_amount_minor

    def largest_staff_credit(self) -> int:
        """The most points staff may give or take for one member at once: an adjustment,
        a gift to each member (0 stored means the default)."""
        return self.max_adjustment_points or Programme.max_adjustment_points


# The ceilings the bounds themselves may not pass: every sum the ledger, the audit or a
# report makes of amounts and points stays far inside a 64-bit integer.
HIGHEST_PURCHASE_AMOUNT_MINOR = AMOUNT_MINOR_CEILING
HIGHEST_ADJUSTMENT_POINTS = 10**9
HIGHEST_EARN_AGE_DAYS = 3650
HIGHEST_PRESENCE_WAIVER_POINTS = 10**9
