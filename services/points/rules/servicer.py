"""EarningRulesService over gRPC: checks and translates; the rule book, the engine,
bonuses and gifts are services/points/rules/."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import UTC, datetime

from common import events as bus
from common.grpc_errors import answering_refusals
from common.request_records import fingerprint
from common.validation import Checks
from loyalty.common.v1 import common_pb2
from loyalty.points.v1 import custom_events_pb2 as ce
from loyalty.points.v1 import custom_events_pb2_grpc, rules_pb2_grpc
from loyalty.points.v1 import rules_pb2 as pb
from services.points.ledger.domain import expiry
from services.points.ledger.domain.programme import CURRENCY_MINOR_UNITS
from services.points.ledger.events import BONUS_TRIGGERS as TRIGGERS
from services.points.ledger.messages import RULE_KINDS, STACKINGS, contribution_message
from services.points.rules.domain import custom_events as custom
from services.points.rules.domain.engine import evaluate, in_scope, local_periods
from services.points.rules.domain.model import Line, MemberFacts, Purchase, Rule
from services.points.rules.service.bonuses import Bonuses
from services.points.rules.service.book import RuleBook, rule_from_doc
from services.points.rules.service.custom_events import CustomEvents, EventRequest
from services.points.rules.service.gifts import GiftRequest, Gifts
from services.points.servicing import asked_page, change_checks

DOMAIN = "loyalty.points.v1"
rpc = answering_refusals(DOMAIN)
KIND_NAMES = {value: name for name, value in RULE_KINDS.items()}
STACKING_NAMES = {value: name for name, value in STACKINGS.items()}
TRIGGER_NAMES = {value: name for name, value in TRIGGERS.items()}
MODIFIERS = {"tier_multiplier", "category_multiplier", "sku_multiplier", "campaign"}
TAKES_NO_MULTIPLIER = {
    "base_rate",
    "category_exclusion",
    "sku_exclusion",
    "minimum_spend",
    "earning_cap",
}
SEGMENT_KINDS = ("behaviour", "loyal", "value", "lifecycle", "rfm", "tier", "event")
MAX_TRIED_DRAFTS = 5  # drafts one simulation may try (each one a store read)
CLOCK = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]\Z")
GIFT_STATES = {
    "running": pb.GIFT_GRANT_STATE_RUNNING,
    "completed": pb.GIFT_GRANT_STATE_COMPLETED,
    "failed": pb.GIFT_GRANT_STATE_FAILED,
}


@dataclasses.dataclass
class RulesParts:
    book: RuleBook
    bonuses: Bonuses
    gifts: Gifts
    ledger: object
    known_tiers: Callable[[], set[str] | None]
    tier_multiplier: Callable[[str], int]  # tier code -> earn multiplier (basis points)
    reward_exists: Callable[[str], bool]
    birthdays_in_month: Callable
    clock: Callable[[], datetime]
    custom_events: CustomEvents | None = None


class EarningRulesServicer(rules_pb2_grpc.EarningRulesServiceServicer):
    def __init__(self, parts: RulesParts) -> None:
        self.parts = parts

    # Earning rules

    @rpc
    def CreateEarningRule(self, request, context):
        stored, replayed = self._create("earning", request, self._checked_rule)
        return pb.CreateEarningRuleResponse(rule=rule_message(stored), replayed=replayed)

    @rpc
    def UpdateEarningRule(self, request, context):
        stored = self._update("earning", request, "rule_id", self._checked_rule)
        return pb.UpdateEarningRuleResponse(rule=rule_message(stored))

    @rpc
    def GetEarningRule(self, request, context):
        return pb.GetEarningRuleResponse(
            rule=rule_message(self.parts.book.get("earning", request.rule_id))
        )

    @rpc
    def ListEarningRules(self, request, context):
        page = asked_page(request)
        kinds = [KIND_NAMES[k] for k in request.kinds if k in KIND_NAMES]
        listed = self.parts.book.listing(
            "earning", include_archived=request.include_archived, kinds=kinds
        )
        found = sorted(listed, key=lambda d: (d["priority"], d["_id"]))
        if request.HasField("active_at"):
            found = [
                d
                for d in found
                if _active_at(
                    d,
                    request.active_at.ToDatetime(UTC),
                    self.parts.ledger.programme.current().time_zone,
                )
            ]
        shown = page.of(found)
        return pb.ListEarningRulesResponse(
            rules=page.shown(shown, rule_message), page_info=page.info(shown)
        )

    @rpc
    def DeleteEarningRule(self, request, context):
        archived = self._archive("earning", request, "rule_id")
        return pb.DeleteEarningRuleResponse(rule=rule_message(archived))

    # Bonus rules

    @rpc
    def CreateBonusRule(self, request, context):
        stored, replayed = self._create("bonus", request, self._checked_bonus)
        return pb.CreateBonusRuleResponse(rule=bonus_message(stored), replayed=replayed)

    @rpc
    def UpdateBonusRule(self, request, context):
        stored = self._update("bonus", request, "bonus_rule_id", self._checked_bonus)
        return pb.UpdateBonusRuleResponse(rule=bonus_message(stored))

    @rpc
    def GetBonusRule(self, request, context):
        rule = bonus_message(self.parts.book.get("bonus", request.bonus_rule_id))
        return pb.GetBonusRuleResponse(rule=self._with_points_awarded([rule])[0])

    @rpc
    def ListBonusRules(self, request, context):
        page = asked_page(request)
        triggers = [TRIGGER_NAMES[t] for t in request.triggers if t in TRIGGER_NAMES]
        listed = self.parts.book.listing(
            "bonus", include_archived=request.include_archived, triggers=triggers
        )
        shown = page.of(sorted(listed, key=lambda d: d["_id"]))
        return pb.ListBonusRulesResponse(
            rules=self._with_points_awarded(page.shown(shown, bonus_message)),
            page_info=page.info(shown),
        )

    def _with_points_awarded(self, rules: list[pb.BonusRule]) -> list[pb.BonusRule]:
        """Custom event rules with the points they awarded so far."""
        wanted = [r.bonus_rule_id for r in rules if r.trigger == pb.BONUS_TRIGGER_CUSTOM_EVENT]
        if wanted and self.parts.custom_events is not None:
            spent = self.parts.custom_events.store.spent(wanted)
            for rule in rules:
                rule.points_awarded = spent.get(rule.bonus_rule_id, 0)
        return rules

    @rpc
    def DeleteBonusRule(self, request, context):
        archived = self._archive("bonus", request, "bonus_rule_id")
        return pb.DeleteBonusRuleResponse(rule=bonus_message(archived))

    # The rule book's changes, earning ("earning") and bonus ("bonus") rules alike

    def _create(self, kind: str, request, checked) -> tuple[dict, bool]:
        checks = change_checks(request, "idempotency_key")
        doc = checked(checks, request.rule)
        checks.done()
        return self.parts.book.create(
            kind,
            doc,
            request.idempotency_key,
            fingerprint(request.rule),
            request.actor,
            request.validate_only,
        )

    def _update(self, kind: str, request, id_field: str, checked) -> dict:
        checks = change_checks(request, f"rule.{id_field}")
        doc = checked(checks, request.rule)
        checks.done()
        return self.parts.book.update(
            kind,
            getattr(request.rule, id_field),
            doc,
            request.expected_version,
            request.actor,
            request.validate_only,
        )

    def _archive(self, kind: str, request, id_field: str) -> dict:
        change_checks(request, id_field).done()
        return self.parts.book.archive(kind, getattr(request, id_field), request.actor)

    # Gifts and the birthday job

    @rpc
    def GrantGift(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("idempotency_key", request.idempotency_key)
        target = request.WhichOneof("target")
        checks.check(
            bool(target and getattr(request, target)), "target", "give member_id or segment_id"
        )
        checks.check(request.points >= 0, "points", "must not be negative")
        highest = self.parts.ledger.programme.current().largest_staff_credit()
        checks.check(request.points <= highest, "points", f"must be at most {highest:,}")
        checks.check(
            request.points > 0 or bool(request.reward_id),
            "points",
            "give points, a reward_id or both",
        )
        checks.who_and_why(request)
        checks.done()
        grant, replayed = self.parts.gifts.grant(
            GiftRequest(
                key=request.idempotency_key,
                member_id=request.member_id,
                segment_id=request.segment_id,
                points=request.points,
                reward_id=request.reward_id,
                expires_at=bus.instant(request, "points_expire_at"),
                note=dict(request.note),
                actor=request.actor,
                reason=request.reason,
            )
        )
        return pb.GrantGiftResponse(grant=grant_message(grant), replayed=replayed)

    @rpc
    def GetGiftGrant(self, request, context):
        return pb.GetGiftGrantResponse(grant=grant_message(self.parts.gifts.get(request.grant_id)))

    @rpc
    def RunBirthdayBonuses(self, request, context):
        checks = Checks(DOMAIN)
        checks.check(request.limit >= 0, "limit", "must not be negative")
        checks.done()
        tally, more = self.parts.bonuses.birthdays(
            bus.instant(request, "as_of") or self.parts.clock(),
            self.parts.birthdays_in_month,
            self.parts.ledger.programme.current().time_zone,
            request.limit,
        )
        return pb.RunBirthdayBonusesResponse(
            members_awarded=tally.awarded,
            points_awarded=tally.points,
            vouchers_issued=tally.vouchers,
            members_skipped=tally.skipped,
            more=more,
        )

    # Simulation

    @rpc
    def Simulate(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("partner_id", request.partner_id)
        checks.positive("amount.amount_minor", request.amount.amount_minor)
        checks.check(
            request.amount.currency in CURRENCY_MINOR_UNITS,
            "amount.currency",
            f"unknown ISO-4217 currency {request.amount.currency!r}",
        )
        if request.lines:
            total = sum(line.amount.amount_minor for line in request.lines)
            checks.check(
                total == request.amount.amount_minor, "lines", "line amounts must add up to amount"
            )
        programme = self.parts.ledger.programme.current()
        # The baskets an earn would take, no larger: a simulation says what a till would get.
        highest = programme.largest_purchase_minor()
        checks.check(
            request.amount.amount_minor <= highest,
            "amount.amount_minor",
            f"must be at most {highest:,} in size",
        )
        drafts = self._drafts(checks, request.with_rule_ids)
        checks.done()
        occurred_at = bus.instant(request, "occurred_at") or self.parts.clock()
        purchase = Purchase(
            request.partner_id,
            request.store_id,
            request.amount.currency,
            request.amount.amount_minor,
            occurred_at,
            tuple(Line(i.line_id, i.sku, i.category, i.amount.amount_minor) for i in request.lines),
        )
        member = self._simulated_member(request, purchase, programme)
        rules = self.parts.book.earning_rules_with(drafts)
        award = evaluate(purchase, member, rules, programme, request.language or "vi")
        available_at = expiry.available_at(occurred_at, programme.pending_days, programme.time_zone)
        return pb.SimulateResponse(
            points=award.points,
            qualifying_points=award.qualifying,
            breakdown=[contribution_message(dataclasses.asdict(c)) for c in award.breakdown],
            excluded_line_ids=award.excluded_line_ids,
            minimum_spend_met=award.minimum_spend_met,
            pending=programme.pending_days > 0,
            available_at=bus.timestamp(available_at),
            tier_code=member.tier_code,
        )

    def _drafts(self, checks: Checks, rule_ids) -> list[Rule]:
        """The rules a simulation tries as if published: a few, each found and not
        archived (an archived rule can never be published again)."""
        if not checks.check(
            len(rule_ids) <= MAX_TRIED_DRAFTS,
            "with_rule_ids",
            f"at most {MAX_TRIED_DRAFTS} rules at once",
        ):
            return []
        drafts = []
        for i, rule_id in enumerate(rule_ids):
            doc = self.parts.book.find("earning", rule_id)
            field = f"with_rule_ids[{i}]"
            found = checks.check(doc is not None, field, f"no such earning rule {rule_id[:64]!r}")
            if found and checks.check(not doc["archived"], field, "the rule is archived"):
                drafts.append(rule_from_doc(doc))
        return drafts

    def _simulated_member(self, request, purchase: Purchase, programme) -> MemberFacts:
        if not request.member_id:
            tier = request.tier_code
            return MemberFacts(
                tier, self.parts.tier_multiplier(tier), frozenset(request.segment_ids)
            )
        account = self.parts.ledger.accounts.load(request.member_id)
        day, month = local_periods(purchase.occurred_at, programme.time_zone)
        tier = request.tier_code or account.tier_code
        return MemberFacts(
            tier_code=tier,
            tier_multiplier_bp=self.parts.tier_multiplier(tier)
            if request.tier_code
            else account.earn_multiplier_bp,
            segment_ids=frozenset(request.segment_ids),
            earned_today=account.earned_by_period.get(day, 0),
            earned_this_month=account.earned_by_period.get(month, 0),
        )

    # Checks

    def _checked_rule(self, checks: Checks, rule: pb.EarningRule) -> dict:
        rule_problems(checks, rule, self.parts.known_tiers())
        return rule_doc(rule)

    def _checked_bonus(self, checks: Checks, rule: pb.BonusRule) -> dict:
        checks.text("rule.name", rule.name, max_length=200)
        checks.check(
            rule.trigger in TRIGGER_NAMES and rule.trigger != pb.BONUS_TRIGGER_GIFT,
            "rule.trigger",
            "must be WELCOME, FIRST_PURCHASE, BIRTHDAY, a REFERRAL one or CUSTOM_EVENT",
        )
        _check_custom_event(checks, rule)
        checks.check(rule.points >= 0, "rule.points", "must not be negative")
        checks.check(
            rule.points > 0 or bool(rule.voucher_reward_id),
            "rule.points",
            "give points, a voucher_reward_id or both",
        )
        if rule.voucher_reward_id:
            checks.check(
                self.parts.reward_exists(rule.voucher_reward_id),
                "rule.voucher_reward_id",
                "no such reward",
            )
        _check_window(checks, rule, "rule.ends_at")
        _check_tiers(checks, rule.tier_codes, "rule.tier_codes", self.parts.known_tiers())
        return bonus_doc(rule)


def rule_problems(checks: Checks, rule: pb.EarningRule, tiers: set[str] | None) -> None:
    """Names every missing or contradictory field of an earning rule."""
    checks.text("rule.name", rule.name, max_length=200)
    checks.text("rule.description", rule.description, required=False, max_length=2000)
    kind = KIND_NAMES.get(rule.kind)
    if not checks.check(kind is not None, "rule.kind", "is required"):
        return
    checks.check(rule.priority >= 0, "rule.priority", "must not be negative")
    checks.check(rule.multiplier_bp >= 0, "rule.multiplier_bp", "must not be negative")
    checks.check(
        rule.max_points_per_transaction >= 0,
        "rule.max_points_per_transaction",
        "must not be negative",
    )
    if kind in MODIFIERS:
        checks.check(
            rule.stacking in STACKING_NAMES,
            "rule.stacking",
            "is required for multipliers and campaigns (MULTIPLY or ADD)",
        )
    if kind in ("category_multiplier", "sku_multiplier"):
        checks.check(rule.multiplier_bp > 0, "rule.multiplier_bp", "must be greater than zero")
    if kind in TAKES_NO_MULTIPLIER:
        checks.check(
            rule.multiplier_bp == 0,
            "rule.multiplier_bp",
            f"a {kind.replace('_', ' ')} rule takes no multiplier",
        )
    if kind in ("category_multiplier", "category_exclusion"):
        checks.check(bool(rule.scope.categories), "rule.scope.categories", "name the categories")
    if kind in ("sku_multiplier", "sku_exclusion"):
        checks.check(bool(rule.scope.skus), "rule.scope.skus", "name the SKUs")
    checks.check(rule.fixed_points >= 0, "rule.fixed_points", "must not be negative")
    if rule.fixed_points:
        checks.check(
            kind == "campaign" and rule.stacking == pb.STACKING_ADD,
            "rule.fixed_points",
            "only an ADD campaign adds fixed points",
        )
    if kind == "campaign":
        checks.check(
            rule.multiplier_bp > 0 or rule.fixed_points > 0,
            "rule.multiplier_bp",
            "a campaign needs a multiplier or fixed points",
        )
        checks.check(
            rule.schedule.HasField("starts_at") and rule.schedule.HasField("ends_at"),
            "rule.schedule",
            "a campaign needs starts_at and ends_at",
        )
    if kind == "base_rate":
        rate = rule.base_rate
        checks.positive("rule.base_rate.spend_unit.amount_minor", rate.spend_unit.amount_minor)
        checks.positive("rule.base_rate.points_per_unit", rate.points_per_unit)
        _check_currency(checks, rate.spend_unit.currency, "rule.base_rate.spend_unit.currency")
    if kind == "minimum_spend":
        checks.positive("rule.minimum_spend.amount_minor", rule.minimum_spend.amount_minor)
        _check_currency(checks, rule.minimum_spend.currency, "rule.minimum_spend.currency")
    if kind == "earning_cap":
        caps = rule.caps
        values = (caps.per_transaction, caps.per_member_day, caps.per_member_month)
        checks.check(all(v >= 0 for v in values), "rule.caps", "caps must not be negative")
        checks.check(any(v > 0 for v in values), "rule.caps", "set at least one cap")
    if rule.scope.currency:
        _check_currency(checks, rule.scope.currency, "rule.scope.currency")
    _check_window(checks, rule.schedule, "rule.schedule.ends_at")
    for field in ("start_time", "end_time"):
        value = getattr(rule.schedule, field)
        checks.check(
            not value or bool(CLOCK.match(value)), f"rule.schedule.{field}", 'is not a time "HH:MM"'
        )
    checks.check(
        all(1 <= d <= 7 for d in rule.schedule.days_of_week),
        "rule.schedule.days_of_week",
        "has a day that is not a weekday",
    )
    _check_tiers(checks, rule.scope.tier_codes, "rule.scope.tier_codes", tiers)
    for segment_id in rule.scope.segment_ids:
        checks.check(
            segment_id.split(".")[0] in SEGMENT_KINDS,
            "rule.scope.segment_ids",
            f"unknown segment id {segment_id!r}",
        )


def rule_doc(rule: pb.EarningRule) -> dict:
    scope, schedule = rule.scope, rule.schedule
    kind = KIND_NAMES.get(rule.kind, "")
    rate = rule.base_rate
    return {
        "name": rule.name,
        "display_name": dict(rule.display_name),
        "description": rule.description,
        "kind": kind,
        "enabled": rule.enabled,
        "priority": rule.priority,
        "stacking": STACKING_NAMES.get(rule.stacking, ""),
        "stop_further_rules": rule.stop_further_rules,
        "scope": {
            "partner_ids": list(scope.partner_ids),
            "store_ids": list(scope.store_ids),
            "tier_codes": list(scope.tier_codes),
            "segment_ids": list(scope.segment_ids),
            "categories": list(scope.categories),
            "skus": list(scope.skus),
            # A minimum spend is in its own currency: the rule applies to that currency.
            "currency": scope.currency
            or (rule.minimum_spend.currency if kind == "minimum_spend" else ""),
        },
        "schedule": {
            "starts_at": bus.instant(schedule, "starts_at"),
            "ends_at": bus.instant(schedule, "ends_at"),
            "days_of_week": list(schedule.days_of_week),
            "start_time": schedule.start_time,
            "end_time": schedule.end_time,
        },
        "multiplier_bp": rule.multiplier_bp,
        "fixed_points": rule.fixed_points,
        "base_rate": {
            "currency": rate.spend_unit.currency,
            "spend_unit_minor": rate.spend_unit.amount_minor,
            "points_per_unit": rate.points_per_unit,
        }
        if kind == "base_rate"
        else None,
        "minimum_spend_minor": rule.minimum_spend.amount_minor,
        "caps": {
            "per_transaction": rule.caps.per_transaction,
            "per_member_day": rule.caps.per_member_day,
            "per_member_month": rule.caps.per_member_month,
        },
        "max_points_per_transaction": rule.max_points_per_transaction,
        "excluded_from_tier": rule.excluded_from_tier,
    }


def rule_message(doc: dict) -> pb.EarningRule:
    scope, schedule, caps, rate = doc["scope"], doc["schedule"], doc["caps"], doc["base_rate"]
    return pb.EarningRule(
        rule_id=doc["_id"],
        name=doc["name"],
        display_name=doc["display_name"],
        description=doc["description"],
        kind=RULE_KINDS[doc["kind"]],
        enabled=doc["enabled"],
        priority=doc["priority"],
        stacking=STACKINGS.get(doc["stacking"], 0),
        stop_further_rules=doc["stop_further_rules"],
        scope=pb.RuleScope(**{k: v for k, v in scope.items()}),
        schedule=pb.RuleSchedule(
            starts_at=bus.timestamp(schedule["starts_at"]),
            ends_at=bus.timestamp(schedule["ends_at"]),
            days_of_week=schedule["days_of_week"],
            start_time=schedule["start_time"],
            end_time=schedule["end_time"],
        ),
        multiplier_bp=doc["multiplier_bp"],
        fixed_points=doc["fixed_points"],
        base_rate=pb.BaseRate(
            spend_unit=common_pb2.Money(
                amount_minor=rate["spend_unit_minor"], currency=rate["currency"]
            ),
            points_per_unit=rate["points_per_unit"],
        )
        if rate
        else None,
        minimum_spend=common_pb2.Money(
            amount_minor=doc["minimum_spend_minor"], currency=scope["currency"]
        )
        if doc["minimum_spend_minor"]
        else None,
        caps=pb.EarningCaps(**caps),
        max_points_per_transaction=doc["max_points_per_transaction"],
        excluded_from_tier=doc["excluded_from_tier"],
        archived=doc["archived"],
        version=doc["version"],
        created_at=bus.timestamp(doc["created_at"]),
        updated_at=bus.timestamp(doc["updated_at"]),
        updated_by=doc["updated_by"],
    )


def bonus_doc(rule: pb.BonusRule) -> dict:
    return {
        "name": rule.name,
        "display_name": dict(rule.display_name),
        "trigger": TRIGGER_NAMES.get(rule.trigger, ""),
        "enabled": rule.enabled,
        "points": rule.points,
        "voucher_reward_id": rule.voucher_reward_id,
        "starts_at": bus.instant(rule, "starts_at"),
        "ends_at": bus.instant(rule, "ends_at"),
        "tier_codes": list(rule.tier_codes),
        "counts_for_tier": rule.counts_for_tier,
        "custom_event": _custom_event_doc(rule.custom_event)
        if rule.trigger == pb.BONUS_TRIGGER_CUSTOM_EVENT
        else None,
    }


def bonus_message(doc: dict) -> pb.BonusRule:
    return pb.BonusRule(
        bonus_rule_id=doc["_id"],
        name=doc["name"],
        display_name=doc["display_name"],
        trigger=TRIGGERS[doc["trigger"]],
        enabled=doc["enabled"],
        points=doc["points"],
        voucher_reward_id=doc["voucher_reward_id"],
        starts_at=bus.timestamp(doc["starts_at"]),
        ends_at=bus.timestamp(doc["ends_at"]),
        tier_codes=doc["tier_codes"],
        counts_for_tier=doc["counts_for_tier"],
        custom_event=_custom_event_message(doc.get("custom_event")),
        archived=doc["archived"],
        version=doc["version"],
        created_at=bus.timestamp(doc["created_at"]),
        updated_at=bus.timestamp(doc["updated_at"]),
        updated_by=doc["updated_by"],
    )


def grant_message(doc: dict) -> pb.GiftGrant:
    return pb.GiftGrant(
        grant_id=doc["_id"],
        member_id=doc["member_id"],
        segment_id=doc["segment_id"],
        points=doc["points"],
        reward_id=doc["reward_id"],
        state=GIFT_STATES[doc["state"]],
        members_total=doc["members_total"],
        members_granted=doc["members_granted"],
        members_skipped=doc["members_skipped"],
        entry_id=doc["entry_id"],
        voucher_code=doc["voucher_code"],
        error=doc["error"],
        actor=doc["actor"],
        reason=doc["reason"],
        created_at=bus.timestamp(doc["created_at"]),
        completed_at=bus.timestamp(doc.get("completed_at")),
    )


def _active_at(doc: dict, when: datetime, time_zone: str) -> bool:
    rule = rule_from_doc(doc)
    everywhere = Purchase("", "", "", 0, when)
    scope = dataclasses.replace(
        rule.scope,
        partner_ids=frozenset(),
        store_ids=frozenset(),
        tier_codes=frozenset(),
        segment_ids=frozenset(),
        currency="",
    )
    return in_scope(
        dataclasses.replace(rule, scope=scope, base_rate=None), everywhere, MemberFacts(), time_zone
    )


def _check_window(checks: Checks, holder, field: str) -> None:
    if holder.HasField("starts_at") and holder.HasField("ends_at"):
        checks.check(
            holder.ends_at.ToDatetime() > holder.starts_at.ToDatetime(),
            field,
            "must be after starts_at",
        )


def _check_tiers(checks: Checks, codes, field: str, tiers: set[str] | None) -> None:
    for code in codes:
        checks.check(tiers is None or code in tiers, field, f"unknown tier code {code!r}")


def _check_currency(checks: Checks, currency: str, field: str) -> None:
    checks.check(currency in CURRENCY_MINOR_UNITS, field, f"unknown ISO-4217 currency {currency!r}")


# Custom event bonus rules


def _check_custom_event(checks: Checks, rule: pb.BonusRule) -> None:
    if rule.trigger != pb.BONUS_TRIGGER_CUSTOM_EVENT:
        checks.check(
            not rule.HasField("custom_event"),
            "rule.custom_event",
            "only a CUSTOM_EVENT rule takes a custom event",
        )
        return
    trigger = rule.custom_event
    problem = custom.name_problem(trigger.event_name)
    checks.check(problem is None, "rule.custom_event.event_name", problem or "")
    for field, what in custom.attribute_problems(
        trigger.attribute_equals, "rule.custom_event.attribute_equals"
    ):
        checks.fail(field, what)
    for name, limit in custom.CAP_LIMITS.items():
        value = getattr(trigger.caps, name)
        checks.check(0 <= value <= limit, f"rule.custom_event.caps.{name}", f"must be 0..{limit:,}")
    checks.check(rule.points > 0, "rule.points", "a custom event rule gives points (> 0)")
    checks.check(
        not rule.voucher_reward_id,
        "rule.voucher_reward_id",
        "a custom event rule gives points, not vouchers",
    )
    if trigger.caps.points_budget:
        checks.check(
            rule.points <= trigger.caps.points_budget,
            "rule.custom_event.caps.points_budget",
            "is smaller than one award's points",
        )


def _custom_event_doc(trigger: pb.CustomEventTrigger) -> dict:
    caps = trigger.caps
    return {
        "event_name": trigger.event_name,
        "attribute_equals": dict(trigger.attribute_equals),
        "caps": {name: getattr(caps, name) for name in custom.CAP_LIMITS},
    }


def _custom_event_message(doc: dict | None) -> pb.CustomEventTrigger | None:
    if not doc:
        return None
    return pb.CustomEventTrigger(
        event_name=doc["event_name"],
        attribute_equals=doc["attribute_equals"],
        caps=pb.CustomEventCaps(**doc["caps"]),
    )


# Custom events

SOURCE_NAMES = {ce.CUSTOM_EVENT_SOURCE_APP: "app", ce.CUSTOM_EVENT_SOURCE_PARTNER: "partner"}
SOURCES = {name: value for value, name in SOURCE_NAMES.items()}


class CustomEventsServicer(custom_events_pb2_grpc.CustomEventsServiceServicer):
    def __init__(self, events: CustomEvents, clock: Callable[[], datetime]) -> None:
        self.events = events
        self.clock = clock

    @rpc
    def DefineCustomEventType(self, request, context):
        checks = change_checks(request)
        kind = request.event_type
        problem = custom.name_problem(kind.name)
        checks.check(problem is None, "event_type.name", problem or "")
        checks.check(
            bool(kind.sources) and all(s in SOURCE_NAMES for s in kind.sources),
            "event_type.sources",
            "name APP, PARTNER or both",
        )
        checks.text("event_type.description", kind.description, required=False, max_length=500)
        checks.check(
            len(kind.display_name) <= 10 and all(len(v) <= 200 for v in kind.display_name.values()),
            "event_type.display_name",
            "at most 10 languages of 200 characters",
        )
        checks.check(request.expected_version >= 0, "expected_version", "must not be negative")
        checks.done()
        stored = self.events.define_type(
            {
                "_id": kind.name,
                "display_name": dict(kind.display_name),
                "description": kind.description,
                "sources": sorted({SOURCE_NAMES[s] for s in kind.sources}),
                "enabled": kind.enabled,
            },
            request.expected_version,
            request.actor,
        )
        return ce.DefineCustomEventTypeResponse(event_type=_type_message(stored))

    @rpc
    def ListCustomEventTypes(self, request, context):
        return ce.ListCustomEventTypesResponse(
            event_types=[_type_message(t) for t in self.events.types(request.enabled_only)]
        )

    @rpc
    def RecordCustomEvent(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("idempotency_key", request.idempotency_key)
        checks.text("member_id", request.member_id)
        problem = custom.name_problem(request.name)
        checks.check(problem is None, "name", problem or "")
        for field, what in custom.attribute_problems(request.attributes, "attributes"):
            checks.fail(field, what)
        source = SOURCE_NAMES.get(request.source, "")
        checks.check(bool(source), "source", "must be APP or PARTNER")
        occurred_at = bus.instant(request, "occurred_at")
        if source == "app":
            checks.check(
                occurred_at is None, "occurred_at", "an app's event happens when it is recorded"
            )
            checks.check(not request.partner_id, "partner_id", "only a partner's event has one")
            checks.check(not request.store_id, "store_id", "only a partner's event has one")
        if source == "partner":
            checks.text("partner_id", request.partner_id)
            checks.text("store_id", request.store_id, required=False)
            if occurred_at is not None:
                late = custom.time_problem(occurred_at, self.clock())
                checks.check(late is None, "occurred_at", late or "")
        checks.done()
        recorded = self.events.record(
            EventRequest(
                key=request.idempotency_key,
                member_id=request.member_id,
                name=request.name,
                attributes=dict(request.attributes),
                occurred_at=occurred_at,
                source=source,
                partner_id=request.partner_id,
                store_id=request.store_id,
                fingerprint=fingerprint(request),
            )
        )
        event = recorded.event
        return ce.RecordCustomEventResponse(
            event=ce.CustomEvent(
                event_id=event["_id"],
                member_id=event["member_id"],
                name=event["name"],
                attributes=event["attributes"],
                occurred_at=bus.timestamp(event["occurred_at"]),
                recorded_at=bus.timestamp(event["recorded_at"]),
                source=SOURCES[event["source"]],
                partner_id=event["partner_id"],
                store_id=event["store_id"],
            ),
            awards=[ce.CustomEventAward(**award) for award in recorded.awards],
            points=recorded.points,
            replayed=recorded.replayed,
        )


def _type_message(doc: dict) -> ce.CustomEventType:
    return ce.CustomEventType(
        name=doc["_id"],
        display_name=doc["display_name"],
        description=doc["description"],
        sources=[SOURCES[s] for s in doc["sources"]],
        enabled=doc["enabled"],
        version=doc["version"],
        updated_at=bus.timestamp(doc["updated_at"]),
        updated_by=doc["updated_by"],
    )
