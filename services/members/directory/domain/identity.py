"""How members are identified: phone, e-mail, card number, QR token, member number and
referral code. Pure functions, no I/O.

Phones are stored in E.164, read in the member's region when written nationally (a
Vietnamese till types 0912 345 678, which is +84912345678). E-mail addresses are stored
lower-cased so that a lookup finds them however they were typed. Card numbers carry a
Luhn check digit, so a mistyped digit is caught at the till before any lookup, and are
drawn at random, so that one card number tells nothing of the others.
"""

from __future__ import annotations

import calendar
import re
import secrets
from datetime import UTC, date, datetime, timedelta

import phonenumbers
from email_validator import EmailNotValidError, validate_email

LANGUAGES = ("vi", "en")
DEFAULT_REGION = "VN"
CARD_PREFIX = "9704"  # the programme's own range, 16 digits in all
CARD_DIGITS = 16
CARD_RANDOM_DIGITS = CARD_DIGITS - len(CARD_PREFIX) - 1  # between prefix and check digit
REFERRAL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
REFERRAL_LENGTH = 8
_DIGITS = re.compile(r"^\d+$")
_MEMBER_NUMBER = re.compile(r"^M\d{9,}$")


def normalize_phone(raw: str, region: str = DEFAULT_REGION) -> str:
    """The number in E.164, or ValueError saying why it is not a phone number."""
    try:
        number = phonenumbers.parse(raw, region or DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise ValueError("is not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError("is not a valid phone number for its country")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_email(raw: str) -> str:
    """The address lower-cased, or ValueError saying why it is not one (no DNS lookup)."""
    try:
        checked = validate_email(raw, check_deliverability=False)
    except EmailNotValidError as error:
        raise ValueError(str(error)) from None
    return checked.normalized.lower()


# The earliest time zone (UTC+14) starts each date first: a birthday is "in the future" only
# when that day has begun nowhere yet, so a member born today anywhere can enrol at once.
EARLIEST_ZONE_OFFSET = timedelta(hours=14)


def check_birthday(raw: str, now: datetime) -> date:
    """A "YYYY-MM-DD" birthday that is not in the future (anywhere) nor before 1900."""
    try:
        birthday = date.fromisoformat(raw)
    except ValueError:
        raise ValueError("must be a date, YYYY-MM-DD") from None
    if birthday > (now.astimezone(UTC) + EARLIEST_ZONE_OFFSET).date():
        raise ValueError("is in the future")
    if birthday.year < 1900:
        raise ValueError("is before 1900")
    return birthday


def celebrates_on(birthday: str, day: date) -> bool:
    """Whether a member born on `birthday` ("YYYY-MM-DD") celebrates on the local `day`:
    those born on 29 February celebrate on 28 February in the years without it."""
    born = date.fromisoformat(birthday)
    if (born.month, born.day) == (2, 29) and not calendar.isleap(day.year):
        return (day.month, day.day) == (2, 28)
    return (day.month, day.day) == (born.month, born.day)


def luhn_digit(digits: str) -> str:
    """The Luhn check digit for `digits` (the digits before it)."""
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def is_card_number(number: str) -> bool:
    """16 digits whose last is the Luhn check digit of the others."""
    return (
        len(number) == CARD_DIGITS
        and bool(_DIGITS.match(number))
        and luhn_digit(number[:-1]) == number[-1]
    )


def new_card_number() -> str:
    """A card number drawn at random, not from the members' serial: a sequential number
    gave whoever held one card the numbers of the members enrolled before and after. One
    drawn twice is refused by the store's unique index, and the enrolment draws again."""
    return card_number(secrets.randbelow(10**CARD_RANDOM_DIGITS))


def card_number(digits: int) -> str:
    """The programme's card number carrying `digits`: prefix, digits, check digit (the
    cards numbered from a serial before are these with the serial as digits)."""
    body = f"{CARD_PREFIX}{digits:0{CARD_RANDOM_DIGITS}d}"
    if len(body) != CARD_DIGITS - 1:
        raise ValueError(f"a card number carries at most {CARD_RANDOM_DIGITS} digits")
    return body + luhn_digit(body)


def member_number(serial: int) -> str:
    """What a member reads on their card and quotes to the call centre."""
    return f"M{serial:09d}"


def is_member_number(number: str) -> bool:
    """M and 9 digits (a serial past 999,999,999 has more digits: still one number)."""
    return bool(_MEMBER_NUMBER.fullmatch(number))


def new_qr_token() -> str:
    """An opaque, unguessable token for the app's QR code (192 random bits)."""
    return secrets.token_urlsafe(24)


def new_referral_code() -> str:
    return "".join(secrets.choice(REFERRAL_ALPHABET) for _ in range(REFERRAL_LENGTH))
