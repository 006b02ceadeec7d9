"""The ledger audit over many accounts, against a memory bound (issue #21).

    make bench-audit                     # = python -m benchmarks.audit
    make bench-audit BENCH_ARGS="--accounts 50000 --baseline 5000"
    MONGODB_URI=mongodb://... make bench-audit    # on your MongoDB, in databases of its own

A measurement, not a test: it asserts nothing and writes no file. For each population,
the baseline's first (--baseline accounts), then --accounts, in a database of its own on
the benchmark's store (benchmarks/store.py):

1. Seeds the accounts in bulk. Each account's history is made in this process by the
   ledger's own domain operations (purchases earning lots, a payment in points spending
   from them), stamped as the ledger stamps a saved change, and written as the relay
   leaves it: the account document with an empty outbox, its entries in `entries`, its
   closed lots in `lots`. Inserted with insert_many, SEED_BATCH accounts a batch, into
   collections indexed first as the points service indexes them.
2. Runs the audit job, `python -m services.points.ledger.audit_job` (what the audit
   CronJob runs), in a process of its own on that database, through
   benchmarks/audit_probe.py: the job's `main()` as is, after which the probe prints the
   process's VmHWM (its peak resident memory) from /proc/self/status. Meanwhile this
   process samples the job's VmRSS every SAMPLE_SECONDS.

Prints per population: accounts, entries, seconds, accounts/s, the job's peak RSS (and
the largest sample), the audit's verdict (the seeded ledger is exact: a drift would be a
fault) and the peak against --bound-mib; then how the peak moved between the two.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pymongo

from benchmarks.audit_probe import PEAK_PREFIX
from benchmarks.store import BenchStore
from services.points.ledger.domain import operations
from services.points.ledger.domain.model import PURCHASE, Account, Lot
from services.points.ledger.store import LedgerStore, account_to_doc, entry_to_doc, lot_to_doc

REPO = Path(__file__).resolve().parent.parent
SEED_BATCH = 5000  # accounts per insert_many (their entries likewise, in one call)
SAMPLE_SECONDS = 0.05
# A fixed instant: the seeded history does not depend on the day the benchmark runs.
OPENED = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
PARTNER, STORE = "bench-partner", "bench-store"


def member_id(index: int) -> str:
    return f"audit-{index:07d}"


def history(index: int, entries: int) -> tuple[Account, list, list]:
    """One account after `entries` operations (every third a payment in points, the
    others purchases): the account, its entries, the lots they closed."""
    member = member_id(index)
    account = Account(member)
    made, closed = [], []
    for k in range(entries):
        now = OPENED + timedelta(days=k, minutes=index % 1440)
        entry_id = f"{member}-e{k}"
        if k % 3 == 2 and account.available:
            key = operations.operation_key("redeem", f"{member}-pay{k}")
            change = operations.redeem(
                account,
                entry_id=entry_id,
                points=min(account.available, 40 + index % 60),
                purpose="payment",
                reference=f"{member}-pay{k}",
                partner_id=PARTNER,
                store_id=STORE,
                actor=f"partner:{PARTNER}",
                now=now,
            )
            operations.remember(account, key, f"fp-{member}-{k}", entry_id, now)
        else:
            points = 10 + (index * 7 + k * 13) % 190
            lot = Lot(
                lot_id=f"{member}-lot{k}",
                source=PURCHASE,
                points=points,
                remaining=points,
                earned_at=now,
                available_at=now,
                expires_at=now + timedelta(days=365),
                entry_id=entry_id,
                partner_id=PARTNER,
                store_id=STORE,
                transaction_id=f"{member}-t{k}",
            )
            change = operations.earn(
                account,
                entry_id=entry_id,
                lot=lot,
                qualifying=points,
                amount_minor=points * 10_000,
                currency="VND",
                now=now,
            )
        # As the ledger's save stamps a change (service/accounts.py), then writes it.
        for position, entry in enumerate(change.entries):
            entry.account_version = (account.version + 1) * 1000 + position
        account.version += 1
        made += [entry_to_doc(member, entry) for entry in change.entries]
        closed += [
            {**lot_to_doc(lot), "_id": lot.lot_id, "member_id": member, "closed_seq": seq}
            for lot in change.closed_lots
            for seq in [change.entries[0].account_version]
        ]
    return account, made, closed


def seed(uri: str, database: str, accounts: int, entries: int) -> tuple[int, float]:
    """The ledger of `accounts` accounts in `database`; (entries inserted, seconds)."""
    started = time.perf_counter()
    inserted = 0
    with pymongo.MongoClient(uri, serverSelectionTimeoutMS=10_000) as client:
        db = client[database]
        LedgerStore(db).ensure_indexes()  # as the points service's start-up makes them
        for first in range(0, accounts, SEED_BATCH):
            docs, made, closed = [], [], []
            for index in range(first, min(first + SEED_BATCH, accounts)):
                account, its_entries, its_closed = history(index, entries)
                docs.append({"_id": account.member_id, **account_to_doc(account), "outbox": []})
                made += its_entries
                closed += its_closed
            db["accounts"].insert_many(docs, ordered=False)
            db["entries"].insert_many(made, ordered=False)
            if closed:
                db["lots"].insert_many(closed, ordered=False)
            inserted += len(made)
            progress(f"seeded {first + len(docs):,} of {accounts:,} accounts")
    return inserted, time.perf_counter() - started


def memory_kib(pid: int, field: str) -> int:
    """A /proc/<pid>/status figure in KiB (VmRSS now, VmHWM the peak); 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Sampler(threading.Thread):
    """The job's VmRSS every SAMPLE_SECONDS until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(name="rss-sampler", daemon=True)
        self.pid = pid
        self.samples: list[int] = []
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.samples.append(memory_kib(self.pid, "VmRSS"))


@dataclasses.dataclass
class Run:
    accounts: int
    entries: int
    seed_seconds: float
    seconds: float
    peak_kib: int  # the job's VmHWM at its end
    sampled_kib: int  # the largest VmRSS sampled
    exit_code: int
    report: dict

    def row(self, bound_mib: float) -> list[str]:
        clean = self.report.get("clean") and self.exit_code == 0
        verdict = "clean" if clean else f"NOT CLEAN (exit {self.exit_code})"
        peak = self.peak_kib / 1024
        return [
            f"{self.accounts:,}",
            f"{self.entries:,}",
            f"{self.seed_seconds:.0f}",
            f"{self.seconds:.1f}",
            f"{self.accounts / self.seconds:,.0f}",
            f"{peak:.1f}",
            f"{self.sampled_kib / 1024:.1f}",
            verdict,
            f"{'within' if peak <= bound_mib else 'OVER'} {bound_mib:.0f} MiB",
        ]


def audit_job(uri: str, database: str) -> tuple[float, int, int, int, dict]:
    """The audit job on `database`, its memory sampled;
    (seconds, peak KiB, largest sample KiB, exit code, report)."""
    env = {**os.environ, "MONGODB_URI": uri, "MONGODB_DB": database, "LOG_LEVEL": "warning"}
    started = time.perf_counter()
    job = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.audit_probe"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    sampler = Sampler(job.pid)
    sampler.start()
    out, err = job.communicate()
    seconds = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    peaks = [line for line in err.splitlines() if line.startswith(PEAK_PREFIX)]
    others = [line for line in err.splitlines() if not line.startswith(PEAK_PREFIX)]
    if others:
        sys.stderr.write("the audit job's log:\n" + "\n".join(others[-30:]) + "\n")
    report = {}
    for line in out.splitlines():  # the report is the last line; log lines come before
        if line.startswith("{") and "accountsChecked" in line:
            report = json.loads(line)
    logged = [line for line in out.splitlines() if "accountsChecked" not in line]
    if logged:
        sys.stderr.write("the audit job's log:\n" + "\n".join(logged[-30:]) + "\n")
    if not peaks or "accountsChecked" not in report:
        raise SystemExit(f"the audit job did not report (exit {job.returncode})")
    peak = int(peaks[-1].removeprefix(PEAK_PREFIX).split()[0])
    return seconds, peak, max(sampler.samples, default=0), job.returncode, report


def progress(message: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.audit",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--accounts", type=int, default=200_000)
    parser.add_argument(
        "--baseline", type=int, default=20_000, help="accounts of the baseline run (0: none)"
    )
    parser.add_argument("--entries", type=int, default=3, help="entries per account")
    parser.add_argument("--bound-mib", type=float, default=200.0)
    return parser.parse_args(argv)


def command_line(args: argparse.Namespace) -> str:
    return (
        f"python -m benchmarks.audit --accounts {args.accounts} --baseline {args.baseline} "
        f"--entries {args.entries} --bound-mib {args.bound_mib:g}"
    )


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    populations = [n for n in (args.baseline, args.accounts) if n]
    runs: list[Run] = []
    total = time.perf_counter()
    with BenchStore() as store:
        store_line = store.describe()
        for accounts in populations:
            database = store.database(f"audit_{accounts}")
            progress(f"seeding {accounts:,} accounts, {args.entries} entries each")
            entries, seed_seconds = seed(store.uri, database, accounts, args.entries)
            progress(f"seeded in {seed_seconds:.0f} s; auditing")
            seconds, peak, sampled, exit_code, report = audit_job(store.uri, database)
            progress(f"audited {int(report['accountsChecked']):,} accounts in {seconds:.1f} s")
            runs.append(
                Run(accounts, entries, seed_seconds, seconds, peak, sampled, exit_code, report)
            )
    print(render(args, store_line, runs, time.perf_counter() - total))


def render(args: argparse.Namespace, store_line: str, runs: list[Run], wall: float) -> str:
    columns = [
        ("accounts", ">9"),
        ("entries", ">9"),
        ("seed s", ">6"),
        ("audit s", ">7"),
        ("accounts/s", ">10"),
        ("peak RSS MiB", ">12"),
        ("max sampled MiB", ">15"),
        ("audit", "<9"),
        ("bound", "<16"),
    ]
    header = "  ".join(f"{name:{align}}" for name, align in columns)
    lines = [
        f"Ledger audit benchmark: {command_line(args)}",
        f"machine: {os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, Python "
        f"{platform.python_version()}; the store and the job share it",
        f"store: {store_line}",
        "job: python -m services.points.ledger.audit_job (the audit CronJob's command), its "
        "own process; audit s = its whole run, from start to exit",
        f"seed: {args.entries} entries per account (purchases, and a payment in points every "
        "third), made by the ledger's domain operations, inserted with insert_many, "
        f"{SEED_BATCH:,} accounts a batch",
        "peak RSS = the job's VmHWM at its end (the most it held resident); max sampled = "
        f"the largest of its VmRSS read every {SAMPLE_SECONDS} s",
        "",
        header,
        "-" * len(header),
    ]
    for run in runs:
        cells = run.row(args.bound_mib)
        lines.append("  ".join(f"{c:{a}}" for c, (_, a) in zip(cells, columns, strict=True)))
    if len(runs) == 2:
        small, large = runs
        lines.append(
            f"peak RSS at {large.accounts:,} accounts against {small.accounts:,}: "
            f"{(large.peak_kib - small.peak_kib) / 1024:+.1f} MiB for "
            f"{large.accounts / small.accounts:.0f} times the accounts"
        )
    lines.append(f"total wall time {wall:.0f} s")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
