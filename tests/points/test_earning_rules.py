"""Earning rules through the ledger: a table of purchases with the points each must earn,
simulation that changes nothing, rules refused with their reasons, bonuses once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import pytest

from common import events as bus
from common.grpc_errors import details_of
from loyalty.events.v1 import events_pb2
from loyalty.points.v1 import ledger_pb2, rewards_pb2
from loyalty.points.v1 import rules_pb2 as pb
from tests.support.points import earn_request, set_programme
from tests.support.protos import timestamp, vnd
from tests.support.refusals import refused
from tests.support.waiting import group_caught_up, wait_for

HCM = timedelta(hours=7)  # Asia/Ho_Chi_Minh has no daylight saving


def local(year, month, day, hour=12, minute=0) -> datetime:
    """An instant given as Ho Chi Minh City wall-clock time."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC) - HCM


def create_rule(points, key: str, **fields) -> pb.EarningRule:
    rule = pb.EarningRule(name=fields.pop("name", key), enabled=True, **fields)
    return points.rules.CreateEarningRule(
        pb.CreateEarningRuleRequest(idempotency_key=key, rule=rule, actor="crm:mai", reason="test")
    ).rule


def programme_rules(points) -> None:
    create_rule(
        points,
        "no-tobacco",
        kind=pb.EARNING_RULE_KIND_SKU_EXCLUSION,
        scope=pb.RuleScope(skus=["tobacco-1"]),
    )
    create_rule(
        points, "min-50k", kind=pb.EARNING_RULE_KIND_MINIMUM_SPEND, minimum_spend=vnd(50_000)
    )
    create_rule(
        points,
        "drinks-x2",
        kind=pb.EARNING_RULE_KIND_CATEGORY_MULTIPLIER,
        priority=10,
        stacking=pb.STACKING_MULTIPLY,
        multiplier_bp=20_000,
        scope=pb.RuleScope(categories=["beverages"]),
    )
    create_rule(
        points,
        "weekend-double",
        kind=pb.EARNING_RULE_KIND_CAMPAIGN,
        priority=20,
        stacking=pb.STACKING_ADD,
        multiplier_bp=20_000,
        fixed_points=5,
        schedule=pb.RuleSchedule(
            starts_at=timestamp(local(2025, 11, 1, 0)),
            ends_at=timestamp(local(2025, 11, 30, 0)),
            days_of_week=[pb.WEEKDAY_SATURDAY, pb.WEEKDAY_SUNDAY],
        ),
    )
    # Ends at midnight in Ho Chi Minh City: 17:00 UTC on 30 November 2025.
    create_rule(
        points,
        "electronics-week",
        kind=pb.EARNING_RULE_KIND_CAMPAIGN,
        priority=30,
        stacking=pb.STACKING_MULTIPLY,
        multiplier_bp=30_000,
        scope=pb.RuleScope(categories=["electronics"]),
        schedule=pb.RuleSchedule(
            starts_at=timestamp(local(2025, 11, 24, 0)), ends_at=timestamp(local(2025, 12, 1, 0))
        ),
    )
    create_rule(
        points,
        "day-cap",
        kind=pb.EARNING_RULE_KIND_EARNING_CAP,
        caps=pb.EarningCaps(per_member_day=300),
    )


PURCHASES = [
    # (id, when, amount, lines as (line, sku, category, amount), points, arithmetic)
    ("weekday-plain", local(2025, 11, 26), 1_000_000, (), 100, "1,000,000 / 10,000 = 100"),
    (
        "drinks-and-tobacco",
        local(2025, 11, 26),
        1_000_000,
        (
            ("1", "tea", "beverages", 200_000),
            ("2", "tobacco-1", "tobacco", 300_000),
            ("3", "rice", "food", 500_000),
        ),
        90,
        "tobacco excluded; base 20 + 50 = 70; drinks x2 adds 20 -> 90",
    ),
    ("below-minimum", local(2025, 11, 26), 40_000, (), 0, "40,000 < 50,000 minimum -> 0"),
    (
        "saturday",
        local(2025, 11, 29),
        1_000_000,
        (),
        205,
        "base 100; weekend ADD double adds 100, fixed 5 -> 205",
    ),
    (
        "electronics-23-59",
        local(2025, 11, 30, 23, 59),
        1_000_000,
        (("1", "tv", "electronics", 1_000_000),),
        300,
        "base 100 x3 -> 300 (a Sunday, but the weekend campaign ended at 00:00 on the 30th)",
    ),
    (
        "electronics-midnight",
        local(2025, 12, 1, 0, 0),
        1_000_000,
        (("1", "tv", "electronics", 1_000_000),),
        100,
        "campaign ended at 00:00 local -> 100",
    ),
]


@pytest.mark.parametrize(
    ("name", "when", "amount", "lines", "expected", "why"), PURCHASES, ids=[p[0] for p in PURCHASES]
)
def test_a_purchase_earns_what_the_rules_say(
    points, travel, name, when, amount, lines, expected, why
):
    travel(local(2025, 12, 2))  # the purchases were made in the last days of November
    programme_rules(points)
    points.seed(name)
    request = earn_request(name, f"t-{name}", amount, occurred_at=when)
    for line_id, sku, category, line_amount in lines:
        request.lines.add(
            line_id=line_id, sku=sku, category=category, quantity=1, amount=vnd(line_amount)
        )
    earned = points.stub.Earn(request)
    assert earned.points_awarded == expected, why
    assert sum(c.points for c in earned.breakdown) == expected


def test_the_daily_cap_counts_the_days_earlier_purchases(points, travel):
    travel(local(2025, 12, 2))
    programme_rules(points)
    points.seed("lan")
    first = points.stub.Earn(earn_request("lan", "t-1", occurred_at=local(2025, 11, 29, 10)))
    second = points.stub.Earn(earn_request("lan", "t-2", occurred_at=local(2025, 11, 29, 11)))
    next_day = points.stub.Earn(earn_request("lan", "t-3", occurred_at=local(2025, 11, 30, 0, 1)))
    # 205 + 205 would pass the 300 a day: the second is cut to 95; a new day starts afresh.
    assert (first.points_awarded, second.points_awarded, next_day.points_awarded) == (205, 95, 100)
    cut = [c for c in second.breakdown if c.kind == pb.EARNING_RULE_KIND_EARNING_CAP]
    assert [c.points for c in cut] == [-110]
    assert points.balance("lan").available == 400
    assert points.audit().clean


def test_simulation_explains_a_purchase_and_changes_nothing(points):
    programme_rules(points)
    points.seed("lan")
    simulated = points.rules.Simulate(
        pb.SimulateRequest(
            member_id="lan",
            partner_id="sen-mart",
            store_id="sen-hcm-q1",
            amount=vnd(1_000_000),
            occurred_at=timestamp(local(2025, 11, 26)),
            lines=[
                pb.LineItem(
                    line_id="1", sku="tea", category="beverages", quantity=1, amount=vnd(200_000)
                ),
                pb.LineItem(
                    line_id="2",
                    sku="tobacco-1",
                    category="tobacco",
                    quantity=1,
                    amount=vnd(300_000),
                ),
                pb.LineItem(
                    line_id="3", sku="rice", category="food", quantity=1, amount=vnd(500_000)
                ),
            ],
        )
    )
    assert simulated.points == 90
    assert list(simulated.excluded_line_ids) == ["2"]
    kinds = [(c.kind, c.points) for c in simulated.breakdown if c.points or c.line_ids]
    assert (pb.EARNING_RULE_KIND_CATEGORY_MULTIPLIER, 20) in kinds
    assert (pb.EARNING_RULE_KIND_SKU_EXCLUSION, 0) in kinds
    assert points.balance("lan").available == 0
    entries = points.stub.ListEntries(ledger_pb2.ListEntriesRequest(member_id="lan")).entries
    assert list(entries) == []


def test_an_archived_rule_stops_at_once(points):
    rule = create_rule(
        points,
        "all-x2",
        kind=pb.EARNING_RULE_KIND_CATEGORY_MULTIPLIER,
        stacking=pb.STACKING_MULTIPLY,
        multiplier_bp=20_000,
        scope=pb.RuleScope(categories=["food"]),
    )
    points.seed("lan")

    def food(txn: str) -> int:
        request = earn_request("lan", txn, 100_000)
        request.lines.add(line_id="1", sku="rice", category="food", quantity=1, amount=vnd(100_000))
        return points.stub.Earn(request).points_awarded

    assert food("t-1") == 20
    points.rules.DeleteEarningRule(
        pb.DeleteEarningRuleRequest(rule_id=rule.rule_id, actor="crm:mai", reason="ended")
    )
    assert food("t-2") == 10
    kept = points.rules.GetEarningRule(pb.GetEarningRuleRequest(rule_id=rule.rule_id)).rule
    assert kept.archived
    with pytest.raises(grpc.RpcError) as archived:
        points.rules.UpdateEarningRule(
            pb.UpdateEarningRuleRequest(
                rule=kept, expected_version=kept.version, actor="crm:mai", reason="revive"
            )
        )
    assert details_of(archived.value)[1]["reason"] == "RULE_ARCHIVED"


def test_contradictory_rules_are_refused_with_every_reason(points):
    bad = pb.EarningRule(
        name="broken",
        kind=pb.EARNING_RULE_KIND_CAMPAIGN,
        stacking=pb.STACKING_UNSPECIFIED,
        multiplier_bp=-5,
        priority=-1,
        scope=pb.RuleScope(segment_ids=["vip.gold"], currency="XYZ"),
        schedule=pb.RuleSchedule(
            starts_at=timestamp(local(2026, 12, 1)),
            ends_at=timestamp(local(2026, 11, 1)),
            start_time="25:00",
        ),
    )
    with pytest.raises(grpc.RpcError) as refused:
        points.rules.CreateEarningRule(
            pb.CreateEarningRuleRequest(
                idempotency_key="bad", rule=bad, actor="crm:mai", reason="test"
            )
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    fields = {v.field for v in details_of(refused.value)[0]}
    assert fields >= {
        "rule.priority",
        "rule.multiplier_bp",
        "rule.stacking",
        "rule.schedule.ends_at",
        "rule.schedule.start_time",
        "rule.scope.segment_ids",
        "rule.scope.currency",
    }
    rate = pb.EarningRule(name="rate", kind=pb.EARNING_RULE_KIND_BASE_RATE, multiplier_bp=20_000)
    with pytest.raises(grpc.RpcError) as no_multiplier:
        points.rules.CreateEarningRule(
            pb.CreateEarningRuleRequest(
                idempotency_key="rate",
                rule=rate,
                actor="crm:mai",
                reason="test",
                validate_only=True,
            )
        )
    described = {v.field: v.description for v in details_of(no_multiplier.value)[0]}
    assert described["rule.multiplier_bp"] == "a base rate rule takes no multiplier"
    assert "rule.base_rate.points_per_unit" in described
    listed = points.rules.ListEarningRules(pb.ListEarningRulesRequest()).rules
    assert list(listed) == []


def test_a_welcome_bonus_is_paid_once_however_often_the_enrolment_arrives(points, redis_client):
    points.rules.CreateBonusRule(
        pb.CreateBonusRuleRequest(
            idempotency_key="welcome",
            rule=pb.BonusRule(
                name="Welcome 50",
                trigger=pb.BONUS_TRIGGER_WELCOME,
                enabled=True,
                points=50,
                display_name={"vi": "Quà chào mừng"},
            ),
            actor="crm:mai",
            reason="launch",
        )
    )
    enrolled = bus.envelope(
        "member.enrolled",
        "members",
        "newbie",
        "test",
        member_enrolled=events_pb2.MemberEnrolled(member_version=1, tier_code="MEMBER"),
    )
    for _ in range(3):
        bus.publish(redis_client, bus.MEMBERS_STREAM, [enrolled.SerializeToString()])

    wait_for(lambda: _available(points, "newbie") == 50, timeout=15, what="the welcome bonus")
    wait_for(lambda: _caught_up(redis_client), what="every copy of the enrolment consumed")
    assert points.balance("newbie").available == 50
    entries = points.stub.ListEntries(ledger_pb2.ListEntriesRequest(member_id="newbie")).entries
    assert [(e.type, e.points) for e in entries] == [(ledger_pb2.ENTRY_TYPE_BONUS, 50)]


def test_a_first_purchase_bonus_follows_only_the_first_purchase(points, redis_client):
    points.rules.CreateBonusRule(
        pb.CreateBonusRuleRequest(
            idempotency_key="first",
            rule=pb.BonusRule(
                name="First purchase",
                trigger=pb.BONUS_TRIGGER_FIRST_PURCHASE,
                enabled=True,
                points=30,
            ),
            actor="crm:mai",
            reason="launch",
        )
    )
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1"))
    wait_for(lambda: _available(points, "lan") == 130, what="the first-purchase bonus")
    points.stub.Earn(earn_request("lan", "t-2"))
    wait_for(lambda: _available(points, "lan") >= 230, what="the second earn")
    points.relay.drain()
    # The bonuses read the second earn's event too (a second bonus would be paid then):
    # the balance is judged once they have, not as soon as the event is published.
    wait_for(
        lambda: group_caught_up(redis_client, bus.POINTS_STREAM, "points-bonuses"),
        what="the bonuses to read the second earn's event",
    )
    assert _available(points, "lan") == 230


def test_a_gift_to_one_member_gives_points_and_a_voucher_once(points):
    reward = points.rewards.CreateReward(
        rewards_pb2.CreateRewardRequest(
            idempotency_key="gift-reward",
            reward=rewards_pb2.Reward(
                name={"vi": "Giảm 20%"},
                type=rewards_pb2.REWARD_TYPE_PERCENTAGE_VOUCHER,
                status=rewards_pb2.REWARD_STATUS_ACTIVE,
                points_cost=0,
                percent_off_bp=2000,
                voucher_validity_days=30,
                unlimited_stock=True,
            ),
            actor="crm:mai",
            reason="test",
        )
    ).reward
    points.seed("lan")
    grant = pb.GrantGiftRequest(
        idempotency_key="sorry-lan",
        member_id="lan",
        points=200,
        reward_id=reward.reward_id,
        note={"vi": "Cảm ơn chị"},
        actor="crm:mai",
        reason="loyal customer",
    )
    first = points.rules.GrantGift(grant)
    again = points.rules.GrantGift(grant)
    assert first.grant.state == pb.GIFT_GRANT_STATE_COMPLETED
    assert first.grant.voucher_code and first.grant.entry_id
    assert again.replayed and again.grant.voucher_code == first.grant.voucher_code
    assert points.balance("lan").available == 200
    vouchers = points.rewards.ListMemberVouchers(
        rewards_pb2.ListMemberVouchersRequest(member_id="lan")
    ).vouchers
    assert [v.issue_reason for v in vouchers] == [rewards_pb2.VOUCHER_REASON_GIFT]


def test_a_gift_gives_each_member_at_most_the_programmes_largest_credit(points):
    """The bound of a staff adjustment bounds a gift's points for each member too (a gift
    to a segment gives them to every member of it)."""
    points.seed("hoa")

    def gift(key: str, amount: int) -> pb.GrantGiftRequest:
        return pb.GrantGiftRequest(
            idempotency_key=key, member_id="hoa", points=amount, actor="crm:mai", reason="thanks"
        )

    error = refused(points.rules.GrantGift, gift("too-much", 1_000_001))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    described = {v.field: v.description for v in details_of(error)[0]}
    assert described == {"points": "must be at most 1,000,000"}
    assert points.rules.GrantGift(gift("most", 1_000_000)).grant.state == (
        pb.GIFT_GRANT_STATE_COMPLETED
    )
    # The programme's bound moves the gift's with it.
    set_programme(points, max_adjustment_points=5_000)
    refused(points.rules.GrantGift, gift("past-the-new-bound", 5_001))
    points.rules.GrantGift(gift("within-it", 5_000))
    assert points.balance("hoa").available == 1_005_000


def _available(points, member_id: str) -> int:
    try:
        return points.balance(member_id).available
    except grpc.RpcError:
        return -1


def _caught_up(redis_client) -> bool:
    info = {g["name"]: g for g in redis_client.xinfo_groups(bus.MEMBERS_STREAM)}
    group = info.get(b"points-bonuses")
    last = redis_client.xinfo_stream(bus.MEMBERS_STREAM)["last-generated-id"]
    return bool(group) and group["last-delivered-id"] == last and group["pending"] == 0
