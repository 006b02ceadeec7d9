"""Segments by purchase frequency and by referrals (issue #20): a member with K purchases
in the last frequency_days and R friends referred lands in the segments insights.proto
defines, computed by the same segments job, listed and paged like the others."""

from __future__ import annotations

from datetime import timedelta

import grpc
import pytest

from common import clock
from common import events as bus
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import insights_pb2, members_pb2
from tests.support.members import enrolment
from tests.support.refusals import refused
from tests.support.waiting import group_caught_up, wait_for

# name: (purchases in the last 90 days, purchases long before, friends referred)
PEOPLE = {
    "none": (0, 1, 0),
    "once": (1, 0, 1),
    "twice": (2, 3, 0),
    "thrice": (3, 0, 4),  # one of the four friends is erased: 3 count
    "five": (5, 0, 0),
    "nine": (9, 0, 0),  # one of the nine fully returned: 8 count
}
EXPECTED = {
    "none": ({"frequency.none"}, 0, 0),
    "once": ({"frequency.one_time", "referrals.referrer"}, 1, 1),
    "twice": ({"frequency.occasional"}, 2, 0),
    "thrice": ({"frequency.occasional", "referrals.referrer", "referrals.ambassador"}, 3, 3),
    "five": ({"frequency.regular"}, 5, 0),
    "nine": ({"frequency.frequent"}, 8, 0),
}


def _earned(member_id: str, transaction: str, at) -> bytes:
    return bus.envelope(
        "points.earned",
        "points",
        member_id,
        "test",
        points_earned=events_pb2.PointsEarned(
            entry_id=transaction,
            partner_id="sen",
            transaction_id=transaction,
            points=10,
            qualifying_points=10,
            amount=common_pb2.Money(amount_minor=100_000, currency="VND"),
            purchased_at=bus.timestamp(at),
        ),
    ).SerializeToString()


def _returned(member_id: str, transaction: str) -> bytes:
    return bus.envelope(
        "points.reversed",
        "points",
        member_id,
        "test",
        points_reversed=events_pb2.PointsReversed(
            entry_id=f"r-{transaction}",
            partner_id="sen",
            original_transaction_id=transaction,
            returned_amount=common_pb2.Money(amount_minor=100_000, currency="VND"),
            fully_returned=True,
        ),
    ).SerializeToString()


def _enrol(members, key: str, n: int, referral_code: str = "") -> members_pb2.Member:
    request = enrolment(key, name=f"Khách {n}", phone=f"0912 100 {n:03d}", email=f"k{n}@x.vn")
    request.referral_code = referral_code
    return members.stub.EnrolMember(request).member


@pytest.fixture
def people(members, redis_client) -> dict[str, str]:
    """The members above, their friends enrolled with their codes, their purchases sent as
    the ledger sends them; name -> member id."""
    now = clock.now()
    ids, events, n = {}, [], 0
    for name, (recent, old, friends) in PEOPLE.items():
        n += 1
        member = _enrol(members, name, n)
        ids[name] = member.member_id
        for f in range(friends):
            n += 1
            friend = _enrol(members, f"{name}-friend-{f}", n, member.referral_code)
            if name == "thrice" and f == 0:
                members.stub.EraseMember(
                    members_pb2.EraseMemberRequest(
                        member_id=friend.member_id, actor="admin:dpo", reason="asked"
                    )
                )
        for p in range(recent):
            at = now - timedelta(days=80, hours=-p)
            events.append(_earned(member.member_id, f"{name}-{p}", at))
        for p in range(old):
            events.append(_earned(member.member_id, f"{name}-old-{p}", now - timedelta(days=200)))
    events.append(_returned(ids["nine"], "nine-0"))
    bus.publish(redis_client, bus.POINTS_STREAM, events)
    wait_for(
        lambda: group_caught_up(redis_client, bus.POINTS_STREAM, "members"),
        what="the members service to read the purchases",
    )
    return ids


def test_members_land_in_the_frequency_and_referral_segments_of_their_counts(members, people):
    computed = members.insights.RecomputeSegments(insights_pb2.RecomputeSegmentsRequest())

    for name, member_id in people.items():
        got = members.insights.GetMemberSegment(
            insights_pb2.GetMemberSegmentRequest(member_id=member_id)
        ).member_segment
        segments, recent, referrals = EXPECTED[name]
        mine = {s for s in got.segment_ids if s.split(".")[0] in ("frequency", "referrals")}
        assert (mine, got.recent_purchases, got.referrals) == (segments, recent, referrals), name

    counts = {s.segment_id: s.member_count for s in computed.segments}
    friends = 1 + 3  # the erased friend is in no segment
    assert counts["frequency.none"] == 1 + friends
    assert counts["referrals.referrer"] == 2
    assert counts["referrals.ambassador"] == 1
    listed = members.insights.ListSegments(
        insights_pb2.ListSegmentsRequest(kind=insights_pb2.SEGMENT_KIND_REFERRALS)
    )
    assert {s.segment_id for s in listed.segments} == {
        "referrals.referrer",
        "referrals.ambassador",
    }
    frequent = members.insights.ListSegmentMembers(
        insights_pb2.ListSegmentMembersRequest(segment_id="frequency.frequent")
    )
    assert list(frequent.member_ids) == [people["nine"]]


def test_the_frequency_bands_and_ambassadors_follow_the_parameters(members, people):
    members.insights.RecomputeSegments(
        insights_pb2.RecomputeSegmentsRequest(
            params=insights_pb2.SegmentationParams(
                frequency_days=365,
                frequency_regular_min=3,
                frequency_frequent_min=5,
                ambassador_min_referrals=4,
            )
        )
    )

    def segments(name: str) -> set[str]:
        found = members.insights.GetMemberSegment(
            insights_pb2.GetMemberSegmentRequest(member_id=people[name])
        ).member_segment
        return {s for s in found.segment_ids if s.split(".")[0] in ("frequency", "referrals")}

    assert segments("none") == {"frequency.one_time"}  # its old purchase is within 365 days
    assert segments("twice") == {"frequency.frequent"}  # 2 + 3
    assert segments("thrice") == {"frequency.regular", "referrals.referrer"}  # 3 < 4 friends
    assert segments("five") == {"frequency.frequent"}


def test_bands_that_overlap_are_refused(members):
    error = refused(
        members.insights.RecomputeSegments,
        insights_pb2.RecomputeSegmentsRequest(
            params=insights_pb2.SegmentationParams(
                frequency_regular_min=6, frequency_frequent_min=6, ambassador_min_referrals=1
            )
        ),
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "frequency_frequent_min" in error.details()
