"""make bench-export: the members export over 100,000 members under a fixed RSS bound.

Starts the suite as `loyalty dev` does (gunicorn gateway, one process per service) on a
MongoDB of its own (or MONGODB_URI, in databases of this run's own, dropped at the end),
seeds members in bulk straight into the members service's database (insert_many, a
thousand a round trip, in the shape the directory stores), and streams
GET /v1/admin/exports/members (CSV, then JSON Lines) through the gateway, reading the
answer in 64 KiB chunks and keeping nothing. It runs a baseline population first and the
large one after, on the same processes, so the figures show whether memory grows with the
members: each process's VmRSS is sampled every 0.1 s during each export (the members
service, every gateway process, this client). A measurement, not a test.

    make bench-export BENCH_ARGS="--members 50000 --baseline 5000 --bound-mib 200"
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pymongo

from benchmarks.store import BenchStore
from cli.suite import Ports, Suite

SAMPLE_SECONDS = 0.1
CLIENT = "benchmark client"  # this process (its children are the suite's)
CHUNK = 64 * 1024
SEED_BATCH = 1000


def member_doc(index: int, enrolled: datetime) -> dict:
    """A member as the directory stores one (services/members/directory/store.py), every
    tenth erased (its personal fields removed)."""
    doc = {
        "_id": f"m{index:08d}",
        "member_number": f"{100000 + index}",
        "status": "active",
        "enrolled_at": enrolled + timedelta(seconds=index),
        "version": 1,
        "language": "vi",
        "time_zone": "Asia/Ho_Chi_Minh",
        "preferred_channels": ["CHANNEL_SMS"],
        "consents": {"sms": {"granted": True, "at": enrolled, "source": "bench"}},
        "consent_history": [],
        "tier_code": "member",
    }
    if index % 10 == 9:
        return {**doc, "status": "erased", "erased_at": enrolled, "consents": {}}
    return {
        **doc,
        "name": f"Nguyễn Thị Bench {index}",
        "phone": f"+8490{index:07d}",
        "email": f"bench{index}@example.vn",
        "birthday": "1990-05-01",
    }


def seed(uri: str, database: str, start: int, stop: int) -> float:
    began = time.perf_counter()
    enrolled = datetime(2025, 1, 1, tzinfo=UTC)
    with pymongo.MongoClient(uri) as client:
        members = client[database]["members"]
        for first in range(start, stop, SEED_BATCH):
            last = min(first + SEED_BATCH, stop)
            members.insert_many([member_doc(i, enrolled) for i in range(first, last)])
    return time.perf_counter() - began


def memory_kib(pid: int, field: str = "VmRSS") -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except FileNotFoundError:
        return []
    return [int(p) for p in text.split()]


class Sampler(threading.Thread):
    """The largest VmRSS of each named process (and its children) while it runs."""

    def __init__(self, pids: dict[str, int]) -> None:
        super().__init__(name="rss-sampler", daemon=True)
        self.pids = pids
        self.peaks: dict[str, int] = {}
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            for name, pid in self.pids.items():
                family = [pid] if name == CLIENT else [pid, *children(pid)]
                for index, each in enumerate(family):
                    label = name if index == 0 else f"{name} worker {index}"
                    self.peaks[label] = max(self.peaks.get(label, 0), memory_kib(each))
            self.stopping.wait(SAMPLE_SECONDS)

    def stop(self) -> dict[str, int]:
        self.stopping.set()
        self.join()
        return self.peaks


def export(base: str, key: str, chosen: str) -> tuple[int, int, float]:
    """(rows, bytes, seconds) of one streamed export, read in chunks, nothing kept."""
    url = f"{base}/v1/admin/exports/members?format={chosen}"
    request = urllib.request.Request(url, headers={"X-API-Key": key})  # noqa: S310 - ours
    began, size, lines, tail = time.perf_counter(), 0, 0, b""
    with urllib.request.urlopen(request, timeout=3600) as reply:  # noqa: S310 - our own URL
        while chunk := reply.read(CHUNK):
            size += len(chunk)
            lines += chunk.count(b"\n")
            tail = chunk[-200:]
    rows = lines - (1 if chosen == "csv" else 0)
    last = tail.decode("utf-8", "replace").splitlines()[-1]
    if chosen == "csv":  # the last row parses, so the stream ended whole
        next(csv.reader(io.StringIO(last)))
    return rows, size, time.perf_counter() - began


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench-export", description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=10_000)
    parser.add_argument("--bound-mib", type=float, default=200.0, help="RSS bound per process")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--log-dir", type=Path, help="keep the processes' logs here")
    args = parser.parse_args(argv)
    admin_key = f"lsk_bench{uuid.uuid4().hex[:6]}_{uuid.uuid4().hex}"
    env = {
        "LOG_LEVEL": "info",
        "BOOTSTRAP_ADMIN_KEY": admin_key,
        "GATEWAY_WORKERS": str(args.workers),
        "RATE_LIMIT_PER_MINUTE": str(10**9),
    }
    prefix = f"bench_export_{uuid.uuid4().hex[:8]}_"
    given = "MONGODB_URI given" if os.environ.get("MONGODB_URI") else "starting MongoDB"
    print(f"bench-export: {given}")
    results = []
    with tempfile.TemporaryDirectory() as scratch, BenchStore() as store:
        env["MONGODB_URI"] = store.uri
        try:
            with Suite(
                Ports.free(), log_dir=args.log_dir or Path(scratch), env=env, database_prefix=prefix
            ) as suite:
                database = f"{prefix}members"
                pids = {
                    "members service": suite.processes["members"].pid,
                    "gateway (gunicorn)": suite.processes["gateway"].pid,
                    CLIENT: os.getpid(),
                }
                seeded = 0
                for population in (args.baseline, args.members):
                    seconds = seed(store.uri, database, seeded, population)
                    print(
                        f"bench-export: seeded {population - seeded:,} members in {seconds:.1f} s",
                        flush=True,
                    )
                    seeded = population
                    for chosen in ("csv", "jsonl"):
                        sampler = Sampler(pids)
                        sampler.start()
                        rows, size, took = export(suite.gateway_url, admin_key, chosen)
                        peaks = sampler.stop()
                        assert rows == population, (rows, population)
                        results.append((population, chosen, rows, size, took, peaks))
                        print(
                            f"bench-export: {population:,} members {chosen}: {rows:,} rows, "
                            f"{size / 2**20:.1f} MiB in {took:.1f} s",
                            flush=True,
                        )
                describe = store.describe()
        finally:
            with pymongo.MongoClient(store.uri) as client:
                for name in client.list_database_names():
                    if name.startswith(prefix):
                        client.drop_database(name)
    print(render(args, describe, results))


def render(args, describe: str, results: list) -> str:
    lines = [
        "",
        f"make bench-export: GET /v1/admin/exports/members through the gateway "
        f"(gunicorn, {args.workers} workers), store: {describe}; members seeded in bulk, "
        "every tenth erased; figures in MiB: the largest VmRSS of each process sampled every "
        "0.1 s during the export",
        "",
        "| members | format | rows | MiB | seconds | rows/s | members service | gateway "
        "master | gateway worker (largest) | client |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    worst = 0.0
    for population, chosen, rows, size, took, peaks in results:
        mib = {label: kib / 1024 for label, kib in peaks.items()}
        worker = max((v for k, v in mib.items() if "gunicorn) worker" in k), default=0.0)
        figures = [mib.get("members service", 0), mib.get("gateway (gunicorn)", 0), worker]
        figures.append(mib.get(CLIENT, 0))
        worst = max(worst, *figures)
        lines.append(
            f"| {population:,} | {chosen} | {rows:,} | {size / 2**20:.1f} | {took:.1f} "
            f"| {rows / took:,.0f} | " + " | ".join(f"{f:.1f}" for f in figures) + " |"
        )
    verdict = "within" if worst <= args.bound_mib else "ABOVE"
    lines += [
        "",
        f"largest RSS of any process: {worst:.1f} MiB, {verdict} the {args.bound_mib:g} MiB "
        "bound; compare each process between the two populations to see memory stay flat",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
