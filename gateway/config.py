"""Settings of the REST gateway, from environment variables."""

import dataclasses

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


@dataclasses.dataclass(frozen=True)
class GatewaySettings(ProcessSettings):
    http_port: int = var("GATEWAY_PORT", port, "8080", "Port the REST gateway listens on")
    workers: int = var("GATEWAY_WORKERS", integer, "2", "gunicorn worker processes")
    threads: int = var("GATEWAY_THREADS", integer, "8", "Threads per gunicorn worker")
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
