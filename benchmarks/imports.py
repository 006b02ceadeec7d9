"""make bench-import: 100,000 members imported from a CSV file, as `loyalty import` does it.

Starts the suite as `loyalty dev` does (one process per service, the gateway) on the
benchmark's MongoDB (benchmarks/store.py: a SecantusDB server of its own, or MONGODB_URI
in databases of this run's own, dropped at the end), sets the flow tests' tier ladder
(member, silver, gold), writes a file of `--members` members (Vietnamese names, phones,
e-mails for half, tiers, opening balances, a fifth with an expiry date, consents), reads it
with `loyalty import`'s reader and runs the import through the members service's
ImportsService exactly as the command does (pages of 1,000 rows, start, GetImport every
0.5 s). Prints each phase's time and rate (upload, validation, applying) and the whole
import's rows/s, then checks the outcome: every member there once, and the ledger's points
liability equal to the file's balances. A measurement, not a test.

    make bench-import BENCH_ARGS="--members 20000"
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
import uuid
from pathlib import Path

import grpc
import pymongo
from google.protobuf import json_format

from benchmarks.store import BenchStore
from cli import imports as cli_imports
from cli.suite import Ports, Suite
from common.grpc_client import open_channel
from loyalty.members.v1 import imports_pb2, imports_pb2_grpc, tiers_pb2, tiers_pb2_grpc
from loyalty.points.v1 import ledger_pb2, ledger_pb2_grpc
from tests.support.imports import member_rows, opening_points, write_csv
from tests.support.members import LADDER


def _ladder(channel: grpc.Channel) -> None:
    tiers_pb2_grpc.TiersServiceStub(channel).SetTierLadder(
        tiers_pb2.SetTierLadderRequest(
            ladder=json_format.ParseDict(LADDER, tiers_pb2.TierLadder()),
            expected_version=0,
            actor="bench",
            reason="bench-import",
        ),
        timeout=30,
    )


class Phases:
    """When the import entered each state, from GetImport's answers."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.entered: dict[int, float] = {}

    def __call__(self, current: imports_pb2.Import) -> None:
        self.entered.setdefault(current.state, time.monotonic() - self.started)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench-import", description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--log-dir", type=Path, help="keep the processes' logs here")
    args = parser.parse_args(argv)
    env = {
        "LOG_LEVEL": "warning",
        "BOOTSTRAP_ADMIN_KEY": f"lsk_bench{uuid.uuid4().hex[:6]}_{uuid.uuid4().hex}",
    }
    prefix = f"bench_import_{uuid.uuid4().hex[:8]}_"
    print(
        f"Import benchmark: python -m benchmarks.imports --members {args.members}\n"
        f"machine: {os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}; the suite's processes, the store and this "
        "client share it"
    )
    with tempfile.TemporaryDirectory() as scratch, BenchStore() as store:
        env["MONGODB_URI"] = store.uri
        print(f"store: {store.describe()}")
        rows = member_rows(args.members)
        path = write_csv(Path(scratch) / "members.csv", rows)
        size_mb = path.stat().st_size / 1e6
        read_started = time.monotonic()
        file = cli_imports.read_csv(path)
        read_seconds = time.monotonic() - read_started
        try:
            with Suite(
                Ports.free(), log_dir=args.log_dir or Path(scratch), env=env, database_prefix=prefix
            ) as suite:
                members_channel = open_channel(suite.grpc_address("members"), 60)
                _ladder(members_channel)
                stub = imports_pb2_grpc.ImportsServiceStub(members_channel)
                phases = Phases()
                cpu_before = store.cpu()
                outcome = cli_imports.run_import(
                    stub, "members", file, "bench-import", skip_bad_rows=False, progress=phases
                )
                total = time.monotonic() - phases.started
                cpu_after = store.cpu()
                imported = outcome.imported
                upload = phases.entered.get(imports_pb2.IMPORT_STATE_VALIDATING, 0.0)
                applying = phases.entered.get(imports_pb2.IMPORT_STATE_APPLYING, upload)
                done = phases.entered.get(imports_pb2.IMPORT_STATE_COMPLETED, total)
                points = ledger_pb2_grpc.LedgerServiceStub(
                    open_channel(suite.grpc_address("points"), 60)
                )
                liability = points.GetLiability(ledger_pb2.GetLiabilityRequest(), timeout=60)
                with pymongo.MongoClient(store.uri) as client:
                    enrolled = client[f"{prefix}members"]["members"].count_documents({})
        finally:
            with pymongo.MongoClient(store.uri) as client:
                for name in client.list_database_names():
                    if name.startswith(prefix):
                        client.drop_database(name)
    n = args.members
    print(
        f"file: {n:,} members, {size_mb:.1f} MB, read and parsed in "
        f"{read_seconds:.1f} s; import ALL_OR_NOTHING, batches of 1,000, no welcome messages"
    )
    print(f"{'phase':<28}{'seconds':>10}{'rows/s':>10}")
    for name, seconds in (
        ("upload (AddImportRows)", upload),
        ("validation", applying - upload),
        ("applying", done - applying),
        ("whole import", done),
    ):
        print(f"{name:<28}{seconds:>10.1f}{n / max(seconds, 1e-9):>10,.0f}")
    if cpu_before is not None and cpu_after is not None:
        used = cpu_after - cpu_before
        print(f"MongoDB server CPU: {used:.1f} s ({used / done * 100:.0f}% of one core)")
    expected = opening_points(rows, set())
    print(
        f"outcome: {cli_imports.STATE_NAMES[imported.state]}, {imported.rows_applied:,} "
        f"applied, {imported.rows_failed:,} bad; members stored {enrolled:,}; points "
        f"liability {liability.total:,} (the file's balances: {expected:,}) "
        + ("OK" if enrolled == n and liability.total == expected else "MISMATCH")
    )


if __name__ == "__main__":
    main()
