"""Settings of the members service, from environment variables."""

import dataclasses

from common.settings import (
    ServiceSettings,
    address_var,
    database_var,
    grpc_port_var,
    metrics_port_var,
)


@dataclasses.dataclass(frozen=True)
class MembersSettings(ServiceSettings):
    grpc_port: int = grpc_port_var("50052")
    metrics_port: int = metrics_port_var("9102")
    mongodb_db: str = database_var("loyalty_members")
    points_addr: str = address_var(
        "POINTS_ADDR", "points", "127.0.0.1:50051", "KPIs read the ledger's figures"
    )
