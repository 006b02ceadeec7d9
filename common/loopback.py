"""Servers the suite starts itself on loopback (its development MongoDB and Redis): one
child process each, waited for until it answers, stopped in order, with a scratch
directory removed when it keeps no data of its own."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Callable


def free_port() -> int:
    """A TCP port nothing listens on right now (the system picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalServer:
    """A server child process: `spawn` it, `wait_until` it answers, `stop` it."""

    name = "server"

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self._workdir = ""

    def spawn(self, command: list[str]) -> None:
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches the suite, which stops this in order
        )

    def wait_until(self, answers: Callable[[], None], refused: type, timeout: float) -> None:
        """Polls `answers` until it returns (it raises `refused` while the server is not
        up yet); stops the server and says why when it exits or takes too long."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with code {self.process.returncode}")
            try:
                answers()
                return
            except refused:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"{self.name} did not answer within {timeout}s") from None
                time.sleep(0.05)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 15.0) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._workdir:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = ""

    def start(self):
        raise NotImplementedError

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
