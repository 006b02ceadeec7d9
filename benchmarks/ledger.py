"""Points ledger benchmark: earn, redeem and cached balance reads over gRPC, with baselines.

    python -m benchmarks.ledger [--accounts 1000] [--seconds 5] [--warmup 1] [--clients 4 16]
    make bench-ledger BENCH_ARGS="--accounts 2000"

One run on this machine: a real MongoDB server (a SecantusDB process started for the run,
or the MongoDB MONGODB_URI names, in databases of the run's own: benchmarks/store.py), a
real Redis (the embedded redis-server), the points LedgerService in its own process
reaching both over TCP (benchmarks/server.py), and client threads in this process calling
it over gRPC on loopback. For each number of
clients, each operation runs for a warm-up and then for the measured seconds, and the
outbox relay is let catch up before the next one, so no phase pays for another's
background work. Prints one table on stdout and progress on stderr; writes no file.

Baselines, through the same server process and transport:
    noop          a gRPC call that does no work
    store-earn    the MongoDB and Redis round trips an earn makes, without ledger logic
    store-redeem  the same for a redeem
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import platform
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import grpc
import redis

from benchmarks.load import Clients, Load
from benchmarks.server import BENCH_SERVICE, RELAY_THREAD
from benchmarks.store import BenchStore, per_request_ms
from common.embedded_redis import EmbeddedRedis

REPO = Path(__file__).resolve().parents[1]
OPS = ("noop", "store-earn", "earn", "store-redeem", "redeem", "balance")
BASELINE_OF = {"earn": "store-earn", "redeem": "store-redeem"}
THROUGHPUT_AIM = 0.70


@dataclasses.dataclass
class Phase:
    op: str
    clients: int
    load: Load
    server: dict  # the op's costs as the server counted them (benchmarks.probes)
    relay: dict  # what the outbox relay did meanwhile, in the background (probes.Cost, cpu)
    catch_up_seconds: float  # how long the relay still needed after the last request
    population: dict[str, int]
    # The MongoDB server's CPU per request (the relay's share included), when it runs here.
    store_cpu_ms: float | None = None

    def relay_per_request(self, field: str) -> float:
        return self.relay.get(field, 0) / max(self.server.get("requests", 0), 1)

    def relay_own_cpu_ms(self) -> float:
        own = self.relay["cpu"] - self.relay.get("mongo_cpu", 0) - self.relay.get("redis_cpu", 0)
        return own / max(self.server.get("requests", 0), 1) * 1000


@contextlib.contextmanager
def points_server(store: BenchStore, redis_url: str, accounts: int) -> Iterator[int]:
    """The benchmark server in its own process; yields its port once it is seeded."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "benchmarks.server",
            "--mongodb-uri",
            store.uri,
            "--database",
            store.database("points"),
            "--redis-url",
            redis_url,
            "--accounts",
            str(accounts),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        if not line:
            raise SystemExit(f"the benchmark server exited with code {process.wait()}")
        yield int(line)
    finally:
        process.terminate()
        process.wait(30)


class Control:
    """The benchmark's calls into the server: let the relay settle, take the counts."""

    def __init__(self, channel: grpc.Channel) -> None:
        self._settle = channel.unary_unary(f"/{BENCH_SERVICE}/Settle")
        self._take_stats = channel.unary_unary(f"/{BENCH_SERVICE}/TakeStats")

    def settle(self) -> float:
        return json.loads(self._settle(b"", timeout=180))["seconds"]

    def take_stats(self) -> dict:
        return json.loads(self._take_stats(b""))


def run_phase(
    clients: Clients, control: Control, store: BenchStore, op: str, count: int, args
) -> Phase:
    progress(f"{op}: {count} clients")
    if op == "balance":
        clients.touch_all(op)  # so that every read measured is a cached one
    clients.run(op, count, args.warmup)
    control.settle()
    control.take_stats()  # forget the warm-up
    store_cpu = store.cpu()
    load = clients.run(op, count, args.seconds)
    catch_up = control.settle()
    store_cpu_ms = per_request_ms(store_cpu, store.cpu(), load.requests)
    stats = control.take_stats()
    return Phase(
        op,
        count,
        load,
        stats["ops"].get(op, {}),
        {**stats["background"].get(RELAY_THREAD, {}), "cpu": stats["relay_cpu"]},
        catch_up,
        stats["population"],
        store_cpu_ms,
    )


def progress(message: str) -> None:
    print(f"bench-ledger: {message}", file=sys.stderr, flush=True)


# The report


def report(args, store: str, redis_version: str, start: dict[str, int], phases: list[Phase]) -> str:
    return "\n".join(
        [
            *header(args, store, redis_version, start, phases[-1].population),
            "",
            *table(COLUMNS, phases),
            "",
            *aims(phases),
            *failures(phases),
        ]
    )


def header(args, store: str, redis_version: str, start: dict, end: dict) -> list[str]:
    clients = " ".join(map(str, args.clients))
    return [
        "Points ledger benchmark: python -m benchmarks.ledger "
        f"--accounts {args.accounts} --seconds {args.seconds:g} --warmup {args.warmup:g} "
        f"--clients {clients}",
        f"machine: {os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}; server, clients and the stores it runs share it",
        "server: points LedgerService in its own process, gRPC on loopback; "
        "clients: threads in the benchmark process, one channel each, closed loop",
        f"store: {store}",
        f"Redis {redis_version} (embedded redis-server, started by the benchmark)",
        f"population: {start['accounts']:,} accounts, each opened with one earn; "
        f"entries {start['entries']:,} at start, {end['entries']:,} at end; "
        f"purchases {start['purchases']:,} at start, {end['purchases']:,} at end",
        f"each row: {args.seconds:g} s measured after {args.warmup:g} s warm-up. "
        "RT = round trips per request (common/max); ms and CPU = means per request.",
        "own CPU = the servicer's CPU less the store's and the Redis client's; relay RT, ms, "
        "CPU = the outbox relay's Mongo round trips, Mongo time and own CPU, per request",
        "db CPU = the MongoDB server process's CPU per request, the relay's and the settling "
        "after the row included (- when the server is not on this machine)",
    ]


# What every request benchmark prints per row (the members benchmark prints it too).
LOAD_COLUMNS = (
    ("op", "<12", lambda p: p.op),
    ("clients", ">7", lambda p: p.clients),
    ("req/s", ">7", lambda p: f"{p.load.per_second:.0f}"),
    ("p50 ms", ">7", lambda p: f"{p.load.percentile_ms(50):.2f}"),
    ("p99 ms", ">7", lambda p: f"{p.load.percentile_ms(99):.2f}"),
    ("errors", ">6", lambda p: len(p.load.errors)),
    ("Mongo RT", ">8", lambda p: round_trips(p.server, "mongo")),
    ("Mongo ms", ">8", lambda p: f"{p.server.get('mongo_ms', 0):.2f}"),
    ("Redis RT", ">8", lambda p: round_trips(p.server, "redis")),
    ("Redis ms", ">8", lambda p: f"{p.server.get('redis_ms', 0):.2f}"),
    ("own CPU ms", ">10", lambda p: f"{p.server.get('own_cpu_ms', 0):.2f}"),
    ("server ms", ">9", lambda p: f"{p.server.get('server_ms', 0):.2f}"),
    ("db CPU ms", ">9", lambda p: "-" if p.store_cpu_ms is None else f"{p.store_cpu_ms:.2f}"),
)
COLUMNS = (
    *LOAD_COLUMNS,
    ("relay RT", ">8", lambda p: f"{p.relay_per_request('mongo_calls'):.2f}"),
    ("relay ms", ">8", lambda p: f"{p.relay_per_request('mongo_seconds') * 1000:.2f}"),
    ("relay CPU", ">9", lambda p: f"{p.relay_own_cpu_ms():.2f}"),
    ("catch-up s", ">10", lambda p: f"{p.catch_up_seconds:.1f}"),
    ("entries", ">7", lambda p: f"{p.population['entries']:,}"),
)


def round_trips(server: dict, kind: str) -> str:
    return f"{server.get(f'{kind}_common', 0)}/{server.get(f'{kind}_max', 0)}"


def table(columns, rows) -> list[str]:
    """A fixed-width table: a header, a rule, and one line per row."""

    def row(cells) -> str:
        specs = (spec for _, spec, _ in columns)
        return "  ".join(f"{cell:{spec}}" for cell, spec in zip(cells, specs, strict=True))

    head = row(name for name, _, _ in columns)
    return [head, "-" * len(head), *(row(value(r) for _, _, value in columns) for r in rows)]


def aims(phases: list[Phase]) -> list[str]:
    """Issue #3's aims, and where each number of clients stands against them."""
    checks = (
        ("earn: Mongo RT <=2 common, <=3 ever", "earn", _mongo_aim),
        ("earn: Redis RT <=1 (pipelined)", "earn", _redis_aim),
        ("redeem: Mongo RT <=2 common, <=3 ever", "redeem", _mongo_aim),
        ("redeem: Redis RT <=1 (pipelined)", "redeem", _redis_aim),
        ("cached balance: 1 Redis RT, no store", "balance", _balance_aim),
        ("earn: >=70% of store-earn req/s", "earn", _throughput_aim),
        ("redeem: >=70% of store-redeem req/s", "redeem", _throughput_aim),
    )
    counts = [p.clients for p in phases if p.op == "earn"]
    head = f"{'Aims (issue #3)':<40}" + "".join(f"{f'{n} clients':<26}" for n in counts)
    lines = [head.rstrip()]
    for label, op, check in checks:
        cells = []
        for phase in (p for p in phases if p.op == op):
            figure, met = check(phase, phases)
            cells.append(f"{figure + (' met' if met else ' MISSED'):<26}")
        lines.append(f"{label:<40}" + "".join(cells).rstrip())
    return [*lines, *_baseline_shapes(phases)]


def _mongo_aim(phase: Phase, phases: list[Phase]) -> tuple[str, bool]:
    common, worst = phase.server.get("mongo_common", 0), phase.server.get("mongo_max", 0)
    return f"{common}/{worst}", common <= 2 and worst <= 3


def _redis_aim(phase: Phase, phases: list[Phase]) -> tuple[str, bool]:
    worst = phase.server.get("redis_max", 0)
    return str(worst), worst <= 1


def _balance_aim(phase: Phase, phases: list[Phase]) -> tuple[str, bool]:
    redis_rt, mongo_rt = phase.server.get("redis_max", 0), phase.server.get("mongo_max", 0)
    return f"{redis_rt} Redis, {mongo_rt} Mongo", redis_rt == 1 and mongo_rt == 0


def _throughput_aim(phase: Phase, phases: list[Phase]) -> tuple[str, bool]:
    ratio = phase.load.per_second / _baseline(phase, phases).load.per_second
    return f"{ratio:.0%}", ratio >= THROUGHPUT_AIM


def _baseline(phase: Phase, phases: list[Phase]) -> Phase:
    op = BASELINE_OF[phase.op]
    return next(p for p in phases if p.op == op and p.clients == phase.clients)


def _baseline_shapes(phases: list[Phase]) -> list[str]:
    """Says when a store baseline no longer makes its operation's round trips (the ledger
    changed and benchmarks/server.py did not follow), since the ratio then misleads."""
    lines = []
    for phase in (p for p in phases if p.op in BASELINE_OF):
        baseline = _baseline(phase, phases)
        shape = [
            (p.server.get("mongo_common"), p.server.get("redis_common")) for p in (phase, baseline)
        ]
        if shape[0] != shape[1]:
            lines.append(
                f"note: {baseline.op} makes {shape[1][0]} Mongo + {shape[1][1]} Redis RT, "
                f"{phase.op} x{phase.clients} {shape[0][0]} + {shape[0][1]}: not comparable"
            )
    return lines


def failures(phases: list[Phase]) -> list[str]:
    lines = []
    for phase in phases:
        if phase.load.errors:
            first = phase.load.errors[0]
            lines.append(
                f"{phase.op} x{phase.clients}: {len(phase.load.errors)} failed, first: "
                f"{first.code().name} {first.details()}"
            )
    return ["", "Failures:", *lines] if lines else []


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1000, help="accounts seeded (1000)")
    parser.add_argument("--seconds", type=float, default=5.0, help="measured per row (5)")
    parser.add_argument("--warmup", type=float, default=1.0, help="warm-up per row (1)")
    parser.add_argument(
        "--clients", type=int, nargs="+", default=[4, 16], help="concurrent clients (4 16)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    progress("starting MongoDB" if not os.environ.get("MONGODB_URI") else "MONGODB_URI given")
    with BenchStore() as store, EmbeddedRedis() as redis_server:
        store_line = store.describe()
        redis_version = redis.Redis.from_url(redis_server.url).info("server")["redis_version"]
        progress(f"seeding {args.accounts:,} accounts")
        with points_server(store, redis_server.url, args.accounts) as port:
            clients = Clients(f"127.0.0.1:{port}", max(args.clients), args.accounts)
            try:
                control = Control(clients.channels[0])
                start = control.take_stats()["population"]
                phases = [
                    run_phase(clients, control, store, op, count, args)
                    for count in args.clients
                    for op in OPS
                ]
            finally:
                clients.close()
    print(report(args, store_line, redis_version, start, phases))


if __name__ == "__main__":
    main()
