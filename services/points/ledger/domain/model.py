"""The ledger's state: an account per member, its lots, holds and entries.

Pure data, no I/O. An account is stored as one document, so every change to a member's
points is one atomic write of one document (see storage.py): the lots, the open holds,
the balances, the idempotency records and the entries with their events waiting to be
relayed (the outbox) change together or not at all.

Buckets: a lot's `remaining` points are pending (not yet spendable) or available; its
`held` points are reserved by open holds. `debt` is what a return took beyond what the
member had, under the allow-negative return policy; new credits pay it first, so an
account never has both debt and available lots.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from common.refusals import Refusal

# Account status, copied from the members service's events.
ACTIVE, BLOCKED, ERASED = "active", "blocked", "erased"

# Entry types (the values of EntryType in ledger.proto, lower case).
EARN, BONUS, ACTIVATE, REDEEM, REFUND = "earn", "bonus", "activate", "redeem", "refund"
HOLD, CAPTURE, RELEASE, HOLD_EXPIRE = "hold", "capture", "release", "hold_expire"
REVERSAL, EXPIRE, ADJUST = "reversal", "expire", "adjust"

# Lot sources.
PURCHASE, BONUS_SOURCE, ADJUSTMENT = "purchase", "bonus", "adjustment"


class LedgerError(Refusal):
    """A request the ledger refuses."""


def refuse(reason: str, message: str, **metadata: Any) -> LedgerError:
    return LedgerError(
        "precondition", reason, message, metadata={k: str(v) for k, v in metadata.items()}
    )


@dataclasses.dataclass
class Lot:
    lot_id: str
    source: str
    points: int
    remaining: int
    earned_at: datetime
    available_at: datetime
    expires_at: datetime | None
    entry_id: str
    pending: bool = False
    held: int = 0
    spent: int = 0
    expired: int = 0
    reversed: int = 0
    partner_id: str = ""
    store_id: str = ""
    transaction_id: str = ""

    @property
    def closed(self) -> bool:
        return self.remaining == 0 and self.held == 0

    @property
    def state(self) -> str:
        if not self.closed:
            return "pending" if self.pending else "available"
        taken = {"spent": self.spent, "expired": self.expired, "reversed": self.reversed}
        return max(taken, key=taken.get) if any(taken.values()) else "spent"

    def expiry_key(self) -> tuple:
        """Spending order: soonest expiry first (never-expiring last), then earliest earned."""
        never = self.expires_at is None
        return (never, self.expires_at or self.earned_at, self.earned_at, self.lot_id)


@dataclasses.dataclass
class Hold:
    hold_id: str
    points: int
    purpose: str
    partner_id: str
    store_id: str
    reference: str
    created_at: datetime
    expires_at: datetime
    allocations: dict[str, int]  # lot_id -> points reserved from it
    state: str = "held"
    captured_points: int = 0
    transaction_id: str = ""
    resolved_at: datetime | None = None


@dataclasses.dataclass
class Entry:
    """One append-only ledger entry, with the balances after it."""

    entry_id: str
    type: str
    points: int
    available_delta: int
    pending_delta: int
    held_delta: int
    occurred_at: datetime
    created_at: datetime
    balance_after: int = 0
    pending_after: int = 0
    held_after: int = 0
    account_version: int = 0
    partner_id: str = ""
    store_id: str = ""
    transaction_id: str = ""
    reference: str = ""
    reason: str = ""
    actor: str = ""
    lot_ids: list[str] = dataclasses.field(default_factory=list)
    allocations: dict[str, int] = dataclasses.field(default_factory=dict)
    related_entry_id: str = ""
    hold_id: str = ""
    purpose: str = ""
    amount_minor: int = 0
    currency: str = ""
    shortfall_points: int = 0
    qualifying_points: int = 0
    details: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class Operation:
    """An idempotency record: which request (by fingerprint) made which entry."""

    fingerprint: str
    entry_id: str
    at: datetime


@dataclasses.dataclass
class Account:
    member_id: str
    version: int = 0
    status: str = ACTIVE
    tier_code: str = ""
    earn_multiplier_bp: int = 10000
    member_version: int = 0
    lots: list[Lot] = dataclasses.field(default_factory=list)
    holds: list[Hold] = dataclasses.field(default_factory=list)
    debt: int = 0
    issued: int = 0
    redeemed: int = 0
    expired: int = 0
    reversed: int = 0
    shortfall: int = 0
    purchases: int = 0
    operations: dict[str, Operation] = dataclasses.field(default_factory=dict)
    # Per purchase returned so far: {"lines": {line_id: qty}, "amount": n, "points": n}.
    returns: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    # Redeem entries given back: each at most once, remembered for good.
    refunded: list[str] = dataclasses.field(default_factory=list)
    # Purchase points per local day ("2026-11-23") and month ("2026-11"), for the earning
    # caps; written with the earn itself, so racing purchases cannot both slip under a cap.
    earned_by_period: dict[str, int] = dataclasses.field(default_factory=dict)

    @property
    def available(self) -> int:
        return sum(lot.remaining for lot in self.lots if not lot.pending) - self.debt

    @property
    def pending(self) -> int:
        return sum(lot.remaining for lot in self.lots if lot.pending)

    @property
    def held(self) -> int:
        return sum(hold.points for hold in self.holds)

    @property
    def lifetime_earned(self) -> int:
        return self.issued - self.reversed

    def spendable_lots(self) -> list[Lot]:
        return sorted(
            (lot for lot in self.lots if not lot.pending and lot.remaining > 0), key=Lot.expiry_key
        )

    def lot(self, lot_id: str) -> Lot | None:
        return next((lot for lot in self.lots if lot.lot_id == lot_id), None)

    def hold(self, hold_id: str) -> Hold | None:
        return next((hold for hold in self.holds if hold.hold_id == hold_id), None)
