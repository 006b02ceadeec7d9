"""The gRPC services the members service offers: members, tiers, insights."""

from common.grpc_server import Registration
from common.service import ServiceContext
from loyalty.members.v1 import (
    insights_pb2,
    insights_pb2_grpc,
    members_pb2,
    members_pb2_grpc,
    tiers_pb2,
    tiers_pb2_grpc,
)


def registrations(context: ServiceContext) -> list[Registration]:
    # Contracts first: behaviour comes with the members and tiers issue (#4).
    return [
        Registration.of(members_pb2, members_pb2_grpc, "MembersService"),
        Registration.of(tiers_pb2, tiers_pb2_grpc, "TiersService"),
        Registration.of(insights_pb2, insights_pb2_grpc, "InsightsService"),
    ]
