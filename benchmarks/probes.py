"""What a request costs: MongoDB and Redis round trips, and the time spent in them.

The benchmark server wraps the ledger store's collections (pymongo's) and its Redis
client in counting proxies. A call made while a request is measured is charged to that
request; any other call is charged to the thread that made it, by name, so the outbox
relay's background work is seen apart from the request path.

What is one MongoDB round trip: each collection method named in
common.stores.ROUND_TRIP_METHODS, and each batch a find() cursor fetches (its first
query and every getMore), as each is one request to the server and its answer.

Each round trip is timed twice: wall time (the request over TCP, the server's work and
its answer, and waiting for this process's GIL to read it) and the calling thread's CPU
time (pymongo encoding the request and decoding the answer's BSON, and the socket calls),
so the service's own CPU outside the MongoDB and Redis clients can be told apart.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import threading
import time
from collections.abc import Callable

import redis

from common.stores import ROUND_TRIP_METHODS


@dataclasses.dataclass
class Cost:
    mongo_calls: int = 0
    mongo_seconds: float = 0.0
    mongo_cpu: float = 0.0
    redis_calls: int = 0
    redis_seconds: float = 0.0
    redis_cpu: float = 0.0

    def charge(self, kind: str, wall: float, cpu: float) -> None:
        setattr(self, f"{kind}_calls", getattr(self, f"{kind}_calls") + 1)
        setattr(self, f"{kind}_seconds", getattr(self, f"{kind}_seconds") + wall)
        setattr(self, f"{kind}_cpu", getattr(self, f"{kind}_cpu") + cpu)

    def add(self, other: Cost) -> None:
        for field in dataclasses.fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


@dataclasses.dataclass
class OpTotals:
    """Every measured request of one operation since the last take()."""

    requests: int = 0
    errors: int = 0
    seconds: float = 0.0  # wall time inside the servicer
    cpu: float = 0.0  # the request thread's CPU time inside the servicer
    cost: Cost = dataclasses.field(default_factory=Cost)
    # How many requests made n round trips: the common case and the worst one.
    mongo_calls_seen: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    redis_calls_seen: collections.Counter = dataclasses.field(default_factory=collections.Counter)

    def record(self, wall: float, cpu: float, cost: Cost, failed: bool) -> None:
        self.requests += 1
        self.errors += failed
        self.seconds += wall
        self.cpu += cpu
        self.cost.add(cost)
        self.mongo_calls_seen[cost.mongo_calls] += 1
        self.redis_calls_seen[cost.redis_calls] += 1

    def summary(self) -> dict:
        """Means per request (times in ms), and the common and worst round-trip counts."""
        n = max(self.requests, 1)
        cost = self.cost
        return {
            "requests": self.requests,
            "errors": self.errors,
            "server_ms": self.seconds / n * 1000,
            "cpu_ms": self.cpu / n * 1000,
            # The servicer's CPU less what the store and the Redis client burnt: the
            # ledger's own work, which a real MongoDB would not take away.
            "own_cpu_ms": (self.cpu - cost.mongo_cpu - cost.redis_cpu) / n * 1000,
            "mongo_calls": cost.mongo_calls / n,
            "mongo_common": _most_common(self.mongo_calls_seen),
            "mongo_max": max(self.mongo_calls_seen, default=0),
            "mongo_ms": cost.mongo_seconds / n * 1000,
            "redis_calls": cost.redis_calls / n,
            "redis_common": _most_common(self.redis_calls_seen),
            "redis_max": max(self.redis_calls_seen, default=0),
            "redis_ms": cost.redis_seconds / n * 1000,
        }


def _most_common(seen: collections.Counter) -> int:
    return seen.most_common(1)[0][0] if seen else 0


class Probe:
    """Collects costs per operation (foreground) and per thread (background); thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._local = threading.local()
        self._ops: dict[str, OpTotals] = collections.defaultdict(OpTotals)
        self._background: dict[str, Cost] = collections.defaultdict(Cost)

    def measured(self, op: str, handler: Callable) -> Callable:
        """`handler(request, context)`, with every call it makes charged to `op`."""

        def measure(request, context):
            cost = Cost()
            self._local.cost = cost
            failed = True
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                response = handler(request, context)
                failed = False
                return response
            finally:
                wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
                self._local.cost = None
                with self._lock:
                    self._ops[op].record(wall, cpu, cost, failed)

        return measure

    def timed(self, kind: str, call: Callable, *args, **kwargs):
        """Runs one round trip (`kind` is "mongo" or "redis") and charges it."""
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return call(*args, **kwargs)
        finally:
            self._charge(kind, time.perf_counter() - wall, time.thread_time() - cpu)

    def _charge(self, kind: str, wall: float, cpu: float) -> None:
        cost = getattr(self._local, "cost", None)
        if cost is not None:  # only this thread touches a request's own cost
            cost.charge(kind, wall, cpu)
            return
        with self._lock:
            self._background[threading.current_thread().name].charge(kind, wall, cpu)

    def take(self) -> tuple[dict[str, OpTotals], dict[str, Cost]]:
        """Everything recorded since the last take, and a fresh start."""
        with self._lock:
            ops, self._ops = self._ops, collections.defaultdict(OpTotals)
            background, self._background = self._background, collections.defaultdict(Cost)
        return dict(ops), dict(background)


class CountedCollection:
    """A pymongo-style collection whose round trips are charged to the probe."""

    def __init__(self, collection, probe: Probe) -> None:
        self._collection = collection
        self._probe = probe

    def find(self, *args, **kwargs) -> CountedCursor:
        return CountedCursor(self._collection.find(*args, **kwargs), self._probe)

    def __getattr__(self, name: str):
        attribute = getattr(self._collection, name)
        if name in ROUND_TRIP_METHODS:
            return functools.partial(self._probe.timed, "mongo", attribute)
        return attribute


class CountedCursor:
    """A find()'s pymongo cursor: each batch it fetches from the server (the query, then
    each getMore) is one round trip, charged when it happens."""

    def __init__(self, cursor, probe: Probe) -> None:
        self._cursor = cursor
        # pymongo sends the query and each getMore through this method of the cursor.
        cursor._send_message = functools.partial(probe.timed, "mongo", cursor._send_message)

    def __getattr__(self, name: str):
        attribute = getattr(self._cursor, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            result = attribute(*args, **kwargs)
            return self if result is self._cursor else result  # sort(), limit(), ...

        return call

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._cursor)


def count_store(store, probe: Probe) -> None:
    """Wraps every collection the ledger store reaches (its attributes that are collections)."""
    for name, value in list(vars(store).items()):
        if name != "db" and hasattr(value, "find_one"):
            setattr(store, name, CountedCollection(value, probe))


def count_redis(client: redis.Redis, probe: Probe) -> None:
    """Charges each command, and each pipeline's execute, as one Redis round trip.

    Scripts registered on the client (the balance cache's) call the client's
    execute_command, so they are counted here too.
    """
    execute_command = client.execute_command
    client.execute_command = functools.partial(probe.timed, "redis", execute_command)
    make_pipeline = client.pipeline

    def pipeline(*args, **kwargs):
        pipe = make_pipeline(*args, **kwargs)
        pipe.execute = functools.partial(probe.timed, "redis", pipe.execute)
        return pipe

    client.pipeline = pipeline
