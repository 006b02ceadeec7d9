"""A compensation voucher answers a complaint: it names the complaint's reference (from the
CRM system), or it is refused naming complaint_reference and nothing is issued."""

from __future__ import annotations

import grpc
import pytest

from common.grpc_errors import details_of
from loyalty.points.v1 import rewards_pb2 as pb
from tests.support.points import create_reward


def _issue(points, reward_id: str, reason: int, complaint: str) -> pb.IssueVoucherResponse:
    return points.rewards.IssueVoucher(
        pb.IssueVoucherRequest(
            idempotency_key=f"issue-{reason}-{len(complaint)}",
            member_id="lan",
            reward_id=reward_id,
            issue_reason=reason,
            complaint_reference=complaint,
            actor="staff:mai@example.vn",
            reason="late delivery",
        )
    )


def _vouchers(points) -> list[pb.Voucher]:
    return list(
        points.rewards.ListMemberVouchers(pb.ListMemberVouchersRequest(member_id="lan")).vouchers
    )


@pytest.mark.parametrize("complaint", ["", "K" * 101])
def test_a_compensation_without_a_complaint_reference_is_refused(points, complaint):
    reward = create_reward(points, "sorry", points_cost=0)
    points.seed("lan")
    with pytest.raises(grpc.RpcError) as raised:
        _issue(points, reward.reward_id, pb.VOUCHER_REASON_COMPENSATION, complaint)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [v.field for v in details_of(raised.value)[0]] == ["complaint_reference"]
    assert _vouchers(points) == []  # nothing issued


def test_a_compensation_naming_its_complaint_is_issued_and_a_gift_needs_none(points):
    reward = create_reward(points, "sorry", points_cost=0)
    points.seed("lan")
    sorry = _issue(points, reward.reward_id, pb.VOUCHER_REASON_COMPENSATION, "KN-0042").voucher
    gift = _issue(points, reward.reward_id, pb.VOUCHER_REASON_GIFT, "").voucher
    assert sorry.complaint_reference == "KN-0042" and gift.complaint_reference == ""
    assert {v.code for v in _vouchers(points)} == {sorry.code, gift.code}
