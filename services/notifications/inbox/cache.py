"""What the inbox keeps in Redis: each member's unread count, by the version of their
inbox (common.versioned_cache), so a read after a delivery or a mark-read never sees an
older count."""

from __future__ import annotations

import redis

from common.versioned_cache import VersionedCache

# The highest version the cache takes (2**62 was refused, failing every erasure).
LAST_VERSION = 2**53 - 1


class UnreadCounts:
    def __init__(self, redis_client: redis.Redis, ttl_seconds: int = 3600) -> None:
        self._cache = VersionedCache(redis_client, "notifications:unread", ttl_seconds)

    def get(self, member_id: str) -> int | None:
        cached = self._cache.get(member_id)
        return None if cached is None else cached["unread"]

    def put(self, member_id: str, version: int, unread: int) -> None:
        self._cache.put(member_id, version, {"unread": unread})

    def erase(self, member_id: str) -> None:
        """No unread messages, for good: no count read before an erasure can be cached
        after it."""
        self._cache.put(member_id, LAST_VERSION, {"unread": 0})
