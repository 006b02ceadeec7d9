"""Bonuses: points and vouchers a member receives on an occasion (welcome, first purchase,
birthday month, referral) by the CRM team's bonus rules, and one-off gifts.

Each award is idempotent per rule (or grant), member and occasion: the ledger's bonus
entry is keyed by them, and so is the voucher, so an event delivered twice, a job run
twice or a retried gift awards once.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from common import events as bus
from common.refusals import Refusal
from services.points.rewards.service.issuing import Issue, Issuer

log = logging.getLogger("loyalty.points.bonuses")
# The occasions a bonus rule can follow, by the names entries and documents keep.
TRIGGERS = (
    "welcome",
    "first_purchase",
    "birthday",
    "referral_referrer",
    "referral_referee",
    "gift",
    "custom_event",
)
SKIPPED = {"MEMBER_BLOCKED", "MEMBER_ERASED", "MEMBER_INACTIVE"}


@dataclasses.dataclass(frozen=True)
class Occasion:
    """Why a member receives a bonus: the trigger, the reference that makes it unique
    (a referral id, a year, "enrolment", a transaction id) and when it happened."""

    trigger: str
    member_id: str
    reference: str
    at: datetime


@dataclasses.dataclass
class Tally:
    awarded: int = 0
    points: int = 0
    vouchers: int = 0
    skipped: int = 0


class Bonuses:
    def __init__(
        self,
        book,
        ledger,
        issuer: Issuer,
        announce_voucher_only: Callable,
        clock: Callable[[], datetime],
    ) -> None:
        self.book = book
        self.ledger = ledger
        self.issuer = issuer
        self.announce_voucher_only = announce_voucher_only
        self.clock = clock

    # Events

    def on_members_event(self, event) -> None:
        kind = event.WhichOneof("payload")
        at = event.occurred_at.ToDatetime(UTC)
        if kind == "member_enrolled":
            self.celebrate(Occasion("welcome", event.member_id, "enrolment", at))
        elif kind == "referral_qualified":
            referral = event.referral_qualified
            self.celebrate(
                Occasion("referral_referrer", referral.referrer_member_id, referral.referral_id, at)
            )
            self.celebrate(
                Occasion("referral_referee", referral.referee_member_id, referral.referral_id, at)
            )

    def on_points_event(self, event) -> None:
        if event.WhichOneof("payload") == "points_earned" and event.points_earned.first_purchase:
            earned = event.points_earned
            self.celebrate(
                Occasion(
                    "first_purchase",
                    event.member_id,
                    earned.transaction_id,
                    event.occurred_at.ToDatetime(UTC),
                )
            )

    def celebrate(self, occasion: Occasion, tally: Tally | None = None) -> Tally:
        """Every enabled rule of the occasion's trigger, awarded once each."""
        tally = tally or Tally()
        for rule in self.book.bonus_rules(occasion.trigger):
            if not _applies(rule, occasion):
                continue
            try:
                self.award(rule, occasion, tally)
            except Refusal as refusal:
                if refusal.reason == "MEMBER_NOT_FOUND":  # the account opens with enrolment
                    raise bus.NotYet(f"no account for {occasion.member_id} yet") from None
                if refusal.reason not in SKIPPED | {"TIER_OUT_OF_SCOPE"}:
                    raise
                tally.skipped += 1
        return tally

    def award(self, rule: dict, occasion: Occasion, tally: Tally) -> None:
        account = self.ledger.accounts.load(occasion.member_id)
        if rule["tier_codes"] and account.tier_code not in rule["tier_codes"]:
            raise Refusal("precondition", "TIER_OUT_OF_SCOPE", "tier not in the rule's scope")
        key = f"{rule['_id']}:{occasion.member_id}:{occasion.reference}"
        code = self._voucher(rule, occasion, key, tally)
        details = {
            "trigger": occasion.trigger,
            "bonus_rule_id": rule["_id"],
            "name": rule.get("display_name") or {"vi": rule["name"]},
            "reference": occasion.reference,
            "voucher_code": code,
        }
        if rule["points"]:
            outcome = self.ledger.credits.award_bonus(
                occasion.member_id,
                rule["points"],
                occasion=details,
                counts_for_tier=rule["counts_for_tier"],
                expires_at=None,
                actor=f"system:bonus-rule/{rule['_id']}",
                idempotency_key=key,
            )
            if not outcome.replayed:
                tally.points += rule["points"]
        elif code:
            self.announce_voucher_only(occasion.member_id, details, occasion.at, key)
        tally.awarded += 1

    def birthdays(self, as_of: datetime, members_in_month, time_zone: str, limit: int = 0):
        """The birthday-month rules for every member born in as_of's month, once a year."""
        local = as_of.astimezone(ZoneInfo(time_zone))
        tally = Tally()
        for index, member_id in enumerate(members_in_month(local.month)):
            if limit and index >= limit:
                return tally, True
            self.celebrate(Occasion("birthday", member_id, str(local.year), as_of), tally)
        return tally, False

    def _voucher(self, rule: dict, occasion: Occasion, key: str, tally: Tally) -> str:
        if not rule["voucher_reward_id"]:
            return ""
        reason = "birthday" if occasion.trigger == "birthday" else "bonus"
        voucher, replayed = self.issuer.issue(
            Issue(
                occasion.member_id,
                rule["voucher_reward_id"],
                reason,
                key,
                f"system:bonus-rule/{rule['_id']}",
                rule["name"],
            )
        )
        if not replayed:
            tally.vouchers += 1
        return voucher["code"]


def _applies(rule: dict, occasion: Occasion) -> bool:
    starts, ends = rule.get("starts_at"), rule.get("ends_at")
    return (starts is None or starts <= occasion.at) and (ends is None or occasion.at < ends)
