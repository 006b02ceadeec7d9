"""Segments on a generated population of 10,000 members, against figures this test works
out on its own, plainly, from the definitions in insights.proto."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from loyalty.members.v1 import insights_pb2
from tests.support.members import seed_population
from tests.support.protos import timestamp

AS_OF = datetime(2026, 11, 1, tzinfo=UTC)
WINDOW_START = datetime(2025, 11, 1, tzinfo=UTC)  # 12 months before


@pytest.fixture
def population(members):
    return seed_population(members.db, AS_OF)


def expected_segments(truth: dict) -> dict[str, dict]:
    """The definitions, applied one member at a time."""
    active = {m: facts for m, facts in truth.items() if facts[0] == "active"}
    in_window = {
        m: [(at, a) for at, a in bought if at >= WINDOW_START]
        for m, (_, _, bought) in active.items()
    }
    spend = {m: sum(a for _, a in ps) for m, ps in in_window.items()}
    positive = sorted((s for s in spend.values() if s > 0), reverse=True)
    cutoff = positive[-(-len(positive) // 5) - 1]  # the spend at the top fifth's last place
    buyers = [m for m, ps in in_window.items() if ps]

    def quintile(values: dict[str, float], member_id: str) -> int:
        if member_id not in values:
            return 0
        mine = values[member_id]
        share = sum(1 for v in values.values() if v <= mine) / len(values)
        return max(1, -int(-5 * share // 1))  # ceil(5 * share)

    recency = {m: -(AS_OF - max(at for at, _ in in_window[m])).days for m in buyers}
    frequency = {m: len(in_window[m]) for m in buyers}
    monetary = {m: spend[m] for m in buyers}
    result = {}
    for m, (_, enrolled, bought) in active.items():
        recent = any(at >= AS_OF - timedelta(days=90) for at, _ in in_window[m])
        if AS_OF - enrolled < timedelta(days=30):
            behaviour = "new"
        elif not recent:
            behaviour = "lapsed"
        elif len(in_window[m]) >= 4:
            behaviour = "regular"
        else:
            behaviour = "occasional"
        value = "high" if spend[m] > 0 and spend[m] >= cutoff else "low"
        if behaviour == "regular":
            stage = "consolidate" if value == "high" else "maintain"
        else:
            stage = {0: "attract", 1: "establish"}.get(len(bought), "develop")
        result[m] = {
            "behaviour": behaviour,
            "value": value,
            "lifecycle": stage,
            "rfm": (quintile(recency, m), quintile(frequency, m), quintile(monetary, m)),
        }
    return result


@pytest.mark.timeout(300)
def test_segments_of_ten_thousand_members_match_the_definitions(members, population):
    reply = members.insights.RecomputeSegments(
        insights_pb2.RecomputeSegmentsRequest(as_of=timestamp(AS_OF)), timeout=240
    )
    expected = expected_segments(population)
    assert reply.members == len(expected)  # blocked members belong to no segment

    counts = {s.segment_id: s.member_count for s in reply.segments}
    names = {s.segment_id: dict(s.name) for s in reply.segments}
    assert names["value.high"] == {"vi": "Giá trị cao", "en": "High value"}
    assert all(name["vi"] and name["en"] for name in names.values())  # none renders as {}
    for kind in ("behaviour", "value", "lifecycle"):
        wanted = Counter(f"{kind}.{e[kind]}" for e in expected.values())
        assert {k: v for k, v in counts.items() if k.startswith(f"{kind}.")} == dict(wanted)
    rfm = Counter("rfm.{}{}{}".format(*e["rfm"]) for e in expected.values())
    assert {k: v for k, v in counts.items() if k.startswith("rfm.")} == dict(rfm)

    sample = sorted(expected)[::997]
    for member_id in sample:
        got = members.insights.GetMemberSegment(
            insights_pb2.GetMemberSegmentRequest(member_id=member_id)
        ).member_segment
        want = expected[member_id]
        assert (got.rfm.recency_score, got.rfm.frequency_score, got.rfm.monetary_score) == want[
            "rfm"
        ]
        assert (
            insights_pb2.Behaviour.Name(got.behaviour) == f"BEHAVIOUR_{want['behaviour']}".upper()
        )

    high = sorted(m for m, e in expected.items() if e["value"] == "high")
    listed, cursor = [], ""
    while True:
        page = members.insights.ListSegmentMembers(
            insights_pb2.ListSegmentMembersRequest(
                segment_id="value.high",
                computation_id=reply.computation_id,
                page={"page_size": 500, "cursor": cursor},
            )
        )
        listed += page.member_ids
        if not (cursor := page.page_info.next_cursor):
            break
    assert listed == high
