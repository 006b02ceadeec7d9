"""The one write path every change to a member's points follows, and the reads.

`apply`: read the account, answer a replay from its idempotency records, run the pure
operation, and write the account back only if its version is still the one read (else
read again and run again). The write carries the entries and their events (the outbox);
the cache is updated and the relay woken after.
"""

from __future__ import annotations

import dataclasses
import random
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from common import clock, logs
from common.clock import Clock, to_the_millisecond
from common.versioned_cache import VersionedCache
from services.points.ledger import events as ledger_events
from services.points.ledger import faults
from services.points.ledger.copies import AccountCopies
from services.points.ledger.domain import operations
from services.points.ledger.domain.model import Account, Entry, LedgerError
from services.points.ledger.domain.operations import Change
from services.points.ledger.domain.programme import Programme
from services.points.ledger.service.programme import ProgrammeSettings
from services.points.ledger.store import LedgerStore

MAX_ATTEMPTS = 50


def new_id() -> str:
    return uuid.uuid4().hex


@dataclasses.dataclass
class Outcome:
    """What a change did, or what the original request did for a replay."""

    entry: Entry
    account: Account
    replayed: bool = False
    change: Change | None = None
    balance: dict | None = None  # after the change (None for a replay)


Operation = Callable[[Account, datetime], Change]


class Accounts:
    def __init__(
        self,
        store: LedgerStore,
        cache: VersionedCache,
        programme: ProgrammeSettings,
        *,
        on_write: Callable[[str], None] = lambda member_id: None,
        open_account: Callable[[str], bool] | None = None,
        clock: Clock = clock.now,
    ) -> None:
        self.store = store
        self.cache = cache
        self.programme = programme
        self.on_write = on_write  # wakes the outbox relay
        # For a member with no account here yet: asks the members service and opens one
        # (consumers.AccountOpener); whether it did.
        self.open_account = open_account or (lambda member_id: False)
        self.clock = clock
        self.copies = AccountCopies()

    def apply(self, member_id: str, op_key: str | None, fp: str, run: Operation) -> Outcome | None:
        """Runs `run` on the account and writes it back if nobody wrote in between.

        The first attempt may start from this process's copy of the account (saving a
        read); the version check makes a stale copy harmless: the write fails and the
        next attempt reads the store. A refusal is only final when judged on a fresh read.
        """
        account, fresh = self.copies.get(member_id), False
        for attempt in range(MAX_ATTEMPTS):
            if attempt > 1:  # writers racing on one account: spread their next tries
                time.sleep(random.uniform(0, min(0.002 * attempt, 0.05)))  # noqa: S311 - jitter
            if account is None:
                account, fresh = self.load(member_id), True
            if op_key and (replay_id := operations.replayed_entry_id(account, op_key, fp)):
                if fresh:
                    # A replay acknowledges the write again, and its writer may have died
                    # before its cache update: the balance as read now goes in (if newer).
                    balance = balance_of(account, self.programme.current())
                    self.cache.put(member_id, account.version, balance)
                return Outcome(self.entry(member_id, replay_id), account, True)
            now = to_the_millisecond(self.clock())
            try:
                change = run(account, now)
            except LedgerError:
                if fresh:
                    raise
                account = None
                continue
            if not change.entries:
                return None
            if op_key:
                operations.remember(account, op_key, fp, change.entry.entry_id, now)
            balance = self._save(account, change)
            if balance is not None:
                return Outcome(change.entry, account, change=change, balance=balance)
            account = None
        raise LedgerError("aborted", "CONTENTION", "the account changed too often; retry")

    def apply_to_each(self, member_ids: Iterable[str], run: Operation) -> list[Outcome]:
        """A job's change on each account on its own, so a run can stop anywhere and be
        run again."""
        outcomes = []
        for member_id in member_ids:
            outcome = self.apply(member_id, None, "", run)
            if outcome is not None:
                outcomes.append(outcome)
        return outcomes

    def _save(self, account: Account, change: Change) -> dict | None:
        """Writes the change; the new balance, or None if the account moved meanwhile."""
        request_id = logs.current_request_id()
        for index, entry in enumerate(change.entries):  # their order within the account
            entry.account_version = (account.version + 1) * 1000 + index
        balance = balance_of(account, self.programme.current())
        balance["version"] = account.version + 1  # what the write below makes it
        answered = with_expiring_soon(balance, self.clock())
        # The balance this request is answered with, kept with its entry: a replay of the
        # request is answered with the very same figures, whatever happened since.
        change.entry.details["answered"] = {k: v for k, v in answered.items() if k != "expiries"}
        events = [ledger_events.encode(account.member_id, e, request_id) for e in change.entries]
        if not self.store.save(account, change, events):
            return None
        self.copies.put(account)
        self.cache.put(account.member_id, account.version, balance)
        faults.point("cache-updated")
        self.on_write(account.member_id)
        return answered

    # Reading

    def load(self, member_id: str) -> Account:
        account = self.store.load(member_id)
        if account is None and self.open_account(member_id):
            account = self.store.load(member_id)
        if account is None:
            raise LedgerError("not_found", "MEMBER_NOT_FOUND", "no such member", field="member_id")
        return account

    def entry(self, member_id: str, entry_id: str) -> Entry:
        entry = self.store.entry(member_id, entry_id)
        if entry is None:  # the record and its entry are written together: cannot happen
            raise LedgerError("aborted", "ENTRY_MISSING", "the original entry is not readable yet")
        return entry

    def balance(self, member_id: str) -> dict:
        cached = self.cache.get(member_id)
        if cached is not None:
            return with_expiring_soon(cached, self.clock())
        account = self.load(member_id)
        balance = balance_of(account, self.programme.current())
        self.cache.put(member_id, account.version, balance)
        return with_expiring_soon(balance, self.clock())


def balance_of(account: Account, programme: Programme) -> dict:
    """The cacheable balance: figures plus the expiry schedule (expiring-soon is derived at
    read time, so a cached balance does not go stale as the clock moves)."""
    schedule: dict[datetime, int] = {}
    for lot in account.lots:
        if lot.expires_at is not None and lot.remaining > 0:
            schedule[lot.expires_at] = schedule.get(lot.expires_at, 0) + lot.remaining
    return {
        "member_id": account.member_id,
        "available": account.available,
        "pending": account.pending,
        "held": account.held,
        "lifetime_earned": account.lifetime_earned,
        "lifetime_redeemed": account.redeemed,
        "shortfall": account.shortfall,
        "version": account.version,
        "time_zone": programme.time_zone,
        "expiring_soon_days": programme.expiring_soon_days,
        "expiries": [[at.isoformat(), points] for at, points in sorted(schedule.items())[:100]],
    }


def with_expiring_soon(balance: dict, now: datetime) -> dict:
    upcoming = [
        (datetime.fromisoformat(at), points)
        for at, points in balance["expiries"]
        if datetime.fromisoformat(at) > now
    ]
    horizon = now + timedelta(days=balance["expiring_soon_days"])
    result = dict(balance)
    result["next_expiry_at"], result["next_expiry_points"] = upcoming[0] if upcoming else (None, 0)
    result["expiring_soon_points"] = sum(p for at, p in upcoming if at <= horizon)
    return result
