"""The ledger's scheduled work: pending points that become spendable, lots that expire,
holds that run out. Each account on its own, so a run can stop anywhere and be run again,
and two runs at once change each account once (the version check)."""

from __future__ import annotations

from datetime import datetime

from services.points.ledger.domain import operations
from services.points.ledger.service.accounts import Accounts, Outcome, new_id


class Jobs:
    def __init__(self, accounts: Accounts) -> None:
        self.accounts = accounts
        self.store = accounts.store

    def activate_pending(self, as_of: datetime, limit: int = 0) -> list[Outcome]:
        return self.accounts.apply_to_each(
            self.store.accounts_with_pending_due(as_of, limit),
            lambda account, now: operations.activate(
                account, entry_id=new_id(), as_of=as_of, now=now
            ),
        )

    def run_expiry(self, as_of: datetime, limit: int = 0) -> list[Outcome]:
        return self.accounts.apply_to_each(
            self.store.accounts_with_lots_expired(as_of, limit),
            lambda account, now: operations.expire(
                account, entry_id=new_id(), as_of=as_of, now=now
            ),
        )

    def expire_holds(self, as_of: datetime, limit: int = 0) -> list[Outcome]:
        return self.accounts.apply_to_each(
            self.store.accounts_with_holds_expired(as_of, limit),
            lambda account, now: operations.expire_holds(
                account, entry_ids=[new_id() for _ in account.holds], as_of=as_of, now=now
            ),
        )
