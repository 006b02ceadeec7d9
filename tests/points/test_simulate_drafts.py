"""Simulate tries draft rules before they are published (with_rule_ids): the same
purchase as it is now and with the draft, side by side; the draft stays a draft, and
ids that are unknown, archived or too many are refused naming the field."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest

from common.grpc_errors import details_of
from loyalty.points.v1 import rules_pb2 as pb
from tests.support.protos import timestamp, vnd

SATURDAY_NOON = datetime(2025, 11, 29, 5, tzinfo=UTC)  # 12:00 in Ho Chi Minh City


def draft(points, key: str, multiplier_bp: int = 20_000) -> pb.EarningRule:
    """A x2 weekend campaign, saved but not published."""
    rule = pb.EarningRule(
        name=key,
        display_name={"vi": f"{key} (vi)", "en": key},
        kind=pb.EARNING_RULE_KIND_CAMPAIGN,
        enabled=False,
        priority=100,
        stacking=pb.STACKING_MULTIPLY,
        multiplier_bp=multiplier_bp,
        schedule=pb.RuleSchedule(
            starts_at=timestamp(datetime(2025, 11, 28, 17, tzinfo=UTC)),
            ends_at=timestamp(datetime(2025, 11, 30, 17, tzinfo=UTC)),
        ),
    )
    return points.rules.CreateEarningRule(
        pb.CreateEarningRuleRequest(idempotency_key=key, rule=rule, actor="crm:mai", reason="try")
    ).rule


def simulate(points, *rule_ids: str) -> pb.SimulateResponse:
    return points.rules.Simulate(
        pb.SimulateRequest(
            partner_id="sen-mart",
            amount=vnd(1_000_000),
            occurred_at=timestamp(SATURDAY_NOON),
            language="en",
            with_rule_ids=rule_ids,
        )
    )


def refusal(points, *rule_ids: str) -> list[tuple[str, str]]:
    with pytest.raises(grpc.RpcError) as refused:
        simulate(points, *rule_ids)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    return [(v.field, v.description) for v in details_of(refused.value)[0]]


def test_a_draft_is_tried_beside_the_rules_as_they_are_and_stays_a_draft(points):
    weekend = draft(points, "weekend-x2")
    now = simulate(points)
    tried = simulate(points, weekend.rule_id)
    assert now.points > 0
    assert weekend.rule_id not in [c.rule_id for c in now.breakdown]  # a draft earns nothing
    assert tried.points == 2 * now.points
    named = [c for c in tried.breakdown if c.rule_id == weekend.rule_id]
    assert [(c.rule_name, c.points) for c in named] == [("weekend-x2", now.points)]
    # Trying it changed nothing: still a draft, the next plain simulation as before.
    kept = points.rules.GetEarningRule(pb.GetEarningRuleRequest(rule_id=weekend.rule_id)).rule
    assert not kept.enabled and kept.version == weekend.version
    assert simulate(points).points == now.points


def test_two_drafts_compound_and_a_published_rule_is_not_counted_twice(points):
    first, second = draft(points, "first-x2"), draft(points, "second-x2")
    now = simulate(points).points
    assert simulate(points, first.rule_id, second.rule_id).points == 4 * now
    assert simulate(points, first.rule_id, first.rule_id).points == 2 * now
    first.enabled = True
    points.rules.UpdateEarningRule(
        pb.UpdateEarningRuleRequest(
            rule=first, expected_version=first.version, actor="crm:mai", reason="publish"
        )
    )
    assert simulate(points).points == 2 * now
    assert simulate(points, first.rule_id).points == 2 * now  # published: once, not twice


def test_unknown_archived_or_too_many_drafts_are_refused_naming_the_field(points):
    kept = draft(points, "kept")
    gone = draft(points, "gone")
    points.rules.DeleteEarningRule(
        pb.DeleteEarningRuleRequest(rule_id=gone.rule_id, actor="crm:mai", reason="ended")
    )
    assert refusal(points, kept.rule_id, "no-such-rule", gone.rule_id) == [
        ("with_rule_ids[1]", "no such earning rule 'no-such-rule'"),
        ("with_rule_ids[2]", "the rule is archived"),
    ]
    assert refusal(points, *[kept.rule_id] * 6) == [("with_rule_ids", "at most 5 rules at once")]


def test_a_basket_no_till_could_earn_on_is_refused_as_its_earn_would_be(points):
    """A simulation says what a till would get: a basket over the programme's largest
    purchase (5 billion ₫ by default) is refused naming the amount, as its earn is."""

    def tried(amount_minor: int):
        return points.rules.Simulate(
            pb.SimulateRequest(partner_id="sen-mart", amount=vnd(amount_minor))
        )

    assert tried(5_000_000_000).points > 0
    with pytest.raises(grpc.RpcError) as refused:
        tried(5_000_000_001)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [v.field for v in details_of(refused.value)[0]] == ["amount.amount_minor"]
