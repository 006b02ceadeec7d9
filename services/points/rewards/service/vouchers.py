"""Vouchers: issued with a redemption or on their own (birthday, compensation, gift,
bonus), checked and used at tills exactly once.

Using a voucher is one conditional update from ACTIVE to USED that records the till's
idempotency key: of two tills racing, one update matches; the other finds the voucher
used under another key and is refused, while a retry of the winner finds its own key and
gets the same answer again.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from datetime import datetime

from common.refusals import Refusal
from services.points.ledger.domain.model import refuse
from services.points.presence.domain import NO_PROOF, PresenceProof
from services.points.presence.service import Presence
from services.points.rewards.domain import codes, model
from services.points.rewards.domain.batches import VOID
from services.points.rewards.domain.model import Reward
from services.points.rewards.events import CatalogueEvents
from services.points.rewards.store import RewardStore

PROBLEMS = {
    model.USED: "VOUCHER_USED",
    model.EXPIRED: "VOUCHER_EXPIRED",
    model.CANCELLED: "VOUCHER_CANCELLED",
}


def voucher_document(
    voucher_id: str, reward: Reward, now: datetime, expires_at: datetime, **fields
) -> dict:
    """A new voucher of `reward` (its value copied from the reward as it is now); `fields`
    say whose it is and why (member_id, issue_reason, issued_by, ...)."""
    return {
        "_id": voucher_id,
        "member_id": "",
        "reward_id": reward.reward_id,
        "reward_name": reward.name,
        "type": reward.type,
        "state": model.ACTIVE,
        "percent_off_bp": reward.percent_off_bp,
        "max_discount_minor": reward.max_discount_minor,
        "fixed_value_minor": reward.fixed_value_minor,
        "min_purchase_minor": reward.min_purchase_minor,
        "currency": reward.currency,
        "item_sku": reward.item_sku,
        "partner_ids": list(reward.partner_ids),
        "redemption_id": "",
        "issued_at": now,
        "created_at": now,
        "expires_at": expires_at,
        "note": "",
        "complaint_reference": "",
        "fingerprint": "",
        **fields,
    }


class Vouchers:
    def __init__(
        self,
        store: RewardStore,
        events: CatalogueEvents,
        time_zone: Callable[[], str],
        clock: Callable[[], datetime],
        presence: Presence,
    ) -> None:
        self.store = store
        self.events = events
        self.presence = presence
        self.time_zone = time_zone
        self.clock = clock

    def issue(
        self,
        voucher_id: str,
        member_id: str,
        reward: Reward,
        reason: str,
        *,
        actor: str,
        expires_at: datetime | None = None,
        redemption_id: str = "",
        note: str = "",
        complaint_reference: str = "",
        fingerprint: str = "",
    ) -> dict:
        """The voucher `voucher_id` (made now, or as an earlier attempt made it)."""
        existing = self.store.voucher(voucher_id)
        if existing:
            return existing
        now = self.clock()
        doc = voucher_document(
            voucher_id,
            reward,
            now,
            expires_at or model.voucher_expiry(reward, now, self.time_zone()),
            member_id=member_id,
            issue_reason=reason,
            redemption_id=redemption_id,
            issued_by=actor,
            note=note,
            complaint_reference=complaint_reference,
            fingerprint=fingerprint,
        )
        while True:
            doc["code"] = codes.new_code()
            outcome = self.store.insert_voucher(doc)
            if outcome == "inserted":
                break
            if outcome == "exists":  # a concurrent attempt of the same issue won
                return self.store.voucher(voucher_id)
        if reason != "redemption":  # a redemption's voucher is announced with it
            self.events.voucher_issued(doc)
        return doc

    def by_code(self, raw: str) -> dict:
        code = codes.canonical(raw)
        if code is None:
            # Another system's code, imported as it was printed (VoucherImports).
            imported = codes.imported(raw)
            voucher = self.store.voucher_by_code(imported) if imported else None
            if voucher is not None:
                return voucher
            raise Refusal("invalid", "MALFORMED_CODE", "is not a voucher code", "code")
        voucher = self.store.voucher_by_code(code)
        if voucher is None:
            raise Refusal("not_found", "VOUCHER_NOT_FOUND", "no such voucher", "code")
        return voucher

    def problem(self, voucher: dict, partner_id: str, member_id: str, purchase_minor: int):
        """The first reason the voucher cannot be used at this till now; "" if it can."""
        state = model.voucher_state(voucher, self.clock())
        if state != model.ACTIVE:
            return state
        if voucher.get("batch_id") and not voucher["member_id"] and self._batch_void(voucher):
            return model.CANCELLED
        if voucher["partner_ids"] and partner_id not in voucher["partner_ids"]:
            return "wrong_partner"
        # A batch code has no owner until used: whoever the till names may claim it.
        if member_id and voucher["member_id"] and member_id != voucher["member_id"]:
            return "wrong_member"
        if purchase_minor and purchase_minor < voucher["min_purchase_minor"]:
            return "below_min_purchase"
        return ""

    def _batch_void(self, voucher: dict) -> bool:
        """Whether an unclaimed batch code's batch is void. The void cancels its codes,
        but a generator that stalled past its lease may insert a chunk after that: the
        batch's own state keeps such a code from ever being used."""
        batch = self.store.batch(voucher["batch_id"])
        return batch is None or batch["state"] == VOID

    def use(
        self,
        raw_code: str,
        till: dict,
        key: str,
        purchase_minor: int,
        presence: PresenceProof = NO_PROOF,
    ) -> tuple[dict, bool]:
        """(the used voucher, replayed). `till`: partner_id, store_id, transaction_id,
        member_id. The voucher's member must be there (`presence`)."""
        voucher = self.by_code(raw_code)
        use_key = _use_key(till["partner_id"], key)
        if voucher["state"] == model.USED and voucher.get("use_key") == use_key:
            return voucher, True
        problem = self.problem(voucher, till["partner_id"], till["member_id"], purchase_minor)
        if problem:
            raise _refusal(problem, voucher)
        # A batch code is claimed by the member using it, who must be at the till like
        # the owner of any other voucher; the claim and the use are one update.
        owner = voucher["member_id"] or till["member_id"]
        if not owner:
            raise Refusal(
                "invalid",
                "MEMBER_REQUIRED",
                "a batch voucher is claimed by the member using it: give member_id",
                "member_id",
            )
        self.presence.confirm(owner, presence, use_key)
        now = self.clock()
        used = self.store.update_voucher(
            voucher["_id"],
            {"state": model.ACTIVE, "expires_at": {"$gt": now}, "member_id": voucher["member_id"]},
            {
                "state": model.USED,
                "member_id": owner,
                "use_key": use_key,
                "used_at": now,
                "updated_at": now,
                "used_partner_id": till["partner_id"],
                "used_store_id": till["store_id"],
                "used_transaction_id": till["transaction_id"],
            },
        )
        if used is None:  # another till got there first (or it expired meanwhile)
            return self.use(raw_code, till, key, purchase_minor, presence)
        self.events.voucher_used(used)
        return used, False

    def cancel(self, voucher_id: str) -> dict:
        """ACTIVE (or already CANCELLED) -> CANCELLED; refused once used."""
        now = self.clock()
        cancelled = self.store.update_voucher(
            voucher_id,
            {"state": {"$in": [model.ACTIVE, model.CANCELLED]}},
            {"state": model.CANCELLED, "cancelled_at": now, "updated_at": now},
        )
        if cancelled is None:
            raise refuse("VOUCHER_USED", "the voucher was already used", voucher_id=voucher_id)
        return cancelled

    def of_member(self, member_id: str, states: list[str], skip: int, limit: int) -> list[dict]:
        """The member's vouchers in `states`, an active one past its expiry counting as
        expired, soonest expiry first."""
        now = self.clock()
        clauses = []
        for state in states:
            if state == model.ACTIVE:
                clauses.append({"state": model.ACTIVE, "expires_at": {"$gt": now}})
            elif state == model.EXPIRED:
                clauses.append({"state": model.ACTIVE, "expires_at": {"$lte": now}})
            else:
                clauses.append({"state": state})
        return self.store.member_vouchers({"member_id": member_id, "$or": clauses}, skip, limit)


def _use_key(partner_id: str, key: str) -> str:
    return hashlib.sha256(f"{partner_id}/{key}".encode()).hexdigest()[:32]


def _refusal(problem: str, voucher: dict) -> Refusal:
    reason = PROBLEMS.get(problem) or f"VOUCHER_{problem.upper()}"
    if problem == "below_min_purchase":
        reason = "BELOW_MIN_PURCHASE"
    return refuse(reason, f"the voucher cannot be used: {problem_words(problem, voucher)}")


def problem_words(problem: str, voucher: dict) -> str:
    """The problem in words; a code cancelled with its batch says so (the till's clerk
    can tell the customer the flyer was withdrawn, not that the code is wrong)."""
    if problem == model.CANCELLED and voucher.get("batch_id"):
        return "cancelled (its voucher batch was voided)"
    return problem.replace("_", " ")


@dataclasses.dataclass(frozen=True)
class ImportedVoucher:
    """A voucher of a bulk import: another system's code, for a reward and a member."""

    key: str  # the row's idempotency key
    code: str
    reward_id: str
    member_id: str
    expires_at: datetime | None


@dataclasses.dataclass(frozen=True)
class ImportedOutcome:
    field: str = ""  # the field at fault; empty when fine (or issued)
    reason: str = ""
    replayed: bool = False


def imported_voucher_id(key: str) -> str:
    """The voucher a row of an import makes: one per row, however often it is sent."""
    return "imp-" + hashlib.sha256(key.encode()).hexdigest()[:28]


class VoucherImports:
    """A bulk import's voucher codes, checked (validate_only) or issued, each once per key.
    Imported vouchers carry the reason "import" and are not announced (no message goes to
    members for codes they already hold from the other system)."""

    def __init__(self, vouchers: Vouchers, rewards: Callable[[str], Reward | None]) -> None:
        self.vouchers = vouchers
        self.store = vouchers.store
        self.rewards = rewards  # a reward by id, None when unknown

    def run(
        self, import_id: str, items: list[ImportedVoucher], validate_only: bool
    ) -> list[ImportedOutcome]:
        now = self.vouchers.clock()
        rewards = {i.reward_id: self.rewards(i.reward_id) for i in items}
        holders = self.store.vouchers_by_codes([i.code for i in items])
        outcomes = []
        for item in items:
            problem = _import_problem(item, rewards.get(item.reward_id), holders, now)
            if problem or validate_only:
                outcomes.append(ImportedOutcome(*problem) if problem else ImportedOutcome())
                continue
            outcomes.append(self._issue(import_id, item, rewards[item.reward_id]))
        return outcomes

    def _issue(self, import_id: str, item: ImportedVoucher, reward: Reward) -> ImportedOutcome:
        voucher_id = imported_voucher_id(item.key)
        now = self.vouchers.clock()
        doc = voucher_document(
            voucher_id,
            reward,
            now,
            item.expires_at or model.voucher_expiry(reward, now, self.vouchers.time_zone()),
            code=item.code,
            member_id=item.member_id,
            issue_reason="import",
            issued_by=f"import:{import_id}",
            note=f"import {import_id}",
        )
        outcome = self.store.insert_voucher(doc)
        if outcome == "code taken":
            return ImportedOutcome("code", "another voucher holds this code")
        return ImportedOutcome(replayed=outcome == "exists")


def _import_problem(
    item: ImportedVoucher, reward: Reward | None, holders: dict[str, str], now: datetime
) -> tuple[str, str] | None:
    """(field, why) of the first problem of an imported voucher, None when it may be issued."""
    if not codes.importable(item.code):
        return (
            "code",
            "must be 4..32 letters and digits (a code of the programme's own shape must have "
            "its check character right)",
        )
    holder = holders.get(item.code)
    if holder and holder != imported_voucher_id(item.key):
        return "code", "another voucher holds this code"
    if reward is None:
        return "reward_id", "no such reward"
    if reward.type == model.PAYMENT:
        return "reward_id", "points as payment has no vouchers"
    if item.expires_at is not None and item.expires_at <= now:
        return "expires_at", "is in the past"
    return None
