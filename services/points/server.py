"""The gRPC services the points service offers: ledger, partners, earning rules, rewards."""

from common.grpc_server import Registration
from common.service import ServiceContext
from loyalty.points.v1 import (
    ledger_pb2,
    ledger_pb2_grpc,
    partners_pb2,
    partners_pb2_grpc,
    rewards_pb2,
    rewards_pb2_grpc,
    rules_pb2,
    rules_pb2_grpc,
)


def registrations(context: ServiceContext) -> list[Registration]:
    # Contracts first: behaviour comes with the ledger (#3) and rules/rewards (#6) issues.
    return [
        Registration.of(ledger_pb2, ledger_pb2_grpc, "LedgerService"),
        Registration.of(partners_pb2, partners_pb2_grpc, "PartnersService"),
        Registration.of(rules_pb2, rules_pb2_grpc, "EarningRulesService"),
        Registration.of(rewards_pb2, rewards_pb2_grpc, "RewardsService"),
    ]
