"""What the KPIs ask the points service for over its API: the points liability now
(points issued and redeemed are counted from the ledger's events, consumers.py, since the
ledger's settlement counts partners' figures only), and whether a partner is one (the
partner registry is the points service's)."""

from __future__ import annotations

import grpc

from common.refusals import Refusal
from common.service_client import ServiceClient
from loyalty.points.v1 import ledger_pb2, ledger_pb2_grpc, partners_pb2, partners_pb2_grpc

DEADLINE_SECONDS = 5.0


class Ledger:
    def __init__(self, points_address: str) -> None:
        self.client = ServiceClient("points", points_address, DEADLINE_SECONDS)

    def liability(self) -> int:
        """Unredeemed points now; UNAVAILABLE (LEDGER_UNAVAILABLE) for any failure to get
        them."""
        stub = self.client.stub(ledger_pb2_grpc.LedgerServiceStub)
        try:
            liability = stub.GetLiability(ledger_pb2.GetLiabilityRequest())
        except grpc.RpcError as error:
            raise _unavailable(error) from None
        return liability.total

    def partner_exists(self, partner_id: str) -> bool:
        """Whether the partner is registered (suspended or not); UNAVAILABLE as above."""
        stub = self.client.stub(partners_pb2_grpc.PartnersServiceStub)
        try:
            stub.GetPartner(partners_pb2.GetPartnerRequest(partner_id=partner_id))
        except grpc.RpcError as error:
            if error.code() == grpc.StatusCode.NOT_FOUND:
                return False
            raise _unavailable(error) from None
        return True


def _unavailable(error: grpc.RpcError) -> Refusal:
    return Refusal(
        "unavailable",
        "LEDGER_UNAVAILABLE",
        f"the ledger could not be reached ({error.code().name})",
    )
