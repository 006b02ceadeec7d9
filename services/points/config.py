"""Settings of the points service, from environment variables."""

import dataclasses

from common.settings import ServiceSettings, grpc_target, port, text, var


@dataclasses.dataclass(frozen=True)
class PointsSettings(ServiceSettings):
    grpc_port: int = var("GRPC_PORT", port, "50051", "Port the gRPC server listens on")
    metrics_port: int = var(
        "METRICS_PORT", port, "9101", "Port of the Prometheus /metrics endpoint"
    )
    mongodb_db: str = var("MONGODB_DB", text, "loyalty_points", "Database this service owns")
    members_addr: str = var(
        "MEMBERS_ADDR",
        grpc_target,
        "127.0.0.1:50052",
        "gRPC target of the members service (tier ladder, segments, birthdays for rules)",
    )
    bootstrap_admin_key: str = var(
        "BOOTSTRAP_ADMIN_KEY",
        text,
        "",
        "An admin API key (lsk_<id>_<secret>) made valid at start, to create the others (a secret)",
        production_required=True,
    )
    presence_secret: str = var(
        "PRESENCE_SECRET",
        text,
        "dev-only-presence-secret",  # refused in production (production_required)
        "Signs the presence codes members show at tills (a secret; every replica the same)",
        production_required=True,
    )
