"""The earning-rules engine: how many points a purchase earns, and why.

Pure: no I/O and no clock. The caller passes the purchase (with its time), what it knows
of the member (tier, segments, points already earned today and this month), the rules
and the programme settings. The algorithm is the contract at the top of
proto/loyalty/points/v1/rules.proto; the numbered comments below follow its steps.

Points are kept as exact fractions per line until they are reported: each step's whole
points are floor(running total after the step) - floor(running total before it), so the
contributions always add up to the floor of the exact total (15,000 VND at 1 point per
10,000 VND and x1.5 is floor(2.25) = 2 points: 1 base + 1 multiplier).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from services.points.ledger.domain.model import refuse
from services.points.ledger.domain.programme import CURRENCY_MINOR_UNITS, BaseRate, Programme
from services.points.rules.domain.model import (
    Award,
    Contribution,
    Line,
    MemberFacts,
    Purchase,
    Rule,
)

ONE_X = 10_000  # basis points of a 1x multiplier
MODIFIERS = frozenset({"tier_multiplier", "category_multiplier", "sku_multiplier", "campaign"})
EXCLUSIONS = frozenset({"category_exclusion", "sku_exclusion"})


def evaluate(
    purchase: Purchase,
    member: MemberFacts,
    rules: Sequence[Rule],
    programme: Programme,
    language: str = "vi",
) -> Award:
    """The points `purchase` earns for `member` under `rules` (rules.proto steps 1-7)."""
    live = sorted(
        (r for r in rules if in_scope(r, purchase, member, programme.time_zone)), key=_order
    )
    lines = _lines(purchase)
    # 1. Excluded lines earn nothing and count for no minimum spend.
    exclusions, excluded = _exclusions(live, lines, language)
    excluded_ids = _ids(lines, sorted(excluded))
    eligible = [i for i in range(len(lines)) if i not in excluded]
    # Resolved before the minimum spend, so an unknown currency is refused whatever the
    # amount rather than only when the purchase happens to be big enough.
    rate, rate_rule = _base_rate(live, purchase.currency, programme)
    # 2. Minimum spend: any unmet MINIMUM_SPEND rule zeroes the purchase.
    spend = sum(lines[i].amount_minor for i in eligible)
    unmet = [
        _unmet(r, spend, purchase.currency, language)
        for r in live
        if r.kind == "minimum_spend" and spend < r.minimum_spend_minor
    ]
    if unmet:
        return Award(0, 0, (*exclusions, *unmet), excluded_ids, minimum_spend_met=False)
    # 3. Base points per line, exact.
    tally = _Tally(
        {
            i: Fraction(lines[i].amount_minor * rate.points_per_unit, rate.spend_unit_minor)
            for i in eligible
        }
    )
    breakdown = [*exclusions, _base(tally, lines, rate, rate_rule, purchase.currency, language)]
    # 4. Modifiers, in evaluation order; the tier multiplier comes first when no rule
    # places it (a live TIER_MULTIPLIER rule out of scope means no tier multiplier).
    if not any(r.kind == "tier_multiplier" and r.enabled and not r.archived for r in rules):
        breakdown.extend(_implicit_tier(tally, lines, member))
    for rule in live:
        if rule.kind in MODIFIERS:
            breakdown.extend(_modifier(rule, tally, lines, member, language))
    # 5. The points are the sum of the (floored, cut) contributions.
    points = sum(c.points for c in breakdown)
    qualifying = sum(c.points for c in breakdown if c.qualifying)
    # 6. Earning caps; a cut is a negative contribution.
    cut = _cap(live, member, points, language)
    if cut is not None:
        breakdown.append(cut)
        points += cut.points
    # 7. Qualifying points never exceed what the purchase actually earns.
    qualifying = max(0, min(qualifying, points))
    return Award(points, qualifying, tuple(breakdown), excluded_ids)


def in_scope(rule: Rule, purchase: Purchase, member: MemberFacts, time_zone: str) -> bool:
    """Whether `rule` applies to this purchase and member at all (which lines aside)."""
    if not rule.enabled or rule.archived:
        return False
    scope = rule.scope
    currency = scope.currency
    if rule.kind == "base_rate":
        # A base rate is for its own currency, whatever scope.currency says.
        if rule.base_rate is None:
            return False
        currency = rule.base_rate.currency
    return (
        _allows(scope.partner_ids, purchase.partner_id)
        and _allows(scope.store_ids, purchase.store_id)
        and _allows(scope.tier_codes, member.tier_code)
        and (not scope.segment_ids or bool(scope.segment_ids & member.segment_ids))
        and (not currency or currency == purchase.currency)
        and _in_schedule(rule, purchase.occurred_at, time_zone)
    )


def local_periods(occurred_at: datetime, time_zone: str) -> tuple[str, str]:
    """The local day and month ("2026-11-23", "2026-11") that day/month caps count in."""
    local = _aware(occurred_at).astimezone(ZoneInfo(time_zone))
    return local.date().isoformat(), f"{local.year:04d}-{local.month:02d}"


@dataclass
class _Tally:
    """Exact points per eligible line (by index) plus per-transaction fixed points."""

    base: dict[int, Fraction]
    running: dict[int, Fraction] = field(init=False)
    fixed: Fraction = Fraction(0)
    stopped: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.running = dict(self.base)

    def total(self) -> Fraction:
        return sum(self.running.values(), Fraction(0)) + self.fixed


def _step(
    tally: _Tally, indexes: list[int], stacking: str, bp: int, fixed: int, limit: int
) -> tuple[int, bool]:
    """Applies one modifier to the lines `indexes`: (whole points it added, cut)."""
    before = tally.total()
    deltas: dict[int, Fraction] = {}
    for i in indexes:
        if bp == 0:  # a campaign that only gives fixed points
            continue
        # ADD works on the base so adding rules sum; MULTIPLY compounds the running points.
        basis = tally.base[i] if stacking == "add" else tally.running[i]
        # A line never ends below nothing (an ADD rule under 1x).
        deltas[i] = max(basis * (bp - ONE_X) / ONE_X, -tally.running[i])
    added = sum(deltas.values(), Fraction(0)) + fixed
    points = math.floor(before + added) - math.floor(before)
    ratio, capped = Fraction(1), 0 < limit < points
    if capped:
        # Keep only what the rule may give, spread over its lines pro rata, so later
        # multipliers compound the points the member actually got.
        ratio = (math.floor(before) + limit - before) / added
        points = limit
    for i, delta in deltas.items():
        tally.running[i] += delta * ratio
    tally.fixed += fixed * ratio
    return points, capped


def _modifier(
    rule: Rule, tally: _Tally, lines: list[Line], member: MemberFacts, language: str
) -> list[Contribution]:
    """Step 4 for one rule on the eligible lines it matches and no earlier rule stopped."""
    matched = [i for i in tally.base if i not in tally.stopped and _matches(rule, lines[i])]
    if not matched:
        return []
    # The tier multiplier comes from the member's tier, never from the rule.
    bp = member.tier_multiplier_bp if rule.kind == "tier_multiplier" else rule.multiplier_bp
    stacking = rule.stacking or "multiply"
    fixed = rule.fixed_points if rule.kind == "campaign" and stacking == "add" else 0
    limit = rule.max_points_per_transaction
    points, capped = _step(tally, matched, stacking, bp, fixed, limit)
    if rule.stop_further_rules:
        tally.stopped.update(matched)
    note = _multiplier_note(bp, fixed, rule.name or rule.rule_id)
    if capped:
        note += f"; capped at {limit:,} per transaction"
    return [
        Contribution(
            rule.rule_id,
            _name(rule, language),
            rule.kind,
            points,
            stacking=stacking,
            multiplier_bp=bp,
            line_ids=_ids(lines, matched),
            capped=capped,
            qualifying=not rule.excluded_from_tier,
            note=note,
        )
    ]


def _implicit_tier(tally: _Tally, lines: list[Line], member: MemberFacts) -> list[Contribution]:
    """The member's tier multiplier, as MULTIPLY right after the base rate."""
    bp = member.tier_multiplier_bp
    if bp == ONE_X:
        return []
    points, _ = _step(tally, list(tally.base), "multiply", bp, 0, 0)
    note = _multiplier_note(bp, 0, f"tier {member.tier_code}".strip())
    ids = _ids(lines, list(tally.base))
    return [
        Contribution(
            "", "tier multiplier", "tier_multiplier", points, "multiply", bp, ids, note=note
        )
    ]


def _base(
    tally: _Tally,
    lines: list[Line],
    rate: BaseRate,
    rule: Rule | None,
    currency: str,
    language: str,
) -> Contribution:
    """Step 3's contribution: the floor of the exact base points, cut like any rule's."""
    points = math.floor(tally.total())
    limit = rule.max_points_per_transaction if rule else 0
    capped = 0 < limit < points
    if capped:
        # The base is what ADD rules build on, so the cut applies to it line by line.
        ratio = Fraction(limit) / tally.total()
        tally.base = {i: value * ratio for i, value in tally.base.items()}
        tally.running = dict(tally.base)
        points = limit
    plural = "point" if rate.points_per_unit == 1 else "points"
    note = f"{rate.points_per_unit} {plural} per {_money(rate.spend_unit_minor, currency)}"
    return Contribution(
        rule.rule_id if rule else "",
        _name(rule, language) if rule else "base rate",
        "base_rate",
        points,
        line_ids=_ids(lines, list(tally.base)),
        capped=capped,
        note=note,
    )


def _base_rate(
    live: list[Rule], currency: str, programme: Programme
) -> tuple[BaseRate, Rule | None]:
    """The first in-scope BASE_RATE rule (already in evaluation order), else the programme's."""
    for rule in live:
        if rule.kind == "base_rate" and rule.base_rate is not None:
            rate = rule.base_rate
            return BaseRate(rate.spend_unit_minor, rate.points_per_unit), rule
    rate = programme.base_rates.get(currency)
    if rate is None:
        raise refuse("CURRENCY_NOT_CONFIGURED", f"no base rate for {currency}", currency=currency)
    return rate, None


def _exclusions(
    live: list[Rule], lines: list[Line], language: str
) -> tuple[list[Contribution], set[int]]:
    """Step 1: the exclusion rules that matched lines, and the excluded line indexes."""
    shown: list[Contribution] = []
    excluded: set[int] = set()
    for rule in live:
        if rule.kind not in EXCLUSIONS:
            continue
        hit = [i for i, line in enumerate(lines) if _matches(rule, line)]
        if not hit:
            continue
        excluded.update(hit)
        if rule.kind == "category_exclusion":
            what = "category " + ", ".join(sorted({lines[i].category for i in hit}))
        else:
            what = "sku " + ", ".join(sorted({lines[i].sku for i in hit}))
        name = _name(rule, language)
        ids = _ids(lines, hit)
        shown.append(
            Contribution(rule.rule_id, name, rule.kind, 0, line_ids=ids, note=f"{what} excluded")
        )
    return shown, excluded


def _unmet(rule: Rule, spend: int, currency: str, language: str) -> Contribution:
    note = (
        f"minimum spend {_money(rule.minimum_spend_minor, currency)} not met"
        f" (eligible {_money(spend, currency)})"
    )
    return Contribution(rule.rule_id, _name(rule, language), rule.kind, 0, note=note)


def _cap(live: list[Rule], member: MemberFacts, points: int, language: str) -> Contribution | None:
    """Step 6: the tightest EARNING_CAP limit, as a negative contribution when it binds."""
    limits: list[tuple[int, Rule, str]] = []
    for rule in live:
        if rule.kind != "earning_cap":
            continue
        caps = rule.caps
        # Day and month caps count what the member already earned in that local period.
        for cap, earned, period in (
            (caps.per_transaction, 0, "transaction"),
            (caps.per_member_day, member.earned_today, "day"),
            (caps.per_member_month, member.earned_this_month, "month"),
        ):
            if cap > 0:
                limits.append((max(0, cap - earned), rule, f"capped at {cap:,} per {period}"))
    if not limits:
        return None
    # min() keeps the first of equal limits, i.e. the rule earliest in evaluation order.
    limit, rule, note = min(limits, key=lambda item: item[0])
    if points <= limit:
        return None
    return Contribution(
        rule.rule_id, _name(rule, language), "earning_cap", limit - points, note=note
    )


def _matches(rule: Rule, line: Line) -> bool:
    """Whether the rule's categories/skus match the line (empty lists match every line)."""
    scope = rule.scope
    # Category and SKU kinds are defined by their list: an empty one names no line.
    if rule.kind in ("category_multiplier", "category_exclusion") and not scope.categories:
        return False
    if rule.kind in ("sku_multiplier", "sku_exclusion") and not scope.skus:
        return False
    return _allows(scope.categories, line.category) and _allows(scope.skus, line.sku)


def _in_schedule(rule: Rule, occurred_at: datetime, time_zone: str) -> bool:
    """Whether the schedule contains the instant; days and hours are local."""
    schedule = rule.schedule
    at = _aware(occurred_at)
    if schedule.starts_at is not None and at < _aware(schedule.starts_at):
        return False
    if schedule.ends_at is not None and at >= _aware(schedule.ends_at):
        return False
    local = at.astimezone(ZoneInfo(time_zone))
    if schedule.days_of_week and local.isoweekday() not in schedule.days_of_week:
        return False
    return _in_hours(schedule.start_time, schedule.end_time, local)


def _in_hours(start_time: str, end_time: str, local: datetime) -> bool:
    now = local - local.replace(hour=0, minute=0, second=0, microsecond=0)
    start = _clock(start_time) if start_time else timedelta(0)
    if not end_time:
        return now >= start
    end = _clock(end_time)
    if start < end:
        return start <= now < end
    # End at or before start: the window runs past midnight (22:00-02:00).
    return now >= start or now < end


def _clock(text: str) -> timedelta:
    """The time since midnight of "HH:MM"; anything else is a ValueError."""
    parsed = datetime.strptime(text, "%H:%M")  # a time of day, not an instant
    return timedelta(hours=parsed.hour, minutes=parsed.minute)


def _lines(purchase: Purchase) -> list[Line]:
    # A purchase without lines is one line of the whole amount.
    return list(purchase.lines) or [Line("", "", "", purchase.amount_minor)]


def _order(rule: Rule) -> tuple[int, str]:
    return rule.priority, rule.rule_id


def _allows(allowed: frozenset[str], value: str) -> bool:
    return not allowed or value in allowed


def _ids(lines: list[Line], indexes: Iterable[int]) -> tuple[str, ...]:
    # The made-up line of a purchase without lines has no id to show.
    return tuple(lines[i].line_id for i in indexes if lines[i].line_id)


def _name(rule: Rule, language: str) -> str:
    names = rule.display_name
    return names.get(language) or names.get("vi") or rule.name or rule.rule_id


def _aware(moment: datetime) -> datetime:
    # The services keep UTC; a naive time is taken as UTC rather than compared and failing.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _money(amount_minor: int, currency: str) -> str:
    digits = CURRENCY_MINOR_UNITS.get(currency, 2)
    return f"{Decimal(amount_minor).scaleb(-digits):,.{digits}f} {currency}"


def _multiplier_note(bp: int, fixed: int, what: str) -> str:
    parts = [f"x{Decimal(bp) / ONE_X}"] if bp else []
    if fixed:
        parts.append(f"+{fixed:,} points")
    return " ".join([*parts, what])
