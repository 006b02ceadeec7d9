"""Read-only views over the whole ledger: audit, settlement, liability, expiring points.

They scan accounts and entries; they are for jobs and the CRM team, not the hot path.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import datetime

from services.points.ledger.domain import audit, expiry
from services.points.ledger.domain.model import LedgerError
from services.points.ledger.store import LedgerStore

# Accounts the whole-ledger audit reads a round trip, and drifts it lists (the rest are
# counted): what it holds stays the same however many accounts there are.
AUDIT_BATCH = 500
DRIFTS_LISTED = 1000


@dataclasses.dataclass
class AuditResult:
    accounts_checked: int
    drifts: list[audit.Drift]  # capped: see audit.Findings
    totals: audit.Totals | None


class Reports:
    def __init__(
        self, store: LedgerStore, *, batch_size: int = AUDIT_BATCH, listed: int = DRIFTS_LISTED
    ) -> None:
        self.store = store
        self.batch_size = batch_size
        self.listed = listed

    def audit(self, member_ids: list[str]) -> AuditResult:
        """The named accounts, or (none named) every account and the programme's totals,
        streamed a batch at a time: running totals and the first drifts are all it keeps."""
        findings = audit.Findings(self.listed)
        if member_ids:
            accounts = []
            for member_id in member_ids:
                account = self.store.load(member_id)
                if account is None:
                    raise LedgerError(
                        "not_found",
                        "MEMBER_NOT_FOUND",
                        f"no member {member_id}",
                        field="member_ids",
                    )
                accounts.append(account)
            for account in accounts:
                entries = self.store.all_entries_of(account.member_id)
                findings.add(audit.audit_account(account, entries))
            return AuditResult(len(accounts), findings.report([]), None)
        totals = audit.Totals()
        for batch in self.store.audit_batches(self.batch_size):
            for account, entries in batch:
                findings.add(audit.audit_account(account, entries))
                totals.add(account)
        return AuditResult(totals.accounts, findings.report(totals.drifts()), totals)

    def settlement(self, start: datetime, end: datetime, partner_id: str) -> dict[str, dict]:
        rows: dict[str, dict[str, int]] = defaultdict(
            lambda: dict.fromkeys(
                (
                    "issued",
                    "redeemed",
                    "reversed",
                    "expired",
                    "purchases",
                    "returns",
                    "shortfall",
                    "carried_negative",
                ),
                0,
            )
        )
        for entry in self.store.entries_between(start, end):
            kind = entry["type"]
            if kind == "earn":
                rows[entry["partner_id"]]["issued"] += entry["points"]
                rows[entry["partner_id"]]["purchases"] += 1
            elif kind in ("redeem", "capture") and entry["partner_id"]:
                rows[entry["partner_id"]]["redeemed"] += -entry["points"]
            elif kind == "refund" and entry["partner_id"]:
                rows[entry["partner_id"]]["redeemed"] -= entry["points"]
            elif kind == "reversal":
                rows[entry["partner_id"]]["reversed"] += -entry["points"]
                rows[entry["partner_id"]]["returns"] += 1
                rows[entry["partner_id"]]["shortfall"] += entry.get("shortfall_points", 0)
                debt = entry.get("details", {}).get("debt", 0)
                rows[entry["partner_id"]]["carried_negative"] += debt
            elif kind == "expire":
                for lot in entry["details"].get("lots", []):
                    if lot["partner_id"]:
                        rows[lot["partner_id"]]["expired"] += lot["points"]
        return {p: figures for p, figures in rows.items() if not partner_id or p == partner_id}

    def liability(self) -> dict[str, int]:
        figures = dict.fromkeys(
            ("available", "pending", "held", "negative_balances", "members_with_points"), 0
        )
        for account in self.store.all_accounts():
            figures["available"] += max(account.available, 0)
            figures["negative_balances"] += min(account.available, 0)
            figures["pending"] += account.pending
            figures["held"] += account.held
            if account.available + account.pending + account.held > 0:
                figures["members_with_points"] += 1
        figures["total"] = figures["available"] + figures["pending"] + figures["held"]
        return figures

    def expiring(self, start: datetime, end: datetime, min_points: int):
        """Lots still spendable at `start` that expire by `end`. A lot expiring at local
        midnight is last spent the day before, so it belongs to the window ending then, as
        the member reads it, not to the next one."""
        zone = self.store.programme().time_zone
        rows = []
        for account in self.store.all_accounts():
            by_date: dict[str, list] = {}
            for lot in account.lots:
                if lot.expires_at and start < lot.expires_at <= end and lot.remaining:
                    day = expiry.last_local_day(lot.expires_at, zone)
                    first, points = by_date.get(day, (lot.expires_at, 0))
                    by_date[day] = [min(first, lot.expires_at), points + lot.remaining]
            rows += [
                (account.member_id, day, at, points)
                for day, (at, points) in sorted(by_date.items())
                if points >= min_points
            ]
        return sorted(rows)
