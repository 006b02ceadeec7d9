"""Configuration from environment variables only, validated once at start.

Each process declares its settings as a frozen dataclass whose fields are made with
`var(...)`: the variable's name, a parser, the default (as the raw string a user would
type) and one line of documentation. `from_env` reads and checks them all and raises
`SettingsError` naming the first bad variable, so a process can exit with one clear line
instead of a traceback. The README's configuration table is checked against these
declarations by a test.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any, Self
from urllib.parse import urlparse


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


@dataclasses.dataclass(frozen=True)
class Var:
    """How one environment variable is read."""

    name: str
    parse: Callable[[str], Any]
    default: str | None
    doc: str
    tests_only: bool = False  # a deployment never sets it
    production_required: bool = False  # LOYALTY_ENV=production: set and not empty


def var(
    name: str,
    parse: Callable[[str], Any],
    default: str | None,
    doc: str,
    *,
    tests_only: bool = False,
    production_required: bool = False,
) -> Any:
    """A dataclass field read from the environment variable `name`.

    `default` is the raw text used when the variable is unset; None makes it required.
    `production_required`: in production the default (a development fallback such as a
    private Redis or a random key) is refused, and the variable must be given.
    """
    spec = Var(name, parse, default, doc, tests_only, production_required)
    return dataclasses.field(metadata={"var": spec})


class Settings:
    """Base for a process's settings dataclass."""

    @classmethod
    def variables(cls) -> list[Var]:
        return [f.metadata["var"] for f in dataclasses.fields(cls) if "var" in f.metadata]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Self:
        environ = os.environ if environ is None else environ
        production = environ.get("LOYALTY_ENV", "").strip().lower() == "production"
        values = {}
        for field in dataclasses.fields(cls):
            spec: Var = field.metadata["var"]
            raw = environ.get(spec.name, spec.default)
            if production and spec.production_required and not environ.get(spec.name, "").strip():
                raise SettingsError(
                    f"{spec.name} is required when LOYALTY_ENV=production: {spec.doc}"
                )
            if raw is None:
                raise SettingsError(f"{spec.name} is required: {spec.doc}")
            try:
                values[field.name] = spec.parse(raw)
            except ValueError as exc:
                raise SettingsError(f"{spec.name}={raw!r} is invalid: {exc}") from None
        return cls(**values)


# Parsers: each raises ValueError with a reason a user can act on.


def port(raw: str) -> int:
    value = integer(raw)
    if not 0 <= value <= 65535:
        raise ValueError("a port is a number from 0 to 65535 (0 picks a free one)")
    return value


def integer(raw: str) -> int:
    try:
        return int(raw.strip())
    except ValueError:
        raise ValueError("expected a whole number") from None


def positive_number(raw: str) -> float:
    try:
        value = float(raw.strip())
    except ValueError:
        raise ValueError("expected a number") from None
    if value <= 0:
        raise ValueError("expected a number above zero")
    return value


def text(raw: str) -> str:
    return raw.strip()


def boolean(raw: str) -> bool:
    value = raw.strip().lower()
    if value not in ("true", "false"):
        raise ValueError("expected true or false")
    return value == "true"


def one_of(*choices: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        value = raw.strip().lower()
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}")
        return value

    return parse


def mongodb_uri(raw: str) -> str:
    """Empty selects the in-process store; otherwise a MongoDB connection string."""
    value = raw.strip()
    if value and urlparse(value).scheme not in ("mongodb", "mongodb+srv"):
        raise ValueError(
            "expected a mongodb:// or mongodb+srv:// URI, or empty for the in-process store"
        )
    return value


def redis_url(raw: str) -> str:
    """Empty makes the process start a private redis-server of its own."""
    value = raw.strip()
    if value and urlparse(value).scheme not in ("redis", "rediss", "unix"):
        raise ValueError(
            "expected a redis://, rediss:// or unix:// URL, or empty to start a local Redis"
        )
    return value


# The same parser under a name no settings field shadows (ServiceSettings.redis_url).
any_redis_url = redis_url


def grpc_target(raw: str) -> str:
    """host:port, or a gRPC name such as dns:///points:50051 for client-side balancing."""
    value = raw.strip()
    if "://" not in value and ":" not in value:
        raise ValueError("expected host:port or a gRPC target such as dns:///host:port")
    return value


_OFFSET = re.compile(r"^([+-]?)(\d{1,10})([dhms])$")
_OFFSET_UNITS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}


def offset_duration(raw: str) -> timedelta:
    """A signed amount of time with a unit: "+548d", "-2h", "90m", "30s"; empty is none."""
    value = raw.strip()
    if not value:
        return timedelta(0)
    match = _OFFSET.match(value)
    if match is None:
        raise ValueError("expected a signed amount with a unit d, h, m or s, such as +548d")
    sign, amount, unit = match.groups()
    offset = timedelta(**{_OFFSET_UNITS[unit]: int(amount)})
    return -offset if sign == "-" else offset


ENVIRONMENTS = ("development", "production")
LOG_LEVELS = ("debug", "info", "warning", "error")


@dataclasses.dataclass(frozen=True)
class ProcessSettings(Settings):
    """What every process of the suite reads (services and the gateway)."""

    environment: str = var(
        "LOYALTY_ENV",
        one_of(*ENVIRONMENTS),
        "development",
        "`production` refuses development conveniences (a moved clock)",
    )
    clock_offset: timedelta = var(  # noqa: RUF009 (var() declares a field)
        "LOYALTY_CLOCK_OFFSET",
        offset_duration,
        "",
        "Moves the business clock (e.g. `+548d`) to test later days; refused in production",
        tests_only=True,
    )
    log_level: str = var("LOG_LEVEL", one_of(*LOG_LEVELS), "info", "Lowest level logged")

    def __post_init__(self) -> None:
        if self.environment == "production" and self.clock_offset:
            raise SettingsError("LOYALTY_CLOCK_OFFSET is refused when LOYALTY_ENV=production")


# What each service declares again with its own default: its ports, its database, and
# where the other services it calls are.


def grpc_port_var(default: str) -> Any:
    return var("GRPC_PORT", port, default, "Port the gRPC server listens on")


def metrics_port_var(default: str) -> Any:
    return var("METRICS_PORT", port, default, "Port of the Prometheus /metrics endpoint")


def database_var(default: str) -> Any:
    return var("MONGODB_DB", text, default, "Database this service owns")


def address_var(name: str, service: str, default: str, use: str) -> Any:
    """`name` (POINTS_ADDR, MEMBERS_ADDR): the gRPC target of `service`, called for `use`."""
    return var(name, grpc_target, default, f"gRPC target of the {service} service ({use})")


@dataclasses.dataclass(frozen=True)
class ServiceSettings(ProcessSettings):
    """What every gRPC service reads; a service's own config overrides the defaults."""

    grpc_port: int = grpc_port_var("50051")
    metrics_port: int = metrics_port_var("9101")
    mongodb_uri: str = var(
        "MONGODB_URI",
        mongodb_uri,
        "",
        "MongoDB connection string; empty starts a private development store (non-durable)",
        production_required=True,
    )
    mongodb_db: str = database_var("loyalty")
    redis_url: str = var(
        "REDIS_URL",
        redis_url,
        "",
        "Redis URL of what must survive (event streams); empty starts a private local redis-server",
        production_required=True,
    )
    redis_cache_url: str = var(
        "REDIS_CACHE_URL",
        any_redis_url,
        "",
        "Redis URL of the caches only (balances, member lookups, unread counts), which may "
        "be lost at any time; empty = REDIS_URL",
    )
    migrate_at_start: bool = var(
        "MIGRATE_AT_START",
        boolean,
        "true",
        "Create the indexes (and the bootstrap key, the default templates) at every start; "
        "`false` leaves it to `python -m services.<name> migrate`, run once per deployment",
    )
    shutdown_grace_seconds: float = var(
        "SHUTDOWN_GRACE_SECONDS",
        positive_number,
        "10",
        "On SIGTERM, how long calls in flight may take to finish",
    )
    grpc_max_workers: int = var(
        "GRPC_MAX_WORKERS", integer, "16", "Threads serving gRPC calls concurrently"
    )
    grpc_probe_port: int = var(
        "GRPC_PROBE_PORT",
        port,
        "0",
        "Port of the health service alone, with threads of its own, for Kubernetes' probes "
        "(0: any free port)",
    )
    grpc_max_connection_age_seconds: float = var(
        "GRPC_MAX_CONNECTION_AGE_SECONDS",
        positive_number,
        "30",
        "A client's connection is closed (after its calls finish) once this old, so clients "
        "look the service up again and spread over replicas that started since",
    )
    event_retry_seconds: float = var(
        "EVENT_RETRY_SECONDS",
        positive_number,
        "10",
        "How soon an event a handler could not act on yet, or a stopped replica left "
        "unacknowledged, is handled again",
    )
