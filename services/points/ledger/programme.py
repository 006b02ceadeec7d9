"""The programme's ledger settings and the earning seam (base rate x tier multiplier).

The full earning-rules engine (campaigns, categories, caps) replaces `award` through the
`EarningPolicy` protocol; the ledger only needs points, the qualifying part and a
breakdown that explains them.
"""

from __future__ import annotations

import dataclasses
from typing import Protocol

from services.points.ledger.model import refuse

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
    time_zone: str = "Asia/Ho_Chi_Minh"
    base_rates: dict[str, BaseRate] = dataclasses.field(
        default_factory=lambda: {"VND": BaseRate(10_000, 1), "USD": BaseRate(100, 1)}
    )
    pending_days: int = 0
    expiry_months: int = 12
    expiry_rounding: str = "end_of_month"
    return_policy: str = "record_shortfall"  # or "allow_negative"
    hold_ttl_seconds: int = 900
    expiring_soon_days: int = 30
    version: int = 0
    updated_by: str = ""


@dataclasses.dataclass(frozen=True)
class Contribution:
    name: str
    kind: str  # "base_rate" or "tier_multiplier"
    points: int
    multiplier_bp: int = 0


@dataclasses.dataclass(frozen=True)
class Award:
    points: int
    qualifying: int
    breakdown: tuple[Contribution, ...]


class EarningPolicy(Protocol):
    def award(
        self, amount_minor: int, currency: str, multiplier_bp: int, programme: Programme
    ) -> Award: ...


class BaseRatePolicy:
    """Points = floor(spend / spend unit x points per unit x tier multiplier)."""

    def award(
        self, amount_minor: int, currency: str, multiplier_bp: int, programme: Programme
    ) -> Award:
        rate = programme.base_rates.get(currency)
        if rate is None:
            raise refuse(
                "CURRENCY_NOT_CONFIGURED", f"no base rate for {currency}", currency=currency
            )
        units = amount_minor * rate.points_per_unit
        base = units // rate.spend_unit_minor
        total = units * multiplier_bp // (rate.spend_unit_minor * 10_000)
        breakdown = [Contribution("base rate", "base_rate", base)]
        if multiplier_bp != 10_000:
            breakdown.append(
                Contribution("tier multiplier", "tier_multiplier", total - base, multiplier_bp)
            )
        return Award(points=total, qualifying=total, breakdown=tuple(breakdown))
