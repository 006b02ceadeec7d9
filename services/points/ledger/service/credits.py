"""Points given outside a purchase: staff adjustments (with an actor and a reason) and
bonuses (a rule's occasion, a gift), each once per key."""

from __future__ import annotations

from datetime import datetime

from services.points.ledger.domain import expiry, model, operations
from services.points.ledger.domain.model import Account, Lot
from services.points.ledger.domain.operations import Change
from services.points.ledger.service.accounts import Accounts, Outcome, new_id


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
