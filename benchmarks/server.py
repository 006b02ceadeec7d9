"""The points LedgerService as the benchmark runs it: over the wire to MongoDB, seeded, counted.

    python -m benchmarks.server --mongodb-uri URI --database DB --redis-url URL --accounts N

Inserts N accounts in bulk (batches of SEED_BATCH), makes the ledger store's indexes as
the points service's migration does (PointsParts.migrate), opens each account with one
earn through the ledger, lets the relay catch up, then serves on a free loopback port,
prints that port on stdout and serves until SIGTERM. Its own process, so the benchmark's
clients do not share its GIL; the MongoDB server (benchmarks/store.py) is another.

Beside LedgerService it serves benchmark.Bench, raw bytes in and out (no contract):
    Noop          does nothing: what a gRPC call through this server costs
    StoreEarn     earn's MongoDB and Redis round trips, without the ledger's logic
    StoreRedeem   redeem's, likewise
    Settle        removes StoreEarn's purchase claims (they would slow the relay's later
                  rounds) and returns once the relay has nothing left to do (JSON: seconds)
    TakeStats     the costs counted since the last TakeStats, and the population (JSON)
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
import time
import uuid

import grpc

from benchmarks import probes
from common import clock, stores
from common.grpc_server import Registration, create_server
from common.service import wait_for_termination
from loyalty.points.v1 import ledger_pb2, ledger_pb2_grpc
from services.points.bootstrap import build_ledger
from services.points.ledger.domain.model import Account
from services.points.ledger.domain.purchases import Purchase
from services.points.ledger.relay import OutboxRelay
from services.points.ledger.reports import Reports
from services.points.ledger.service import Ledger
from services.points.ledger.servicer import LedgerServicer
from services.points.ledger.store import LedgerStore

BENCH_SERVICE = "benchmark.Bench"
# One earn of 10,000,000,000 VND at the default base rate (1 point per 10,000 VND): more
# points than any run can redeem one at a time.
OPENING_AMOUNT_MINOR = 10_000_000_000
# About the size of the balance the ledger caches, for the store baselines' Redis writes.
CACHED_VALUE = b"x" * 300
SETTLE_TIMEOUT_SECONDS = 120.0
RELAY_THREAD = "outbox-relay"  # services/points/relay.py names it so
SEED_BATCH = 1000  # documents per insert_many when seeding
MEASURED = {"Earn": "earn", "Redeem": "redeem", "GetBalance": "balance"}


def member_id(index: int) -> str:
    return f"bench-{index:06d}"


def seed(ledger: Ledger, relay: OutboxRelay, accounts: int) -> None:
    ledger.partners.create_partner("bench-partner", "Bench partner", "VND")
    ledger.partners.create_store("bench-store", "bench-partner", "Bench store", "Asia/Ho_Chi_Minh")
    for first in range(0, accounts, SEED_BATCH):
        last = min(first + SEED_BATCH, accounts)
        ledger.store.insert_accounts(Account(member_id(i)) for i in range(first, last))
    # What the points service's migration does for the ledger (PointsParts.migrate).
    ledger.store.ensure_indexes()
    opened = clock.now()
    for i in range(accounts):
        ledger.purchases.earn(
            Purchase(
                member_id=member_id(i),
                partner_id="bench-partner",
                store_id="bench-store",
                transaction_id=f"opening-{i}",
                amount_minor=OPENING_AMOUNT_MINOR,
                currency="VND",
                occurred_at=opened,
            )
        )
    relay.drain()  # before serving, so the first phase does not pay for the seeding


class Bench:
    """benchmark.Bench: the baselines, and the benchmark's view into this process."""

    def __init__(self, store: LedgerStore, raw_store: LedgerStore, redis_client, probe) -> None:
        self.store = store  # counted, like the ledger's
        self.raw = raw_store  # uncounted: settling and counting must not show in the figures
        self.redis = redis_client
        self.probe = probe
        self._relay_cpu_taken = 0.0

    def handler(self) -> grpc.GenericRpcHandler:
        methods = {
            "Noop": self.probe.measured("noop", self.noop),
            "StoreEarn": self.probe.measured("store-earn", self.store_earn),
            "StoreRedeem": self.probe.measured("store-redeem", self.store_redeem),
            "Settle": self.settle,
            "TakeStats": self.take_stats,
        }
        return grpc.method_handlers_generic_handler(
            BENCH_SERVICE,
            {name: grpc.unary_unary_rpc_method_handler(m) for name, m in methods.items()},
        )

    def registration(self) -> Registration:
        return Registration(
            BENCH_SERVICE, lambda _, server: server.add_generic_rpc_handlers([self.handler()]), None
        )

    def noop(self, request: bytes, context) -> bytes:
        return b""

    def store_earn(self, request: bytes, context) -> bytes:
        baseline_earn(self.store, self.redis, request.decode())
        return b""

    def store_redeem(self, request: bytes, context) -> bytes:
        baseline_account_write(self.store, self.redis, request.decode())
        return b""

    def settle(self, request: bytes, context) -> bytes:
        started = time.monotonic()
        self.raw.purchases.delete_many({"baseline": True})
        while self.raw.accounts_with_outbox(limit=1) or self.raw.event_outbox.find_one():
            if time.monotonic() - started > SETTLE_TIMEOUT_SECONDS:
                context.abort(grpc.StatusCode.DEADLINE_EXCEEDED, "the relay did not catch up")
            time.sleep(0.05)
        return json.dumps({"seconds": time.monotonic() - started}).encode()

    def take_stats(self, request: bytes, context) -> bytes:
        ops, background = self.probe.take()
        relay_cpu = _relay_cpu()
        relay_spent, self._relay_cpu_taken = relay_cpu - self._relay_cpu_taken, relay_cpu
        return json.dumps(
            {
                "ops": {op: totals.summary() for op, totals in ops.items()},
                "background": {name: vars(cost) for name, cost in background.items()},
                "relay_cpu": relay_spent,
                "population": self.population(),
            }
        ).encode()

    def population(self) -> dict[str, int]:
        names = ("accounts", "purchases", "entries", "lots", "event_outbox")
        return {name: getattr(self.raw, name).count_documents({}) for name in names}


def baseline_earn(store: LedgerStore, redis_client, member: str) -> None:
    """Earn's round trips in the common case, without the ledger's logic: claim the
    purchase, write the account (read from this process's copy), write the cached
    balance. `make bench` answers its store baseline with it too (benchmarks/probed.py)."""
    store.purchases.insert_one(
        {"_id": uuid.uuid4().hex, "member_id": member, "applied": True, "baseline": True}
    )
    baseline_account_write(store, redis_client, member)


def baseline_account_write(store: LedgerStore, redis_client, member: str) -> None:
    """Redeem's round trips in the common case: write the account, write the cache."""
    store.accounts.update_one({"_id": member}, {"$inc": {"bench_writes": 1}})
    redis_client.set(f"bench:balance:{member}", CACHED_VALUE)


def _relay_cpu() -> float:
    """The relay thread's CPU time so far: it shares the GIL with the requests."""
    relay = next(t for t in threading.enumerate() if t.name == RELAY_THREAD)
    return time.clock_gettime(time.pthread_getcpuclockid(relay.ident))


def serve(mongodb_uri: str, database: str, redis_url: str, accounts: int) -> None:
    db = stores.connect_mongo(mongodb_uri, database)
    redis_client = stores.connect_redis(redis_url)
    ledger, relay = build_ledger(db, redis_client)
    seed(ledger, relay, accounts)
    probe = probes.Probe()
    probes.count_store(ledger.store, probe)  # the relay shares this store object
    probes.count_redis(redis_client, probe)
    servicer = LedgerServicer(ledger, Reports(ledger.store))
    for method, op in MEASURED.items():
        setattr(servicer, method, probe.measured(op, getattr(servicer, method)))
    bench = Bench(ledger.store, LedgerStore(db), redis_client, probe)
    server, port = create_server(
        [
            Registration.of(ledger_pb2, ledger_pb2_grpc, "LedgerService", servicer),
            bench.registration(),
        ],
        0,
        address="127.0.0.1",
    )
    server.start()
    relay.start()
    print(port, flush=True)
    wait_for_termination()
    server.stop(grace=1)
    relay.stop()
    db.client.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mongodb-uri", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--accounts", type=int, default=1000)
    args = parser.parse_args(argv)
    # Only what goes wrong, on stderr: stdout carries the port, and a log line per call
    # would cost more than some of the calls measured.
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    serve(args.mongodb_uri, args.database, args.redis_url, args.accounts)


if __name__ == "__main__":
    main()
