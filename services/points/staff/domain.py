"""Staff accounts of the web console: the values and their rules (pure: the time and the
salt are arguments).

A password is kept as an scrypt hash (RFC 7914) with a 16-byte salt of its own: a slow,
memory-hard hash, so a stolen copy of the collection does not give the passwords back
quickly. After MAX_FAILURES wrong passwords within LOCK_WINDOW an account is locked for
LOCK_WINDOW.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import re
from datetime import datetime, timedelta

VIEWER, SUPPORT, MARKETER, ADMIN = "viewer", "support", "marketer", "admin"
ROLES = (VIEWER, SUPPORT, MARKETER, ADMIN)
ACTIVE, DISABLED = "active", "disabled"
LANGUAGES = ("vi", "en")
MAX_FAILURES = 5
LOCK_WINDOW = timedelta(minutes=15)
PASSWORD_LENGTH = (12, 200)
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
ACTION = re.compile(r"^[a-z][a-z_.]{0,63}$")
# scrypt's cost: 2^14 x 8 x 128 bytes = 16 MiB and about 50 ms a check.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


@dataclasses.dataclass(frozen=True)
class PasswordHash:
    salt: bytes
    digest: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P


def hash_password(password: str, salt: bytes) -> PasswordHash:
    return PasswordHash(salt, _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P))


def password_matches(password: str, stored: PasswordHash) -> bool:
    digest = _scrypt(password, stored.salt, stored.n, stored.r, stored.p)
    return hmac.compare_digest(digest, stored.digest)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32
    )


@dataclasses.dataclass(frozen=True)
class StaffAccount:
    staff_id: str
    email: str
    name: str
    role: str
    status: str
    language: str
    password: PasswordHash
    created_at: datetime
    created_by: str
    version: int = 1
    failures: int = 0
    failed_since: datetime | None = None
    locked_until: datetime | None = None
    last_sign_in_at: datetime | None = None
    password_changed_at: datetime | None = None

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_failure(self, now: datetime) -> StaffAccount:
        """A wrong password: counted within the window; the MAX_FAILURES-th locks."""
        fresh = self.failed_since is None or now - self.failed_since >= LOCK_WINDOW
        failures = 1 if fresh else self.failures + 1
        since = now if fresh else self.failed_since
        locked_until = now + LOCK_WINDOW if failures >= MAX_FAILURES else self.locked_until
        return dataclasses.replace(
            self, failures=failures, failed_since=since, locked_until=locked_until
        )

    def after_sign_in(self, now: datetime) -> StaffAccount:
        return dataclasses.replace(
            self, failures=0, failed_since=None, locked_until=None, last_sign_in_at=now
        )


@dataclasses.dataclass(frozen=True)
class Activity:
    activity_id: str
    at: datetime
    actor: str
    action: str
    subject: str
    detail: str


def normal_email(email: str) -> str:
    return email.strip().lower()


def email_problem(email: str) -> str:
    if not email:
        return "is required"
    if len(email) > 100:
        return "is longer than 100 characters"
    return "" if EMAIL.match(email) else "is not an e-mail address"


def password_problem(password: str) -> str:
    low, high = PASSWORD_LENGTH
    if not low <= len(password) <= high:
        return f"must be {low} to {high} characters"
    return ""


def last_admin_left(accounts: list[StaffAccount], changed: StaffAccount) -> bool:
    """Whether `changed` (an account after its change) leaves no active admin."""
    admins = [
        a
        for a in accounts
        if a.staff_id != changed.staff_id and a.role == ADMIN and a.status == ACTIVE
    ]
    return not admins and not (changed.role == ADMIN and changed.status == ACTIVE)
