"""Voucher batches: a marketer generates up to 10,000 codes for one reward at once (a
flyer, a partner's mailing), pages through them to export them, watches how many are
used and voids the batch (its unused codes stop working at once; used ones stay used).

A batch's codes belong to nobody until a member uses one at a till (Vouchers.use: the
member using it claims it). Generating a batch announces nothing: VoucherIssued tells a
member they received a voucher (the notifications service writes to them), and a batch's
codes are no member's; 10,000 events nobody can be told about would only flood the
stream. Each code announces itself when used (VoucherUsed, with the member who used it),
and the console writes the generation and the void in the staff activity log.

Every step can be run again: the batch's id comes from the idempotency key and each
code's voucher id from the batch and its place in it, so a retry (or a generation cut
short by a crash) adds only the codes still missing; stock is held under the batch's id
and given back once.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from common.refusals import Refusal, key_reused
from services.points.ledger.domain.model import refuse
from services.points.rewards.domain import batches, codes, model
from services.points.rewards.domain.batches import Counts
from services.points.rewards.domain.model import Reward
from services.points.rewards.service.catalogue import Catalogue
from services.points.rewards.service.vouchers import Vouchers, voucher_document

GENERATING = "generating"  # stored until every code is in


@dataclasses.dataclass(frozen=True)
class NewBatch:
    key: str
    reward_id: str
    count: int
    label: str
    expires_at: datetime | None
    actor: str
    fingerprint: str


class VoucherBatches:
    def __init__(self, vouchers: Vouchers, catalogue: Catalogue) -> None:
        self.vouchers = vouchers
        self.store = vouchers.store
        self.catalogue = catalogue
        self.clock = vouchers.clock

    def create(self, new: NewBatch) -> tuple[dict, bool]:
        """(the batch, replayed)."""
        batch_id = batches.batch_id(new.key)
        existing = self.store.batch(batch_id)
        if existing is not None:
            if existing["fingerprint"] != new.fingerprint:
                raise key_reused("this idempotency key made another voucher batch")
            return self._generated(existing), True
        reward = self.catalogue.get(new.reward_id)
        now = self.clock()
        _check_reward(reward)
        if new.expires_at is not None and new.expires_at <= now:
            raise Refusal("invalid", "EXPIRY_IN_PAST", "is in the past", "expires_at")
        if not reward.unlimited_stock:
            if not self.store.take_units(reward.reward_id, batch_id, new.count):
                raise refuse("OUT_OF_STOCK", f"less than {new.count} left in stock")
            self.store.bump_catalogue()
        batch = {
            "_id": batch_id,
            "fingerprint": new.fingerprint,
            "reward_id": reward.reward_id,
            "reward_name": reward.name,
            "limited_stock": not reward.unlimited_stock,
            "label": new.label,
            "count": new.count,
            "state": GENERATING,
            "expires_at": new.expires_at
            or model.voucher_expiry(reward, now, self.vouchers.time_zone()),
            "created_at": now,
            "created_by": new.actor,
        }
        replayed = not self.store.insert_batch(batch)  # a twin request inserted it first
        return self._generated(self.store.batch(batch_id)), replayed

    def get(self, batch_id: str) -> dict:
        batch = self.store.batch(batch_id) if batch_id else None
        if batch is None:
            raise Refusal("not_found", "BATCH_NOT_FOUND", "no such voucher batch", "batch_id")
        return batch

    def listing(self, reward_id: str, skip: int, limit: int) -> list[dict]:
        return self.store.batches({"reward_id": reward_id} if reward_id else {}, skip, limit)

    def codes(self, batch_id: str, skip: int, limit: int) -> list[dict]:
        self.get(batch_id)
        return self.store.batch_vouchers(batch_id, skip, limit)

    def counts(self, batch: dict) -> Counts:
        states = self.store.batch_states(batch["_id"], self.clock())
        return Counts(
            generated=batch["count"],
            used=states.get(model.USED, 0),
            voided=states.get(model.CANCELLED, 0),
            expired=states.get("expired", 0),
        )

    def void(self, batch_id: str, actor: str, reason: str) -> tuple[dict, bool]:
        """(the void batch, replayed: it was void already). The batch is marked first,
        then its unused codes cancelled, then the stock they held given back: a retry
        after a crash finishes what is left."""
        batch = self.get(batch_id)
        now = self.clock()
        marked = self.store.update_batch(
            batch_id,
            {"state": {"$ne": batches.VOID}},
            {"state": batches.VOID, "voided_at": now, "voided_by": actor, "void_reason": reason},
        )
        self._cancel_unused(batch, now)
        return self.store.batch(batch_id), marked is None

    def _generated(self, batch: dict) -> dict:
        """The batch with every code in (generating the missing ones first)."""
        if batch["state"] != GENERATING:
            return batch
        reward = self.catalogue.get(batch["reward_id"])
        while missing := self._missing(batch):
            docs = [self._code(batch, reward, index) for index in missing]
            self.store.insert_vouchers(docs)  # a code another voucher holds: drawn again
        done = self.store.update_batch(
            batch["_id"], {"state": GENERATING}, {"state": batches.ACTIVE}
        )
        if done is None:  # voided (or finished by a twin) meanwhile
            batch = self.store.batch(batch["_id"])
            if batch["state"] == batches.VOID:
                self._cancel_unused(batch, batch["voided_at"])
            return batch
        return done

    def _missing(self, batch: dict) -> list[int]:
        present = self.store.batch_voucher_ids(batch["_id"])
        return [
            index
            for index in range(batch["count"])
            if batches.voucher_id(batch["_id"], index) not in present
        ]

    def _code(self, batch: dict, reward: Reward, index: int) -> dict:
        return voucher_document(
            batches.voucher_id(batch["_id"], index),
            reward,
            batch["created_at"],
            batch["expires_at"],
            code=codes.new_code(),
            batch_id=batch["_id"],
            issue_reason=batches.REASON,
            issued_by=batch["created_by"],
            note=batch["label"],
        )

    def _cancel_unused(self, batch: dict, now: datetime) -> None:
        self.store.cancel_batch_vouchers(batch["_id"], {"cancelled_at": now, "updated_at": now})
        if batch.get("limited_stock"):
            unused = batch["count"] - self.counts(batch).used
            self.store.give_back_units(batch["reward_id"], batch["_id"], unused)
            self.store.bump_catalogue()


def _check_reward(reward: Reward) -> None:
    if not reward.carries_voucher():
        raise Refusal(
            "invalid", "NOT_A_VOUCHER", "points-as-payment rewards issue no voucher", "reward_id"
        )
    if reward.status == model.ARCHIVED:
        raise refuse("REWARD_NOT_AVAILABLE", "the reward is archived")
