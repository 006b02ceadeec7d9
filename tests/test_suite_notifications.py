"""Across the real processes: an enrolment in the members service becomes a welcome
e-mail that the suite's local SMTP server receives, and an SMS reaches its webhook."""

from __future__ import annotations

import uuid

import pytest

from common.grpc_client import open_channel
from loyalty.members.v1 import members_pb2, members_pb2_grpc
from loyalty.notifications.v1 import messages_pb2, messages_pb2_grpc
from loyalty.notifications.v1 import templates_pb2 as types
from tests.conftest import wait_for

pytestmark = pytest.mark.suite


def test_an_enrolment_is_welcomed_by_email_and_a_code_goes_by_sms(suite):
    address = f"suite-{uuid.uuid4().hex[:6]}@example.vn"
    with open_channel(suite.grpc_address("members"), 10) as channel:
        member = (
            members_pb2_grpc.MembersServiceStub(channel)
            .EnrolMember(
                members_pb2.EnrolMemberRequest(
                    idempotency_key=address,
                    profile=members_pb2.MemberProfile(
                        name="Phạm Thị Hồng Nhung",
                        email=address,
                        phone="0913 555 777",
                        language="vi",
                    ),
                )
            )
            .member
        )

    welcome = wait_for(lambda: suite.mailbox.received(address), timeout=15, what="the welcome")
    assert welcome[0]["Subject"] == "Chào mừng Phạm Thị Hồng Nhung đến với chương trình thành viên"

    with open_channel(suite.grpc_address("notifications"), 10) as channel:
        messages_pb2_grpc.MessagesServiceStub(channel).SendMessage(
            messages_pb2.SendMessageRequest(
                idempotency_key=f"otp-{address}",
                member_id=member.member_id,
                message_type=types.MESSAGE_TYPE_SIGN_IN_CODE,
                variables={"code": "731902", "minutes": "5"},
                actor="gateway",
            )
        )
    sms = wait_for(
        lambda: [r for r in suite.webhooks.received("/sms", 200) if "731902" in r["json"]["text"]],
        what="the sign-in code by SMS",
    )
    assert sms[0]["json"]["to"] == "+84913555777"
