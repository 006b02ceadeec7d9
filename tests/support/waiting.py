"""Waiting for something to become true: a condition with a deadline, a consumer group
that has caught up."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest


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
