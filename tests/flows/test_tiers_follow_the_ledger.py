"""The tier engine on the ledger's real event stream: upgrades at once, keeps a tier
through a ladder change, downgrades one step at the review after the grace period."""

from __future__ import annotations

from datetime import timedelta

import grpc
import pytest

from common import clock
from common.grpc_errors import details_of
from loyalty.members.v1 import tiers_pb2
from tests.support.members import LADDER, enrolment, set_ladder
from tests.support.points import earn_request
from tests.support.protos import timestamp
from tests.support.waiting import wait_for


def tier_of(members, member_id: str) -> tiers_pb2.MemberTier:
    return members.tiers.GetMemberTier(
        tiers_pb2.GetMemberTierRequest(member_id=member_id)
    ).member_tier


def test_a_member_climbs_holds_and_drops_one_tier_for_the_reasons_the_history_gives(
    members, points
):
    ladder = set_ladder(members, LADDER, 0)
    member = members.stub.EnrolMember(enrolment("e-1")).member
    assert member.tier_code == "member"
    wait_for(lambda: points.store.load(member.member_id), what="the ledger account")

    points.stub.Earn(earn_request(member.member_id, "t-1", 10_000_000))  # 1,000 points
    wait_for(
        lambda: tier_of(members, member.member_id).tier.code == "silver",
        what="the upgrade to Silver",
    )
    # Silver earns x1.25 once the ledger has heard of the upgrade.
    wait_for(
        lambda: points.store.load(member.member_id).earn_multiplier_bp == 12500,
        what="the ledger to learn the tier",
    )
    points.stub.Earn(earn_request(member.member_id, "t-2", 32_000_000))  # 3,200 x 1.25
    wait_for(
        lambda: tier_of(members, member.member_id).tier.code == "gold", what="the upgrade to Gold"
    )
    standing = tier_of(members, member.member_id)
    assert standing.qualifying_value == 5000

    harder_gold = {
        **LADDER["tiers"][2],
        "thresholdPoints": "9000",
        "benefits": {"earnMultiplierBp": 16000},
    }
    set_ladder(members, {**LADDER, "tiers": [*LADDER["tiers"][:2], harder_gold]}, ladder.version)
    assert tier_of(members, member.member_id).tier.code == "gold"  # kept until the review
    wait_for(
        lambda: points.store.load(member.member_id).earn_multiplier_bp == 16000,
        what="the ledger to learn Gold's new multiplier",
    )

    review_at = clock.now() + timedelta(days=400)  # the purchases left the window
    first = members.tiers.RunTierReview(tiers_pb2.RunTierReviewRequest(as_of=timestamp(review_at)))
    assert (first.grace_started, first.downgraded) == (1, 0)
    again = members.tiers.RunTierReview(tiers_pb2.RunTierReviewRequest(as_of=timestamp(review_at)))
    assert (again.in_grace, again.downgraded) == (1, 0)
    after_grace = members.tiers.RunTierReview(
        tiers_pb2.RunTierReviewRequest(as_of=timestamp(review_at + timedelta(days=31)))
    )
    assert after_grace.downgraded == 1
    assert tier_of(members, member.member_id).tier.code == "silver"  # one step, not two

    history = members.tiers.ListTierHistory(
        tiers_pb2.ListTierHistoryRequest(member_id=member.member_id)
    ).changes
    assert [(h.from_tier_code, h.to_tier_code, h.reason) for h in reversed(history)] == [
        ("", "member", tiers_pb2.TIER_CHANGE_REASON_ENROLMENT),
        ("member", "silver", tiers_pb2.TIER_CHANGE_REASON_THRESHOLD_REACHED),
        ("silver", "gold", tiers_pb2.TIER_CHANGE_REASON_THRESHOLD_REACHED),
        ("gold", "silver", tiers_pb2.TIER_CHANGE_REASON_REVIEW_DROP_ONE),
    ]
    assert [h.qualifying_value for h in reversed(history)][1:3] == [1000, 5000]


def test_staff_can_place_a_member_in_a_tier_by_hand_once(members):
    set_ladder(members, LADDER, 0)
    member = members.stub.EnrolMember(enrolment("e-1")).member
    request = tiers_pb2.SetMemberTierRequest(
        idempotency_key="m-1",
        member_id=member.member_id,
        tier_code="gold",
        actor="admin:lan",
        reason="VIP customer moved from another brand",
    )
    first = members.tiers.SetMemberTier(request)
    assert (first.member_tier.tier.code, first.change.reason, first.replayed) == (
        "gold",
        tiers_pb2.TIER_CHANGE_REASON_MANUAL,
        False,
    )
    assert first.change.actor == "admin:lan"
    assert members.tiers.SetMemberTier(request).replayed
    request.idempotency_key, request.tier_code = "m-2", "diamond"
    with pytest.raises(grpc.RpcError) as raised:
        members.tiers.SetMemberTier(request)
    assert details_of(raised.value)[1]["reason"] == "UNKNOWN_TIER"
    history = members.tiers.ListTierHistory(
        tiers_pb2.ListTierHistoryRequest(member_id=member.member_id)
    ).changes
    assert [h.to_tier_code for h in history] == ["gold", "member"]
