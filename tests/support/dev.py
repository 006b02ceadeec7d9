"""`loyalty dev` as a developer runs it: started from a directory of the test's on free
ports, with every line it prints kept (its banner, the services' log lines, the messages
its local providers catch), and stopped with Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

from tests.support.waiting import wait_for

LOYALTY = str(Path(sys.executable).with_name("loyalty"))
# What a developer's shell would not have: the test run's stores and service targets.
NOT_INHERITED = (
    "MONGODB_URI",
    "REDIS_URL",
    "POINTS_ADDR",
    "MEMBERS_ADDR",
    "NOTIFICATIONS_ADDR",
    "BOOTSTRAP_ADMIN_KEY",
)


def developer_env(**extra: str) -> dict[str, str]:
    """The environment of a developer's terminal: this one without the test run's stores
    and service targets."""
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    return {**env, **extra}


class DevRun:
    """`loyalty dev --free-ports` run in `cwd` (its data in `cwd`/.loyalty unless `args`
    name a --data-dir); `lines` is everything it printed, stdout and stderr."""

    def __init__(self, cwd: Path, *args: str, timeout: float = 90) -> None:
        self.cwd = cwd
        self.process = subprocess.Popen(
            [LOYALTY, "dev", "--free-ports", *args],
            cwd=cwd,
            env=developer_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        try:
            wait_for(
                lambda: self.printed("Press Ctrl-C") or self.process.poll() is not None,
                timeout=timeout,
                what="loyalty dev to print its banner",
            )
            assert self.process.poll() is None, self.output()
        except BaseException:
            self.close()
            raise
        self.banner = self.output()
        self.gateway = self._banner_value(r"gateway\s+(http://\S+)")
        self.grpc = dict(re.findall(r"^  (\w+)\s+grpc (\S+)", self.banner, re.MULTILINE))
        self.metrics = dict(
            re.findall(r"^  (\w+)\s+grpc \S+\s+metrics http://[\d.]+:(\d+)", self.banner, re.M)
        )
        self.admin_key = self._banner_value(r"admin API key\s+(\S+)")

    def _read(self) -> None:
        for line in self.process.stdout:
            with self._lock:
                self.lines.append(line)

    def _banner_value(self, pattern: str) -> str:
        return re.search(pattern, self.banner).group(1)

    def output(self) -> str:
        with self._lock:
            return "".join(self.lines)

    def printed(self, text: str) -> list[str]:
        """The lines printed so far that contain `text`."""
        with self._lock:
            return [line for line in self.lines if text in line]

    def stop(self) -> int:
        """Ctrl-C, as a developer stops it; its exit code."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(60)
        self._reader.join(10)
        return code

    def close(self) -> None:
        """Stops it if it still runs: Ctrl-C (so it stops its children), then kill."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(30)
