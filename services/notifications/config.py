"""Settings of the notifications service, from environment variables."""

import dataclasses

from common.settings import ServiceSettings, port, text, var


@dataclasses.dataclass(frozen=True)
class NotificationsSettings(ServiceSettings):
    grpc_port: int = var("GRPC_PORT", port, "50053", "Port the gRPC server listens on")
    metrics_port: int = var(
        "METRICS_PORT", port, "9103", "Port of the Prometheus /metrics endpoint"
    )
    mongodb_db: str = var("MONGODB_DB", text, "loyalty_notifications", "Database this service owns")
