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


@dataclasses.dataclass
class AuditResult:
    accounts_checked: int
    drifts: list[audit.Drift]
    totals: audit.Totals | None


class Reports:
    def __init__(self, store: LedgerStore) -> None:
        self.store = store

    def audit(self, member_ids: list[str]) -> AuditResult:
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
            totals = None
        else:
            accounts = list(self.store.all_accounts())
            totals = audit.Totals()
        drifts = []
        for account in accounts:
            drifts += audit.audit_account(account, self.store.all_entries_of(account.member_id))
            if totals is not None:
                totals.add(account)
        if totals is not None:
            drifts += totals.drifts()
        return AuditResult(len(accounts), drifts, totals)

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
