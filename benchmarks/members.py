"""Members benchmark: a till's lookup by phone (cache hit and miss) and the tier engine's
event throughput, beside a no-work gRPC call in the same run.

    python -m benchmarks.members [--members 20000] [--seconds 5] [--warmup 1]
                                 [--clients 4 16] [--events 3000]
    make bench-members BENCH_ARGS="--members 100000 --events 10000"

One run on this machine: a real MongoDB server (a SecantusDB process started for the run,
or the MongoDB MONGODB_URI names, in databases of the run's own: benchmarks/store.py), a
real Redis (the embedded redis-server), the members service in its own process reaching
both over TCP (benchmarks/members_server.py), and client threads in this process calling
it over gRPC on loopback (benchmarks/load.py's closed loop). Prints one table on stdout
and progress on stderr; writes no file.

    noop       a gRPC call that does no work, through the same server
    find-hit   FindMember by phone over the first quarter of the members, every one of
               whose phones was looked up once before
    find-miss  FindMember by phone, each request a phone of the other three quarters never
               looked up before, so each one misses the cache and reads the store (a run
               that uses them all up shows NOT_FOUND errors: ask for more --members)
    events     points.earned events published to the points stream, then one consumer of
               the members' group (tier engine, referrals, purchase facts) started, timed
               from the first publish until the group has read and acknowledged them all
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import itertools
import json
import os
import platform
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator

import grpc
import redis

from benchmarks import load
from benchmarks.ledger import LOAD_COLUMNS, REPO, Control, table
from benchmarks.load import Clients, Load
from benchmarks.members_server import CONSUMER_THREAD, RELAY_THREAD, phone_of
from benchmarks.server import BENCH_SERVICE, member_id
from benchmarks.store import BenchStore, per_request_ms
from common import clock
from common import events as bus
from common.embedded_redis import EmbeddedRedis
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import members_pb2, members_pb2_grpc

OPS = ("noop", "find-hit", "find-miss")
SERVER_OP = {"noop": "noop", "find-hit": "find", "find-miss": "find"}
GROUP = "members"
PUBLISH_BATCH = 500
EVENTS_PER_MEMBER = 5  # events go to events / 5 members, so that some cross a threshold
CATCH_UP_TIMEOUT_SECONDS = 600.0


# The calls, added to benchmarks.load's so that its Clients drive them. Clients passes a
# member id, benchmarks.server.member_id(i): find-hit asks for that member's phone.
def _find(channel: grpc.Channel, phone: str) -> object:
    return members_pb2_grpc.MembersServiceStub(channel).FindMember(
        members_pb2.FindMemberRequest(phone=phone)
    )


class FreshPhones:
    """Phones of members `first`.. upward, each handed out once (shared by the clients:
    next() on itertools.count is atomic under the GIL)."""

    def __init__(self, first: int, members: int) -> None:
        self.first, self.members = first, members
        self._next = itertools.count(first)

    def take(self) -> str:
        index = next(self._next)
        # Past the population: a phone nobody holds, which fails NOT_FOUND (an error row).
        return phone_of(index)

    def used(self) -> int:
        return min(next(self._next), self.members) - self.first


def lookup_calls(fresh: FreshPhones) -> dict:
    """The ledger benchmark's calls plus the two lookups this benchmark measures."""
    return {
        **load.CALLS,
        "find-hit": lambda channel, member, key: _find(
            channel, phone_of(int(member.removeprefix("bench-")))
        ),
        "find-miss": lambda channel, member, key: _find(channel, fresh.take()),
    }


@dataclasses.dataclass
class Phase:
    op: str
    clients: int
    load: Load
    server: dict  # the op's costs as the server counted them (benchmarks.probes)
    store_cpu_ms: float | None = None  # the MongoDB server's CPU per request, when here


@dataclasses.dataclass
class EventsRun:
    events: int
    members: int  # members the events went to
    seconds: float
    publish_seconds: float
    consumer: dict  # the consumer thread's round trips and time (probes.Cost)
    relay: dict  # the members relay's meanwhile (tier-changed events)
    tiers_before: dict[str, int]
    tiers_after: dict[str, int]
    expected: dict[str, int]  # the tiers the events should lead to, worked out here
    store_cpu_ms: float | None = None  # the MongoDB server's CPU per event, when here

    def per_event(self, source: dict, field: str) -> float:
        return source.get(field, 0) / self.events


@contextlib.contextmanager
def members_server(store: BenchStore, redis_url: str, members: int) -> Iterator[int]:
    """The benchmark server in its own process; yields its port once it is seeded."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "benchmarks.members_server",
            "--mongodb-uri",
            store.uri,
            "--database",
            store.database("members"),
            "--redis-url",
            redis_url,
            "--members",
            str(members),
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


def run_phase(
    clients: Clients, control: Control, store: BenchStore, op: str, count: int, args
) -> Phase:
    progress(f"{op}: {count} clients")
    clients.run(op, count, args.warmup)
    control.settle()
    control.take_stats()  # forget the warm-up
    store_cpu = store.cpu()
    measured = clients.run(op, count, args.seconds)
    store_cpu_ms = per_request_ms(store_cpu, store.cpu(), measured.requests)
    stats = control.take_stats()
    return Phase(op, count, measured, stats["ops"].get(SERVER_OP[op], {}), store_cpu_ms)


def run_events(
    redis_client: redis.Redis, channel: grpc.Channel, control, store: BenchStore, args
) -> EventsRun:
    """Publishes the events, starts the consumer, waits until its group has caught up."""
    rng = random.Random(20260101)  # noqa: S311 - a repeatable workload, not a secret
    targets = max(1, args.events // EVENTS_PER_MEMBER)
    chosen = rng.sample(range(args.members), min(targets, args.members))
    totals: dict[str, int] = {}
    raw = []
    for n in range(args.events):
        member = member_id(chosen[n % len(chosen)])
        points = rng.randint(50, 600)
        totals[member] = totals.get(member, 0) + points
        raw.append(points_earned(member, n, points).SerializeToString())
    expected = {
        "silver": sum(1000 <= t < 5000 for t in totals.values()),
        "gold": sum(t >= 5000 for t in totals.values()),
    }
    before = control.take_stats()
    progress(f"events: {args.events:,} to {len(chosen):,} members")
    store_cpu = store.cpu()
    started = time.perf_counter()
    for first in range(0, len(raw), PUBLISH_BATCH):
        bus.publish(redis_client, bus.POINTS_STREAM, raw[first : first + PUBLISH_BATCH])
    published = time.perf_counter() - started
    channel.unary_unary(f"/{BENCH_SERVICE}/StartConsumer")(b"")
    while not group_caught_up(redis_client, bus.POINTS_STREAM, GROUP):
        if time.perf_counter() - started > CATCH_UP_TIMEOUT_SECONDS:
            raise SystemExit("the tier engine did not catch up")
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    control.settle()  # the tier-changed events reach their stream
    store_cpu_ms = per_request_ms(store_cpu, store.cpu(), args.events)
    after = control.take_stats()
    return EventsRun(
        args.events,
        len(chosen),
        seconds,
        published,
        after["background"].get(CONSUMER_THREAD, {}),
        after["background"].get(RELAY_THREAD, {}),
        before["tiers"],
        after["tiers"],
        expected,
        store_cpu_ms,
    )


def points_earned(member: str, n: int, points: int) -> events_pb2.Envelope:
    return bus.envelope(
        "points.earned",
        "points",
        member,
        uuid.uuid4().hex,
        points_earned=events_pb2.PointsEarned(
            entry_id=f"bench-entry-{n}",
            partner_id="bench-partner",
            store_id="bench-store",
            transaction_id=f"bench-tx-{n}",
            amount=common_pb2.Money(amount_minor=points * 10_000, currency="VND"),
            points=points,
            qualifying_points=points,
            purchased_at=bus.timestamp(clock.now()),
        ),
    )


def group_caught_up(client: redis.Redis, stream: str, group: str) -> bool:
    """The consumer group has read up to the stream's last entry and acknowledged all
    (as tests/conftest.py's)."""
    with contextlib.suppress(redis.ResponseError):  # no group yet
        last = client.xinfo_stream(stream)["last-generated-id"]
        info = next((g for g in client.xinfo_groups(stream) if g["name"] == group.encode()), None)
        return info is not None and info["last-delivered-id"] == last and info["pending"] == 0
    return False


def progress(message: str) -> None:
    print(f"bench-members: {message}", file=sys.stderr, flush=True)


# The report


def report(args, store: str, redis_version: str, phases, events: EventsRun, fresh) -> str:
    return "\n".join(
        [
            *header(args, store, redis_version, fresh),
            "",
            *table(LOOKUP_COLUMNS, phases),
            "",
            *table(EVENT_COLUMNS, [events]),
            *event_notes(events),
            *failures(phases),
        ]
    )


def header(args, store: str, redis_version: str, fresh: FreshPhones) -> list[str]:
    clients = " ".join(map(str, args.clients))
    warm = warm_count(args)
    return [
        "Members benchmark: python -m benchmarks.members "
        f"--members {args.members} --seconds {args.seconds:g} --warmup {args.warmup:g} "
        f"--clients {clients} --events {args.events}",
        f"machine: {os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}; server, clients and the stores it runs share it",
        "server: members service (MembersService + tier engine consumer + members relay) in "
        "its own process, gRPC on loopback; clients: threads here, one channel each, closed loop",
        f"store: {store}",
        f"Redis {redis_version} (embedded redis-server, started by the benchmark)",
        f"population: {args.members:,} members (bulk-seeded, one phone each, all at the entry "
        f"tier); find-hit asks for the {warm:,} phones looked up once beforehand; find-miss "
        f"took {fresh.used():,} of the other {args.members - warm:,} phones, one per request",
        f"each lookup row: {args.seconds:g} s measured after {args.warmup:g} s warm-up. "
        "RT = round trips per request (common/max); ms and CPU = means per request.",
        "own CPU = the servicer's CPU less the store's and the Redis client's; "
        "server ms = time inside the servicer",
        "db CPU = the MongoDB server process's CPU per request, or per event in the events "
        "row (- when the server is not on this machine)",
    ]


LOOKUP_COLUMNS = LOAD_COLUMNS

EVENT_COLUMNS = (
    ("op", "<12", lambda e: "events"),
    ("events", ">7", lambda e: f"{e.events:,}"),
    ("members", ">7", lambda e: f"{e.members:,}"),
    ("seconds", ">7", lambda e: f"{e.seconds:.1f}"),
    ("events/s", ">8", lambda e: f"{e.events / e.seconds:.1f}"),
    ("Mongo RT", ">8", lambda e: f"{e.per_event(e.consumer, 'mongo_calls'):.2f}"),
    ("Mongo ms", ">8", lambda e: f"{e.per_event(e.consumer, 'mongo_seconds') * 1000:.2f}"),
    ("Redis RT", ">8", lambda e: f"{e.per_event(e.consumer, 'redis_calls'):.2f}"),
    ("Redis ms", ">8", lambda e: f"{e.per_event(e.consumer, 'redis_seconds') * 1000:.2f}"),
    ("relay RT", ">8", lambda e: f"{e.per_event(e.relay, 'mongo_calls'):.2f}"),
    ("relay ms", ">8", lambda e: f"{e.per_event(e.relay, 'mongo_seconds') * 1000:.2f}"),
    ("db CPU ms", ">9", lambda e: "-" if e.store_cpu_ms is None else f"{e.store_cpu_ms:.2f}"),
    ("tier changes", ">12", lambda e: f"{_changed(e.tiers_after):,}"),
    ("expected", ">8", lambda e: f"{sum(e.expected.values()):,}"),
)


def _changed(tiers: dict[str, int]) -> int:
    return sum(n for code, n in tiers.items() if code != "member")


def event_notes(run: EventsRun) -> list[str]:
    def tiers(counts: dict) -> str:
        return ", ".join(f"{code or '(none)'} {n:,}" for code, n in sorted(counts.items()))

    return [
        f"events: per event, RT and ms are the consumer thread's (Mongo, Redis) and the "
        f"members relay's (Mongo); published in {run.publish_seconds:.2f} s, "
        f"{PUBLISH_BATCH} per pipeline, then the consumer started",
        f"tiers before: {tiers(run.tiers_before)}; after: {tiers(run.tiers_after)}; "
        f"expected from the events: silver {run.expected['silver']:,}, "
        f"gold {run.expected['gold']:,}",
    ]


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


def warm_count(args) -> int:
    """Phones looked up beforehand (find-hit's, asked for round and round); the rest are
    find-miss's, one each, so they are the more."""
    return args.members // 4


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # 20,000: find-miss takes a phone of its own per request, and a real store answers
    # several hundred a second here, so 15,000 last both of its rows.
    parser.add_argument("--members", type=int, default=20_000, help="members seeded (20000)")
    parser.add_argument("--seconds", type=float, default=5.0, help="measured per row (5)")
    parser.add_argument("--warmup", type=float, default=1.0, help="warm-up per row (1)")
    parser.add_argument(
        "--clients", type=int, nargs="+", default=[4, 16], help="concurrent clients (4 16)"
    )
    # 3,000: the tier engine handles about 180 a second on this machine's SecantusDB,
    # so the row lasts long enough (about 15 s) to be a rate and not a start-up.
    parser.add_argument(
        "--events", type=int, default=3000, help="points.earned events for the tier engine (3000)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    warm = warm_count(args)
    fresh = FreshPhones(warm, args.members)
    progress("starting MongoDB" if not os.environ.get("MONGODB_URI") else "MONGODB_URI given")
    with BenchStore() as store, EmbeddedRedis() as redis_server:
        store_line = store.describe()
        redis_client = redis.Redis.from_url(redis_server.url)
        redis_version = redis_client.info("server")["redis_version"]
        progress(f"seeding {args.members:,} members")
        with members_server(store, redis_server.url, args.members) as port:
            clients = Clients(f"127.0.0.1:{port}", max(args.clients), warm, lookup_calls(fresh))
            try:
                control = Control(clients.channels[0])
                progress(f"looking up {warm:,} phones once")
                warmed = json.loads(
                    clients.channels[0].unary_unary(f"/{BENCH_SERVICE}/Warm")(
                        str(warm).encode(), timeout=300
                    )
                )
                progress(f"warmed {warmed['warmed']:,}")
                phases = [
                    run_phase(clients, control, store, op, count, args)
                    for count in args.clients
                    for op in OPS
                ]
                events = run_events(redis_client, clients.channels[0], control, store, args)
            finally:
                clients.close()
    print(report(args, store_line, redis_version, phases, events, fresh))


if __name__ == "__main__":
    main()
