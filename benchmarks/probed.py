"""Runs one process of the suite with per-call timers on its MongoDB and Redis clients.

    python -m benchmarks.probed -m services.points
    python -m benchmarks.probed -m gunicorn -c python:gateway.gunicorn_conf ...

`make bench` starts every process of the suite through this launcher. Before the module
runs, every MongoDB round trip (a pymongo collection method named in
common.stores.ROUND_TRIP_METHODS, or a cursor sending its query or a getMore) and every
Redis command or pipeline is wrapped in a timer that adds its count, wall time and the
calling thread's CPU time (pymongo's BSON encoding and decoding included) to this
process's totals. The totals are written as JSON to $LOYALTY_PROBE_DIR/<pid>.json every
100 ms (gunicorn's workers each write their own), so the benchmark can take the CPU a
process spent outside its store and Redis clients: its own work.

The launcher changes no code of the suite's: the store baseline is a process of its own
(benchmarks/baseline_points.py).
"""

from __future__ import annotations

import collections
import functools
import json
import os
import runpy
import sys
import threading
import time
from pathlib import Path

import pymongo.collection
import pymongo.command_cursor
import pymongo.cursor
import redis.client

from common.stores import ROUND_TRIP_METHODS

WRITE_EVERY_SECONDS = 0.1
FIELDS = ("calls", "seconds", "cpu")


class Totals:
    """This process's round trips so far, by kind ("mongo", "redis")."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.values = {f"{kind}_{field}": 0.0 for kind in ("mongo", "redis") for field in FIELDS}
        self.calls = collections.Counter()  # by what they were: "mongo accounts.update_one"
        self.call_seconds = collections.Counter()  # their wall time, likewise
        self.depth = threading.local()  # a round trip inside another is not counted twice

    def timed(self, kind: str, what, call, *args, **kwargs):
        depth = getattr(self.depth, "n", 0)
        if depth:
            return call(*args, **kwargs)
        self.depth.n = 1
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return call(*args, **kwargs)
        finally:
            wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
            self.depth.n = 0
            if b"BLOCK" in args:  # a consumer waiting for events: idle, not a cost
                wall = 0.0
            with self.lock:
                name = what(args)
                self.calls[name] += 1
                self.call_seconds[name] += wall
                self.values[f"{kind}_calls"] += 1
                self.values[f"{kind}_seconds"] += wall
                self.values[f"{kind}_cpu"] += cpu

    def reset(self) -> None:
        self.lock = threading.Lock()
        self.values = dict.fromkeys(self.values, 0.0)
        self.calls = collections.Counter()
        self.call_seconds = collections.Counter()


TOTALS = Totals()


def _time_method(cls, name: str, kind: str, what) -> None:
    original = getattr(cls, name, None)
    if original is None:
        return

    @functools.wraps(original)
    def timed(*args, **kwargs):
        return TOTALS.timed(kind, what, original, *args, **kwargs)

    setattr(cls, name, timed)


def install_timers() -> None:
    for name in ROUND_TRIP_METHODS:
        _time_method(
            pymongo.collection.Collection,
            name,
            "mongo",
            functools.partial(_collection_call, name),
        )
    # A find() is a round trip each time its cursor sends a message: the query, then each
    # getMore (pymongo's _refresh also runs when the cursor is already exhausted, without
    # sending anything, so it is not the one timed). An aggregate's getMores likewise.
    _time_method(pymongo.cursor.Cursor, "_send_message", "mongo", _cursor_call)
    _time_method(pymongo.command_cursor.CommandCursor, "_send_message", "mongo", _cursor_call)
    _time_method(redis.client.Redis, "execute_command", "redis", _redis_call)
    _time_method(redis.client.Pipeline, "execute", "redis", lambda args: "redis pipeline")


def _collection_call(method: str, args: tuple) -> str:
    return f"mongo {args[0].name}.{method}"


def _cursor_call(args: tuple) -> str:
    cursor = args[0]
    collection = getattr(cursor, "_collection", None)
    what = "find" if isinstance(cursor, pymongo.cursor.Cursor) else "getMore"
    return f"mongo {getattr(collection, 'name', '?')}.{what}"


def _redis_call(args: tuple) -> str:
    command = args[1] if len(args) > 1 else "?"
    return f"redis {command.decode() if isinstance(command, bytes) else command}"


def start_writing(folder: Path) -> None:
    """A daemon thread writing this process's totals; restarted in each forked child."""

    def write_forever() -> None:
        path = folder / f"{os.getpid()}.json"
        scratch = path.with_suffix(".tmp")
        while True:
            with TOTALS.lock:
                values = {
                    **TOTALS.values,
                    "by_call": dict(TOTALS.calls),
                    "by_call_seconds": dict(TOTALS.call_seconds),
                }
            scratch.write_text(json.dumps({"pid": os.getpid(), **values}))
            scratch.replace(path)
            time.sleep(WRITE_EVERY_SECONDS)

    def start() -> None:
        threading.Thread(target=write_forever, name="probe-writer", daemon=True).start()

    def in_child() -> None:
        TOTALS.reset()
        start()

    os.register_at_fork(after_in_child=in_child)
    start()


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[0] != "-m":
        raise SystemExit("usage: python -m benchmarks.probed -m MODULE [ARGS...]")
    module = argv[1]
    install_timers()
    start_writing(Path(os.environ["LOYALTY_PROBE_DIR"]))
    sys.argv = [module, *argv[2:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
