"""The Loyalty-Signature header: "t=<unix seconds>,v1=<hex>[,v1=<hex>...]", each hex an
HMAC-SHA256 of "<t>.<body>" keyed with one secret in force (two during a rotation's
overlap). A receiver checks that one v1 matches its secret and that t is recent
(docs/WEBHOOKS.md has the check in Python)."""

from __future__ import annotations

import hashlib
import hmac

HEADER = "Loyalty-Signature"
SCHEME = "v1"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    signed = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def header(secrets: list[str], timestamp: int, body: bytes) -> str:
    """The header's value for `body` sent at `timestamp`, one v1 per secret."""
    return ",".join(
        [f"t={timestamp}", *(f"{SCHEME}={sign(secret, timestamp, body)}" for secret in secrets)]
    )
