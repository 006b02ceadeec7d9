"""The ledger's use cases: load an account, run an operation, write it back atomically.

Every change follows one path (`_apply`): read the account, answer a replay from its
idempotency records, run the pure operation, and write the account back only if its
version is still the one read (else read again and rerun). The write carries the
entries and their events (the outbox); the cache is updated and the relay woken after.

Earn and Return also claim their purchase or return id in its own document first, so a
partner's transaction id earns once across all members. A crash between the claim and
the account write leaves a claim that a retry, or the recovery sweep, completes.
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from common import clock, logs
from common.clock import Clock
from common.versioned_cache import VersionedCache
from services.points.ledger import events as ledger_events
from services.points.ledger import faults
from services.points.ledger.copies import AccountCopies
from services.points.ledger.domain import expiry, model, operations, returns
from services.points.ledger.domain.model import Account, Entry, Hold, LedgerError, Lot, refuse
from services.points.ledger.domain.operations import Change
from services.points.ledger.domain.programme import Programme
from services.points.ledger.store import LedgerStore, purchase_key
from services.points.partners.service import Partners
from services.points.rules.service.policy import RulesPolicy

MAX_ATTEMPTS = 50
PROGRAMME_REFRESH_SECONDS = 2.0
CLAIM_RECOVERY_AGE = timedelta(seconds=30)


def new_id() -> str:
    return uuid.uuid4().hex


@dataclasses.dataclass
class Outcome:
    """What a change did, or what the original request did for a replay."""

    entry: Entry
    account: Account
    replayed: bool = False
    change: Change | None = None
    balance: dict | None = None  # after the change (None for a replay)


@dataclasses.dataclass(frozen=True)
class PurchaseInput:
    member_id: str
    partner_id: str
    store_id: str
    transaction_id: str
    amount_minor: int
    currency: str
    lines: tuple[tuple[str, str, str, int, int], ...]  # line_id, sku, category, qty, amount
    occurred_at: datetime
    idempotency_key: str = ""


class Ledger:
    def __init__(
        self,
        store: LedgerStore,
        cache: VersionedCache,
        partners: Partners,
        on_write: Callable[[str], None] = lambda member_id: None,
        policy: RulesPolicy | None = None,
        open_account: Callable[[str], bool] | None = None,
        clock: Clock = clock.now,
    ) -> None:
        self.store = store
        self.cache = cache
        self.partners = partners
        self.on_write = on_write  # wakes the outbox relay
        self.policy = policy or RulesPolicy()
        self.clock = clock
        self.copies = AccountCopies()
        # For a member with no account here yet: asks the members service and opens one
        # (consumers.AccountOpener); whether it did.
        self.open_account = open_account or (lambda member_id: False)
        self._programme: tuple[float, Programme] | None = None

    # The one write path

    def _apply(
        self,
        member_id: str,
        op_key: str | None,
        fp: str,
        run: Callable[[Account, datetime], Change],
    ) -> Outcome | None:
        """Runs `run` on the account and writes it back if nobody wrote in between.

        The first attempt may start from this process's copy of the account (saving a
        read); the version check makes a stale copy harmless: the write fails and the
        next attempt reads the store. A refusal is only final when judged on a fresh read.
        """
        account, fresh = self.copies.get(member_id), False
        for _ in range(MAX_ATTEMPTS):
            if account is None:
                account, fresh = self._load(member_id), True
            if op_key and (replay_id := operations.replayed_entry_id(account, op_key, fp)):
                return Outcome(self._entry(member_id, replay_id), account, True)
            now = self.clock()
            try:
                change = run(account, now)
            except LedgerError:
                if fresh:
                    raise
                account = None
                continue
            if not change.entries:
                return None
            if op_key:
                operations.remember(account, op_key, fp, change.entry.entry_id, now)
            balance = self._save(account, change)
            if balance is not None:
                return Outcome(change.entry, account, change=change, balance=balance)
            account = None
        raise LedgerError("aborted", "CONTENTION", "the account changed too often; retry")

    def _load(self, member_id: str) -> Account:
        account = self.store.load(member_id)
        if account is None and self.open_account(member_id):
            account = self.store.load(member_id)
        if account is None:
            raise LedgerError("not_found", "MEMBER_NOT_FOUND", "no such member", field="member_id")
        return account

    def _save(self, account: Account, change: Change) -> dict | None:
        """Writes the change; the new balance, or None if the account moved meanwhile."""
        request_id = logs.current_request_id()
        for index, entry in enumerate(change.entries):  # their order within the account
            entry.account_version = (account.version + 1) * 1000 + index
        events = [ledger_events.encode(account.member_id, e, request_id) for e in change.entries]
        if not self.store.save(account, change, events):
            return None
        self.copies.put(account)
        balance = balance_of(account, self.programme())
        self.cache.put(account.member_id, account.version, balance)
        faults.point("cache-updated")
        self.on_write(account.member_id)
        return with_expiring_soon(balance, self.clock())

    def _entry(self, member_id: str, entry_id: str) -> Entry:
        entry = self.store.entry(member_id, entry_id)
        if entry is None:  # the record and its entry are written together: cannot happen
            raise LedgerError("aborted", "ENTRY_MISSING", "the original entry is not readable yet")
        return entry

    # Earn

    def earn(self, purchase: PurchaseInput) -> Outcome:
        key = purchase_key(purchase.partner_id, purchase.transaction_id)
        fp = operations.fingerprint(dataclasses.astuple(purchase)[:-1])
        self.partners.check_till(purchase.partner_id, purchase.store_id)
        claim = self._claim_purchase(key, fp, purchase, self.programme())
        return self._apply_claim(claim)

    def _claim_purchase(
        self, key: str, fp: str, purchase: PurchaseInput, programme: Programme
    ) -> dict:
        """Claims the transaction id with the purchase's facts. The points are not among
        them: they depend on the member's tier, which is read with the account the earn
        is written to (a tier change meanwhile makes that write retry with the new one)."""
        earned_at = purchase.occurred_at
        claim = {
            "_id": key,
            "fingerprint": fp,
            "member_id": purchase.member_id,
            "partner_id": purchase.partner_id,
            "store_id": purchase.store_id,
            "transaction_id": purchase.transaction_id,
            "amount_minor": purchase.amount_minor,
            "currency": purchase.currency,
            "lines": {
                line_id: {"sku": sku, "category": category, "quantity": qty, "amount_minor": amount}
                for line_id, sku, category, qty, amount in purchase.lines
            },
            "entry_id": new_id(),
            "lot_id": new_id(),
            "occurred_at": earned_at,
            "available_at": expiry.available_at(
                earned_at, programme.pending_days, programme.time_zone
            ),
            "expires_at": expiry.expires_at(
                earned_at, programme.expiry_months, programme.expiry_rounding, programme.time_zone
            ),
            "applied": False,
            "claimed_at": self.clock(),
        }
        if purchase.idempotency_key:
            claim["idempotency"] = f"{purchase.partner_id}/{purchase.idempotency_key}"
        existing = self.store.claim_purchase(claim)
        if existing is None:
            return claim
        if existing["_id"] != key:
            raise LedgerError(
                "exists",
                "IDEMPOTENCY_KEY_REUSED",
                "this idempotency key was used for another transaction",
                field="idempotency_key",
            )
        if existing["fingerprint"] != fp:
            raise LedgerError(
                "exists",
                "TRANSACTION_ALREADY_RECORDED",
                "this transaction id was already recorded for another purchase",
                field="transaction_id",
            )
        return existing

    def _apply_claim(self, claim: dict) -> Outcome:
        programme = self.programme()

        def run(account: Account, now: datetime) -> Change:
            award = self.policy.award(claim, account, programme)
            lot = Lot(
                lot_id=claim["lot_id"],
                source="purchase",
                points=award.points,
                remaining=award.points,
                earned_at=claim["occurred_at"],
                available_at=claim["available_at"],
                expires_at=claim["expires_at"],
                entry_id=claim["entry_id"],
                pending=claim["available_at"] > now,
                partner_id=claim["partner_id"],
                store_id=claim["store_id"],
                transaction_id=claim["transaction_id"],
            )
            change = operations.earn(
                account,
                entry_id=claim["entry_id"],
                lot=lot,
                qualifying=award.qualifying,
                amount_minor=claim["amount_minor"],
                currency=claim["currency"],
                now=now,
                periods=self.policy.periods(claim, programme),
            )
            change.entry.details["breakdown"] = [dataclasses.asdict(c) for c in award.breakdown]
            return change

        try:
            outcome = self._apply(
                claim["member_id"],
                operations.operation_key("earn", claim["_id"]),
                claim["fingerprint"],
                run,
            )
        except LedgerError as error:
            # Refused on a fresh read with no record of it applied: the purchase did not
            # earn, so its claim goes and a later retry is judged afresh. Contention is not
            # a refusal: the claim stays for the retry or the recovery sweep.
            if error.kind in ("precondition", "not_found"):
                self.store.drop_unapplied_claim(claim["_id"])
            raise
        return outcome

    # Spending

    def redeem(
        self,
        member_id: str,
        points: int,
        purpose: str,
        reference: str,
        partner_id: str,
        store_id: str,
        idempotency_key: str,
    ) -> Outcome:
        fp = operations.fingerprint(member_id, points, purpose, reference, partner_id, store_id)
        if partner_id:  # points as payment at a till (an app redemption names no partner)
            self.partners.check_till(partner_id, store_id)

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

        return self._apply(member_id, operations.operation_key("redeem", idempotency_key), fp, run)

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
            return operations.refund(
                account,
                entry_id=new_id(),
                redeem_entry=redeem_entry,
                archived=dict(archived),
                actor=actor,
                reason=reason,
                now=now,
            )

        return self._apply(member_id, operations.operation_key("refund", idempotency_key), fp, run)

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
    ) -> Outcome:
        fp = operations.fingerprint(
            member_id, points, purpose, partner_id, store_id, reference, ttl_seconds
        )
        self.partners.check_till(partner_id, store_id)
        ttl = ttl_seconds or self.programme().hold_ttl_seconds

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

        return self._apply(
            member_id,
            operations.operation_key(f"hold:{partner_id}", idempotency_key),
            fp,
            run,
        )

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
        op_key = operations.operation_key(scope, idempotency_key)

        def run(account: Account, now: datetime) -> Change:
            hold = account.hold(hold_id)
            if hold is None:
                _, resolved = self.store.resolved_hold(hold_id) or (None, None)
                state = resolved.state if resolved else "resolved"
                raise refuse("HOLD_ALREADY_RESOLVED", f"the hold was already {state}", state=state)
            return resolve(account, hold, now)

        return self._apply(member_id, op_key, fp, run)

    def hold_owner(self, hold_id: str, partner_id: str) -> str:
        account = self.store.load_by_hold(hold_id)
        if account is not None:
            hold = account.hold(hold_id)
            owner = account.member_id
        else:
            hold_owner, hold = self.store.resolved_hold(hold_id) or (None, None)
            owner = hold_owner
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

    # Returns and adjustments

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
    ) -> Outcome:
        self.partners.check_till(partner_id, store_id)
        claim = self.store.purchase(purchase_key(partner_id, original_transaction_id))
        if claim is None or (member_id and claim["member_id"] != member_id):
            raise LedgerError(
                "not_found",
                "PURCHASE_NOT_FOUND",
                "no such purchase",
                field="original_transaction_id",
            )
        earned = self.store.entry(claim["member_id"], claim["entry_id"]) if claim else None
        if earned is None:  # claimed but not yet applied: nothing to return yet
            raise LedgerError(
                "not_found",
                "PURCHASE_NOT_FOUND",
                "no such purchase",
                field="original_transaction_id",
            )
        purchase = _purchase_of(claim, earned)
        fp = operations.fingerprint(
            partner_id,
            store_id,
            return_id,
            original_transaction_id,
            member_id,
            sorted(scope.items()),
            occurred_at,
        )
        policy_negative = self.programme().return_policy == "allow_negative"
        returned_key = operations.operation_key("returned", purchase.key)
        return_key = f"{partner_id}/{return_id}"
        self._claim_return(return_key, fp, purchase.member_id)

        def run(account: Account, now: datetime) -> Change:
            # A return id is the partner's: idempotent across the partner's purchases too.
            share = returns.share(purchase, account.returns.get(returned_key), **scope)
            account.returns[returned_key] = share.returned_so_far
            change = operations.reverse(
                account,
                entry_id=new_id(),
                points=share.points_to_reverse,
                purchase_lot_id=purchase.lot_id,
                allow_negative=policy_negative,
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
            return change

        try:
            return self._apply(
                purchase.member_id,
                operations.operation_key(f"return:{partner_id}", return_id),
                fp,
                run,
            )
        except LedgerError as error:
            if error.kind in ("precondition", "not_found", "invalid"):  # it did not happen
                self.store.withdraw_return(return_key)
            raise

    def _claim_return(self, key: str, fp: str, member_id: str) -> None:
        """A return id is the partner's: it names one return across all its purchases."""
        existing = self.store.claim_return(
            {"_id": key, "fingerprint": fp, "member_id": member_id, "claimed_at": self.clock()}
        )
        if existing is not None and existing["fingerprint"] != fp:
            raise LedgerError(
                "exists",
                "IDEMPOTENCY_KEY_REUSED",
                "this return id was used for a different return",
                field="return_id",
            )

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
        programme = self.programme()

        def run(account: Account, now: datetime) -> Change:
            lot = None
            if points > 0:
                expires = expires_at or expiry.expires_at(
                    now, programme.expiry_months, programme.expiry_rounding, programme.time_zone
                )
                lot = Lot(
                    lot_id=new_id(),
                    source="adjustment",
                    points=points,
                    remaining=points,
                    earned_at=now,
                    available_at=now,
                    expires_at=expires,
                    entry_id="",
                )
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

        return self._apply(member_id, operations.operation_key("adjust", idempotency_key), fp, run)

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
        programme = self.programme()

        def run(account: Account, now: datetime) -> Change:
            lot = Lot(
                lot_id=new_id(),
                source=model.BONUS_SOURCE,
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

        return self._apply(member_id, operations.operation_key("bonus", idempotency_key), fp, run)

    # Jobs: each account on its own, so a run can stop anywhere and be run again.

    def activate_pending(self, as_of: datetime, limit: int = 0) -> list[Outcome]:
        query = {"lots": {"$elemMatch": {"pending": True, "available_at": {"$lte": as_of}}}}
        return self._run_job(
            query,
            limit,
            lambda account, now: operations.activate(
                account, entry_id=new_id(), as_of=as_of, now=now
            ),
        )

    def run_expiry(self, as_of: datetime, limit: int = 0) -> list[Outcome]:
        query = {"lots": {"$elemMatch": {"expires_at": {"$lte": as_of}, "remaining": {"$gt": 0}}}}
        return self._run_job(
            query,
            limit,
            lambda account, now: operations.expire(
                account, entry_id=new_id(), as_of=as_of, now=now
            ),
        )

    def expire_holds(self, as_of: datetime, limit: int = 0) -> list[Outcome]:
        query = {"holds": {"$elemMatch": {"expires_at": {"$lte": as_of}}}}
        return self._run_job(
            query,
            limit,
            lambda account, now: operations.expire_holds(
                account, entry_ids=[new_id() for _ in account.holds], as_of=as_of, now=now
            ),
        )

    def _run_job(self, query: dict, limit: int, run) -> list[Outcome]:
        outcomes = []
        for member_id in self.store.due_accounts(query, limit):
            outcome = self._apply(member_id, None, "", run)
            if outcome is not None:
                outcomes.append(outcome)
        return outcomes

    # Reading

    def balance(self, member_id: str) -> dict:
        cached = self.cache.get(member_id)
        if cached is not None:
            return with_expiring_soon(cached, self.clock())
        account = self._load(member_id)
        balance = balance_of(account, self.programme())
        self.cache.put(member_id, account.version, balance)
        return with_expiring_soon(balance, self.clock())

    def account(self, member_id: str) -> Account:
        return self._load(member_id)

    # Programme settings

    def programme(self) -> Programme:
        """The settings, re-read every few seconds (other instances may change them); no
        lock: two threads refreshing at once both read the same document."""
        cached = self._programme
        if cached is not None and time.monotonic() - cached[0] <= PROGRAMME_REFRESH_SECONDS:
            return cached[1]
        programme = self.store.programme()
        self._programme = (time.monotonic(), programme)
        return programme

    def update_programme(self, programme: Programme, expected_version: int) -> Programme:
        stored = self.store.programme()
        if stored.version != expected_version:
            raise LedgerError(
                "aborted",
                "VERSION_MISMATCH",
                f"the settings are at version {stored.version}",
                field="expected_version",
            )
        updated = dataclasses.replace(programme, version=expected_version + 1)
        if not self.store.replace_programme(updated, expected_version):
            raise LedgerError(
                "aborted",
                "VERSION_MISMATCH",
                "the settings changed meanwhile",
                field="expected_version",
            )
        self.refresh_programme()
        return updated

    def refresh_programme(self) -> None:
        """Read the settings again on next use (instead of within a few seconds)."""
        self._programme = None

    # Recovery after a crash: finish claims and relay outboxes

    def recover(self, claimed_before: datetime | None = None) -> int:
        """Completes purchases claimed but never applied (a crash between the two writes)."""
        cutoff = claimed_before or self.clock() - CLAIM_RECOVERY_AGE
        completed = 0
        for claim in self.store.unapplied_purchases(cutoff):
            try:
                self._apply_claim(claim)
                completed += 1
            except LedgerError:
                pass  # refused now (member blocked): the claim was withdrawn
        return completed


def _purchase_of(claim: dict, earned: Entry) -> returns.Purchase:
    return returns.Purchase(
        key=claim["_id"],
        member_id=claim["member_id"],
        partner_id=claim["partner_id"],
        store_id=claim["store_id"],
        transaction_id=claim["transaction_id"],
        amount_minor=claim["amount_minor"],
        currency=claim["currency"],
        lines=claim["lines"],
        points=earned.points,
        qualifying=earned.qualifying_points,
        lot_id=claim["lot_id"],
        entry_id=claim["entry_id"],
        occurred_at=claim["occurred_at"],
    )


def balance_of(account: Account, programme: Programme) -> dict:
    """The cacheable balance: figures plus the expiry schedule (expiring-soon is derived at
    read time, so a cached balance does not go stale as the clock moves)."""
    schedule: dict[datetime, int] = {}
    for lot in account.lots:
        if lot.expires_at is not None and lot.remaining > 0:
            schedule[lot.expires_at] = schedule.get(lot.expires_at, 0) + lot.remaining
    return {
        "member_id": account.member_id,
        "available": account.available,
        "pending": account.pending,
        "held": account.held,
        "lifetime_earned": account.lifetime_earned,
        "lifetime_redeemed": account.redeemed,
        "shortfall": account.shortfall,
        "version": account.version,
        "time_zone": programme.time_zone,
        "expiring_soon_days": programme.expiring_soon_days,
        "expiries": [[at.isoformat(), points] for at, points in sorted(schedule.items())[:100]],
    }


def with_expiring_soon(balance: dict, now: datetime) -> dict:
    upcoming = [
        (datetime.fromisoformat(at), points)
        for at, points in balance["expiries"]
        if datetime.fromisoformat(at) > now
    ]
    horizon = now + timedelta(days=balance["expiring_soon_days"])
    result = dict(balance)
    result["next_expiry_at"], result["next_expiry_points"] = upcoming[0] if upcoming else (None, 0)
    result["expiring_soon_points"] = sum(p for at, p in upcoming if at <= horizon)
    return result
