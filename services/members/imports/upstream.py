"""What an import asks of the points service, over its API: open imported members'
accounts with their opening balances, issue imported voucher codes, register imported
stores. Each call carries a batch; each item's outcome comes back in order."""

from __future__ import annotations

from common.events import timestamp
from common.service_client import ServiceClient
from loyalty.points.v1 import (
    ledger_pb2,
    ledger_pb2_grpc,
    partners_pb2,
    partners_pb2_grpc,
    rewards_pb2,
    rewards_pb2_grpc,
)
from services.members.imports.domain import StoreRow
from services.members.imports.service import OpeningBalance, VoucherToIssue

# A batch of up to 1,000 accounts is written in a few round trips, but each is a large
# write on a busy store: generous, yet bounded.
DEADLINE_SECONDS = 120.0


class PointsImports:
    def __init__(self, points_address: str) -> None:
        self.client = ServiceClient("points", points_address, DEADLINE_SECONDS)

    def retarget(self, address: str) -> None:
        self.client.retarget(address)

    def open_accounts(
        self, import_id: str, accounts: list[OpeningBalance]
    ) -> list[tuple[str, str]]:
        stub = self.client.stub(ledger_pb2_grpc.LedgerServiceStub)
        request = ledger_pb2.OpenImportedAccountsRequest(
            import_id=import_id,
            accounts=[
                ledger_pb2.ImportedAccount(
                    member_id=a.member_id,
                    member_version=a.member_version,
                    tier_code=a.tier_code,
                    earn_multiplier_bp=a.earn_multiplier_bp,
                    points=a.points,
                    expires_at=timestamp(a.expires_at),
                    idempotency_key=a.key,
                )
                for a in accounts
            ],
        )
        # Idempotent by each account's key: a retry after a timeout is safe.
        reply = self.client.call(stub.OpenImportedAccounts, request, read=True)
        return [("points", o.refused) if o.refused else ("", "") for o in reply.outcomes]

    def vouchers(
        self, import_id: str, vouchers: list[VoucherToIssue], validate_only: bool
    ) -> list[tuple[str, str]]:
        stub = self.client.stub(rewards_pb2_grpc.RewardsServiceStub)
        request = rewards_pb2.ImportVouchersRequest(
            import_id=import_id,
            validate_only=validate_only,
            vouchers=[
                rewards_pb2.ImportedVoucher(
                    idempotency_key=v.key,
                    code=v.code,
                    reward_id=v.reward_id,
                    member_id=v.member_id,
                    expires_at=timestamp(v.expires_at),
                )
                for v in vouchers
            ],
        )
        reply = self.client.call(stub.ImportVouchers, request, read=True)
        return [(o.field, o.reason) for o in reply.outcomes]

    def stores(
        self, import_id: str, stores: list[StoreRow], validate_only: bool
    ) -> list[tuple[str, str]]:
        stub = self.client.stub(partners_pb2_grpc.PartnersServiceStub)
        request = partners_pb2.ImportStoresRequest(
            import_id=import_id,
            validate_only=validate_only,
            stores=[
                partners_pb2.ImportedStore(
                    store_id=s.store_id, partner_id=s.partner_id, name=s.name, time_zone=s.time_zone
                )
                for s in stores
            ],
        )
        reply = self.client.call(stub.ImportStores, request, read=True)
        return [(o.field, o.reason) for o in reply.outcomes]
