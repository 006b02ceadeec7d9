"""py-spy profiles of the suite's processes while `make bench` drives a row.

    make bench BENCH_ARGS="--profile /tmp/profiles"

For each row, every process of the suite (each gunicorn worker apart) is sampled by
py-spy for the row's duration; the raw stacks go to DIR/<row>-<process>-<pid>.txt (open
them with speedscope or flamegraph.pl), and a summary prints, per row and process, the
functions that were on the CPU most (self) and the suite's own functions that most time
was spent under (total). Profiling takes CPU from the same two cores, so a profiled run's
figures are not the benchmark's: profile and measure in separate runs.
"""

from __future__ import annotations

import collections
import shutil
import subprocess
from pathlib import Path

SAMPLES_PER_SECOND = 200
OUR_PACKAGES = ("gateway/", "services/", "common/", "cli/")
TOP = 12


class Profiler:
    def __init__(self, folder: Path) -> None:
        if not shutil.which("py-spy"):
            raise SystemExit("bench: --profile needs py-spy (pip install py-spy)")
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)

    def start(self, row: str, pids: dict[str, list[int]], seconds: float) -> list:
        """Starts one py-spy per process; returns what finish() waits for."""
        started = []
        for name, each in pids.items():
            for pid in each:
                output = self.folder / f"{row}-{name}-{pid}.txt"
                command = [
                    "py-spy", "record", "--pid", str(pid), "--duration", str(int(seconds)),
                    "--rate", str(SAMPLES_PER_SECOND), "--format", "raw", "--nonblocking", "--gil",
                    "--output", str(output),
                ]  # fmt: skip
                process = subprocess.Popen(
                    command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )
                started.append((name, output, process))
        return started

    def finish(self, row: str, started: list) -> None:
        stacks: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for name, output, process in started:
            process.wait(timeout=60)
            for line in output.read_text().splitlines() if output.exists() else ():
                stack, _, count = line.rpartition(" ")
                stacks[name][stack] += int(count)
        for name, counted in stacks.items():
            summarise(row, name, counted)


def summarise(row: str, process: str, stacks: collections.Counter) -> None:
    total = sum(stacks.values()) or 1
    own, under = collections.Counter(), collections.Counter()
    for stack, count in stacks.items():
        frames = stack.split(";")
        own[frames[-1]] += count
        for frame in set(frames):
            if any(package in frame for package in OUR_PACKAGES):
                under[frame] += count
    print(f"\nprofile: {row}, {process}: {total} samples")
    print("  self (holding the GIL)")
    for frame, count in own.most_common(TOP):
        print(f"    {count / total:6.1%}  {frame}")
    print("  total (the suite's own functions, time under them)")
    for frame, count in under.most_common(TOP):
        print(f"    {count / total:6.1%}  {frame}")
