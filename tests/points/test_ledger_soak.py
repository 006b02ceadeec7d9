"""Random operations of every kind from several threads at once, on the real store, with
the audit as the oracle: every balance recomputed from its entries and lots, every
purchase's returns and every refund checked, and the programme's equation.

`make test` runs a small run; `make soak` the full one (10,000 operations over 50
accounts from 8 threads). LEDGER_SOAK_OPERATIONS, _ACCOUNTS, _THREADS and _SEED set it.
"""

from __future__ import annotations

import os
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import grpc

from common import clock
from common.grpc_errors import details_of
from loyalty.points.v1 import ledger_pb2
from tests.support.points import earn_request, redeem_request, set_programme
from tests.support.protos import timestamp, vnd

OPERATIONS = int(os.environ.get("LEDGER_SOAK_OPERATIONS", "600"))
ACCOUNTS = int(os.environ.get("LEDGER_SOAK_ACCOUNTS", "12"))
THREADS = int(os.environ.get("LEDGER_SOAK_THREADS", "8"))
SEED = int(os.environ.get("LEDGER_SOAK_SEED", "20261203"))
# What the ledger may refuse in a race; anything else (INTERNAL above all) fails the run.
EXPECTED_REFUSALS = {
    "INSUFFICIENT_POINTS",
    "ALREADY_FULLY_RETURNED",
    "RETURN_EXCEEDS_PURCHASE",
    "HOLD_ALREADY_RESOLVED",
    "HOLD_EXPIRED",
    "REDEMPTION_ALREADY_REFUNDED",
    "CAPTURE_EXCEEDS_HOLD",
    "CONTENTION",
}


class Run:
    """What the threads share: the things made so far that later operations act on."""

    def __init__(self, points) -> None:
        self.points = points
        self.lock = threading.Lock()
        self.purchases: list[tuple[str, str]] = []  # (member, transaction id)
        self.redeems: list[tuple[str, str]] = []  # (member, redeem entry id)
        self.holds: list[str] = []
        self.refused: dict[str, int] = {}
        self.serial = 0

    def next(self, prefix: str) -> str:
        with self.lock:
            self.serial += 1
            return f"{prefix}-{self.serial}"

    def pick(self, things: list, rng: random.Random):
        with self.lock:
            return rng.choice(things) if things else None


def _earn(run: Run, rng: random.Random, member: str) -> None:
    transaction = run.next("t")
    run.points.stub.Earn(earn_request(member, transaction, rng.randint(1, 40) * 100_000))
    with run.lock:
        run.purchases.append((member, transaction))


def _redeem(run: Run, rng: random.Random, member: str) -> None:
    request = redeem_request(member, rng.randint(1, 60), run.next("r"), run.points.present(member))
    reply = run.points.stub.Redeem(request)
    with run.lock:
        run.redeems.append((member, reply.entry.entry_id))


def _return(run: Run, rng: random.Random, member: str) -> None:
    picked = run.pick(run.purchases, rng)
    if picked:
        run.points.stub.Return(
            ledger_pb2.ReturnRequest(
                partner_id="sen-mart",
                store_id="s",
                return_id=run.next("ret"),
                original_transaction_id=picked[1],
                amount=vnd(rng.randint(1, 10) * 100_000),
            )
        )


def _refund(run: Run, rng: random.Random, member: str) -> None:
    picked = run.pick(run.redeems, rng)
    if picked:
        run.points.stub.RefundRedemption(
            ledger_pb2.RefundRedemptionRequest(
                idempotency_key=run.next("refund"),
                member_id=picked[0],
                redeem_entry_id=picked[1],
                actor="crm:soak",
                reason="random",
            )
        )


def _hold(run: Run, rng: random.Random, member: str) -> None:
    reply = run.points.stub.PlaceHold(
        ledger_pb2.PlaceHoldRequest(
            idempotency_key=run.next("h"),
            member_id=member,
            presence=run.points.present(member),
            points=rng.randint(1, 40),
            partner_id="sen-mart",
            store_id="s",
        )
    )
    with run.lock:
        run.holds.append(reply.hold.hold_id)


def _resolve_hold(run: Run, rng: random.Random, member: str) -> None:
    hold_id = run.pick(run.holds, rng)
    if hold_id is None:
        return
    if rng.random() < 0.5:
        run.points.stub.CaptureHold(
            ledger_pb2.CaptureHoldRequest(
                idempotency_key=run.next("c"),
                hold_id=hold_id,
                partner_id="sen-mart",
                points=rng.randint(1, 10),
            )
        )
    else:
        run.points.stub.ReleaseHold(
            ledger_pb2.ReleaseHoldRequest(
                idempotency_key=run.next("rel"), hold_id=hold_id, partner_id="sen-mart"
            )
        )


def _adjust(run: Run, rng: random.Random, member: str) -> None:
    run.points.stub.Adjust(
        ledger_pb2.AdjustRequest(
            idempotency_key=run.next("a"),
            member_id=member,
            points=rng.choice([-1, 1]) * rng.randint(1, 30),
            actor="crm:soak",
            reason="random",
        )
    )


def _job(run: Run, rng: random.Random, member: str) -> None:
    later = timestamp(clock.now() + timedelta(days=rng.choice([1, 20, 400])))
    stub = run.points.stub
    rng.choice(
        [
            # A job goes through every account due: its deadline is a job's (cli/jobs.py).
            lambda: stub.RunExpiry(ledger_pb2.RunExpiryRequest(as_of=later), timeout=600),
            lambda: stub.ActivatePending(
                ledger_pb2.ActivatePendingRequest(as_of=later), timeout=600
            ),
            lambda: stub.ExpireHolds(ledger_pb2.ExpireHoldsRequest(as_of=later), timeout=600),
        ]
    )()


OPERATIONS_BY_WEIGHT = [
    (_earn, 30),
    (_redeem, 15),
    (_return, 12),
    (_refund, 6),
    (_hold, 10),
    (_resolve_hold, 12),
    (_adjust, 6),
    (_job, 3),
]


def _work(run: Run, seed: int, count: int) -> None:
    rng = random.Random(seed)
    kinds, weights = zip(*OPERATIONS_BY_WEIGHT, strict=True)
    for _ in range(count):
        operation = rng.choices(kinds, weights)[0]
        member = f"m{rng.randrange(ACCOUNTS)}"
        try:
            operation(run, rng, member)
        except grpc.RpcError as error:
            reason = details_of(error)[1].get("reason", error.code().name)
            assert reason in EXPECTED_REFUSALS, (operation.__name__, error.details())
            with run.lock:
                run.refused[reason] = run.refused.get(reason, 0) + 1


def test_random_operations_from_many_threads_leave_every_account_exact(points):
    set_programme(points, pending_days=7, return_policy=ledger_pb2.RETURN_POLICY_ALLOW_NEGATIVE)
    points.seed(*(f"m{n}" for n in range(ACCOUNTS)))
    run = Run(points)
    each = OPERATIONS // THREADS
    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(lambda n: _work(run, SEED + n, each), range(THREADS)))

    audit = points.audit()
    assert audit.clean, audit.drifts[:10]
    totals = audit.totals
    assert totals.issued == (
        totals.available
        + totals.pending
        + totals.held
        + totals.redeemed
        + totals.expired
        + totals.reversed
    )
    assert run.purchases, "the run made purchases"
