"""A members service on a real gRPC socket over a real MongoDB and a real Redis."""

from __future__ import annotations

import pytest

from loyalty.common.v1 import common_pb2
from loyalty.members.v1 import insights_pb2_grpc, members_pb2, members_pb2_grpc, tiers_pb2_grpc
from services.members.bootstrap import MembersParts, bootstrap
from services.members.config import MembersSettings
from tests.service_handle import ServiceHandle


class MembersService(ServiceHandle):
    """One running instance, started as `python -m services.members` starts it."""

    @property
    def parts(self) -> MembersParts:
        return self.running.wiring

    @property
    def directory(self):
        return self.parts.directory

    @property
    def relay(self):
        return self.parts.relay

    @property
    def stub(self) -> members_pb2_grpc.MembersServiceStub:
        return members_pb2_grpc.MembersServiceStub(self.channel)

    @property
    def tiers(self) -> tiers_pb2_grpc.TiersServiceStub:
        return tiers_pb2_grpc.TiersServiceStub(self.channel)

    @property
    def insights(self) -> insights_pb2_grpc.InsightsServiceStub:
        return insights_pb2_grpc.InsightsServiceStub(self.channel)


@pytest.fixture
def points_address() -> str:
    """Where the members service finds the ledger: nowhere, unless a test starts one."""
    return "127.0.0.1:9"  # the discard port: nothing answers gRPC there


@pytest.fixture
def members(start_in_process, databases, points_address):
    running = start_in_process(
        "members",
        MembersSettings,
        bootstrap,
        MONGODB_DB=databases("members"),
        POINTS_ADDR=points_address,
    )
    service = MembersService.of(running)
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
