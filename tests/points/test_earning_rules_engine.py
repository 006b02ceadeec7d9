"""The earning-rules engine against purchases whose points were worked out by hand.

Every row uses the default Programme (1 point per 10,000 VND, 1 point per 100 US cents,
time zone Asia/Ho_Chi_Minh = UTC+7) and says its arithmetic in a comment. 2026-11-25 is
a Wednesday, 2026-11-27 a Friday, 2026-11-28 a Saturday.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.points.ledger.domain.model import LedgerError
from services.points.ledger.domain.programme import Programme
from services.points.rules.domain.engine import evaluate, in_scope, local_periods
from services.points.rules.domain.model import (
    Caps,
    Line,
    MemberFacts,
    Purchase,
    Rule,
    RuleRate,
    Schedule,
    Scope,
)

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PROGRAMME = Programme()


def local(day: int, hour: int = 10, minute: int = 0, month: int = 11) -> datetime:
    """An instant given as a local time in Ho Chi Minh City, 2026."""
    return datetime(2026, month, day, hour, minute, tzinfo=HCM)


WED = local(25)


def buy(
    amount: int = 100_000,
    *lines: Line,
    at: datetime = WED,
    currency: str = "VND",
    partner: str = "p1",
    store: str = "s1",
) -> Purchase:
    total = sum(line.amount_minor for line in lines) if lines else amount
    return Purchase(partner, store, currency, total, at, lines)


def line(line_id: str, category: str, amount: int, sku: str = "") -> Line:
    return Line(line_id, sku or f"sku-{line_id}", category, amount)


def campaign(rule_id: str = "camp", bp: int = 20_000, stacking: str = "multiply", **kw) -> Rule:
    return Rule(rule_id, "campaign", name=rule_id, stacking=stacking, multiplier_bp=bp, **kw)


def category_x(rule_id: str, category: str, bp: int, stacking: str = "multiply", **kw) -> Rule:
    scope = Scope(categories=frozenset({category}))
    return Rule(
        rule_id, "category_multiplier", stacking=stacking, multiplier_bp=bp, scope=scope, **kw
    )


def base_rate(rule_id: str, currency: str, unit: int, points: int = 1, **kw) -> Rule:
    return Rule(rule_id, "base_rate", base_rate=RuleRate(currency, unit, points), **kw)


def cap(rule_id: str = "cap", **caps: int) -> Rule:
    return Rule(rule_id, "earning_cap", caps=Caps(**caps))


def min_spend(amount: int) -> Rule:
    return Rule("min", "minimum_spend", name="min spend", minimum_spend_minor=amount)


def exclude_category(category: str) -> Rule:
    return Rule("no-cat", "category_exclusion", scope=Scope(categories=frozenset({category})))


PLAIN = MemberFacts()
GOLD = MemberFacts(tier_code="gold", tier_multiplier_bp=15_000)
TWO_LINES = (line("1", "beverages", 50_000), line("2", "snacks", 50_000))
WEEKEND = Schedule(days_of_week=frozenset({6, 7}))
LATE = Schedule(start_time="22:00", end_time="02:00")
FRIDAY_LATE = Schedule(days_of_week=frozenset({5}), start_time="22:00", end_time="02:00")
NOVEMBER_20_TO_30 = Schedule(starts_at=local(20, 0), ends_at=local(30, 0))
# Ends at midnight local: 2026-12-01T00:00+07:00 is 2026-11-30T17:00Z.
TO_MIDNIGHT = Schedule(ends_at=datetime(2026, 11, 30, 17, 0, tzinfo=UTC))
HIGH_VALUE = Scope(segment_ids=frozenset({"value.high"}))

ROWS = [
    # --- base rate
    # 100,000 / 10,000 x 1 = 10
    pytest.param(buy(), PLAIN, [], 10, 10, id="programme-base-rate"),
    # rule b (priority 1) wins: 100,000 / 5,000 = 20 (rule a would give 100)
    pytest.param(
        buy(),
        PLAIN,
        [base_rate("a", "VND", 1_000, priority=5), base_rate("b", "VND", 5_000, priority=1)],
        20,
        20,
        id="base-rate-rule-lowest-priority-wins",
    ),
    # equal priority: "br-a" before "br-b": 100,000 / 1,000 = 100
    pytest.param(
        buy(),
        PLAIN,
        [base_rate("br-b", "VND", 5_000), base_rate("br-a", "VND", 1_000)],
        100,
        100,
        id="base-rate-tie-by-rule-id",
    ),
    # the USD rule does not apply to VND: programme 100,000 / 10,000 = 10
    pytest.param(
        buy(), PLAIN, [base_rate("usd", "USD", 1, 5)], 10, 10, id="base-rate-other-currency"
    ),
    # the rule is for partner p2 only: programme rate, 10
    pytest.param(
        buy(),
        PLAIN,
        [base_rate("p2", "VND", 1_000, scope=Scope(partner_ids=frozenset({"p2"})))],
        10,
        10,
        id="base-rate-rule-other-partner",
    ),
    # 1,234 cents / 100 = 12.34 -> 12
    pytest.param(buy(1_234, currency="USD"), PLAIN, [], 12, 12, id="usd-floored"),
    # a currency the programme lacks, with its own rule: 1,000 / 100 x 1 = 10
    pytest.param(
        buy(1_000, currency="XYZ"), PLAIN, [base_rate("x", "XYZ", 100)], 10, 10, id="rule-rate"
    ),
    # three lines of 3,000: 0.3 x 3 = 0.9 -> 0
    pytest.param(
        buy(0, line("1", "a", 3_000), line("2", "a", 3_000), line("3", "a", 3_000)),
        PLAIN,
        [],
        0,
        0,
        id="fractions-summed-before-floor",
    ),
    # the same x2: 0.9 x 2 = 1.8 -> 1 (not 0 + 0)
    pytest.param(
        buy(0, line("1", "a", 3_000), line("2", "a", 3_000), line("3", "a", 3_000)),
        PLAIN,
        [campaign()],
        1,
        1,
        id="fractions-exact-through-multiplier",
    ),
    # --- tier multiplier
    # implicit: 10 x 1.5 = 15
    pytest.param(buy(), GOLD, [], 15, 15, id="tier-implicit"),
    # 15,000 / 10,000 = 1.5, x 1.5 = 2.25 -> 2 (flooring 1.5 and 0.75 apart would give 1)
    pytest.param(buy(15_000), GOLD, [], 2, 2, id="exact-fraction-15000-x1.5"),
    # rule for gold: the member's 2x, not the rule's 5x: 10 x 2 = 20
    pytest.param(
        buy(),
        MemberFacts(tier_code="gold", tier_multiplier_bp=20_000),
        [
            Rule(
                "tier",
                "tier_multiplier",
                stacking="multiply",
                multiplier_bp=50_000,
                scope=Scope(tier_codes=frozenset({"gold"})),
            )
        ],
        20,
        20,
        id="tier-rule-for-member-tier",
    ),
    # the only tier rule is for gold: a silver member gets no tier multiplier, 10
    pytest.param(
        buy(),
        MemberFacts(tier_code="silver", tier_multiplier_bp=12_000),
        [Rule("tier", "tier_multiplier", scope=Scope(tier_codes=frozenset({"gold"})))],
        10,
        10,
        id="tier-rule-limits-to-other-tier",
    ),
    # tier rule at priority 5 after a x2 campaign at 1: 10 x 2 = 20, x 1.5 = 30
    pytest.param(
        buy(),
        GOLD,
        [Rule("tier", "tier_multiplier", priority=5), campaign(priority=1)],
        30,
        30,
        id="tier-rule-ordered-by-priority",
    ),
    # implicit tier then campaign: 10 x 1.5 = 15, x 2 = 30
    pytest.param(buy(), GOLD, [campaign()], 30, 30, id="tier-implicit-then-campaign"),
    # --- category and SKU multipliers
    # beverages 5 x 3 = 15, snacks 5: 20
    pytest.param(
        buy(0, *TWO_LINES), PLAIN, [category_x("bev", "beverages", 30_000)], 20, 20, id="category"
    ),
    # two MULTIPLY 2x on beverages compound: 5 x 4 = 20, snacks 5: 25
    pytest.param(
        buy(0, *TWO_LINES),
        PLAIN,
        [category_x("a", "beverages", 20_000), category_x("b", "beverages", 20_000)],
        25,
        25,
        id="multiply-compounds-2x2-is-4x",
    ),
    # two ADD "double points" sum: 10 + 10 + 10 = 30
    pytest.param(
        buy(),
        PLAIN,
        [campaign("a", stacking="add"), campaign("b", stacking="add")],
        30,
        30,
        id="add-sums-double-double-is-3x",
    ),
    # MULTIPLY first (priority 1): 10 x 2 = 20, then ADD 2x adds base 10: 30
    pytest.param(
        buy(),
        PLAIN,
        [campaign("m", priority=1), campaign("a", stacking="add", priority=2)],
        30,
        30,
        id="multiply-then-add",
    ),
    # ADD first: 10 + 10 = 20, then MULTIPLY 2x: 40
    pytest.param(
        buy(),
        PLAIN,
        [campaign("m", priority=2), campaign("a", stacking="add", priority=1)],
        40,
        40,
        id="add-then-multiply",
    ),
    # sku X: 20,000 -> 2 x 5 = 10; sku Y: 8; 18
    pytest.param(
        buy(0, line("1", "a", 20_000, "X"), line("2", "a", 80_000, "Y")),
        PLAIN,
        [Rule("sku", "sku_multiplier", multiplier_bp=50_000, scope=Scope(skus=frozenset({"X"})))],
        18,
        18,
        id="sku",
    ),
    # beverages 5 x 2 = 10 and stops; snacks 5 x 3 = 15; 25 (not 5 x 6 + 15 = 45)
    pytest.param(
        buy(0, *TWO_LINES),
        PLAIN,
        [
            category_x("bev", "beverages", 20_000, priority=1, stop_further_rules=True),
            campaign(bp=30_000, priority=2),
        ],
        25,
        25,
        id="stop-further-rules",
    ),
    # --- exclusions and minimum spend
    # tobacco 60,000 excluded, snacks 40,000 -> 4
    pytest.param(
        buy(0, line("1", "tobacco", 60_000), line("2", "snacks", 40_000)),
        PLAIN,
        [exclude_category("tobacco")],
        4,
        4,
        id="category-exclusion",
    ),
    # gift card 50,000 excluded, the other 50,000 -> 5
    pytest.param(
        buy(0, line("1", "cards", 50_000, "GIFTCARD"), line("2", "a", 50_000)),
        PLAIN,
        [Rule("no-sku", "sku_exclusion", scope=Scope(skus=frozenset({"GIFTCARD"})))],
        5,
        5,
        id="sku-exclusion",
    ),
    # eligible is 40,000 (tobacco excluded) < 50,000 minimum -> 0
    pytest.param(
        buy(0, line("1", "tobacco", 60_000), line("2", "snacks", 40_000)),
        PLAIN,
        [exclude_category("tobacco"), min_spend(50_000)],
        0,
        0,
        id="excluded-lines-not-counted-for-minimum",
    ),
    # 100,000 is not below 100,000: 10
    pytest.param(buy(), PLAIN, [min_spend(100_000)], 10, 10, id="minimum-spend-met"),
    # 99,999 < 100,000: 0 (even with a campaign)
    pytest.param(
        buy(99_999), PLAIN, [min_spend(100_000), campaign()], 0, 0, id="minimum-spend-not-met"
    ),
    # --- campaigns
    # fixed 50 once over three lines: 10 + 50 = 60
    pytest.param(
        buy(0, line("1", "a", 30_000), line("2", "b", 30_000), line("3", "c", 40_000)),
        PLAIN,
        [campaign(bp=0, stacking="add", fixed_points=50)],
        60,
        60,
        id="campaign-fixed-points-once",
    ),
    # double points plus 50: 10 + 10 + 50 = 70
    pytest.param(
        buy(), PLAIN, [campaign(stacking="add", fixed_points=50)], 70, 70, id="campaign-add-fixed"
    ),
    # fixed points for beverages, the purchase has none: 10
    pytest.param(
        buy(0, line("1", "snacks", 100_000)),
        PLAIN,
        [
            campaign(
                bp=0,
                stacking="add",
                fixed_points=50,
                scope=Scope(categories=frozenset({"beverages"})),
            )
        ],
        10,
        10,
        id="campaign-fixed-points-need-a-matching-line",
    ),
    # 25 Nov is within 20-30 Nov: 20
    pytest.param(buy(), PLAIN, [campaign(schedule=NOVEMBER_20_TO_30)], 20, 20, id="dates-in"),
    # 2 Dec is after: 10
    pytest.param(
        buy(at=local(2, month=12)),
        PLAIN,
        [campaign(schedule=NOVEMBER_20_TO_30)],
        10,
        10,
        id="dates-after",
    ),
    # 30 Nov 00:00 local is the (exclusive) end: 10
    pytest.param(
        buy(at=local(30, 0)), PLAIN, [campaign(schedule=NOVEMBER_20_TO_30)], 10, 10, id="dates-end"
    ),
    # 20 Nov 00:00 local is the (inclusive) start: 20
    pytest.param(
        buy(at=local(20, 0)),
        PLAIN,
        [campaign(schedule=NOVEMBER_20_TO_30)],
        20,
        20,
        id="dates-start",
    ),
    # Wednesday is not the weekend: 10
    pytest.param(buy(), PLAIN, [campaign(schedule=WEEKEND)], 10, 10, id="weekend-on-wednesday"),
    # Saturday: 20
    pytest.param(
        buy(at=local(28)), PLAIN, [campaign(schedule=WEEKEND)], 20, 20, id="weekend-on-saturday"
    ),
    # Saturday 06:30 local is still Friday 23:30 UTC: the local day counts, 20
    pytest.param(
        buy(at=local(28, 6, 30)),
        PLAIN,
        [campaign(schedule=WEEKEND)],
        20,
        20,
        id="weekend-by-local-day",
    ),
    # 10:00-14:00: 10:00 is in (inclusive): 20
    pytest.param(
        buy(at=local(25, 10)),
        PLAIN,
        [campaign(schedule=Schedule(start_time="10:00", end_time="14:00"))],
        20,
        20,
        id="hours-start",
    ),
    # 14:00 is out (exclusive): 10
    pytest.param(
        buy(at=local(25, 14)),
        PLAIN,
        [campaign(schedule=Schedule(start_time="10:00", end_time="14:00"))],
        10,
        10,
        id="hours-end",
    ),
    # 09:59 is before: 10
    pytest.param(
        buy(at=local(25, 9, 59)),
        PLAIN,
        [campaign(schedule=Schedule(start_time="10:00", end_time="14:00"))],
        10,
        10,
        id="hours-before",
    ),
    # 22:00-02:00: 23:30 in, 20
    pytest.param(
        buy(at=local(25, 23, 30)), PLAIN, [campaign(schedule=LATE)], 20, 20, id="late-2330"
    ),
    # 01:30 in, 20
    pytest.param(
        buy(at=local(25, 1, 30)), PLAIN, [campaign(schedule=LATE)], 20, 20, id="late-0130"
    ),
    # 02:00 out, 10
    pytest.param(buy(at=local(25, 2)), PLAIN, [campaign(schedule=LATE)], 10, 10, id="late-0200"),
    # 12:00 out, 10
    pytest.param(buy(at=local(25, 12)), PLAIN, [campaign(schedule=LATE)], 10, 10, id="late-noon"),
    # Friday only, 22:00-02:00: Friday 23:00 in, 20
    pytest.param(
        buy(at=local(27, 23)), PLAIN, [campaign(schedule=FRIDAY_LATE)], 20, 20, id="fri-late-2300"
    ),
    # Saturday 01:00 falls on Saturday: out, 10
    pytest.param(
        buy(at=local(28, 1)),
        PLAIN,
        [campaign(schedule=FRIDAY_LATE)],
        10,
        10,
        id="fri-late-sat-0100",
    ),
    # Friday 01:00 falls on Friday and before 02:00: in, 20
    pytest.param(
        buy(at=local(27, 1)),
        PLAIN,
        [campaign(schedule=FRIDAY_LATE)],
        20,
        20,
        id="fri-late-fri-0100",
    ),
    # 23:59 local on 30 Nov = 16:59Z, before the 17:00Z end: 20
    pytest.param(
        buy(at=datetime(2026, 11, 30, 16, 59, tzinfo=UTC)),
        PLAIN,
        [campaign(schedule=TO_MIDNIGHT)],
        20,
        20,
        id="ends-midnight-2359-local",
    ),
    # 00:00 local on 1 Dec = 17:00Z on 30 Nov, the exclusive end: 10
    pytest.param(
        buy(at=datetime(2026, 11, 30, 17, 0, tzinfo=UTC)),
        PLAIN,
        [campaign(schedule=TO_MIDNIGHT)],
        10,
        10,
        id="ends-midnight-0000-local",
    ),
    # --- purchase and member scope
    # campaign for partner p2, purchase at p1: 10
    pytest.param(
        buy(),
        PLAIN,
        [campaign(scope=Scope(partner_ids=frozenset({"p2"})))],
        10,
        10,
        id="partner-out",
    ),
    # purchase at p2: 20
    pytest.param(
        buy(partner="p2"),
        PLAIN,
        [campaign(scope=Scope(partner_ids=frozenset({"p2"})))],
        20,
        20,
        id="partner-in",
    ),
    # campaign for store s9, purchase at s1: 10
    pytest.param(
        buy(), PLAIN, [campaign(scope=Scope(store_ids=frozenset({"s9"})))], 10, 10, id="store-out"
    ),
    # purchase at s9: 20
    pytest.param(
        buy(store="s9"),
        PLAIN,
        [campaign(scope=Scope(store_ids=frozenset({"s9"})))],
        20,
        20,
        id="store-in",
    ),
    # campaign for gold, gold member: 10 x 1.5 (tier) = 15, x 2 = 30
    pytest.param(
        buy(), GOLD, [campaign(scope=Scope(tier_codes=frozenset({"gold"})))], 30, 30, id="tier-in"
    ),
    # campaign for gold, plain member: 10
    pytest.param(
        buy(), PLAIN, [campaign(scope=Scope(tier_codes=frozenset({"gold"})))], 10, 10, id="tier-out"
    ),
    # member in value.high (and another segment): 20
    pytest.param(
        buy(),
        MemberFacts(segment_ids=frozenset({"value.high", "new"})),
        [campaign(scope=HIGH_VALUE)],
        20,
        20,
        id="segment-in",
    ),
    # member in another segment only: 10
    pytest.param(
        buy(),
        MemberFacts(segment_ids=frozenset({"new"})),
        [campaign(scope=HIGH_VALUE)],
        10,
        10,
        id="segment-out",
    ),
    # campaign for USD purchases, purchase in VND: 10
    pytest.param(buy(), PLAIN, [campaign(scope=Scope(currency="USD"))], 10, 10, id="currency-out"),
    # --- per-rule and earning caps
    # x3 would add 20, cut to 5: 15
    pytest.param(
        buy(), PLAIN, [campaign(bp=30_000, max_points_per_transaction=5)], 15, 15, id="rule-max"
    ),
    # x3 cut to +5 leaves 15, then x2 doubles what the member has: 30
    pytest.param(
        buy(),
        PLAIN,
        [
            campaign("a", bp=30_000, priority=1, max_points_per_transaction=5),
            campaign("b", priority=2),
        ],
        30,
        30,
        id="rule-max-then-multiply",
    ),
    # 10, capped at 8 per transaction: 8
    pytest.param(buy(), PLAIN, [cap(per_transaction=8)], 8, 8, id="cap-per-transaction"),
    # 10 is under a cap of 50: 10
    pytest.param(buy(), PLAIN, [cap(per_transaction=50)], 10, 10, id="cap-not-reached"),
    # day cap 50, 45 earned today: 5 left of 10
    pytest.param(
        buy(), MemberFacts(earned_today=45), [cap(per_member_day=50)], 5, 5, id="cap-per-day"
    ),
    # day cap 50, 60 already earned: 0 (never negative)
    pytest.param(
        buy(), MemberFacts(earned_today=60), [cap(per_member_day=50)], 0, 0, id="cap-day-used-up"
    ),
    # month cap 1,000, 993 earned this month: 7 left of 10
    pytest.param(
        buy(),
        MemberFacts(earned_this_month=993),
        [cap(per_member_month=1_000)],
        7,
        7,
        id="cap-per-month",
    ),
    # transaction 8, day 100 - 97 = 3, month 1,000 - 0: the tightest, 3
    pytest.param(
        buy(),
        MemberFacts(earned_today=97),
        [cap("a", per_transaction=8), cap("b", per_member_day=100, per_member_month=1_000)],
        3,
        3,
        id="cap-tightest-wins",
    ),
    # --- qualifying
    # x2 campaign excluded from tier: 20 points, 10 qualifying (the base)
    pytest.param(
        buy(), PLAIN, [campaign(excluded_from_tier=True)], 20, 10, id="qualifying-excludes-rule"
    ),
    # the same capped at 5: 5 points, qualifying min(10, 5) = 5
    pytest.param(
        buy(),
        PLAIN,
        [campaign(excluded_from_tier=True), cap(per_transaction=5)],
        5,
        5,
        id="qualifying-not-above-points",
    ),
    # --- disabled and archived rules do nothing
    pytest.param(buy(), PLAIN, [campaign(enabled=False)], 10, 10, id="disabled"),
    pytest.param(buy(), PLAIN, [campaign(archived=True)], 10, 10, id="archived"),
    pytest.param(
        buy(),
        PLAIN,
        [Rule("min", "minimum_spend", minimum_spend_minor=500_000, enabled=False)],
        10,
        10,
        id="disabled-minimum-spend",
    ),
]


@pytest.mark.parametrize(("purchase", "member", "rules", "points", "qualifying"), ROWS)
def test_points_worked_out_by_hand(purchase, member, rules, points, qualifying):
    award = evaluate(purchase, member, rules, PROGRAMME)
    assert (award.points, award.qualifying) == (points, qualifying)
    # The breakdown explains the total exactly.
    assert sum(c.points for c in award.breakdown) == award.points


def test_no_base_rate_is_refused():
    with pytest.raises(LedgerError) as refused:
        evaluate(buy(1_000, currency="XYZ"), PLAIN, [], PROGRAMME)
    assert refused.value.reason == "CURRENCY_NOT_CONFIGURED"
    assert refused.value.metadata == {"currency": "XYZ"}


def test_breakdown_of_base_and_implicit_tier():
    # 1.5 base -> 1; 2.25 in all -> the tier adds 1.
    award = evaluate(buy(15_000), GOLD, [], PROGRAMME)
    base, tier = award.breakdown
    assert (base.rule_id, base.name, base.kind, base.points) == ("", "base rate", "base_rate", 1)
    assert base.note == "1 point per 10,000 VND"
    assert (tier.rule_id, tier.name, tier.kind, tier.points) == (
        "",
        "tier multiplier",
        "tier_multiplier",
        1,
    )
    assert (tier.stacking, tier.multiplier_bp) == ("multiply", 15_000)


def test_exclusion_shows_its_lines():
    purchase = buy(0, line("1", "tobacco", 60_000), line("2", "snacks", 40_000))
    award = evaluate(purchase, PLAIN, [exclude_category("tobacco")], PROGRAMME)
    assert award.excluded_line_ids == ("1",)
    excluded, base = award.breakdown
    assert (excluded.kind, excluded.points, excluded.line_ids) == ("category_exclusion", 0, ("1",))
    assert excluded.note == "category tobacco excluded"
    assert base.line_ids == ("2",)


def test_minimum_spend_not_met_explains_the_zero():
    award = evaluate(buy(99_999), PLAIN, [min_spend(100_000), campaign()], PROGRAMME)
    assert not award.minimum_spend_met
    (unmet,) = award.breakdown
    assert (unmet.rule_id, unmet.kind, unmet.points) == ("min", "minimum_spend", 0)
    assert "100,000 VND" in unmet.note


def test_cut_shows_as_negative_cap_contribution():
    rules = [cap("day", per_member_day=50), cap("tx", per_transaction=8)]
    award = evaluate(buy(), MemberFacts(earned_today=45), rules, PROGRAMME)
    # day leaves 5, transaction 8: the day cap binds, 10 -> 5.
    assert award.breakdown[-1].kind == "earning_cap"
    assert (award.breakdown[-1].rule_id, award.breakdown[-1].points) == ("day", -5)
    assert award.breakdown[-1].note == "capped at 50 per day"


def test_rule_max_marks_contribution_capped():
    award = evaluate(buy(), PLAIN, [campaign(bp=30_000, max_points_per_transaction=5)], PROGRAMME)
    assert award.breakdown[-1].capped
    assert award.breakdown[-1].points == 5


@pytest.mark.parametrize(
    ("language", "name"), [("en", "Double"), ("vi", "Nhân đôi"), ("fr", "Nhân đôi")]
)
def test_rule_name_in_language(language, name):
    rule = campaign(display_name={"vi": "Nhân đôi", "en": "Double"})
    award = evaluate(buy(), PLAIN, [rule], PROGRAMME, language=language)
    assert award.breakdown[-1].name == name
    assert award.breakdown[-1].note == "x2 camp"


def test_rule_without_display_name_uses_its_name():
    award = evaluate(buy(), PLAIN, [campaign()], PROGRAMME, language="en")
    assert award.breakdown[-1].name == "camp"


def test_in_scope_checks_rule_state_and_scope():
    rule = campaign(scope=Scope(partner_ids=frozenset({"p1"})))
    assert in_scope(rule, buy(), PLAIN, "Asia/Ho_Chi_Minh")
    assert not in_scope(campaign(archived=True), buy(), PLAIN, "Asia/Ho_Chi_Minh")
    assert not in_scope(rule, buy(partner="p2"), PLAIN, "Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("instant", "periods"),
    [
        (datetime(2026, 11, 30, 16, 59, tzinfo=UTC), ("2026-11-30", "2026-11")),
        # 17:00Z is midnight local: the next day and month.
        (datetime(2026, 11, 30, 17, 0, tzinfo=UTC), ("2026-12-01", "2026-12")),
        (datetime(2026, 12, 31, 16, 59, tzinfo=UTC), ("2026-12-31", "2026-12")),
    ],
)
def test_local_periods(instant, periods):
    assert local_periods(instant, "Asia/Ho_Chi_Minh") == periods


# --- properties

CATEGORIES = ["beverages", "snacks", "tobacco"]
lines_st = st.lists(
    st.tuples(
        st.sampled_from(["A", "B", "C"]),
        st.sampled_from(CATEGORIES),
        st.integers(0, 3_000_000),
    ),
    min_size=1,
    max_size=4,
).map(lambda parts: tuple(Line(str(i), *part) for i, part in enumerate(parts)))
member_st = st.builds(
    MemberFacts,
    tier_code=st.sampled_from(["", "gold"]),
    tier_multiplier_bp=st.sampled_from([10_000, 12_500, 15_000, 20_000]),
    earned_today=st.integers(0, 500),
    earned_this_month=st.integers(0, 5_000),
)
scope_st = st.one_of(
    st.just(Scope()),
    st.builds(Scope, categories=st.frozensets(st.sampled_from(CATEGORIES), min_size=1)),
    st.builds(Scope, skus=st.frozensets(st.sampled_from(["A", "B", "C"]), min_size=1)),
)


def modifier_st(max_points: st.SearchStrategy[int]) -> st.SearchStrategy[Rule]:
    return st.builds(
        Rule,
        rule_id=st.just(""),
        kind=st.sampled_from(["category_multiplier", "sku_multiplier", "campaign"]),
        priority=st.integers(0, 5),
        stacking=st.sampled_from(["multiply", "add"]),
        stop_further_rules=st.booleans(),
        scope=scope_st,
        multiplier_bp=st.integers(0, 50_000),
        fixed_points=st.integers(0, 100),
        max_points_per_transaction=max_points,
        excluded_from_tier=st.booleans(),
    )


other_rules_st = st.lists(
    st.one_of(
        st.builds(Rule, rule_id=st.just(""), kind=st.just("category_exclusion"), scope=scope_st),
        st.builds(
            Rule,
            rule_id=st.just(""),
            kind=st.just("earning_cap"),
            caps=st.builds(
                Caps,
                per_transaction=st.integers(0, 1_000),
                per_member_day=st.integers(0, 2_000),
                per_member_month=st.integers(0, 20_000),
            ),
        ),
    ),
    max_size=3,
)


def numbered(rules: list[Rule]) -> list[Rule]:
    # Distinct ids keep the evaluation order (priority, rule_id) total.
    return [dataclasses.replace(r, rule_id=f"r{i:02d}") for i, r in enumerate(rules)]


@settings(max_examples=300, deadline=None)
@given(
    lines=lines_st,
    member=member_st,
    modifiers=st.lists(modifier_st(st.integers(0, 200)), max_size=5),
    others=other_rules_st,
)
def test_points_never_negative(lines, member, modifiers, others):
    award = evaluate(buy(0, *lines), member, numbered(modifiers + others), PROGRAMME)
    assert award.points >= 0
    assert 0 <= award.qualifying <= award.points
    assert sum(c.points for c in award.breakdown) == award.points


@settings(max_examples=300, deadline=None)
@given(
    lines=lines_st,
    member=member_st,
    modifiers=st.lists(modifier_st(st.just(0)), max_size=5),
    others=other_rules_st,
    extra=st.builds(
        Rule,
        rule_id=st.just("x"),
        kind=st.sampled_from(["category_multiplier", "sku_multiplier", "campaign"]),
        priority=st.integers(0, 5),
        stacking=st.just("multiply"),
        scope=scope_st,
        multiplier_bp=st.integers(10_000, 50_000),
    ),
)
def test_another_multiply_rule_never_lowers_points(lines, member, modifiers, others, extra):
    # Rules' own max_points_per_transaction are left out: a cut is spread over the lines
    # it cut, so an extra multiplier can shift points between lines that later rules
    # multiply differently.
    rules = numbered(modifiers + others)
    purchase = buy(0, *lines)
    before = evaluate(purchase, member, rules, PROGRAMME).points
    after = evaluate(purchase, member, [*rules, extra], PROGRAMME).points
    assert after >= before
