"""Points given outside a purchase: staff adjustments (with an actor and a reason),
bonuses (a rule's occasion, a gift), and a bulk import's opening balances, each once per
key."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from common import logs
from common.clock import to_the_millisecond
from services.points.ledger import events as ledger_events
from services.points.ledger.domain import expiry, model, operations
from services.points.ledger.domain.model import Account, LedgerError, Lot
from services.points.ledger.domain.operations import Change
from services.points.ledger.service.accounts import (
    Accounts,
    Outcome,
    balance_of,
    new_id,
    with_expiring_soon,
)


class Credits:
    def __init__(self, accounts: Accounts) -> None:
        self.accounts = accounts

    def adjust(
        self,
        member_id: str,
        points: int,
        expires_at: datetime | None,
        counts_for_tier: bool,
        actor: str,
        reason: str,
        idempotency_key: str,
    ) -> Outcome:
        fp = operations.fingerprint(member_id, points, expires_at, counts_for_tier, actor, reason)

        def run(account: Account, now: datetime) -> Change:
            lot = self._lot("adjustment", points, expires_at, now) if points > 0 else None
            change = operations.adjust(
                account,
                entry_id=new_id(),
                points=points,
                lot=lot,
                counts_for_tier=counts_for_tier,
                actor=actor,
                reason=reason,
                now=now,
            )
            if lot is not None:
                lot.entry_id = change.entry.entry_id
            return change

        key = operations.operation_key("adjust", idempotency_key)
        return self.accounts.apply(member_id, key, fp, run)

    def award_bonus(
        self,
        member_id: str,
        points: int,
        *,
        occasion: dict,
        counts_for_tier: bool,
        expires_at: datetime | None,
        actor: str,
        idempotency_key: str,
    ) -> Outcome:
        """Bonus points once per key (a rule's occasion, a gift grant's member)."""
        fp = operations.fingerprint(member_id, points, sorted(occasion.items()), expires_at)

        def run(account: Account, now: datetime) -> Change:
            lot = self._lot(model.BONUS_SOURCE, points, expires_at, now)
            change = operations.bonus(
                account,
                entry_id=new_id(),
                lot=lot,
                counts_for_tier=counts_for_tier,
                occasion=occasion,
                actor=actor,
                now=now,
            )
            lot.entry_id = change.entry.entry_id
            return change

        key = operations.operation_key("bonus", idempotency_key)
        return self.accounts.apply(member_id, key, fp, run)

    def _lot(self, source: str, points: int, expires_at: datetime | None, now: datetime) -> Lot:
        """Points credited now, expiring when given or by the programme's rule."""
        programme = self.accounts.programme.current()
        return Lot(
            lot_id=new_id(),
            source=source,
            points=points,
            remaining=points,
            earned_at=now,
            available_at=now,
            expires_at=expires_at
            or expiry.expires_at(
                now, programme.expiry_months, programme.expiry_rounding, programme.time_zone
            ),
            entry_id="",
        )


@dataclasses.dataclass(frozen=True)
class ImportedAccount:
    """A member of a bulk import, as the members service enrolled them, with the opening
    balance the file gives."""

    member_id: str
    member_version: int
    tier_code: str
    earn_multiplier_bp: int
    points: int
    expires_at: datetime | None
    idempotency_key: str


@dataclasses.dataclass(frozen=True)
class ImportOutcome:
    applied: bool
    replayed: bool = False
    refused: str = ""  # the refusal's reason


class OpeningBalances:
    """A bulk import's opening balances: each member's account opened with their tier's
    facts and credited once per key. Accounts new to the ledger (the usual case: members
    just enrolled) are written in one insert per batch, each with its ADJUST entry and
    event in the outbox as any write has them; an account the ledger opened meanwhile
    (the enrolment's event came first) is credited through the usual write path."""

    def __init__(self, accounts: Accounts) -> None:
        self.accounts = accounts
        self.credits = Credits(accounts)

    def open(self, import_id: str, imported: list[ImportedAccount]) -> list[ImportOutcome]:
        actor, reason = f"import:{import_id}", f"opening balance, import {import_id}"
        now = to_the_millisecond(self.accounts.clock())
        programme = self.accounts.programme.current()
        request_id = logs.current_request_id()
        opened = []
        for item in imported:
            account = Account(
                item.member_id,
                tier_code=item.tier_code,
                earn_multiplier_bp=item.earn_multiplier_bp or 10_000,
                member_version=item.member_version,
            )
            change = None
            if item.points > 0:
                key, fp = _opening_key(item, actor, reason)
                change = self._credit(account, item, actor, reason, now)
                operations.remember(account, key, fp, change.entry.entry_id, now)
                change.entry.account_version = 1000  # the first write of a new account
                answered = with_expiring_soon(balance_of(account, programme) | {"version": 1}, now)
                change.entry.details["answered"] = {
                    k: v for k, v in answered.items() if k != "expiries"
                }
            account.version = 1
            events = (
                [ledger_events.encode(item.member_id, e, request_id) for e in change.entries]
                if change
                else []
            )
            opened.append((account, change, events))
        existed = self.accounts.store.insert_new_accounts(opened)
        outcomes = []
        for item, (account, _change, _events) in zip(imported, opened, strict=True):
            if item.member_id in existed:
                outcomes.append(self._into_existing(item, actor, reason))
            else:
                self.accounts.on_write(account.member_id)
                outcomes.append(ImportOutcome(applied=True))
        return outcomes

    def _into_existing(self, item: ImportedAccount, actor: str, reason: str) -> ImportOutcome:
        """The opening balance credited to an account that is there already (opened from
        the enrolment's event, or by an earlier attempt of this import)."""
        if item.points == 0:
            return ImportOutcome(applied=True)
        key, fp = _opening_key(item, actor, reason)

        def run(account: Account, now: datetime) -> Change:
            if account.member_version <= item.member_version:
                # The members service's facts as of this import (the enrolment's event
                # carries no multiplier).
                account.tier_code = item.tier_code
                account.earn_multiplier_bp = item.earn_multiplier_bp or 10_000
            return self._credit(account, item, actor, reason, now)

        try:
            outcome = self.accounts.apply(item.member_id, key, fp, run)
        except LedgerError as refusal:
            return ImportOutcome(applied=False, refused=refusal.reason)
        return ImportOutcome(applied=True, replayed=bool(outcome and outcome.replayed))

    def _credit(
        self, account: Account, item: ImportedAccount, actor: str, reason: str, now: datetime
    ) -> Change:
        lot = self.credits._lot("adjustment", item.points, item.expires_at, now)
        change = operations.adjust(
            account,
            entry_id=new_id(),
            points=item.points,
            lot=lot,
            counts_for_tier=False,
            actor=actor,
            reason=reason,
            now=now,
        )
        lot.entry_id = change.entry.entry_id
        return change


def _opening_key(item: ImportedAccount, actor: str, reason: str) -> tuple[str, str]:
    fp = operations.fingerprint(item.member_id, item.points, item.expires_at, actor, reason)
    return operations.operation_key("import", item.idempotency_key), fp
