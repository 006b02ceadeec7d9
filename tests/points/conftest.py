"""A points service on a real gRPC socket over the in-process store and a real Redis."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from common import clock, stores
from common import events as bus
from common.grpc_client import open_channel
from common.grpc_server import create_server
from loyalty.common.v1 import common_pb2
from loyalty.points.v1 import (
    ledger_pb2,
    ledger_pb2_grpc,
    partners_pb2_grpc,
    rewards_pb2_grpc,
    rules_pb2,
    rules_pb2_grpc,
)
from services.points.ledger.model import Account
from services.points.ledger_service import Ledger
from services.points.partners import Partners
from services.points.relay import OutboxRelay
from services.points.server import PointsParts, build_points
from services.points.storage import LedgerStore


@dataclasses.dataclass
class PointsService:
    """One running instance: a new one over the same `db` is a restart."""

    db: object
    redis: object
    ledger: Ledger
    relay: OutboxRelay
    server: object
    channel: grpc.Channel
    stub: ledger_pb2_grpc.LedgerServiceStub
    members: bus.StreamConsumer
    partners: partners_pb2_grpc.PartnersServiceStub
    address: str
    parts: PointsParts
    rewards: rewards_pb2_grpc.RewardsServiceStub
    rules: rules_pb2_grpc.EarningRulesServiceStub
    bonus_feeds: list

    @property
    def store(self) -> LedgerStore:
        return self.ledger.store

    def stop(self) -> None:
        for feed in self.bonus_feeds:
            feed.stop()
        self.members.stop()
        self.relay.stop()
        self.channel.close()
        self.server.stop(grace=1)

    def seed(self, *member_ids: str, tier_multiplier_bp: int = 10_000) -> None:
        self.store.insert_accounts(
            Account(m, earn_multiplier_bp=tier_multiplier_bp) for m in member_ids
        )

    def audit(self) -> ledger_pb2.AuditResponse:
        self.relay.drain()
        return self.stub.Audit(ledger_pb2.AuditRequest())

    def balance(self, member_id: str) -> ledger_pb2.Balance:
        return self.stub.GetBalance(ledger_pb2.GetBalanceRequest(member_id=member_id)).balance


# The tills the tests trade at: partner -> its stores.
TILLS = {"sen-mart": ("sen-hcm-q1", "s"), "circle-k": ("ck-1",)}


def register_tills(partners: Partners) -> None:
    """Registers the test partners and stores (again: a replay changes nothing)."""
    for partner_id, store_ids in TILLS.items():
        partners.create_partner(partner_id, partner_id.title(), "VND")
        for store_id in store_ids:
            partners.create_store(store_id, partner_id, store_id, "Asia/Ho_Chi_Minh")


def start_points(db, redis_client, members_address: str = "127.0.0.1:9") -> PointsService:
    """A points service; the members service it asks about tiers and segments is nowhere
    unless a test names one (the discard port answers no gRPC)."""
    parts = build_points(db, redis_client, members_address)
    register_tills(parts.ledger.partners)
    server, port = create_server(parts.registrations(), 0, address="127.0.0.1", max_workers=32)
    server.start()
    members = parts.member_feed(
        redis_client, f"points-{uuid.uuid4().hex[:6]}", reclaim_idle_ms=1000
    )
    channel = open_channel(f"127.0.0.1:{port}", default_timeout=10)
    return PointsService(
        db,
        redis_client,
        parts.ledger,
        parts.relay.start(),
        server,
        channel,
        ledger_pb2_grpc.LedgerServiceStub(channel),
        members.start(),
        partners_pb2_grpc.PartnersServiceStub(channel),
        f"127.0.0.1:{port}",
        parts,
        rewards_pb2_grpc.RewardsServiceStub(channel),
        rules_pb2_grpc.EarningRulesServiceStub(channel),
        [
            feed.start()
            for feed in parts.bonus_feeds(redis_client, "points-test", reclaim_idle_ms=500)
        ],
    )


@pytest.fixture
def points(redis_client):
    db = stores.connect_mongo("", f"points_{uuid.uuid4().hex[:8]}")
    service = start_points(db, redis_client)
    yield service
    service.stop()


def timestamp(value: datetime | None = None) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(value or clock.now())
    return stamp


def vnd(amount: int) -> common_pb2.Money:
    return common_pb2.Money(amount_minor=amount, currency="VND")


def earn_request(
    member_id: str,
    transaction_id: str,
    amount: int = 1_000_000,
    *,
    partner_id: str = "sen-mart",
    store_id: str = "sen-hcm-q1",
    occurred_at: datetime | None = None,
    lines=(),
) -> ledger_pb2.EarnRequest:
    return ledger_pb2.EarnRequest(
        member_id=member_id,
        partner_id=partner_id,
        store_id=store_id,
        transaction_id=transaction_id,
        amount=vnd(amount),
        occurred_at=timestamp(occurred_at),
        lines=[
            rules_pb2.LineItem(
                line_id=line_id, sku=f"sku-{line_id}", quantity=qty, amount=vnd(line_amount)
            )
            for line_id, qty, line_amount in lines
        ],
    )


def redeem_request(member_id: str, points: int, key: str) -> ledger_pb2.RedeemRequest:
    return ledger_pb2.RedeemRequest(
        idempotency_key=key,
        member_id=member_id,
        points=points,
        purpose=ledger_pb2.REDEEM_PURPOSE_PAYMENT,
        reference=f"till-{key}",
        partner_id="sen-mart",
        store_id="sen-hcm-q1",
    )
