"""The ledger's use cases: one class per job, all around the one write path (accounts).

ledger.purchases   earn once per transaction id; returns; recovery of half-done earns
ledger.spending    redeem, refund, holds (place, capture, release)
ledger.credits     staff adjustments and bonuses
ledger.jobs        pending points activated, lots and holds expired
ledger.accounts    the write path, the account and the balance read
ledger.programme   the programme's ledger settings
"""

from __future__ import annotations

import dataclasses

from services.points.ledger.service.accounts import Accounts, Outcome
from services.points.ledger.service.credits import Credits
from services.points.ledger.service.jobs import Jobs
from services.points.ledger.service.programme import ProgrammeSettings
from services.points.ledger.service.purchases import Purchases
from services.points.ledger.service.spending import Spending
from services.points.partners.service import Partners

__all__ = ["Ledger", "Outcome"]


@dataclasses.dataclass(frozen=True)
class Ledger:
    accounts: Accounts
    purchases: Purchases
    spending: Spending
    credits: Credits
    jobs: Jobs
    partners: Partners

    @property
    def programme(self) -> ProgrammeSettings:
        return self.accounts.programme

    @property
    def store(self):
        return self.accounts.store

    @property
    def cache(self):
        return self.accounts.cache

    @property
    def clock(self):
        return self.accounts.clock
