"""Till lookups (by phone, e-mail, card number or QR token) served from Redis, never
stale after a change.

Each lookup key holds the member as last written, at the member's version (set only if
newer, common.versioned_cache). Every write of a member rewrites every key it holds now
and marks every key it held before and no longer holds as gone, at the new version, so a
slow reader can never put back what a write replaced. Keys are hashes: no phone number
or e-mail address appears in Redis key names.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable

from common.versioned_cache import VersionedCache
from loyalty.members.v1 import members_pb2
from services.members.messages import member_message

KEYS = ("phone", "email", "card_number", "qr_token")


class MemberLookups:
    def __init__(self, cache: VersionedCache) -> None:
        self.cache = cache

    def find(self, field: str, value: str, load: Callable[[], dict]) -> members_pb2.Member:
        """The member holding `value`: from the cache, else `load()` (which raises when
        nobody does) and cached."""
        cached = self.cache.get(_key(field, value))
        if cached and "member" in cached:
            return members_pb2.Member.FromString(base64.b64decode(cached["member"]))
        member = load()
        self.cache.put(_key(field, value), member["version"], _snapshot(member))
        return member_message(member)

    def written(self, before: dict | None, after: dict) -> None:
        """After a member's write: every key now held points at it, every key it gave up
        (or lost to erasure) is gone, all at the new version."""
        snapshot = _snapshot(after)
        for field in KEYS:
            if after.get(field):
                self.cache.put(_key(field, after[field]), after["version"], snapshot)
            old = (before or {}).get(field)
            if old and old != after.get(field):
                self.cache.put(_key(field, old), after["version"], {"gone": True})


def _key(field: str, value: str) -> str:
    return f"{field}:{hashlib.sha256(value.encode()).hexdigest()}"


def _snapshot(member: dict) -> dict:
    return {"member": base64.b64encode(member_message(member).SerializeToString()).decode()}
