"""Partners, their stores and the gateway's API keys: the values and their rules.

A key is "lsk_<key_id>_<secret>": the id finds the record, the secret (32 random bytes)
is checked against its SHA-256 (a fast hash is right for a random secret of that size;
passwords would need a slow one).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from datetime import datetime

ACTIVE, SUSPENDED = "active", "suspended"
ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
KEY = re.compile(r"lsk_([a-z0-9]{8,32})_([A-Za-z0-9_-]{20,64})\Z")
PARTNER, VIEWER, OPERATOR, ADMIN = "partner", "viewer", "operator", "admin"


@dataclasses.dataclass(frozen=True)
class Partner:
    partner_id: str
    name: str
    currency: str
    status: str
    created_at: datetime
    version: int


@dataclasses.dataclass(frozen=True)
class Store:
    store_id: str
    partner_id: str
    name: str
    time_zone: str
    status: str
    created_at: datetime
    version: int


@dataclasses.dataclass(frozen=True)
class ApiKey:
    key_id: str
    secret_sha256: str
    name: str
    role: str
    partner_id: str
    store_ids: tuple[str, ...]
    created_at: datetime
    created_by: str
    revoked_at: datetime | None = None
    revoked_by: str = ""


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_key(key: str) -> tuple[str, str] | None:
    """(key id, secret) of a well-formed key, else None."""
    match = KEY.match(key)
    return (match.group(1), match.group(2)) if match else None
