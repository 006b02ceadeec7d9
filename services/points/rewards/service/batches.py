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

One generator at a time works on a batch, whichever replica it runs in: it holds the
batch's lease in MongoDB (taken with the batch, renewed before every chunk, let go when
it stops). A generator that dies (its process stopped or crashed) keeps its lease until
it runs out (LEASE); then the sweep of any replica (every SWEEP_SECONDS, and at start)
takes the lease and finishes the batch. Were two generators ever at work at once (one
too slow to renew), neither could add a code too many: each code's voucher id is the
batch's and its place in it, so a second insert of a place is refused.

A void marks the batch first, then cancels its unused codes. A generator renews its lease
only while the batch is GENERATING, so a void is seen at the next chunk; a chunk it
inserted after the void was marked (it checked just before) it cancels itself, and if it
died before doing so the sweep does it once the lease ran out. A void batch's counts are
stored (`final_counts`) once no generator holds it and LEASE has passed since the void (a
generator that checked the batch just before the void has had that long to insert its
last chunk, find the void and cancel that chunk): its codes are all used or cancelled
then, and neither changes again. (As with any lease, a generator stalled longer than
LEASE between its check and its insert, which then dies, could leave that chunk active.)

Every step can be run again: the batch's id comes from the idempotency key and each
code's voucher id from the batch and its place in it, so a retry adds only the codes still
missing; stock is held under the batch's id and given back once.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
import uuid
from datetime import datetime, timedelta

from common.loops import BackgroundLoop
from common.refusals import Refusal, key_reused
from services.points.ledger import faults
from services.points.ledger.domain.model import refuse
from services.points.rewards.domain import batches, codes, model
from services.points.rewards.domain.batches import ACTIVE, GENERATING, VOID, Counts
from services.points.rewards.domain.model import Reward
from services.points.rewards.service.catalogue import Catalogue
from services.points.rewards.service.vouchers import Vouchers, voucher_document

log = logging.getLogger("loyalty.points.rewards")
SYNC_SECONDS = 1.0  # generating in the request, under the gateway's deadline
CHUNK = 500  # codes inserted at once
LEASE = timedelta(seconds=30)  # a chunk takes well under a second; a dead generator's runs out
SWEEP_SECONDS = 5.0  # how often each replica looks for batches nobody is finishing
SWEEP_LIMIT = 20  # batches taken up per sweep


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
    """Voucher batches, and (as a worker of the service) the sweep finishing those a
    stopped generator left."""

    def __init__(self, vouchers: Vouchers, catalogue: Catalogue) -> None:
        self.vouchers = vouchers
        self.store = vouchers.store
        self.catalogue = catalogue
        self.clock = vouchers.clock
        self.owner = f"batches-{uuid.uuid4().hex[:12]}"  # this process's generators' lease
        self._filling: set[str] = set()  # batches a generator of this process is working on
        self._lock = threading.Lock()
        self._sweep = BackgroundLoop(
            "voucher-batches", lambda _kicked: self.resume(), interval_seconds=SWEEP_SECONDS
        )

    def create(self, new: NewBatch) -> tuple[dict, bool]:
        """(the batch, replayed): finished, or GENERATING with a generator finishing it."""
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
        """Stored for a settled void batch (they can no longer change); else its used and
        cancelled codes counted, the rest being active: an ACTIVE batch has all its codes,
        a GENERATING one the progress its generator notes after each chunk (so a poll of
        a batch going in never counts up to 10,000 codes). Only a void batch not settled
        yet has every code counted."""
        final = batches.final_counts(batch)
        if final is not None:
            return final
        known = {ACTIVE: batch["count"], GENERATING: batch.get("generated", 0)}
        generated = known.get(batch["state"])
        stored = self.store.batch_states(batch["_id"], every_code=generated is None)
        past_expiry = batch["expires_at"] <= self.clock()
        return batches.counts(generated, stored, past_expiry)

    def void(self, batch_id: str, actor: str, reason: str) -> tuple[dict, bool]:
        """(the void batch, replayed: it was void already). The batch is marked first,
        then its unused codes cancelled, then the stock they held given back: a retry
        after a crash, or the sweep, finishes what is left. A generator at work sees the
        mark at its next chunk and stops there."""
        batch = self.get(batch_id)
        now = self.clock()
        marked = self.store.update_batch(
            batch_id,
            {"state": {"$ne": VOID}},
            {"state": VOID, "voided_at": now, "voided_by": actor, "void_reason": reason},
        )
        self._cancel_unused(batch, now)
        return self.store.batch(batch_id), marked is None

    # The sweep (a worker of the service: started and stopped with it)

    def start(self) -> VoucherBatches:
        self._sweep.start()
        self._sweep.kick()  # at start: a batch a stopped replica left waits no longer
        return self

    def stop(self) -> None:
        """Stops the sweep and this process's generators (each at its next chunk, letting
        go of its lease so another replica's sweep finishes the batch at once)."""
        self._sweep.stop()

    def resume(self) -> None:
        """Takes up the batches nobody works on (their generator's lease ran out): a
        GENERATING one is finished by a generator of this process; a void one left
        unsettled gets its unused codes cancelled and its counts stored."""
        if self._sweep.stopping.is_set():  # the loop's last round at a stop: nothing new
            return
        now = self.clock()
        for batch in self.store.abandoned_batches(now, now - LEASE, SWEEP_LIMIT):
            if batch["state"] == VOID:
                self._cancel_unused(batch, batch["voided_at"])
            elif self._take(batch["_id"]):
                self._in_background(batch["_id"])

    # Generating

    def _new(self, batch_id: str, new: NewBatch) -> dict:
        """The batch's document, once its reward may carry it (and has the stock), leased
        to this process's generator from the start."""
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
            "lease": self.owner,
            "lease_until": now + LEASE,
        }

    def _generate(self, batch_id: str) -> dict:
        """Generates for up to SYNC_SECONDS, then leaves the rest to a thread; the batch as
        it is when another generator (here or in another replica) is at work on it."""
        if not self._take(batch_id):
            return self.store.batch(batch_id)
        try:
            batch = self._fill(batch_id, time.monotonic() + SYNC_SECONDS)
        except Exception:
            self._let_go(batch_id)
            raise
        if batch["state"] == GENERATING and not self._sweep.stopping.is_set():
            self._in_background(batch_id)
        else:
            self._let_go(batch_id)
        return batch

    def _take(self, batch_id: str) -> bool:
        """Whether a generator of this process may work on the batch now: none here is
        already, and the lease is this process's (or free, and now taken)."""
        with self._lock:
            if batch_id in self._filling:
                return False
            self._filling.add(batch_id)
        now = self.clock()
        if self.store.claim_batch(batch_id, self.owner, now, now + LEASE) is None:
            with self._lock:
                self._filling.discard(batch_id)
            return False
        return True

    def _let_go(self, batch_id: str) -> None:
        try:
            self.store.release_batch(batch_id, self.owner)
        except Exception:  # the lease runs out by itself
            log.warning("voucher batch lease not let go", extra={"batch_id": batch_id})
        finally:
            with self._lock:
                self._filling.discard(batch_id)

    def _in_background(self, batch_id: str) -> None:
        threading.Thread(
            target=self._finish, args=(batch_id,), name=f"batch-{batch_id}", daemon=True
        ).start()

    def _finish(self, batch_id: str) -> None:
        """A generator's thread (it holds the lease). Not in a `finally`: a process dying
        here (a test's faults.Crash) lets go of nothing, as a killed one would not."""
        try:
            self._fill(batch_id, None)
        except Exception:  # the sweep of some replica takes the batch up again
            log.exception("voucher batch generation stopped", extra={"batch_id": batch_id})
        self._let_go(batch_id)

    def _fill(self, batch_id: str, until: float | None) -> dict:
        """Inserts the batch's missing codes a chunk at a time, until all are in (the batch
        becomes ACTIVE), `until` (a time.monotonic() instant) has passed, the service
        stops, or the lease is lost (voided meanwhile, or another generator took over);
        the batch."""
        batch = self.store.batch(batch_id)
        if batch["state"] != GENERATING:
            return self._stopped(batch_id)
        reward = self.catalogue.get(batch["reward_id"])
        present = self.store.batch_voucher_ids(batch_id)
        missing = [
            i for i in range(batch["count"]) if batches.voucher_id(batch_id, i) not in present
        ]
        self._note_progress(batch, missing)
        while missing:
            if self._sweep.stopping.is_set() or (until is not None and time.monotonic() > until):
                return batch
            now = self.clock()
            batch = self.store.claim_batch(batch_id, self.owner, now, now + LEASE)
            if batch is None:  # voided, or its lease lost to a generator elsewhere
                return self._stopped(batch_id)
            chunk, missing = missing[:CHUNK], missing[CHUNK:]
            ids = [batches.voucher_id(batch_id, i) for i in chunk]
            self.store.insert_vouchers([self._code(batch, reward, i) for i in chunk])
            faults.point("batch-codes-inserted")
            inserted = self.store.batch_voucher_ids(batch_id, among=ids)
            # A code another voucher holds left its voucher out: drawn again next round.
            missing += [i for i, id_ in zip(chunk, ids, strict=True) if id_ not in inserted]
            self._note_progress(batch, missing)
        done = self.store.update_batch(
            batch_id, {"state": GENERATING, "lease": self.owner}, {"state": ACTIVE}
        )
        return done if done is not None else self._stopped(batch_id)

    def _note_progress(self, batch: dict, missing: list[int]) -> None:
        """How many codes are in, on the batch (only while it is this generator's)."""
        self.store.update_batch(
            batch["_id"],
            {"state": GENERATING, "lease": self.owner},
            {"generated": batch["count"] - len(missing)},
        )

    def _stopped(self, batch_id: str) -> dict:
        """The batch, once a generator found it no longer its to generate. Voided: its
        lease is let go, and the codes it inserted after the void was marked (its last
        chunk) are cancelled here."""
        batch = self.store.batch(batch_id)
        if batch["state"] == VOID:
            self.store.release_batch(batch_id, self.owner)
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

    def _cancel_unused(self, batch: dict, when: datetime) -> None:
        """Cancels the void batch's unused codes, gives back the stock no used code keeps
        and stores its final counts if they can no longer change (else the sweep of a
        replica does later)."""
        changes = {"cancelled_at": when, "updated_at": when}
        self.store.cancel_batch_vouchers(batch["_id"], changes)
        stored = self.store.batch_states(batch["_id"])
        counts = batches.counts(None, stored, past_expiry=False)
        if batch.get("limited_stock"):
            # Every unit the batch took that no used code keeps (codes never generated
            # because the batch was voided while generating included).
            unused = batch["count"] - counts.used
            self.store.give_back_units(batch["reward_id"], batch["_id"], unused)
            self.store.bump_catalogue()
        now = self.clock()
        self.store.settle_batch(batch["_id"], dataclasses.asdict(counts), now, now - LEASE)


def _check_reward(reward: Reward) -> None:
    if not reward.carries_voucher():
        raise Refusal(
            "invalid", "NOT_A_VOUCHER", "points-as-payment rewards issue no voucher", "reward_id"
        )
    if reward.status == model.ARCHIVED:
        raise refuse("REWARD_NOT_AVAILABLE", "the reward is archived")
