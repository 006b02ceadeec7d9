"""A members service on a real gRPC socket over the in-process store and a real Redis."""

from __future__ import annotations

import dataclasses
import uuid

import grpc
import pytest

from common import stores
from common.grpc_client import open_channel
from common.grpc_server import create_server
from loyalty.common.v1 import common_pb2
from loyalty.members.v1 import insights_pb2_grpc, members_pb2, members_pb2_grpc, tiers_pb2_grpc
from services.members.server import MembersParts, build_members


@dataclasses.dataclass
class MembersService:
    db: object
    parts: MembersParts
    server: object
    channel: grpc.Channel
    stub: members_pb2_grpc.MembersServiceStub
    tiers: tiers_pb2_grpc.TiersServiceStub
    ledger_events: object
    insights: insights_pb2_grpc.InsightsServiceStub
    address: str

    @property
    def directory(self):
        return self.parts.directory

    @property
    def relay(self):
        return self.parts.relay

    def stop(self) -> None:
        self.ledger_events.stop()
        self.parts.relay.stop()
        self.channel.close()
        self.server.stop(grace=1)


@pytest.fixture
def points_address() -> str:
    """Where the members service finds the ledger: nowhere, unless a test starts one."""
    return "127.0.0.1:9"  # the discard port: nothing answers gRPC there


@pytest.fixture
def members(redis_client, points_address):
    db = stores.connect_mongo("", f"members_{uuid.uuid4().hex[:8]}")
    parts = build_members(db, redis_client, points_address)
    server, port = create_server(parts.registrations(), 0, address="127.0.0.1", max_workers=16)
    server.start()
    parts.relay.start()
    channel = open_channel(f"127.0.0.1:{port}", default_timeout=10)
    consumer = parts.ledger_consumer(redis_client, "members-test").start()
    service = MembersService(
        db,
        parts,
        server,
        channel,
        members_pb2_grpc.MembersServiceStub(channel),
        tiers_pb2_grpc.TiersServiceStub(channel),
        consumer,
        insights_pb2_grpc.InsightsServiceStub(channel),
        f"127.0.0.1:{port}",
    )
    yield service
    service.stop()


def enrolment(
    key: str,
    name: str = "Nguyễn Thị Lan",
    phone: str = "0912 345 678",
    email: str = "Lan.Nguyen@Example.vn",
    **profile,
) -> members_pb2.EnrolMemberRequest:
    return members_pb2.EnrolMemberRequest(
        idempotency_key=key,
        profile=members_pb2.MemberProfile(
            name=name,
            phone=phone,
            email=email,
            birthday=profile.pop("birthday", "1992-03-14"),
            language=profile.pop("language", "vi"),
            **profile,
        ),
        consents=[members_pb2.ConsentInput(channel=common_pb2.CHANNEL_EMAIL, granted=True)],
        consent_source="pos:sen-hcm-q1",
    )
