"""Settings of the members service, from environment variables."""

import dataclasses

from common.settings import ServiceSettings, grpc_target, port, text, var


@dataclasses.dataclass(frozen=True)
class MembersSettings(ServiceSettings):
    grpc_port: int = var("GRPC_PORT", port, "50052", "Port the gRPC server listens on")
    metrics_port: int = var(
        "METRICS_PORT", port, "9102", "Port of the Prometheus /metrics endpoint"
    )
    mongodb_db: str = var("MONGODB_DB", text, "loyalty_members", "Database this service owns")
    points_addr: str = var(
        "POINTS_ADDR",
        grpc_target,
        "127.0.0.1:50051",
        "gRPC target of the points service (KPIs read the ledger's figures)",
    )
