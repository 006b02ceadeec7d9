"""Across the real processes: an enrolment in the members service becomes a welcome
e-mail that the suite's local SMTP server receives, and an SMS reaches its webhook."""

from __future__ import annotations

import uuid

import grpc
import pytest

from common.grpc_client import open_channel
from loyalty.common.v1 import common_pb2
from loyalty.members.v1 import members_pb2, members_pb2_grpc
from loyalty.notifications.v1 import messages_pb2, messages_pb2_grpc
from loyalty.notifications.v1 import templates_pb2 as types
from loyalty.points.v1 import ledger_pb2, ledger_pb2_grpc, rewards_pb2, rewards_pb2_grpc
from tests.support.waiting import wait_for

pytestmark = pytest.mark.suite


def test_an_enrolment_is_welcomed_by_email_and_a_code_goes_by_sms(suite):
    address = f"suite-{uuid.uuid4().hex[:6]}@example.vn"
    member_id = enrol(suite, "Phạm Thị Hồng Nhung", address, phone="0913 555 777")

    welcome = wait_for(lambda: suite.mailbox.received(address), timeout=15, what="the welcome")
    assert welcome[0]["Subject"] == "Chào mừng Phạm Thị Hồng Nhung đến với chương trình thành viên"

    with open_channel(suite.grpc_address("notifications"), 10) as channel:
        messages_pb2_grpc.MessagesServiceStub(channel).SendMessage(
            messages_pb2.SendMessageRequest(
                idempotency_key=f"otp-{address}",
                member_id=member_id,
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


def test_a_redemption_and_a_compensation_voucher_reach_the_member_by_email(suite):
    address = f"voucher-{uuid.uuid4().hex[:6]}@example.vn"
    member_id = enrol(suite, "Lê Quang Vinh", address)
    with open_channel(suite.grpc_address("points"), 10) as channel:
        ledger = ledger_pb2_grpc.LedgerServiceStub(channel)
        rewards = rewards_pb2_grpc.RewardsServiceStub(channel)
        wait_for(lambda: _has_account(ledger, member_id), what="the ledger account")
        ledger.Adjust(
            ledger_pb2.AdjustRequest(
                idempotency_key=f"seed-{member_id}",
                member_id=member_id,
                points=500,
                actor="crm:test",
                reason="welcome",
            )
        )
        reward = rewards.CreateReward(
            rewards_pb2.CreateRewardRequest(
                idempotency_key=f"reward-{member_id}",
                reward=rewards_pb2.Reward(
                    name={"vi": "Giảm 50.000 ₫"},
                    type=rewards_pb2.REWARD_TYPE_FIXED_VOUCHER,
                    status=rewards_pb2.REWARD_STATUS_ACTIVE,
                    points_cost=300,
                    fixed_value=common_pb2.Money(amount_minor=50_000, currency="VND"),
                    voucher_validity_days=30,
                    unlimited_stock=True,
                ),
                actor="crm:test",
                reason="suite",
            )
        ).reward
        redeemed = rewards.RedeemReward(
            rewards_pb2.RedeemRewardRequest(
                idempotency_key=f"redeem-{member_id}",
                member_id=member_id,
                reward_id=reward.reward_id,
            )
        ).redemption
        sorry = rewards.IssueVoucher(
            rewards_pb2.IssueVoucherRequest(
                idempotency_key=f"sorry-{member_id}",
                member_id=member_id,
                reward_id=reward.reward_id,
                issue_reason=rewards_pb2.VOUCHER_REASON_COMPENSATION,
                complaint_reference="CS-77",
                actor="crm:test",
                reason="late delivery",
            )
        ).voucher

    def mail_with(subject: str):
        return [m for m in suite.mailbox.received(address) if m["Subject"] == subject]

    reward_mail = wait_for(
        lambda: mail_with("Bạn đã đổi quà: Giảm 50.000 ₫"), timeout=15, what="the reward e-mail"
    )
    assert redeemed.voucher.code in reward_mail[0].get_body(("plain",)).get_content()
    apology = wait_for(
        lambda: mail_with("Lời xin lỗi gửi Lê Quang Vinh"), timeout=15, what="the apology"
    )
    assert sorry.code in apology[0].get_body(("plain",)).get_content()


def enrol(suite, name: str, email: str, **profile) -> str:
    with open_channel(suite.grpc_address("members"), 10) as channel:
        return (
            members_pb2_grpc.MembersServiceStub(channel)
            .EnrolMember(
                members_pb2.EnrolMemberRequest(
                    idempotency_key=email,
                    profile=members_pb2.MemberProfile(
                        name=name, email=email, language="vi", **profile
                    ),
                )
            )
            .member.member_id
        )


def _has_account(ledger, member_id: str) -> bool:
    try:
        ledger.GetBalance(ledger_pb2.GetBalanceRequest(member_id=member_id))
    except grpc.RpcError:
        return False
    return True
