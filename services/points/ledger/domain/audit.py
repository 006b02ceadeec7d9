"""The audit: every balance recomputed from its entries and lots, and the programme's
equation, issued = available + pending + held + redeemed + expired + reversed.

Pure: the caller hands over each account with all its entries. Any difference is a
drift; a correct ledger never has one. The caller streams the accounts: the audit keeps
only running totals (`Totals`) and the drifts it reports (`Findings`, capped), so what it
holds does not grow with the number of accounts.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from services.points.ledger.domain.model import REFUND, REVERSAL, Account, Entry
from services.points.ledger.domain.operations import operation_key
from services.points.ledger.domain.purchases import purchase_key

INT64_MAX = 2**63 - 1
# The drift a capped report ends its accounts' drifts with: how many more were found.
DRIFTS_NOT_LISTED = "drifts_not_listed"


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
        found = [] if self.issued == outflows else [Drift("", "equation", self.issued, outflows)]
        # Every figure the programme reports must fit the 64-bit integers it is sent in.
        for name, value in vars(self).items():
            if abs(value) > INT64_MAX:
                found.append(Drift("", f"{name}_fits_int64", INT64_MAX, value))
        return found


@dataclasses.dataclass
class Findings:
    """The drifts an audit reports: the accounts' first `limit`, then one drift
    (DRIFTS_NOT_LISTED, expected 0, actual the count) for the rest, so the report stays
    the same size however many accounts drift (a fault in every account would otherwise
    make it as large as the ledger). The programme-wide drifts, a handful at most, are
    always listed, last."""

    limit: int
    listed: list[Drift] = dataclasses.field(default_factory=list)
    found: int = 0

    def add(self, drifts: list[Drift]) -> None:
        self.found += len(drifts)
        room = self.limit - len(self.listed)
        if room > 0:
            self.listed += drifts[:room]

    def report(self, programme: list[Drift]) -> list[Drift]:
        rest = self.found - len(self.listed)
        more = [Drift("", DRIFTS_NOT_LISTED, 0, rest)] if rest else []
        return self.listed + more + programme


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
    checks += _returns(account, entries) + _refunds(account, entries)
    return [
        Drift(member, name, expected, actual)
        for name, expected, actual in checks
        if expected != actual
    ]


def _returns(account: Account, entries: list[Entry]) -> list[tuple[str, int, int]]:
    """Each purchase's returns: what its record says was taken back is what its reversal
    entries took (or absorbed), never more than it earned, and all of it once the record
    says the purchase is fully returned."""
    checks = []
    reversed_by_purchase = Counter()
    for entry in entries:
        if entry.type == REVERSAL:
            key = purchase_key(entry.partner_id, entry.transaction_id)
            reversed_by_purchase[key] += -entry.points + entry.shortfall_points
    for earn in (e for e in entries if e.type == "earn"):
        key = purchase_key(earn.partner_id, earn.transaction_id)
        record = account.returns.get(operation_key("returned", key))
        taken = reversed_by_purchase.get(key, 0)
        name = f"purchase:{key}"
        checks.append((f"{name}.returned_recorded", (record or {}).get("points", 0), taken))
        checks.append((f"{name}.returned_beyond_earned", 0, max(0, taken - earn.points)))
        if record and record["share"] == "1":
            checks.append((f"{name}.fully_returned", earn.points, taken))
    return checks


def _refunds(account: Account, entries: list[Entry]) -> list[tuple[str, int, int]]:
    """Each redemption refunded at most once, with exactly the points it took."""
    spent = {e.entry_id: -e.points for e in entries if e.type in ("redeem", "capture")}
    refunds = [e for e in entries if e.type == REFUND]
    times = Counter(e.related_entry_id for e in refunds)
    checks = [(f"refund:{k}.once", 1, n) for k, n in times.items()]
    checks += [
        (f"refund:{e.related_entry_id}.points", spent.get(e.related_entry_id, 0), e.points)
        for e in refunds
    ]
    checks.append(("refunded_recorded", len(times), len(set(account.refunded) & set(times))))
    return checks
