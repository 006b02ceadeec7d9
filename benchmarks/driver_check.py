"""Can Locust saturate the suite here? The no-work hop driven by Locust, for comparison
with the benchmark's own closed-loop threads on the same hop in the same run."""

from __future__ import annotations

import csv
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

LOCUSTFILE = Path(__file__).with_name("locust_ping.py")


def locust_ping(url: str, admin_key: str, users: int, seconds: float) -> dict:
    """Locust (FastHttpUser, one process, `users` users, no wait) on ping: req/s, failures
    and the CPU share Locust used itself."""
    locust = str(Path(sys.executable).with_name("locust"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as scratch:
        prefix = Path(scratch) / "ping"
        command = [
            locust, "-f", str(LOCUSTFILE), "--headless", "--only-summary", "--host", url,
            "-u", str(users), "-r", str(users), "-t", f"{int(seconds)}s", "--csv", str(prefix),
        ]  # fmt: skip
        subprocess.run(
            command,
            env={"BENCH_KEY": admin_key, "PATH": str(Path(sys.executable).parent)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
            timeout=seconds + 60,
        )
        with open(f"{prefix}_stats.csv") as stats:
            total = next(r for r in csv.DictReader(stats) if r["Name"] == "Aggregated")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {
        "rate": float(total["Requests/s"]),
        "failures": int(total["Failure Count"]),
        "requests": int(total["Request Count"]),
        "cpu_per_request_ms": cpu / max(1, int(total["Request Count"])) * 1000,
    }
