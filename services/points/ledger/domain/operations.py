"""What each ledger operation does to an account: pure functions, no I/O.

Each takes the account (already loaded), changes it in place and returns a `Change`
with the entries it appended, the lots it closed and the holds it resolved. The caller
writes the whole account back in one atomic, version-checked update; if the version
moved, it reloads and runs the operation again. So an operation must depend only on
the account and its arguments.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import UTC, date, datetime, timedelta

from services.points.ledger.domain import model
from services.points.ledger.domain.model import Account, Entry, Hold, LedgerError, Lot, refuse

IDEMPOTENCY_MEMORY = timedelta(days=30)


@dataclasses.dataclass
class Change:
    entries: list[Entry] = dataclasses.field(default_factory=list)
    closed_lots: list[Lot] = dataclasses.field(default_factory=list)
    resolved_holds: list[Hold] = dataclasses.field(default_factory=list)

    @property
    def entry(self) -> Entry:
        return self.entries[0]


# Idempotency


def fingerprint(*parts: object) -> str:
    """A request's fingerprint: SHA-256 of its parts in canonical JSON (keys sorted, times
    as UTC ISO 8601, tuples as lists), so it depends on the values alone."""
    encoded = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=_canonical)
    return hashlib.sha256(encoded.encode()).hexdigest()[:32]


def _canonical(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    raise TypeError(f"no canonical form for {type(value).__name__}")


def operation_key(scope: str, key: str) -> str:
    """Mongo field names cannot hold dots or dollars: keys are stored hashed."""
    return hashlib.sha256(f"{scope}\x00{key}".encode()).hexdigest()[:32]


def replayed_entry_id(account: Account, op_key: str, request_fingerprint: str) -> str | None:
    """The entry an earlier identical request made, None if new; a different request with
    the same key is refused."""
    operation = account.operations.get(op_key)
    if operation is None:
        return None
    if operation.fingerprint != request_fingerprint:
        raise LedgerError(
            "exists",
            "IDEMPOTENCY_KEY_REUSED",
            "this idempotency key was used for a different request",
            field="idempotency_key",
        )
    return operation.entry_id


def remember(
    account: Account, op_key: str, request_fingerprint: str, entry_id: str, now: datetime
) -> None:
    horizon = now - IDEMPOTENCY_MEMORY
    for key in [k for k, op in account.operations.items() if op.at < horizon]:
        del account.operations[key]
    account.operations[op_key] = model.Operation(request_fingerprint, entry_id, now)


# Credits


def earn(
    account: Account,
    *,
    entry_id: str,
    lot: Lot,
    qualifying: int,
    amount_minor: int,
    currency: str,
    now: datetime,
    periods: tuple[str, ...] = (),
) -> Change:
    must_be_active(account)
    change = Change()
    first_purchase = account.purchases == 0
    account.purchases += 1
    _count_in_periods(account, periods, lot.points)
    _credit(account, lot)
    entry = _entry(
        account,
        entry_id,
        model.EARN,
        lot.points,
        lot.earned_at,
        now,
        available=0 if lot.pending else lot.points,
        pending=lot.points if lot.pending else 0,
        partner_id=lot.partner_id,
        store_id=lot.store_id,
        transaction_id=lot.transaction_id,
        lot_ids=[lot.lot_id] if lot.points else [],
        amount_minor=amount_minor,
        currency=currency,
        qualifying_points=qualifying,
        actor=f"partner:{lot.partner_id}",
        details={"first_purchase": first_purchase, "lot": _lot_facts(lot)},
    )
    return _finish(account, change, entry)


def adjust(
    account: Account,
    *,
    entry_id: str,
    points: int,
    lot: Lot | None,
    counts_for_tier: bool,
    actor: str,
    reason: str,
    now: datetime,
) -> Change:
    change = Change()
    if points > 0:
        _credit(account, lot)
        allocations, lot_ids = {}, [lot.lot_id]
    else:
        allocations = _take_available(account, -points, "reversed")
        account.reversed += -points
        lot_ids = list(allocations)
    entry = _entry(
        account,
        entry_id,
        model.ADJUST,
        points,
        now,
        now,
        available=points,
        actor=actor,
        reason=reason,
        lot_ids=lot_ids,
        allocations=allocations,
        qualifying_points=points if counts_for_tier and points > 0 else 0,
        details={"lot": _lot_facts(lot)} if lot else {},
    )
    return _finish(account, change, entry)


PERIODS_KEPT = 62  # days and months; enough for any day or month cap to look back on


def _count_in_periods(account: Account, periods: tuple[str, ...], points: int) -> None:
    for period in periods:
        account.earned_by_period[period] = account.earned_by_period.get(period, 0) + points
    if len(account.earned_by_period) > PERIODS_KEPT:
        newest = sorted(account.earned_by_period, reverse=True)[:PERIODS_KEPT]
        account.earned_by_period = {p: account.earned_by_period[p] for p in newest}


def bonus(
    account: Account,
    *,
    entry_id: str,
    lot: Lot,
    counts_for_tier: bool,
    occasion: dict,
    actor: str,
    now: datetime,
) -> Change:
    """Bonus points (a rule's occasion or a CRM gift): a lot available at once.
    `occasion` (trigger, rule or grant, name, reference, voucher code) rides in the
    entry's details for its event and history."""
    must_be_active(account)
    change = Change()
    _credit(account, lot)
    entry = _entry(
        account,
        entry_id,
        model.BONUS,
        lot.points,
        now,
        now,
        available=lot.points,
        actor=actor,
        reason=occasion.get("reference", ""),
        lot_ids=[lot.lot_id],
        qualifying_points=lot.points if counts_for_tier else 0,
        details={**occasion, "lot": _lot_facts(lot)},
    )
    return _finish(account, change, entry)


def _credit(account: Account, lot: Lot) -> None:
    """A new lot; while it is spendable, it first pays any debt from negative returns."""
    account.issued += lot.points
    if lot.points == 0:
        return
    account.lots.append(lot)
    if not lot.pending:
        _pay_debt(account, lot)


def _pay_debt(account: Account, lot: Lot) -> None:
    paid = min(account.debt, lot.remaining)
    lot.remaining -= paid
    lot.reversed += paid
    account.debt -= paid


def activate(account: Account, *, entry_id: str, as_of: datetime, now: datetime) -> Change:
    change = Change()
    due = [lot for lot in account.lots if lot.pending and lot.available_at <= as_of]
    if not due:
        return change
    points = sum(lot.remaining for lot in due)
    for lot in due:
        lot.pending = False
        _pay_debt(account, lot)
    entry = _entry(
        account,
        entry_id,
        model.ACTIVATE,
        0,
        now,
        now,
        available=points,
        pending=-points,
        lot_ids=[lot.lot_id for lot in due],
        actor="system:activate",
    )
    return _finish(account, change, entry)


# Spending


def redeem(
    account: Account,
    *,
    entry_id: str,
    points: int,
    purpose: str,
    reference: str,
    partner_id: str,
    store_id: str,
    actor: str,
    now: datetime,
) -> Change:
    must_be_active(account)
    allocations = _take_available(account, points, "spent")
    account.redeemed += points
    entry = _entry(
        account,
        entry_id,
        model.REDEEM,
        -points,
        now,
        now,
        available=-points,
        purpose=purpose,
        reference=reference,
        partner_id=partner_id,
        store_id=store_id,
        actor=actor,
        lot_ids=list(allocations),
        allocations=allocations,
        transaction_id=reference if purpose == "payment" else "",
    )
    return _finish(account, Change(), entry)


def refund(
    account: Account,
    *,
    entry_id: str,
    redeem_entry: Entry,
    archived: dict[str, Lot],
    actor: str,
    reason: str,
    now: datetime,
) -> Change:
    """Gives a redeem back to the lots it came from, keeping their expiry dates."""
    if redeem_entry.entry_id in account.refunded:
        raise refuse("REDEMPTION_ALREADY_REFUNDED", "this redeem was already refunded")
    account.refunded.append(redeem_entry.entry_id)
    for lot_id, points in redeem_entry.allocations.items():
        lot = account.lot(lot_id)
        if lot is None:
            lot = archived[lot_id]
            account.lots.append(lot)
        lot.spent -= points
        lot.remaining += points
        _pay_debt(account, lot)
    total = -redeem_entry.points
    account.redeemed -= total
    entry = _entry(
        account,
        entry_id,
        model.REFUND,
        total,
        now,
        now,
        available=total,
        related_entry_id=redeem_entry.entry_id,
        reference=redeem_entry.reference,
        lot_ids=list(redeem_entry.allocations),
        actor=actor,
        reason=reason,
        allocations=dict(redeem_entry.allocations),
    )
    return _finish(account, Change(), entry)


def place_hold(account: Account, *, entry_id: str, hold: Hold, now: datetime) -> Change:
    must_be_active(account)
    hold.allocations = _take_available(account, hold.points, "held")
    account.holds.append(hold)
    entry = _entry(
        account,
        entry_id,
        model.HOLD,
        0,
        now,
        now,
        available=-hold.points,
        held=hold.points,
        hold_id=hold.hold_id,
        partner_id=hold.partner_id,
        store_id=hold.store_id,
        reference=hold.reference,
        purpose=hold.purpose,
        lot_ids=list(hold.allocations),
        allocations=dict(hold.allocations),
        actor=f"partner:{hold.partner_id}",
        details={"hold": _hold_facts(hold)},
    )
    return _finish(account, Change(), entry)


def capture_hold(
    account: Account, *, entry_id: str, hold: Hold, points: int, transaction_id: str, now: datetime
) -> Change:
    _must_be_open(hold, now)
    captured = points or hold.points
    if captured > hold.points:
        raise refuse(
            "CAPTURE_EXCEEDS_HOLD",
            "cannot capture more than the hold reserved",
            held=hold.points,
            requested=captured,
        )
    to_capture = captured
    spent: dict[str, int] = {}
    for lot_id in _in_spending_order(account, hold.allocations):
        lot, reserved = account.lot(lot_id), hold.allocations[lot_id]
        taken = min(reserved, to_capture)
        if taken:
            spent[lot_id] = taken
        to_capture -= taken
        lot.held -= reserved
        lot.spent += taken
        lot.remaining += reserved - taken
    account.redeemed += captured
    released = hold.points - captured
    _resolve(account, hold, "captured", now, captured, transaction_id)
    entry = _entry(
        account,
        entry_id,
        model.CAPTURE,
        -captured,
        now,
        now,
        available=released,
        held=-hold.points,
        hold_id=hold.hold_id,
        purpose=hold.purpose,
        partner_id=hold.partner_id,
        store_id=hold.store_id,
        transaction_id=transaction_id,
        lot_ids=list(hold.allocations),
        allocations=spent,
        actor=f"partner:{hold.partner_id}",
        details={"released": released, "hold": _hold_facts(hold)},
    )
    return _finish(account, Change(resolved_holds=[hold]), entry)


def release_hold(
    account: Account,
    *,
    entry_id: str,
    hold: Hold,
    reason: str,
    now: datetime,
    expired: bool = False,
) -> Change:
    if not expired:
        _must_be_open(hold, now)
    for lot_id, reserved in hold.allocations.items():
        lot = account.lot(lot_id)
        lot.held -= reserved
        lot.remaining += reserved
    _resolve(account, hold, "expired" if expired else "released", now)
    entry = _entry(
        account,
        entry_id,
        model.HOLD_EXPIRE if expired else model.RELEASE,
        0,
        now,
        now,
        available=hold.points,
        held=-hold.points,
        hold_id=hold.hold_id,
        partner_id=hold.partner_id,
        store_id=hold.store_id,
        reason=reason,
        lot_ids=list(hold.allocations),
        details={"hold": _hold_facts(hold)},
        actor="system:expire-holds" if expired else f"partner:{hold.partner_id}",
    )
    return _finish(account, Change(resolved_holds=[hold]), entry)


def expire_holds(
    account: Account, *, entry_ids: list[str], as_of: datetime, now: datetime
) -> Change:
    change = Change()
    due = [hold for hold in account.holds if hold.expires_at <= as_of]
    for hold, entry_id in zip(due, entry_ids, strict=False):
        one = release_hold(
            account, entry_id=entry_id, hold=hold, reason="expired", now=now, expired=True
        )
        change.entries += one.entries
        change.resolved_holds += one.resolved_holds
        change.closed_lots += one.closed_lots
    return change


def _must_be_open(hold: Hold, now: datetime) -> None:
    if hold.state != "held":
        raise refuse(
            "HOLD_ALREADY_RESOLVED", f"the hold was already {hold.state}", state=hold.state
        )
    if hold.expires_at <= now:
        raise refuse("HOLD_EXPIRED", "the hold has expired", expires_at=hold.expires_at.isoformat())


def _resolve(
    account: Account,
    hold: Hold,
    state: str,
    now: datetime,
    captured: int = 0,
    transaction_id: str = "",
) -> None:
    hold.state, hold.resolved_at = state, now
    hold.captured_points, hold.transaction_id = captured, transaction_id
    account.holds.remove(hold)


# Reversals and expiry


def reverse(
    account: Account,
    *,
    entry_id: str,
    points: int,
    purchase_lot_id: str,
    policy: str,
    details: dict,
    now: datetime,
    occurred_at: datetime,
    partner_id: str,
    store_id: str,
    transaction_id: str,
    reference: str,
    amount_minor: int,
    currency: str,
    qualifying: int,
) -> Change:
    """Takes back `points` of a purchase: its own lot first (pending or available), then
    (unless the policy is "absorb") the member's other available points, then their
    pending ones; what is still missing becomes debt ("allow_negative": a negative balance
    the next earns pay off) or shortfall the programme absorbs."""
    own = account.lot(purchase_lot_id)
    pending_taken = available_taken = 0
    allocations: dict[str, int] = {}
    if own is not None and own.remaining:
        taken = min(own.remaining, points)
        own.remaining -= taken
        own.reversed += taken
        allocations[own.lot_id] = taken
        if own.pending:
            pending_taken = taken
        else:
            available_taken = taken
    if policy != "absorb":
        rest = points - pending_taken - available_taken
        others = _take_available(account, min(rest, max(account.available, 0)), "reversed")
        allocations.update(others)
        available_taken += sum(others.values())
        pending = _take_pending(account, points - pending_taken - available_taken)
        allocations.update(pending)
        pending_taken += sum(pending.values())
    missing = points - pending_taken - available_taken
    debt = missing if policy == "allow_negative" else 0
    details = {**details, "debt": debt}
    account.debt += debt
    account.shortfall += missing - debt
    account.reversed += points - (missing - debt)
    entry = _entry(
        account,
        entry_id,
        model.REVERSAL,
        -(points - (missing - debt)),
        occurred_at,
        now,
        available=-(available_taken + debt),
        pending=-pending_taken,
        partner_id=partner_id,
        store_id=store_id,
        transaction_id=transaction_id,
        reference=reference,
        lot_ids=list(allocations),
        allocations=allocations,
        amount_minor=amount_minor,
        currency=currency,
        shortfall_points=missing - debt,
        qualifying_points=qualifying,
        actor=f"partner:{partner_id}",
        details=details,
    )
    return _finish(account, Change(), entry)


def expire(account: Account, *, entry_id: str, as_of: datetime, now: datetime) -> Change:
    due = [
        lot
        for lot in account.lots
        if lot.expires_at is not None and lot.expires_at <= as_of and lot.remaining > 0
    ]
    if not due:
        return Change()
    available = sum(lot.remaining for lot in due if not lot.pending)
    pending = sum(lot.remaining for lot in due if lot.pending)
    expired_lots = []
    for lot in due:
        expired_lots.append(
            {"lot_id": lot.lot_id, "points": lot.remaining, "partner_id": lot.partner_id}
        )
        lot.expired += lot.remaining
        lot.remaining = 0
    account.expired += available + pending
    # The points expired when their lots did (a lot ending at local midnight expired on
    # the new day), whenever the job came to book it.
    expired_at = max(lot.expires_at for lot in due)
    entry = _entry(
        account,
        entry_id,
        model.EXPIRE,
        -(available + pending),
        expired_at,
        now,
        available=-available,
        pending=-pending,
        lot_ids=[lot.lot_id for lot in due],
        actor="system:expire-points",
        details={"lots": expired_lots},
    )
    return _finish(account, Change(), entry)


# Shared steps


def must_be_active(account: Account) -> None:
    if account.status == model.BLOCKED:
        raise refuse("MEMBER_BLOCKED", "the member is blocked")
    if account.status == model.ERASED:
        raise refuse("MEMBER_ERASED", "the member was erased")


def _take_available(account: Account, points: int, into: str) -> dict[str, int]:
    """Takes `points` from spendable lots, soonest expiry first, into spent/held/reversed."""
    if points > account.available:
        raise refuse(
            "INSUFFICIENT_POINTS",
            "not enough available points",
            available=account.available,
            requested=points,
        )
    allocations: dict[str, int] = {}
    for lot in account.spendable_lots():
        if points == 0:
            break
        taken = min(lot.remaining, points)
        lot.remaining -= taken
        setattr(lot, into, getattr(lot, into) + taken)
        allocations[lot.lot_id] = taken
        points -= taken
    return allocations


def _take_pending(account: Account, points: int) -> dict[str, int]:
    """Takes up to `points` from pending lots, soonest expiry first, into reversed."""
    allocations: dict[str, int] = {}
    pending = sorted(
        (lot for lot in account.lots if lot.pending and lot.remaining), key=Lot.expiry_key
    )
    for lot in pending:
        if points <= 0:
            break
        taken = min(lot.remaining, points)
        lot.remaining -= taken
        lot.reversed += taken
        allocations[lot.lot_id] = taken
        points -= taken
    return allocations


def _in_spending_order(account: Account, allocations: dict[str, int]) -> list[str]:
    return sorted(allocations, key=lambda lot_id: account.lot(lot_id).expiry_key())


def _entry(
    account: Account,
    entry_id: str,
    kind: str,
    points: int,
    occurred_at: datetime,
    now: datetime,
    available: int = 0,
    pending: int = 0,
    held: int = 0,
    **fields,
) -> Entry:
    return Entry(
        entry_id=entry_id,
        type=kind,
        points=points,
        available_delta=available,
        pending_delta=pending,
        held_delta=held,
        occurred_at=occurred_at,
        created_at=now,
        **fields,
    )


def _finish(account: Account, change: Change, entry: Entry) -> Change:
    """Stamps the balances after the entry and moves closed lots out of the account."""
    entry.balance_after = account.available
    entry.pending_after = account.pending
    entry.held_after = account.held
    change.entries.append(entry)
    closed = [lot for lot in account.lots if lot.closed]
    account.lots = [lot for lot in account.lots if not lot.closed]
    change.closed_lots += closed
    return change


def _lot_facts(lot: Lot | None) -> dict:
    if lot is None:
        return {}
    return {
        "lot_id": lot.lot_id,
        "available_at": lot.available_at,
        "expires_at": lot.expires_at,
        "pending": lot.pending,
    }


def _hold_facts(hold: Hold) -> dict:
    return {
        "hold_id": hold.hold_id,
        "points": hold.points,
        "expires_at": hold.expires_at,
        "state": hold.state,
    }
