"""The audit: every balance recomputed from its entries and lots, and the programme's
equation, issued = available + pending + held + redeemed + expired + reversed.

Pure: the caller hands over each account with all its entries. Any difference is a
drift; a correct ledger never has one.
"""

from __future__ import annotations

import dataclasses

from services.points.ledger.domain.model import Account, Entry


@dataclasses.dataclass(frozen=True)
class Drift:
    member_id: str
    field: str
    expected: int
    actual: int


@dataclasses.dataclass
class Totals:
    issued: int = 0
    available: int = 0
    pending: int = 0
    held: int = 0
    redeemed: int = 0
    expired: int = 0
    reversed: int = 0
    shortfall: int = 0
    accounts: int = 0

    def add(self, account: Account) -> None:
        for name in (
            "issued",
            "available",
            "pending",
            "held",
            "redeemed",
            "expired",
            "reversed",
            "shortfall",
        ):
            setattr(self, name, getattr(self, name) + getattr(account, name))
        self.accounts += 1

    def drifts(self) -> list[Drift]:
        outflows = (
            self.available + self.pending + self.held + self.redeemed + self.expired + self.reversed
        )
        return [] if self.issued == outflows else [Drift("", "equation", self.issued, outflows)]


def audit_account(account: Account, entries: list[Entry]) -> list[Drift]:
    member = account.member_id
    checks = [
        ("available", sum(e.available_delta for e in entries), account.available),
        ("pending", sum(e.pending_delta for e in entries), account.pending),
        ("held", sum(e.held_delta for e in entries), account.held),
        (
            "net_points",
            sum(e.points for e in entries),
            account.issued - account.redeemed - account.expired - account.reversed,
        ),
        (
            "equation",
            account.issued,
            account.available
            + account.pending
            + account.held
            + account.redeemed
            + account.expired
            + account.reversed,
        ),
        ("held_in_lots", account.held, sum(lot.held for lot in account.lots)),
    ]
    if entries:
        last = max(entries, key=lambda e: e.account_version)
        checks.append(("balance_after", account.available, last.balance_after))
    if account.debt:
        checks.append(("debt_with_spendable_lots", 0, len(account.spendable_lots())))
    for lot in account.lots:
        accounted = lot.remaining + lot.held + lot.spent + lot.expired + lot.reversed
        checks.append((f"lot:{lot.lot_id}.points", lot.points, accounted))
        checks.append((f"lot:{lot.lot_id}.negative", 0, min(lot.remaining, lot.held, 0)))
    for hold in account.holds:
        checks.append(
            (f"hold:{hold.hold_id}.allocations", hold.points, sum(hold.allocations.values()))
        )
    return [
        Drift(member, name, expected, actual)
        for name, expected, actual in checks
        if expected != actual
    ]
