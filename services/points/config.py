"""Settings of the points service, from environment variables."""

import dataclasses

from common.settings import (
    ServiceSettings,
    address_var,
    database_var,
    grpc_port_var,
    metrics_port_var,
    text,
    var,
)


@dataclasses.dataclass(frozen=True)
class PointsSettings(ServiceSettings):
    grpc_port: int = grpc_port_var("50051")
    metrics_port: int = metrics_port_var("9101")
    mongodb_db: str = database_var("loyalty_points")
    members_addr: str = address_var(
        "MEMBERS_ADDR", "members", "127.0.0.1:50052", "tier ladder, segments, birthdays for rules"
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
