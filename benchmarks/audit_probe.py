"""The audit job as the CronJob runs it, then its peak memory: `python -m
benchmarks.audit_probe` runs services.points.ledger.audit_job's main() unchanged (its
report on stdout, its exit code), then writes the process's VmHWM from /proc/self/status
on stderr, read in the process itself, so no sampling can miss the peak."""

from __future__ import annotations

import sys
from pathlib import Path

from services.points.ledger.audit_job import main

PEAK_PREFIX = "audit-probe VmHWM: "


def peak() -> str:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return line.split(":", 1)[1].strip()
    return "0 kB"


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.write(f"{PEAK_PREFIX}{peak()}\n")
    raise SystemExit(code)
