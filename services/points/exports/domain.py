"""The points service's data as a bulk export shows it: pure, no I/O. Balances are worked
out from an account's open lots as the ledger does (available = lots not pending, less
what the member owes)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

DEFAULT_BATCH, MAX_BATCH = 500, 1000
MAX_PERIOD = timedelta(days=366)


def batch_size(asked: int) -> int | None:
    """The batch size to use for `asked` (0: the default); None when out of bounds."""
    if asked == 0:
        return DEFAULT_BATCH
    return asked if 1 <= asked <= MAX_BATCH else None


@dataclasses.dataclass(frozen=True)
class BalanceRow:
    member_id: str
    status: str
    tier_code: str
    available: int
    pending: int
    held: int
    debt: int
    lifetime_issued: int
    lifetime_redeemed: int
    open_lots: int


def balance_row(account: dict) -> BalanceRow:
    """An account document's balance."""
    lots = account.get("lots") or []
    debt = account.get("debt", 0)
    return BalanceRow(
        member_id=account["_id"],
        status=account.get("status", "active"),
        tier_code=account.get("tier_code", ""),
        available=sum(lot["remaining"] for lot in lots if not lot.get("pending")) - debt,
        pending=sum(lot["remaining"] for lot in lots if lot.get("pending")),
        held=sum(lot.get("held", 0) for lot in lots),
        debt=debt,
        lifetime_issued=account.get("issued", 0),
        lifetime_redeemed=account.get("redeemed", 0),
        open_lots=len(lots),
    )


def period_problem(start: datetime | None, end: datetime | None) -> tuple[str, str] | None:
    """(field, what is wrong) with a transactions period, or None."""
    if start is None:
        return "start", "is required"
    if end is None:
        return "end", "is required"
    if end <= start:
        return "end", "must be after start"
    if end - start > MAX_PERIOD:
        return "end", "at most 366 days after start"
    return None
