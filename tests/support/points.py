"""The points service as the tests drive it: a handle on a running instance, starting one
with the test tills registered, the programme's settings, and the requests a till sends."""

from __future__ import annotations

import contextlib
from datetime import datetime

import grpc

from common import events as bus
from common.grpc_errors import details_of
from loyalty.events.v1 import events_pb2
from loyalty.points.v1 import (
    ledger_pb2,
    ledger_pb2_grpc,
    partners_pb2_grpc,
    presence_pb2,
    presence_pb2_grpc,
    rewards_pb2,
    rewards_pb2_grpc,
    rules_pb2,
    rules_pb2_grpc,
)
from services.points.bootstrap import PointsParts, bootstrap
from services.points.config import PointsSettings
from services.points.ledger.domain.model import Account
from services.points.ledger.relay import OutboxRelay
from services.points.ledger.service import Ledger
from services.points.ledger.store import LedgerStore
from services.points.partners.service import Partners
from tests.support.protos import timestamp, vnd
from tests.support.service_handle import ServiceHandle
from tests.support.waiting import wait_for


class PointsService(ServiceHandle):
    """One running instance, started as `python -m services.points` starts it: a new one
    over the same database is a restart."""

    @property
    def parts(self) -> PointsParts:
        return self.running.wiring

    @property
    def ledger(self) -> Ledger:
        return self.parts.ledger

    @property
    def relay(self) -> OutboxRelay:
        return self.parts.relay

    @property
    def store(self) -> LedgerStore:
        return self.ledger.store

    @property
    def member_feed(self):
        """The consumer that opens and closes accounts from the members' events."""
        return next(w for w in self.parts.workers() if getattr(w, "group", "") == "points")

    @property
    def stub(self) -> ledger_pb2_grpc.LedgerServiceStub:
        return ledger_pb2_grpc.LedgerServiceStub(self.channel)

    @property
    def partners(self) -> partners_pb2_grpc.PartnersServiceStub:
        return partners_pb2_grpc.PartnersServiceStub(self.channel)

    @property
    def rewards(self) -> rewards_pb2_grpc.RewardsServiceStub:
        return rewards_pb2_grpc.RewardsServiceStub(self.channel)

    @property
    def rules(self) -> rules_pb2_grpc.EarningRulesServiceStub:
        return rules_pb2_grpc.EarningRulesServiceStub(self.channel)

    def present(self, member_id: str) -> presence_pb2.PresenceProof:
        """The member at the till: the QR token their app would show now."""
        stub = presence_pb2_grpc.PresenceServiceStub(self.channel)
        code = stub.IssuePresenceCode(presence_pb2.IssuePresenceCodeRequest(member_id=member_id))
        return presence_pb2.PresenceProof(token=code.token)

    def seed(self, *member_ids: str, tier_multiplier_bp: int = 10_000) -> None:
        self.store.insert_accounts(
            Account(m, earn_multiplier_bp=tier_multiplier_bp) for m in member_ids
        )

    def audit(self, timeout: float = 120.0) -> ledger_pb2.AuditResponse:
        """The ledger's audit reads every account: on a large test ledger (an import of
        10,000 members) and a busy machine it takes longer than a call's default deadline."""
        self.relay.drain()
        return self.stub.Audit(ledger_pb2.AuditRequest(), timeout=timeout)

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


def start_points(
    start_in_process, database: str, members_address: str = "127.0.0.1:9", **env: str
) -> PointsService:
    """A points service over `database`, with the test tills registered; the members
    service it asks about tiers and segments is nowhere unless a test names one (the
    discard port answers no gRPC)."""
    running = start_in_process(
        "points",
        PointsSettings,
        bootstrap,
        MONGODB_DB=database,
        MEMBERS_ADDR=members_address,
        GRPC_MAX_WORKERS="32",
        **env,
    )
    register_tills(running.wiring.ledger.partners)
    return PointsService.of(running)


def set_programme(points: PointsService, **changes) -> None:
    """Changes the programme's ledger settings as the CRM team would, in effect at once."""
    current = points.stub.GetProgrammeSettings(ledger_pb2.GetProgrammeSettingsRequest()).settings
    for name, value in changes.items():
        setattr(current, name, value)
    points.stub.UpdateProgrammeSettings(
        ledger_pb2.UpdateProgrammeSettingsRequest(
            settings=current, expected_version=current.version, actor="admin:test", reason="test"
        )
    )
    points.ledger.programme.refresh()


def waive_presence_below(points: int, *addresses: str) -> None:
    """The programme's setting that a till spending fewer than `points` needs no presence
    code (the CRM team's choice), made through the first points instance at `addresses`
    and waited for on all of them (each reads the programme afresh within seconds)."""
    with contextlib.ExitStack() as channels:
        stubs = [
            ledger_pb2_grpc.LedgerServiceStub(channels.enter_context(grpc.insecure_channel(a)))
            for a in addresses
        ]

        def settings(stub):
            return stub.GetProgrammeSettings(ledger_pb2.GetProgrammeSettingsRequest(), timeout=10)

        current = settings(stubs[0]).settings
        current.presence_waived_below_points = points
        stubs[0].UpdateProgrammeSettings(
            ledger_pb2.UpdateProgrammeSettingsRequest(
                settings=current,
                expected_version=current.version,
                actor="admin:test",
                reason="small payments need no presence code",
            ),
            timeout=10,
        )
        for stub in stubs:
            wait_for(
                lambda stub=stub: settings(stub).settings.presence_waived_below_points == points,
                what="the programme's presence waiver",
            )


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


def redeem_request(
    member_id: str, points: int, key: str, presence: presence_pb2.PresenceProof | None = None
) -> ledger_pb2.RedeemRequest:
    """Points as payment at a till; `presence` from PointsService.present."""
    return ledger_pb2.RedeemRequest(
        presence=presence,
        idempotency_key=key,
        member_id=member_id,
        points=points,
        purpose=ledger_pb2.REDEEM_PURPOSE_PAYMENT,
        reference=f"till-{key}",
        partner_id="sen-mart",
        store_id="sen-hcm-q1",
    )


def create_reward(points, key: str, **fields) -> rewards_pb2.Reward:
    """A reward made through the service: a 50.000 ₫ voucher for 100 points, unlimited,
    unless `fields` say otherwise."""
    reward = rewards_pb2.Reward(
        name=fields.pop("name", {"vi": "Giảm 50.000 ₫", "en": "50,000 ₫ off"}),
        type=fields.pop("type", rewards_pb2.REWARD_TYPE_FIXED_VOUCHER),
        status=fields.pop("status", rewards_pb2.REWARD_STATUS_ACTIVE),
        points_cost=fields.pop("points_cost", 100),
        voucher_validity_days=fields.pop("voucher_validity_days", 30),
        unlimited_stock="stock_total" not in fields,
        **fields,
    )
    if reward.type == rewards_pb2.REWARD_TYPE_FIXED_VOUCHER and not reward.HasField("fixed_value"):
        reward.fixed_value.CopyFrom(vnd(50_000))
    return points.rewards.CreateReward(
        rewards_pb2.CreateRewardRequest(
            idempotency_key=key, reward=reward, actor="crm:mai", reason="test"
        )
    ).reward


def reason_of(error: grpc.RpcError) -> str:
    """A refusal's reason (its ErrorInfo), else its status code's name."""
    return details_of(error)[1].get("reason", error.code().name)


def publish_member_event(redis_client, member_id: str, **payload) -> None:
    """A members' event (e.g. member_blocked={...}) on their stream, as the members
    service would publish it."""
    kind, fields = next(iter(payload.items()))
    message = getattr(events_pb2, "".join(p.title() for p in kind.split("_")))(**fields)
    event = bus.envelope(kind.replace("_", "."), "members", member_id, "test", **{kind: message})
    bus.publish(redis_client, bus.MEMBERS_STREAM, [event.SerializeToString()])
