"""The ledger's figures the KPIs need, asked of the points service over its API."""

from __future__ import annotations

from datetime import datetime

import grpc

from common import events as bus
from common.refusals import Refusal
from common.service_client import ServiceClient
from loyalty.points.v1 import ledger_pb2, ledger_pb2_grpc
from services.members.insights.domain import LedgerFigures

DEADLINE_SECONDS = 5.0


class Ledger:
    def __init__(self, points_address: str) -> None:
        self.client = ServiceClient("points", points_address, DEADLINE_SECONDS)

    def figures(self, start: datetime, end: datetime) -> LedgerFigures:
        """Liability now, and points issued and redeemed in the period; UNAVAILABLE
        (LEDGER_UNAVAILABLE) for any failure to get them."""
        stub = self.client.stub(ledger_pb2_grpc.LedgerServiceStub)
        try:
            liability = stub.GetLiability(ledger_pb2.GetLiabilityRequest())
            settlement = stub.GetSettlement(
                ledger_pb2.GetSettlementRequest(
                    period_start=bus.timestamp(start), period_end=bus.timestamp(end)
                )
            )
        except grpc.RpcError as error:
            raise Refusal(
                "unavailable",
                "LEDGER_UNAVAILABLE",
                f"the ledger could not be reached ({error.code().name})",
            ) from None
        return LedgerFigures(
            points_liability=liability.total,
            points_issued=sum(p.issued for p in settlement.partners),
            points_redeemed=sum(p.redeemed for p in settlement.partners),
        )
