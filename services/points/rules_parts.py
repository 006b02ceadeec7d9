"""The earning rules' parts: the rule book the ledger's earns read, bonuses and gifts."""

from __future__ import annotations

from services.points.ledger_service import Ledger
from services.points.members_view import MembersView
from services.points.rewards_servicer import RewardsParts
from services.points.rules.bonuses import Bonuses
from services.points.rules.book import RuleBook
from services.points.rules.gifts import Gifts
from services.points.rules.policy import RulesPolicy
from services.points.rules.storage import RuleStore
from services.points.rules_servicer import RulesParts


def build_rules(db, ledger: Ledger, members: MembersView, rewards: RewardsParts) -> RulesParts:
    store = RuleStore(db)
    book = RuleBook(store, ledger.clock)
    ledger.policy = RulesPolicy(book.earning_rules, members.segments)
    announce = rewards.events.bonus_awarded
    return RulesParts(
        book=book,
        bonuses=Bonuses(book, ledger, rewards.issuer, announce, ledger.clock),
        gifts=Gifts(store, ledger, rewards.issuer, members.segment_members, announce, ledger.clock),
        ledger=ledger,
        known_tiers=members.tier_codes,
        tier_multiplier=members.tier_multiplier,
        reward_exists=lambda reward_id: rewards.catalogue.store.reward(reward_id) is not None,
        birthdays_in_month=members.birthdays_in_month,
        clock=ledger.clock,
    )
