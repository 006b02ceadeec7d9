"""Purchases: an earn for each, once, and returns that take back their share.

Earn and Return claim their transaction or return id in a document of its own first, so a
partner's transaction id earns once across all members. A crash between the claim and the
account write leaves a claim that a retry, or the recovery sweep, completes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime, timedelta

from services.points.ledger.domain import expiry, operations, returns
from services.points.ledger.domain.model import Account, Entry, LedgerError, Lot
from services.points.ledger.domain.operations import Change
from services.points.ledger.domain.purchases import Purchase, PurchaseClaim, purchase_key
from services.points.ledger.service.accounts import Accounts, Outcome, new_id
from services.points.ledger.store import LedgerStore
from services.points.rules.service.policy import RulesPolicy

CLAIM_RECOVERY_AGE = timedelta(seconds=30)


class Purchases:
    def __init__(
        self,
        accounts: Accounts,
        check_till: Callable[[str, str], None],
        policy: RulesPolicy | None = None,
    ) -> None:
        self.accounts = accounts
        self.store: LedgerStore = accounts.store
        self.check_till = check_till
        self.policy = policy or RulesPolicy()

    # Earn

    def earn(self, purchase: Purchase) -> Outcome:
        self.check_till(purchase.partner_id, purchase.store_id)
        return self._apply_claim(self._claim(purchase))

    def _claim(self, purchase: Purchase) -> PurchaseClaim:
        """Claims the transaction id with the purchase's facts. The points are not among
        them: they depend on the member's tier, which is read with the account the earn
        is written to (a tier change meanwhile makes that write retry with the new one)."""
        programme = self.accounts.programme.current()
        claim = PurchaseClaim(
            purchase=purchase,
            fingerprint=purchase.fingerprint(),
            entry_id=new_id(),
            lot_id=new_id(),
            available_at=expiry.available_at(
                purchase.occurred_at, programme.pending_days, programme.time_zone
            ),
            expires_at=expiry.expires_at(
                purchase.occurred_at,
                programme.expiry_months,
                programme.expiry_rounding,
                programme.time_zone,
            ),
            claimed_at=self.accounts.clock(),
        )
        existing = self.store.claim_purchase(claim)
        if existing is None:
            return claim
        if existing.key != purchase.key:
            raise LedgerError(
                "exists",
                "IDEMPOTENCY_KEY_REUSED",
                "this idempotency key was used for another transaction",
                field="idempotency_key",
            )
        if existing.fingerprint != claim.fingerprint:
            raise LedgerError(
                "exists",
                "TRANSACTION_ALREADY_RECORDED",
                "this transaction id was already recorded for another purchase",
                field="transaction_id",
            )
        return existing

    def _apply_claim(self, claim: PurchaseClaim) -> Outcome:
        programme = self.accounts.programme.current()
        purchase = claim.purchase

        def run(account: Account, now: datetime) -> Change:
            award = self.policy.award(purchase, account, programme)
            lot = Lot(
                lot_id=claim.lot_id,
                source="purchase",
                points=award.points,
                remaining=award.points,
                earned_at=purchase.occurred_at,
                available_at=claim.available_at,
                expires_at=claim.expires_at,
                entry_id=claim.entry_id,
                pending=claim.available_at > now,
                partner_id=purchase.partner_id,
                store_id=purchase.store_id,
                transaction_id=purchase.transaction_id,
            )
            change = operations.earn(
                account,
                entry_id=claim.entry_id,
                lot=lot,
                qualifying=award.qualifying,
                amount_minor=purchase.amount_minor,
                currency=purchase.currency,
                now=now,
                periods=self.policy.periods(purchase, programme),
            )
            change.entry.details["breakdown"] = [dataclasses.asdict(c) for c in award.breakdown]
            return change

        try:
            return self.accounts.apply(
                purchase.member_id,
                operations.operation_key("earn", claim.key),
                claim.fingerprint,
                run,
            )
        except LedgerError as error:
            # Refused on a fresh read with no record of it applied: the purchase did not
            # earn, so its claim goes and a later retry is judged afresh. Contention is not
            # a refusal: the claim stays for the retry or the recovery sweep.
            if error.kind in ("precondition", "not_found"):
                self.store.drop_unapplied_claim(claim.key)
            raise

    def recover(self, claimed_before: datetime | None = None) -> int:
        """Completes purchases claimed but never applied (a crash between the two writes)."""
        cutoff = claimed_before or self.accounts.clock() - CLAIM_RECOVERY_AGE
        completed = 0
        for claim in self.store.unapplied_purchases(cutoff):
            try:
                self._apply_claim(claim)
                completed += 1
            except LedgerError:
                pass  # refused now (member blocked): the claim was withdrawn
        return completed

    # Returns

    def return_purchase(
        self,
        partner_id: str,
        store_id: str,
        return_id: str,
        original_transaction_id: str,
        member_id: str,
        scope: dict,
        occurred_at: datetime | None,
        idempotency_key: str,
        *,
        currency: str = "",
    ) -> Outcome:
        """`scope`: {"full": True}, {"amount_minor": n} (in `currency`, the purchase's) or
        {"lines": [(line id, quantity), ...]}."""
        self.check_till(partner_id, store_id)
        purchase = self._returnable(partner_id, original_transaction_id, member_id)
        if currency and currency != purchase.currency:
            raise LedgerError(
                "invalid",
                "CURRENCY_MISMATCH",
                f"the purchase was paid in {purchase.currency}",
                field="amount.currency",
            )
        fp = operations.fingerprint(
            partner_id,
            store_id,
            return_id,
            original_transaction_id,
            member_id,
            sorted(scope.items()),
            occurred_at,
        )
        policy = self.accounts.programme.current().return_policy
        returned_key = operations.operation_key("returned", purchase.key)
        return_key = f"{partner_id}/{return_id}"
        self._claim_return(return_key, fp, purchase.member_id)

        def run(account: Account, now: datetime) -> Change:
            # A return id is the partner's: idempotent across the partner's purchases too.
            share = returns.share(purchase, account.returns.get(returned_key), **scope)
            account.returns[returned_key] = share.returned_so_far
            return operations.reverse(
                account,
                entry_id=new_id(),
                points=share.points_to_reverse,
                purchase_lot_id=purchase.lot_id,
                policy=policy,
                details={
                    "points_to_reverse": share.points_to_reverse,
                    "fully_returned": share.fully_returned,
                    "purchased_at": purchase.occurred_at,
                    "return_id": return_id,
                },
                now=now,
                occurred_at=occurred_at or now,
                partner_id=partner_id,
                store_id=store_id,
                transaction_id=original_transaction_id,
                reference=return_id,
                amount_minor=share.returned_amount_minor,
                currency=purchase.currency,
                qualifying=share.qualifying_to_reverse,
            )

        try:
            return self.accounts.apply(
                purchase.member_id,
                operations.operation_key(f"return:{partner_id}", return_id),
                fp,
                run,
            )
        except LedgerError as error:
            if error.kind in ("precondition", "not_found", "invalid"):  # it did not happen
                self.store.withdraw_return(return_key)
            raise

    def _returnable(self, partner_id: str, transaction_id: str, member_id: str) -> returns.Purchase:
        """The earned purchase a return refers to (NOT_FOUND: unknown, another member's,
        or claimed but not applied yet: nothing to return)."""
        claim = self.store.purchase(purchase_key(partner_id, transaction_id))
        earned = self.store.entry(claim.purchase.member_id, claim.entry_id) if claim else None
        if earned is None or (member_id and claim.purchase.member_id != member_id):
            raise LedgerError(
                "not_found",
                "PURCHASE_NOT_FOUND",
                "no such purchase",
                field="original_transaction_id",
            )
        return _returnable_purchase(claim, earned)

    def _claim_return(self, key: str, fp: str, member_id: str) -> None:
        """A return id is the partner's: it names one return across all its purchases."""
        existing = self.store.claim_return(
            {
                "_id": key,
                "fingerprint": fp,
                "member_id": member_id,
                "claimed_at": self.accounts.clock(),
            }
        )
        if existing is not None and existing["fingerprint"] != fp:
            raise LedgerError(
                "exists",
                "IDEMPOTENCY_KEY_REUSED",
                "this return id was used for a different return",
                field="return_id",
            )


def _returnable_purchase(claim: PurchaseClaim, earned: Entry) -> returns.Purchase:
    purchase = claim.purchase
    return returns.Purchase(
        key=claim.key,
        member_id=purchase.member_id,
        partner_id=purchase.partner_id,
        store_id=purchase.store_id,
        transaction_id=purchase.transaction_id,
        amount_minor=purchase.amount_minor,
        currency=purchase.currency,
        lines={
            line.line_id: {"quantity": line.quantity, "amount_minor": line.amount_minor}
            for line in purchase.lines
        },
        points=earned.points,
        qualifying=earned.qualifying_points,
        lot_id=claim.lot_id,
        entry_id=claim.entry_id,
        occurred_at=purchase.occurred_at,
    )
