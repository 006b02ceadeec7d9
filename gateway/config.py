"""Settings of the REST gateway, from environment variables."""

import dataclasses
from collections.abc import Callable

from common.settings import (
    ProcessSettings,
    grpc_target,
    integer,
    port,
    positive_number,
    redis_url,
    text,
    var,
)


def count_from(low: int, high: int) -> Callable[[str], int]:
    """A whole number from `low` to `high`: a limit set to 0 would lock everyone out, and
    one set too high would be no limit at all."""

    def parse(raw: str) -> int:
        value = integer(raw)
        if not low <= value <= high:
            raise ValueError(f"expected a whole number from {low} to {high}")
        return value

    return parse


@dataclasses.dataclass(frozen=True)
class GatewaySettings(ProcessSettings):
    http_port: int = var("GATEWAY_PORT", port, "8080", "Port the REST gateway listens on")
    workers: int = var("GATEWAY_WORKERS", integer, "2", "gunicorn worker processes")
    threads: int = var("GATEWAY_THREADS", integer, "8", "Threads per gunicorn worker")
    probe_port: int = var(
        "GATEWAY_PROBE_PORT",
        port,
        "0",
        "Port of /healthz and /readyz alone, answered by a thread of each worker of its own, "
        "for Kubernetes' probes (0: none; they are on GATEWAY_PORT too)",
    )
    points_addr: str = var(
        "POINTS_ADDR", grpc_target, "127.0.0.1:50051", "gRPC target of the points service"
    )
    members_addr: str = var(
        "MEMBERS_ADDR", grpc_target, "127.0.0.1:50052", "gRPC target of the members service"
    )
    notifications_addr: str = var(
        "NOTIFICATIONS_ADDR",
        grpc_target,
        "127.0.0.1:50053",
        "gRPC target of the notifications service",
    )
    grpc_deadline_seconds: float = var(
        "GRPC_DEADLINE_SECONDS",
        positive_number,
        "2",
        "Deadline of every call the gateway makes to a service",
    )
    redis_url: str = var(
        "REDIS_URL",
        redis_url,
        "redis://127.0.0.1:6379/0",
        "Redis for sign-in codes, refresh tokens and rate limits",
        production_required=True,
    )
    jwt_secret: str = var(
        "GATEWAY_JWT_SECRET",
        text,
        "",
        "Key signing members' access tokens (a secret; empty = a random one per start)",
        production_required=True,
    )
    access_token_seconds: int = var(
        "ACCESS_TOKEN_SECONDS", integer, "900", "Lifetime of a member's access token"
    )
    trusted_proxies: int = var(
        "GATEWAY_TRUSTED_PROXIES",
        integer,
        "0",
        "Proxies in front (an Ingress: 1) whose X-Forwarded-For names the client's address",
    )
    rate_limit_per_minute: int = var(
        "RATE_LIMIT_PER_MINUTE", integer, "6000", "Requests per minute per API key or member"
    )
    codes_per_phone_10_minutes: int = var(
        "SIGN_IN_CODES_PER_PHONE_10_MINUTES",
        count_from(1, 20),
        "3",
        "Sign-in codes sent to one phone (a member's or not) in 10 minutes",
    )
    codes_per_phone_day: int = var(
        "SIGN_IN_CODES_PER_PHONE_DAY",
        count_from(1, 100),
        "10",
        "Sign-in codes sent to one phone (a member's or not) in 24 hours",
    )
    codes_per_address_10_minutes: int = var(
        "SIGN_IN_CODES_PER_ADDRESS_10_MINUTES",
        count_from(1, 100_000),
        "30",
        "Sign-in codes one client address may ask for in 10 minutes (a carrier's NAT puts "
        "many phones behind one address)",
    )
    console_sign_ins_per_address_10_minutes: int = var(
        "CONSOLE_SIGN_INS_PER_ADDRESS_10_MINUTES",
        count_from(1, 100_000),
        "30",
        "Console sign-in tries one client address may make in 10 minutes (each costs the "
        "points service a 16 MiB scrypt check, right password or not)",
    )
