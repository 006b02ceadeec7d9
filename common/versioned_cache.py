"""Values cached in Redis by version, never older than the last acknowledged write.

Used for members' balances (namespace "points:balance", keyed by member id) and for the
members a till looks up (namespace "members:lookup", keyed by a hash of the phone, e-mail,
card or QR token). Below, "member" and "balance" stand for any key and value.

Why not delete-then-set: a reader that missed, read version 4 from the store and was slow
can set 4 after a writer stored 5 and deleted the key, and 4 stays cached. Here every
value carries the account version it was read at, and a Lua script stores it only when it
is newer than the cached one ("set if newer", atomic in Redis), so a late writer of an
older version changes nothing.

Keys (the prefix defaults to "points"):
    {prefix}:balance-epoch        the current epoch, a random token; no TTL
    {prefix}:balance:{member_id}  hash {epoch, version, balance (JSON)}; TTL ttl_seconds
forget(member, version) makes that member's balance a miss unless it is at least
`version`, leaving `version` as the member's floor (a tombstone): what a write that may
not have reached the cache (its writer died between the store and the cache) calls for,
from wherever every write passes later (the points service: its own events; the members
service: before the write).

A balance is served only when its epoch is the current one, so forget_all() forgets every
balance at once by writing a new token. The version stays behind as a floor: once the
epoch changes, an equal version may be cached again but an older one never, so a slow
reader cannot slip an old balance in after a reset either. The epoch is a random token,
not a counter, so that if its key is lost (evicted, flushed) a new one never equals the
epoch of values still stored; a missing epoch makes every value a miss.

Redis is a cache: its errors are never raised to the caller; get() then misses and the
caller reads the store. Callers should put() before acknowledging a write (and on an
idempotent replay), and keep ttl_seconds far longer than any request takes: a floor that
expired no longer stops a reader who read before the write. On Redis Cluster give the
prefix a hash tag ("{points}"), since the scripts touch the epoch and member keys together.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import secrets
import threading

import redis

from common.breaker import Breaker

log = logging.getLogger(__name__)

# KEYS: epoch, member's hash. A tombstone (a floor without a balance) reads as a miss.
_READ = """
local epoch = redis.call('GET', KEYS[1])
if not epoch then
  return false
end
local cached = redis.call('HMGET', KEYS[2], 'epoch', 'balance')
if cached[1] ~= epoch then
  return false
end
return cached[2]
"""

# KEYS: epoch, member's hash. ARGV: an epoch to start if there is none, version, balance
# JSON, TTL seconds. Returns 1 when stored, 0 when refused as not newer.
_WRITE = """
local epoch = redis.call('GET', KEYS[1])
if not epoch then
  epoch = ARGV[1]
  redis.call('SET', KEYS[1], epoch)
end
local cached = redis.call('HMGET', KEYS[2], 'epoch', 'version', 'balance')
local floor = tonumber(cached[2])
local version = tonumber(ARGV[2])
if floor and (version < floor or (version == floor and cached[1] == epoch and cached[3])) then
  return 0
end
redis.call('HSET', KEYS[2], 'epoch', epoch, 'version', ARGV[2], 'balance', ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return 1
"""

# KEYS: epoch, then members whose put failed. ARGV: new epoch, TTL seconds, then the
# failed versions, one per member key: each becomes that member's floor (a tombstone).
_RESET = """
redis.call('SET', KEYS[1], ARGV[1])
for i = 2, #KEYS do
  local floor = tonumber(redis.call('HGET', KEYS[i], 'version'))
  if not floor or floor < tonumber(ARGV[i + 1]) then
    redis.call('HSET', KEYS[i], 'version', ARGV[i + 1])
    redis.call('HDEL', KEYS[i], 'balance')
    redis.call('EXPIRE', KEYS[i], ARGV[2])
  end
end
return #KEYS - 1
"""

# KEYS: members' hashes. ARGV: TTL seconds, then one version per member: each becomes that
# member's floor unless the floor is there already; a cached balance older goes with it.
_FORGET = """
for i = 1, #KEYS do
  local floor = tonumber(redis.call('HGET', KEYS[i], 'version'))
  if not floor or floor < tonumber(ARGV[i + 1]) then
    redis.call('HSET', KEYS[i], 'version', ARGV[i + 1])
    redis.call('HDEL', KEYS[i], 'balance')
    redis.call('EXPIRE', KEYS[i], ARGV[1])
  end
end
return #KEYS
"""

# Lua numbers are doubles: versions from 2**53 on would compare inexactly.
_MAX_VERSION = 2**53


class VersionedCache:
    """Versioned balances: get() and put() are one Redis round trip each (two, once, after
    a failed write: the epoch reset comes first)."""

    def __init__(
        self,
        redis_client: redis.Redis,
        namespace: str = "points:balance",
        ttl_seconds: int = 86400,
        failure_pause_seconds: float = 1.0,
    ) -> None:
        if ttl_seconds <= 0:
            raise ValueError(f"ttl_seconds must be > 0, got {ttl_seconds}")
        self._epoch_key = f"{namespace}-epoch"
        self._member_prefix = f"{namespace}:"
        self._ttl_seconds = ttl_seconds
        self._read = redis_client.register_script(_READ)
        self._write = redis_client.register_script(_WRITE)
        self._reset = redis_client.register_script(_RESET)
        self._forget = redis_client.register_script(_FORGET)
        self._suspicion = _Suspicion()
        # After a failure, no call for a moment (common/breaker.py): a paused Redis costs one
        # request a timeout, not every request; the reset it owes follows the pause.
        self._breaker = Breaker(failure_pause_seconds)

    def get(self, member_id: str) -> dict | None:
        """The cached balance; None on a miss, when Redis fails, or until a failed put is
        made harmless."""
        if self._suspicion.is_owed() and not self._reset_epoch():
            return None
        try:
            cached = self._breaker.call(
                lambda: self._read(keys=[self._epoch_key, self._member_key(member_id)])
            )
        except redis.RedisError as error:
            log.warning("balance cache read failed: %s", error)
            return None
        return None if cached is None else json.loads(cached)

    def put(self, member_id: str, version: int, balance: dict) -> None:
        """Caches `balance` at account `version` unless as new a one is cached."""
        try:
            payload = _encode(version, balance)
        except (TypeError, ValueError):
            # The store already holds the change, so the value cached before it must go.
            self._suspicion.record_failure()
            raise
        if self._suspicion.is_owed() and not self._reset_epoch():
            self._suspicion.record_failure(member_id, version)
            return
        try:
            self._breaker.call(
                lambda: self._write(
                    keys=[self._epoch_key, self._member_key(member_id)],
                    args=[_new_epoch(), version, payload, self._ttl_seconds],
                )
            )
        except redis.RedisError as error:
            # The write this balance belongs to is acknowledged anyway (Redis is only a
            # cache), yet the older balance may still be in Redis: the failure may have
            # been a pause or a partition, or Redis may come back from disk. So this
            # process serves nothing from the cache until it has reset the epoch.
            log.warning("balance cache write failed; cache suspect until reset: %s", error)
            self._suspicion.record_failure(member_id, version)

    def forget(self, member_id: str, version: int) -> None:
        """Makes the cached balance a miss unless it is at `version` or newer, for good: a
        put of an older version is refused from now on, one of `version` still taken."""
        self.forget_each({member_id: version})

    def forget_each(self, versions: dict[str, int]) -> None:
        """`forget` for several members in one round trip. If Redis fails, this process
        serves nothing from the cache until it has reset the epoch with these floors."""
        members = list(versions)
        if not members:
            return
        for version in versions.values():
            _encode(version, {})
        if self._suspicion.is_owed() and not self._reset_epoch():
            for member_id in members:
                self._suspicion.record_failure(member_id, versions[member_id])
            return
        try:
            self._breaker.call(
                lambda: self._forget(
                    keys=[self._member_key(m) for m in members],
                    args=[self._ttl_seconds, *(versions[m] for m in members)],
                )
            )
        except redis.RedisError as error:
            log.warning("balance cache forget failed; cache suspect until reset: %s", error)
            for member_id in members:
                self._suspicion.record_failure(member_id, versions[member_id])

    def forget_all(self) -> None:
        """Makes every cached balance a miss; if Redis is unreachable, on next contact."""
        self._reset_epoch()

    def _reset_epoch(self) -> bool:
        owed = self._suspicion.owed()
        members = list(owed.floors)
        try:
            self._breaker.call(
                lambda: self._reset(
                    keys=[self._epoch_key, *map(self._member_key, members)],
                    args=[_new_epoch(), self._ttl_seconds, *(owed.floors[m] for m in members)],
                )
            )
        except redis.RedisError as error:
            log.warning("balance cache reset failed; retried on next contact: %s", error)
            self._suspicion.record_failure()
            return False
        self._suspicion.settle(owed)
        return True

    def _member_key(self, member_id: str) -> str:
        return f"{self._member_prefix}{member_id}"


@dataclasses.dataclass(frozen=True)
class _Owed:
    failures: int
    floors: dict[str, int]


class _Suspicion:
    """What this process owes the cache after failed writes: an epoch reset, and for each
    member whose put failed, a floor at the version it failed to write (thread-safe).

    Failures are counted, and a reset settles only what it was sent with, so a put that
    fails while another thread's reset is in flight is still owed afterwards.
    """

    # Past this many members a reset still forgets every balance, but their floors are not
    # raised: only a reader slow enough to span the whole outage could then slip in.
    MAX_FLOORS = 1000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures = 0
        self._settled = 0
        self._floors: dict[str, int] = {}

    def record_failure(self, member_id: str | None = None, version: int = 0) -> None:
        with self._lock:
            self._failures += 1
            if member_id is None:
                return
            if member_id in self._floors or len(self._floors) < self.MAX_FLOORS:
                self._floors[member_id] = max(version, self._floors.get(member_id, version))

    def is_owed(self) -> bool:
        with self._lock:
            return self._failures > self._settled

    def owed(self) -> _Owed:
        with self._lock:
            return _Owed(self._failures, dict(self._floors))

    def settle(self, owed: _Owed) -> None:
        with self._lock:
            self._settled = max(self._settled, owed.failures)
            for member_id, version in owed.floors.items():
                if self._floors.get(member_id) == version:
                    del self._floors[member_id]


def _encode(version: int, balance: dict) -> str:
    if isinstance(version, bool) or not isinstance(version, int):
        raise TypeError(f"version must be an int, got {type(version).__name__}")
    if not 0 <= version < _MAX_VERSION:
        raise ValueError(f"version must be in [0, 2**53), got {version}")
    return json.dumps(balance, separators=(",", ":"), sort_keys=True)


def _new_epoch() -> str:
    return secrets.token_hex(8)
