"""A moment's rest for a Redis that just failed.

Redis is a cache and a bus here: a request never needs it to be right. But a paused or
partitioned Redis costs every call its full timeout, and a request that makes several
calls can outlive its caller's deadline while the store did its work: the caller then
cannot know what happened. After a failure, `Breaker` fails the next calls at once for
`pause_seconds`, so one request per pause pays the timeout, not every request.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

import redis

T = TypeVar("T")


class Breaker:
    def __init__(self, pause_seconds: float = 1.0) -> None:
        self.pause_seconds = pause_seconds
        self._open_until = 0.0
        self._lock = threading.Lock()

    def call(self, work: Callable[[], T]) -> T:
        """`work()`, or redis.ConnectionError at once while resting after a failure."""
        if time.monotonic() < self._open_until:
            raise redis.ConnectionError("not tried: Redis failed a moment ago")
        try:
            return work()
        except redis.RedisError:
            with self._lock:
                self._open_until = time.monotonic() + self.pause_seconds
            raise
