"""The tier review is idempotent and safe to run twice at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from google.protobuf import json_format

from common import clock
from loyalty.members.v1 import tiers_pb2
from tests.support.members import LADDER, enrolment
from tests.support.protos import timestamp


def test_two_reviews_at_once_drop_a_member_one_tier_once(members, monkeypatch):
    members.tiers.SetTierLadder(
        tiers_pb2.SetTierLadderRequest(
            ladder=json_format.ParseDict(LADDER, tiers_pb2.TierLadder()),
            actor="admin:crm",
            reason="test",
        )
    )
    member_ids = [
        members.stub.EnrolMember(
            enrolment(f"e-{i}", name=f"M {i}", phone=f"0912 000 {i:03d}", email=f"m{i}@x.vn")
        ).member.member_id
        for i in range(20)
    ]
    review_at = clock.now() + timedelta(days=400)
    long_ago = review_at - timedelta(days=90)  # their grace is over
    members.db["members"].update_many(
        {"_id": {"$in": member_ids}},
        {"$set": {"tier_code": "gold", "grace_since": long_ago, "tier_review_at": long_ago}},
    )

    def review(_):
        return members.tiers.RunTierReview(
            tiers_pb2.RunTierReviewRequest(as_of=timestamp(review_at))
        )

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(review, range(2)))
    assert sum(run.downgraded for run in runs) == 20
    assert sum(run.grace_started for run in runs) == 0  # no second review started a grace
    assert members.db["members"].count_documents({"grace_since": {"$ne": None}}) == 0
    for member_id in member_ids:
        history = members.tiers.ListTierHistory(
            tiers_pb2.ListTierHistoryRequest(member_id=member_id)
        ).changes
        assert (history[0].from_tier_code, history[0].to_tier_code) == ("gold", "silver")
        assert sum(h.reason == tiers_pb2.TIER_CHANGE_REASON_REVIEW_DROP_ONE for h in history) == 1
