"""Spending points: redemptions, their refunds, and a till's two-phase holds."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime, timedelta

from services.points.ledger.domain import operations
from services.points.ledger.domain.model import Account, Hold, LedgerError, refuse
from services.points.ledger.domain.operations import Change
from services.points.ledger.service.accounts import Accounts, Outcome, new_id
from services.points.presence.domain import NO_PROOF, PresenceProof
from services.points.presence.service import Presence


class Spending:
    def __init__(
        self, accounts: Accounts, check_till: Callable[[str, str], None], presence: Presence
    ) -> None:
        self.accounts = accounts
        self.store = accounts.store
        self.check_till = check_till
        self.presence = presence

    def redeem(
        self,
        member_id: str,
        points: int,
        purpose: str,
        reference: str,
        partner_id: str,
        store_id: str,
        idempotency_key: str,
        presence: PresenceProof = NO_PROOF,
    ) -> Outcome:
        fp = operations.fingerprint(member_id, points, purpose, reference, partner_id, store_id)
        key = operations.operation_key("redeem", idempotency_key)
        if partner_id:  # points as payment at a till (an app redemption names no partner)
            self.check_till(partner_id, store_id)
            self._member_is_there(member_id, points, presence, key)

        def run(account: Account, now: datetime) -> Change:
            return operations.redeem(
                account,
                entry_id=new_id(),
                points=points,
                purpose=purpose,
                reference=reference,
                partner_id=partner_id,
                store_id=store_id,
                now=now,
                actor=f"partner:{partner_id}" if partner_id else f"member:{member_id}",
            )

        return self.accounts.apply(member_id, key, fp, run)

    def refund(
        self, member_id: str, redeem_entry_id: str, actor: str, reason: str, idempotency_key: str
    ) -> Outcome:
        fp = operations.fingerprint(member_id, redeem_entry_id, actor, reason)
        redeem_entry = self.store.entry(member_id, redeem_entry_id)
        if redeem_entry is None or redeem_entry.type not in ("redeem", "capture"):
            raise LedgerError(
                "not_found", "ENTRY_NOT_FOUND", "no such redeem entry", field="redeem_entry_id"
            )
        archived = self.store.archived_lots(redeem_entry.allocations, member_id)

        def run(account: Account, now: datetime) -> Change:
            # A lot the redeem took from may have closed since the read above (spent,
            # expired): read those from the archive now, as this attempt's account has it.
            closed = [
                lot_id
                for lot_id in redeem_entry.allocations
                if account.lot(lot_id) is None and lot_id not in archived
            ]
            if closed:
                archived.update(self.store.archived_lots(closed, member_id))
            return operations.refund(
                account,
                entry_id=new_id(),
                redeem_entry=redeem_entry,
                archived=copy.deepcopy(archived),  # each attempt spends its own copies
                actor=actor,
                reason=reason,
                now=now,
            )

        key = operations.operation_key("refund", idempotency_key)
        return self.accounts.apply(member_id, key, fp, run)

    # Holds

    def place_hold(
        self,
        member_id: str,
        points: int,
        purpose: str,
        partner_id: str,
        store_id: str,
        reference: str,
        ttl_seconds: int,
        idempotency_key: str,
        presence: PresenceProof = NO_PROOF,
    ) -> Outcome:
        fp = operations.fingerprint(
            member_id, points, purpose, partner_id, store_id, reference, ttl_seconds
        )
        key = operations.operation_key(f"hold:{partner_id}", idempotency_key)
        self.check_till(partner_id, store_id)
        self._member_is_there(member_id, points, presence, key)
        ttl = ttl_seconds or self.accounts.programme.current().hold_ttl_seconds

        def run(account: Account, now: datetime) -> Change:
            hold = Hold(
                hold_id=new_id(),
                points=points,
                purpose=purpose,
                partner_id=partner_id,
                store_id=store_id,
                reference=reference,
                created_at=now,
                expires_at=now + timedelta(seconds=ttl),
                allocations={},
            )
            return operations.place_hold(account, entry_id=new_id(), hold=hold, now=now)

        return self.accounts.apply(member_id, key, fp, run)

    def _member_is_there(
        self, member_id: str, points: int, proof: PresenceProof, operation: str
    ) -> None:
        """A till spends a member's points only with proof the member is there, unless
        the programme waives it for so few points."""
        waived_below = self.accounts.programme.current().presence_waived_below_points
        if points < waived_below:
            return
        self.presence.confirm(member_id, proof, operation)

    def capture_hold(
        self, hold_id: str, partner_id: str, points: int, transaction_id: str, idempotency_key: str
    ) -> Outcome:
        fp = operations.fingerprint(hold_id, partner_id, points, transaction_id)
        return self._resolve_hold(
            hold_id,
            partner_id,
            f"capture:{partner_id}",
            idempotency_key,
            fp,
            lambda account, hold, now: operations.capture_hold(
                account,
                entry_id=new_id(),
                hold=hold,
                points=points,
                transaction_id=transaction_id,
                now=now,
            ),
        )

    def release_hold(
        self, hold_id: str, partner_id: str, reason: str, idempotency_key: str
    ) -> Outcome:
        fp = operations.fingerprint(hold_id, partner_id, reason)
        return self._resolve_hold(
            hold_id,
            partner_id,
            f"release:{partner_id}",
            idempotency_key,
            fp,
            lambda account, hold, now: operations.release_hold(
                account, entry_id=new_id(), hold=hold, reason=reason, now=now
            ),
        )

    def _resolve_hold(
        self,
        hold_id: str,
        partner_id: str,
        scope: str,
        idempotency_key: str,
        fp: str,
        resolve: Callable[[Account, Hold, datetime], Change],
    ) -> Outcome:
        member_id = self.hold_owner(hold_id, partner_id)

        def run(account: Account, now: datetime) -> Change:
            hold = account.hold(hold_id)
            if hold is None:
                _, resolved = self.store.resolved_hold(hold_id) or (None, None)
                state = resolved.state if resolved else "resolved"
                raise refuse("HOLD_ALREADY_RESOLVED", f"the hold was already {state}", state=state)
            return resolve(account, hold, now)

        key = operations.operation_key(scope, idempotency_key)
        return self.accounts.apply(member_id, key, fp, run)

    def hold_owner(self, hold_id: str, partner_id: str) -> str:
        account = self.store.load_by_hold(hold_id)
        if account is not None:
            hold, owner = account.hold(hold_id), account.member_id
        else:
            owner, hold = self.store.resolved_hold(hold_id) or (None, None)
        if hold is None or (partner_id and hold.partner_id != partner_id):
            raise LedgerError("not_found", "HOLD_NOT_FOUND", "no such hold", field="hold_id")
        return owner

    def get_hold(self, hold_id: str, partner_id: str) -> tuple[str, Hold]:
        """(member id, hold), open or resolved."""
        member_id = self.hold_owner(hold_id, partner_id)
        account = self.store.load(member_id)
        hold = account.hold(hold_id) if account else None
        if hold is None:
            hold = self.store.resolved_hold(hold_id)[1]
        return member_id, hold

    def hold_after(self, outcome: Outcome, hold_id: str, partner_id: str) -> Hold:
        """The hold as a change left it, without reading it back (a replay reads it)."""
        resolved = outcome.change.resolved_holds if outcome.change else []
        for hold in resolved:
            if hold.hold_id == hold_id:
                return hold
        open_hold = None if outcome.replayed else outcome.account.hold(hold_id)
        return open_hold or self.get_hold(hold_id, partner_id)[1]
