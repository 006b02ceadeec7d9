"""A subscription: an endpoint, the event types it takes, its signing secrets and how its
deliveries are paced; and the rules its URL must follow (no request forgery)."""

from __future__ import annotations

import dataclasses
import enum
import ipaddress
from datetime import datetime, timedelta
from urllib.parse import urlsplit

MAX_SUBSCRIPTIONS = 100
MAX_EVENT_TYPES = 50
MAX_URL_LENGTH = 2048
MAX_DESCRIPTION = 500
DEFAULT_OVERLAP = timedelta(hours=24)
MAX_OVERLAP = timedelta(days=7)
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


class State(enum.IntEnum):
    ACTIVE = 1
    PAUSED = 2


@dataclasses.dataclass(frozen=True)
class Policy:
    """Pacing and retries of one subscription (DeliveryPolicy in webhooks.proto)."""

    max_attempts: int = 8
    retry_base_seconds: float = 10.0
    retry_max_seconds: float = 3600.0
    timeout_seconds: float = 5.0
    rate_per_second: float = 10.0
    breaker_failures: int = 5
    breaker_pause_seconds: float = 60.0


# Each policy field's bounds (low, high); retry_max_seconds is also at least the base.
POLICY_BOUNDS: dict[str, tuple[float, float]] = {
    "max_attempts": (1, 20),
    "retry_base_seconds": (0.1, 3600),
    "retry_max_seconds": (0.1, 86400),
    "timeout_seconds": (1, 30),
    "rate_per_second": (0.1, 100),
    "breaker_failures": (1, 100),
    "breaker_pause_seconds": (1, 3600),
}


def policy_problems(policy: Policy) -> list[tuple[str, str]]:
    """(field, problem) for each value out of its bounds."""
    problems = [
        (name, f"must be {low:g}..{high:g}")
        for name, (low, high) in POLICY_BOUNDS.items()
        if not low <= getattr(policy, name) <= high
    ]
    if policy.retry_max_seconds < policy.retry_base_seconds:
        problems.append(("retry_max_seconds", "must be at least retry_base_seconds"))
    return problems


@dataclasses.dataclass(frozen=True)
class Secret:
    value: str
    created_at: datetime
    expires_at: datetime | None = None  # None: the newest, signing until rotated

    @property
    def hint(self) -> str:
        return self.value[-4:]

    def signs_at(self, when: datetime) -> bool:
        return self.expires_at is None or when < self.expires_at


@dataclasses.dataclass(frozen=True)
class Circuit:
    """The breaker as the lane last recorded it (for readers; the lane keeps its own)."""

    state: int = 1  # CircuitState: 1 closed, 2 open, 3 half-open
    consecutive_failures: int = 0
    open_until: datetime | None = None


@dataclasses.dataclass(frozen=True)
class Subscription:
    subscription_id: str
    url: str
    event_types: tuple[str, ...]
    secrets: tuple[Secret, ...]  # newest first
    created_by: str
    created_at: datetime
    updated_at: datetime
    description: str = ""
    state: State = State.ACTIVE
    policy: Policy = Policy()
    circuit: Circuit = Circuit()
    version: int = 1

    def signing_secrets(self, when: datetime) -> list[str]:
        """The secrets that sign a delivery made at `when`, newest first."""
        return [secret.value for secret in self.secrets if secret.signs_at(when)]


def rotated(
    subscription: Subscription, new_secret: str, when: datetime, overlap: timedelta
) -> tuple[Secret, ...]:
    """The secrets after a rotation: the new one, and those still signing until `overlap`
    from now (one that expires sooner keeps its own end); expired ones are dropped."""
    ends = when + overlap
    kept = tuple(
        dataclasses.replace(secret, expires_at=min(secret.expires_at or ends, ends))
        for secret in subscription.secrets
        if secret.signs_at(when) and overlap > timedelta(0)
    )
    return (Secret(new_secret, when), *kept)


@dataclasses.dataclass(frozen=True)
class UrlRules:
    """Where deliveries may go. Production: https only, public addresses only.
    Development: also http to a loopback host, and private addresses."""

    production: bool

    def problem(self, url: str) -> str:
        """Why `url` is refused (empty: it is not)."""
        if len(url) > MAX_URL_LENGTH:
            return f"is longer than {MAX_URL_LENGTH} characters"
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises on a bad port
        except ValueError:
            return "is not a URL"
        host = (parts.hostname or "").lower()
        if not host:
            return "has no host"
        if parts.username or parts.password:
            return "must not carry a user or password"
        if parts.fragment:
            return "must not have a #fragment"
        if parts.scheme == "http" and not self.production and host in LOOPBACK_NAMES:
            return ""
        if parts.scheme != "https":
            return "must be https" + ("" if self.production else " (or http to localhost)")
        literal = _ip(host)
        if literal is not None:
            return self.address_problem(literal)
        if self.production and (host == "localhost" or host.endswith((".localhost", ".local"))):
            return "must name a public host"
        return ""

    def address_problem(self, address) -> str:
        """Why a delivery must not connect to `address` (an ipaddress value)."""
        if not self.production:
            return ""
        if not address.is_global or address.is_multicast:
            return f"{address} is not a public address"
        return ""


def _ip(host: str):
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
