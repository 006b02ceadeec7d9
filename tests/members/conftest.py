"""A members service on a real gRPC socket over the in-process store and a real Redis."""

from __future__ import annotations

import dataclasses
import uuid

import grpc
import pytest

from common import stores
from common.grpc_client import open_channel
from common.grpc_server import Registration, create_server
from loyalty.common.v1 import common_pb2
from loyalty.members.v1 import members_pb2, members_pb2_grpc
from services.members.directory.service import Directory
from services.members.relay import MembersRelay
from services.members.server import build_directory
from services.members.servicer import MembersServicer


@dataclasses.dataclass
class MembersService:
    db: object
    directory: Directory
    relay: MembersRelay
    server: object
    channel: grpc.Channel
    stub: members_pb2_grpc.MembersServiceStub

    def stop(self) -> None:
        self.relay.stop()
        self.channel.close()
        self.server.stop(grace=1)


@pytest.fixture
def members(redis_client):
    db = stores.connect_mongo("", f"members_{uuid.uuid4().hex[:8]}")
    directory, relay = build_directory(db, redis_client)
    server, port = create_server(
        [
            Registration.of(
                members_pb2, members_pb2_grpc, "MembersService", MembersServicer(directory)
            )
        ],
        0,
        address="127.0.0.1",
        max_workers=16,
    )
    server.start()
    channel = open_channel(f"127.0.0.1:{port}", default_timeout=10)
    service = MembersService(
        db, directory, relay.start(), server, channel, members_pb2_grpc.MembersServiceStub(channel)
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
