"""Voucher codes: 11 random characters and a check character, "XXXX-XXXX-XXXX".

The alphabet leaves out 0/O and 1/I, which people misread at a till. Codes come from
`secrets` (unguessable: 32^11, about 3.6e16 codes), and the check character (Luhn mod 32)
catches any single mistyped character and any swap of two neighbours before a lookup.
"""

from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
BODY_LENGTH = 11
VALUE = {char: index for index, char in enumerate(ALPHABET)}


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + check_character(body)


def check_character(body: str) -> str:
    """Luhn mod N over the alphabet."""
    total, factor = 0, 2
    for char in reversed(body):
        addend = factor * VALUE[char]
        total += addend // len(ALPHABET) + addend % len(ALPHABET)
        factor = 1 if factor == 2 else 2
    return ALPHABET[(len(ALPHABET) - total % len(ALPHABET)) % len(ALPHABET)]


def canonical(raw: str) -> str | None:
    """The code without hyphens or spaces, upper case; None when it is not a valid code."""
    code = raw.replace("-", "").replace(" ", "").upper()
    if len(code) != BODY_LENGTH + 1 or any(char not in VALUE for char in code):
        return None
    return code if check_character(code[:-1]) == code[-1] else None


def grouped(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


IMPORTED_LENGTH = (4, 32)


def imported(raw: str) -> str | None:
    """Another system's code as the suite keeps it (upper case, without hyphens or
    spaces), or None when it cannot be one: 4..32 letters and digits."""
    code = raw.replace("-", "").replace(" ", "").upper()
    low, high = IMPORTED_LENGTH
    if not low <= len(code) <= high or not code.isascii() or not code.isalnum():
        return None
    return code


def importable(code: str) -> bool:
    """Whether an imported code may be kept: another system's shape, or the programme's
    own with its check character right (one with it wrong would be refused at a till
    as mistyped)."""
    if imported(code) != code:
        return False
    looks_ours = len(code) == BODY_LENGTH + 1 and all(char in VALUE for char in code)
    return not looks_ours or check_character(code[:-1]) == code[-1]
