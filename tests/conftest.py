"""Shared fixtures: free ports, a condition-with-deadline helper, the running suite."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cli.suite import Ports, Suite
from common import stores
from common.embedded_redis import EmbeddedRedis

# The suite's first staff key (the points service makes it valid at start).
ADMIN_KEY = "lsk_testadmin_" + "k" * 40


def port_is_bound(port: int) -> bool:
    """Whether a process holds `port` (connections in TIME_WAIT after it exited do not count)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("0.0.0.0", port))
        except OSError:
            return True
    return False


def wait_for(condition: Callable[[], object], timeout: float = 10.0, what: str = "condition"):
    """Poll `condition` until it returns something truthy, or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


def group_caught_up(redis_client, stream: str, group: str) -> bool:
    """The consumer group has read up to the stream's last entry and acknowledged all."""
    last = redis_client.xinfo_stream(stream)["last-generated-id"]
    info = next(g for g in redis_client.xinfo_groups(stream) if g["name"] == group.encode())
    return info["last-delivered-id"] == last and info["pending"] == 0


@pytest.fixture(scope="session")
def suite(tmp_path_factory) -> Iterator[Suite]:
    """The whole suite as real processes, started once for the session."""
    log_dir: Path = tmp_path_factory.mktemp("suite-logs")
    env = {"LOG_LEVEL": "debug", "BOOTSTRAP_ADMIN_KEY": ADMIN_KEY}
    with Suite(Ports.free(), log_dir=log_dir, env=env) as running:
        yield running


@pytest.fixture(scope="session")
def redis_server() -> Iterator[EmbeddedRedis]:
    """A real redis-server for tests that need Redis without the whole suite."""
    with EmbeddedRedis() as server:
        yield server


@pytest.fixture
def redis_client(redis_server):
    """A client on a clean database of the session's Redis."""
    client = stores.connect_redis(redis_server.url)
    client.flushdb()
    yield client
    client.close()
