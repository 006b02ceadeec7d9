"""Presence codes: proof that a member is at the till, as pure rules.

The member's app asks for a code; it is six random digits, valid for two minutes, for
one operation. The QR form carries the same digits signed with a secret only the points
service holds (HMAC-SHA256), so the till can scan it instead of typing, and no token can
be forged for another member or made to last longer. Codes are kept hashed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta

CODE_DIGITS = 6
CODE_LIFETIME = timedelta(minutes=2)
REFRESH_AFTER = timedelta(seconds=30)  # the app shows a new code this often
TOKEN_PREFIX = "lsp1"  # noqa: S105 - a format marker, not a secret
MAX_TOKEN_LENGTH = 200
# Wrong codes a member's presence survives in one window before it is locked.
WRONG_CODES_ALLOWED = 5
LOCK_WINDOW = timedelta(minutes=10)


@dataclasses.dataclass(frozen=True)
class PresenceCode:
    member_id: str
    code: str
    token: str
    expires_at: datetime

    @property
    def digest(self) -> str:
        return code_digest(self.member_id, self.code)


@dataclasses.dataclass(frozen=True)
class PresenceProof:
    """What a till sent: the six digits or the QR token (one of them)."""

    code: str = ""
    token: str = ""

    @property
    def given(self) -> bool:
        return bool(self.code or self.token)


NO_PROOF = PresenceProof()


def issue(secret: bytes, member_id: str, now: datetime) -> PresenceCode:
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    expires_at = now + CODE_LIFETIME
    until = int(expires_at.timestamp())
    signature = _signature(secret, member_id, code, until)
    return PresenceCode(
        member_id, code, f"{TOKEN_PREFIX}.{member_id}.{code}.{until}.{signature}", expires_at
    )


def code_in(secret: bytes, member_id: str, proof: PresenceProof, now: datetime) -> str | None:
    """The code `proof` carries for this member: its digits, or the token's when the token
    is genuine, the member's and not past its time; None otherwise."""
    if not proof.token:
        return proof.code
    parts = proof.token.split(".")
    if len(parts) != 5 or parts[0] != TOKEN_PREFIX or not parts[3].isdigit():
        return None
    _, member, code, until, signature = parts
    genuine = hmac.compare_digest(
        signature.encode(), _signature(secret, member, code, int(until)).encode()
    )
    fresh = datetime.fromtimestamp(int(until), UTC) > now
    return code if genuine and fresh and member == member_id else None


def code_digest(member_id: str, code: str) -> str:
    return hashlib.sha256(f"{member_id}|{code}".encode()).hexdigest()


def _signature(secret: bytes, member_id: str, code: str, until: int) -> str:
    text = f"{member_id}|{code}|{until}".encode()
    return hmac.new(secret, text, hashlib.sha256).hexdigest()[:32]
