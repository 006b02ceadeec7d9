"""Voucher batches: a marketer generates up to 10,000 codes for one reward at once (a
flyer, a partner's mailing), pages through them to export them, watches how many are
used and voids the batch (its unused codes stop working at once; used ones stay used).

A batch's codes belong to nobody until a member uses one at a till (Vouchers.use: the
member using it claims it). Generating a batch announces nothing: VoucherIssued tells a
member they received a voucher (the notifications service writes to them), and a batch's
codes are no member's; 10,000 events nobody can be told about would only flood the
stream. Each code announces itself when used (VoucherUsed, with the member who used it),
and the console writes the generation and the void in the staff activity log.

Generating 10,000 codes takes longer than a caller waits (the gateway's deadline is two
seconds), so CreateVoucherBatch generates for at most SYNC_SECONDS and answers; a batch
not finished by then is GENERATING and a thread of this process finishes it.

Every step can be run again: the batch's id comes from the idempotency key and each
code's voucher id from the batch and its place in it, so a retry (or a generation cut
short by a crash or a restart: CreateVoucherBatch again with the same key) adds only the
codes still missing; stock is held under the batch's id and given back once.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from datetime import datetime

from common.refusals import Refusal, key_reused
from services.points.ledger.domain.model import refuse
from services.points.rewards.domain import batches, codes, model
from services.points.rewards.domain.batches import GENERATING, VOID, Counts
from services.points.rewards.domain.model import Reward
from services.points.rewards.service.catalogue import Catalogue
from services.points.rewards.service.vouchers import Vouchers, voucher_document

log = logging.getLogger("loyalty.points.rewards")
SYNC_SECONDS = 1.0  # generating in the request, under the gateway's deadline
CHUNK = 500  # codes inserted at once


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
        self._filling: set[str] = set()  # batches a thread of this process is finishing
        self._lock = threading.Lock()

    def create(self, new: NewBatch) -> tuple[dict, bool]:
        """(the batch, replayed): finished, or GENERATING with a thread finishing it."""
        batch_id = batches.batch_id(new.key)
        existing = self.store.batch(batch_id)
        if existing is None:
            if self.store.insert_batch(self._new(batch_id, new)):
                return self._generate(batch_id), False
            existing = self.store.batch(batch_id)  # a twin request inserted it first
        if existing["fingerprint"] != new.fingerprint:
            raise key_reused("this idempotency key made another voucher batch")
        return self._generate(batch_id), True

    def get(self, batch_id: str) -> dict:
        batch = self.store.batch(batch_id) if batch_id else None
        if batch is None:
            raise Refusal("not_found", "BATCH_NOT_FOUND", "no such voucher batch", "batch_id")
        return batch

    def listing(self, reward_id: str, skip: int, limit: int) -> list[dict]:
        return self.store.batches({"reward_id": reward_id} if reward_id else {}, skip, limit)

    def codes(self, batch_id: str, skip: int, limit: int) -> list[dict]:
        """The batch's codes from the `skip`-th on (a code's place is in its voucher id)."""
        self.get(batch_id)
        return self.store.batch_vouchers(batch_id, batches.voucher_id(batch_id, skip), limit)

    def counts(self, batch: dict) -> Counts:
        return batches.counts(*self.store.batch_states(batch["_id"], self.clock()))

    def void(self, batch_id: str, actor: str, reason: str) -> tuple[dict, bool]:
        """(the void batch, replayed: it was void already). The batch is marked first,
        then its unused codes cancelled, then the stock they held given back: a retry
        after a crash finishes what is left. A batch still generating stops there."""
        batch = self.get(batch_id)
        now = self.clock()
        marked = self.store.update_batch(
            batch_id,
            {"state": {"$ne": VOID}},
            {"state": VOID, "voided_at": now, "voided_by": actor, "void_reason": reason},
        )
        self._cancel_unused(batch, now)
        return self.store.batch(batch_id), marked is None

    # Generating

    def _new(self, batch_id: str, new: NewBatch) -> dict:
        """The batch's document, once its reward may carry it (and has the stock)."""
        reward = self.catalogue.get(new.reward_id)
        now = self.clock()
        _check_reward(reward)
        if new.expires_at is not None and new.expires_at <= now:
            raise Refusal("invalid", "EXPIRY_IN_PAST", "is in the past", "expires_at")
        if not reward.unlimited_stock:
            if not self.store.take_units(reward.reward_id, batch_id, new.count):
                raise refuse("OUT_OF_STOCK", f"less than {new.count} left in stock")
            self.store.bump_catalogue()
        return {
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

    def _generate(self, batch_id: str) -> dict:
        """Generates for up to SYNC_SECONDS, then leaves the rest to a thread."""
        batch = self._fill(batch_id, time.monotonic() + SYNC_SECONDS)
        if batch["state"] == GENERATING:
            with self._lock:
                started = batch_id not in self._filling
                self._filling.add(batch_id)
            if started:
                threading.Thread(
                    target=self._finish, args=(batch_id,), name=f"batch-{batch_id}", daemon=True
                ).start()
        return batch

    def _finish(self, batch_id: str) -> None:
        try:
            self._fill(batch_id, None)
        except Exception:  # the batch stays GENERATING: the same request again finishes it
            log.exception("voucher batch generation stopped", extra={"batch_id": batch_id})
        finally:
            with self._lock:
                self._filling.discard(batch_id)

    def _fill(self, batch_id: str, until: float | None) -> dict:
        """Inserts the batch's missing codes a chunk at a time, until all are in (the batch
        becomes ACTIVE) or `until` (a time.monotonic() instant) has passed; the batch."""
        batch = self.store.batch(batch_id)
        if batch["state"] != GENERATING:
            return batch
        reward = self.catalogue.get(batch["reward_id"])
        present = self.store.batch_voucher_ids(batch_id)
        missing = [
            i for i in range(batch["count"]) if batches.voucher_id(batch_id, i) not in present
        ]
        while missing:
            if until is not None and time.monotonic() > until:
                return batch
            batch = self.store.batch(batch_id)
            if batch["state"] == VOID:  # voided meanwhile: nothing more to generate
                self._cancel_unused(batch, batch["voided_at"])
                return batch
            chunk, missing = missing[:CHUNK], missing[CHUNK:]
            ids = [batches.voucher_id(batch_id, i) for i in chunk]
            self.store.insert_vouchers([self._code(batch, reward, i) for i in chunk])
            inserted = self.store.batch_voucher_ids(batch_id, among=ids)
            # A code another voucher holds left its voucher out: drawn again next round.
            missing += [i for i, id_ in zip(chunk, ids, strict=True) if id_ not in inserted]
        done = self.store.update_batch(batch_id, {"state": GENERATING}, {"state": batches.ACTIVE})
        if done is not None:
            return done
        batch = self.store.batch(batch_id)  # finished by a twin, or voided, meanwhile
        if batch["state"] == VOID:  # codes inserted while it was being voided: cancelled too
            self._cancel_unused(batch, batch["voided_at"])
        return batch

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
            # Every unit the batch took that no used code keeps (codes never generated
            # because the batch was voided while generating included).
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
