"""The ledger's figures the KPIs need, asked of the points service over its API."""

from __future__ import annotations

from datetime import datetime

import grpc

from common import events as bus
from common.grpc_client import open_channel
from loyalty.points.v1 import ledger_pb2, ledger_pb2_grpc
from services.members.directory.service import DirectoryError

DEADLINE_SECONDS = 5.0


class LedgerFigures:
    def __init__(self, points_address: str) -> None:
        self.address = points_address
        self._channel: grpc.Channel | None = None

    def for_period(self, start: datetime, end: datetime) -> dict[str, int]:
        """Liability now, and points issued and redeemed in the period."""
        stub = ledger_pb2_grpc.LedgerServiceStub(self._open())
        try:
            liability = stub.GetLiability(ledger_pb2.GetLiabilityRequest())
            settlement = stub.GetSettlement(
                ledger_pb2.GetSettlementRequest(
                    period_start=bus.timestamp(start), period_end=bus.timestamp(end)
                )
            )
        except grpc.RpcError as error:
            raise DirectoryError(
                "unavailable",
                "LEDGER_UNAVAILABLE",
                f"the ledger could not be reached ({error.code().name})",
            ) from None
        return {
            "points_liability": liability.total,
            "points_issued": sum(p.issued for p in settlement.partners),
            "points_redeemed": sum(p.redeemed for p in settlement.partners),
        }

    def _open(self) -> grpc.Channel:
        if self._channel is None:
            self._channel = open_channel(self.address, DEADLINE_SECONDS)
        return self._channel
