"""Voucher batches, as pure rules: many codes generated at once for one reward, owned by
nobody until a member uses one, voided together.

A batch's id derives from its idempotency key and each code's voucher id from the batch
and the code's place in it, so a retry (or a generation cut short by a crash) fills in
exactly the codes still missing and never makes a second batch.
"""

from __future__ import annotations

import dataclasses
import hashlib

MAX_CODES = 10_000  # a batch's codes: a print run or a partner's mailing, not a database
LABEL_LENGTH = 100
GENERATING, ACTIVE, VOID = "generating", "active", "void"
REASON = "batch"  # the issue reason of a batch's vouchers


def batch_id(idempotency_key: str) -> str:
    return "vb-" + hashlib.sha256(idempotency_key.encode()).hexdigest()[:20]


def voucher_id(batch: str, index: int) -> str:
    """The voucher of the batch's `index`-th code (zero-padded: ids sort in generation order)."""
    return f"{batch}-{index:05d}"


@dataclasses.dataclass(frozen=True)
class Counts:
    """A batch's codes by what became of them (`generated` reaches the count asked for
    when the batch stops generating)."""

    generated: int = 0
    used: int = 0
    voided: int = 0
    expired: int = 0

    @property
    def unused(self) -> int:
        return self.generated - self.used - self.voided - self.expired


def counts(generated: int | None, stored_states: dict[str, int], past_expiry: bool) -> Counts:
    """A batch's counts from its vouchers per stored state ("active", "used",
    "cancelled") and, when it is known without counting them, how many codes it has
    (`generated`: an ACTIVE batch's count, a GENERATING one's progress; None: the sum of
    the states). Every code of a batch expires with it: once it is `past_expiry`, its
    active codes are its expired ones."""
    used = stored_states.get("used", 0)
    voided = stored_states.get("cancelled", 0)
    if generated is None:
        generated = sum(stored_states.values())
    # The progress noted is up to a chunk behind: a code of the chunk going in can be
    # used already.
    generated = max(generated, used + voided)
    active = generated - used - voided
    return Counts(generated, used, voided, active if past_expiry else 0)


def final_counts(batch: dict) -> Counts | None:
    """The counts stored on a void batch once they could no longer change (its unused
    codes all cancelled, no generator left): used codes stay used, cancelled ones
    cancelled. None while they are still counted from the codes."""
    final = batch.get("final_counts")
    return Counts(**final) if final is not None else None
