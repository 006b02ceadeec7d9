"""Reading the programme's configuration forms (bonuses, the tier ladder, rewards) into the
JSON shape of their messages: optional times, VND amounts, multipliers, lists of codes and
check boxes. Bounded like every form field (forms.py); the services judge the values."""

from __future__ import annotations

from flask import request

from gateway.console import forms

MAX_CODES = 20  # tier codes, benefit flags: the services allow at most 20 of each
INT32 = 2_000_000_000  # beyond any count or multiplier the services accept
INT64 = 10**15  # beyond any points or VND amount the services accept


def number(name: str, most: int = INT32) -> int:
    """A whole number kept within what its message field can carry, so a huge one is
    named by the service ("must be 1..36") instead of failing to encode."""
    return max(-most, min(forms.whole_number(name), most))


def checked(name: str) -> bool:
    return request.form.get(name, "") == "on"


def optional_time(name: str) -> str | None:
    """A datetime-local field that may be left empty (no start, no end)."""
    return forms.local_time(name) if request.form.get(name, "").strip() else None


def vnd(name: str) -> dict | None:
    """A VND amount as typed ("50.000"), or None when the field is empty."""
    if not request.form.get(name, "").strip():
        return None
    return {"amount_minor": str(number(name, INT64)), "currency": "VND"}


def basis_points(name: str, scale: int = 10_000) -> int:
    """A multiplier or a percentage as typed ("1,5" or "1.5"), in basis points of `scale`
    (1.5x -> 15000; 20 % with scale 100 -> 2000); 0 when it is not a number (the service
    then names the field)."""
    raw = request.form.get(name, "")[:16].strip().replace(",", ".")
    try:
        value = round(float(raw) * scale) if raw else 0
    except (ValueError, OverflowError):  # not a number, or "inf"
        return 0
    return max(-INT32, min(value, INT32))


def codes(name: str, limit: int = 64) -> list[str]:
    """A comma-separated list ("GOLD, PLATINUM") as its items, at most MAX_CODES + 1 (one
    more than allowed, so the service sees, and names, a list that is too long)."""
    items = [item.strip()[:limit] for item in request.form.get(name, "")[:2000].split(",")]
    return [item for item in items if item][: MAX_CODES + 1]


def without_empty(fields: dict) -> dict:
    """The message's fields without the ones left empty (None)."""
    return {key: value for key, value in fields.items() if value is not None}
