"""The ledger's earning policy: a purchase's points from the rule book, through the
engine, with what the ledger's account knows of the member (tier, points already earned
today and this month) and, only when a rule is scoped to segments, the member's segments."""

from __future__ import annotations

import logging
from collections.abc import Callable

from common.refusals import Refusal
from services.points.ledger.domain.model import Account
from services.points.ledger.domain.programme import Programme
from services.points.ledger.domain.purchases import Purchase
from services.points.rules.domain import model as rules
from services.points.rules.domain.engine import evaluate, local_periods
from services.points.rules.domain.model import Award, MemberFacts, Rule

log = logging.getLogger("loyalty.points.rules")


class RulesPolicy:
    def __init__(
        self,
        rules: Callable[[], list[Rule]] = list,
        segments: Callable[[str], frozenset[str]] = lambda member_id: frozenset(),
    ) -> None:
        self.rules = rules
        self.segments = segments

    def award(self, bought: Purchase, account: Account, programme: Programme) -> Award:
        rules = self.rules()
        purchase = priced(bought)
        day, month = local_periods(purchase.occurred_at, programme.time_zone)
        member = MemberFacts(
            tier_code=account.tier_code,
            tier_multiplier_bp=account.earn_multiplier_bp,
            segment_ids=self._segments(account.member_id, rules),
            earned_today=account.earned_by_period.get(day, 0),
            earned_this_month=account.earned_by_period.get(month, 0),
        )
        return evaluate(purchase, member, rules, programme)

    def periods(self, purchase: Purchase, programme: Programme) -> tuple[str, str]:
        return local_periods(purchase.occurred_at, programme.time_zone)

    def _segments(self, member_id: str, rules: list[Rule]) -> frozenset[str]:
        if not any(rule.scope.segment_ids for rule in rules):
            return frozenset()
        try:
            return self.segments(member_id)
        except Refusal as refusal:
            # A till never waits on the members service: segment-scoped rules simply do
            # not apply while it cannot say which segments the member is in.
            log.warning("segments unknown, segment rules skipped: %s", refusal.message)
            return frozenset()


def priced(purchase: Purchase) -> rules.Purchase:
    """The purchase as the engine prices it."""
    return rules.Purchase(
        partner_id=purchase.partner_id,
        store_id=purchase.store_id,
        currency=purchase.currency,
        amount_minor=purchase.amount_minor,
        occurred_at=purchase.occurred_at,
        lines=tuple(
            rules.Line(line.line_id, line.sku, line.category, line.amount_minor)
            for line in purchase.lines
        ),
    )
