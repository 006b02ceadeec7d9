"""Values as a member reads them: digit grouping, currency and dates in their language
and time zone ("1.250.000 ₫" and "31/12/2025" in vi; "₫1,250,000" and "31 Dec 2025" in en).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

# (grouping, decimal) separators per language.
SEPARATORS = {"vi": (".", ","), "en": (",", ".")}
MINOR_DIGITS = {"VND": 0, "JPY": 0, "KRW": 0}
SYMBOLS = {"VND": "₫", "USD": "$", "EUR": "€", "JPY": "¥", "THB": "฿"}
EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def number(value: int, language: str) -> str:
    grouping, _ = SEPARATORS.get(language, SEPARATORS["en"])
    return f"{value:,}".replace(",", grouping)


def money(amount_minor: int, currency: str, language: str) -> str:
    """1.250.000 ₫ (vi) or ₫1,250,000 (en); 12,50 US$ (vi) or $12.50 (en)."""
    digits = MINOR_DIGITS.get(currency, 2)
    decimal = SEPARATORS.get(language, SEPARATORS["en"])[1]
    sign = "-" if amount_minor < 0 else ""
    units, minor = divmod(abs(amount_minor), 10**digits)
    figure = number(units, language) + (f"{decimal}{minor:0{digits}d}" if digits else "")
    symbol = SYMBOLS.get(currency, currency)
    if language == "vi":
        return f"{sign}{figure} {'US$' if currency == 'USD' else symbol}"
    return f"{sign}{symbol}{figure}" if currency in SYMBOLS else f"{sign}{figure} {currency}"


def day(value: date, language: str) -> str:
    if language == "vi":
        return value.strftime("%d/%m/%Y")
    return f"{value.day} {EN_MONTHS[value.month - 1]} {value.year}"


def local_day(when: datetime, time_zone: str) -> str:
    """The day `when` falls on in the time zone, "YYYY-MM-DD"."""
    return when.astimezone(ZoneInfo(time_zone)).date().isoformat()


def parse_instant(raw: str) -> datetime:
    """An ISO-8601 instant; a naive one is UTC."""
    value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)
