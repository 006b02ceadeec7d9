"""Cached balances made safe after a crash, without forgetting every balance at a start.

A write stores the account, then puts the new balance in the cache (accounts.py). A
process that dies between the two leaves the balance from before in the cache, which
nothing would replace until its TTL. Every account write carries its entries' events in
the same update (the outbox), and whoever relays them, in any replica, after any crash,
publishes each to `loyalty.points.events` with the account version the write made. So
`BalanceFloors` follows that stream (its own consumer group, one consumer per replica)
and forgets, for each entry's event, any cached balance older than that version
(common.versioned_cache.forget_each, one round trip for all a read brought): a stale
balance lives until the relay's next round and this consumer's next read, a couple of
seconds, instead of a day; a slow reader cannot put it back. When the writer did put,
its balance is at that version and stays. The group starts at the stream's beginning: a
first start goes through the events kept once, harmlessly.

Writes that move the version without an entry (a member's tier, status or multiplier
copied from the members service) change nothing a balance shows, and announce nothing.
"""

from __future__ import annotations

from common.versioned_cache import VersionedCache
from loyalty.events.v1 import events_pb2
from services.points.ledger.events import ENTRY_EVENTS

GROUP = "points-balances"
# The events a ledger write announces: their balance carries the entry's account_version,
# (the account's version after the write) * 1000 + the entry's place in the write.
_ENTRY_EVENT_FIELDS = {event.payload_field: event for event in ENTRY_EVENTS.values()}
ENTRIES_PER_WRITE = 1000


def written_version(event: events_pb2.Envelope) -> int | None:
    """The account version the write announced by `event` made (None: not a ledger
    entry's event)."""
    field = event.WhichOneof("payload")
    if field not in _ENTRY_EVENT_FIELDS or event.producer != "points":
        return None
    payload = getattr(event, field)
    if not payload.HasField("balance"):
        return None
    return payload.balance.account_version // ENTRIES_PER_WRITE


class BalanceFloors:
    """For every ledger entry's event, the member's cached balance older than the write
    that made it becomes a miss."""

    def __init__(self, cache: VersionedCache) -> None:
        self.cache = cache

    def handle(self, events: list[events_pb2.Envelope]) -> None:
        """A read's events in one round trip: per member, the newest write's version
        (a floor at the newest is a floor at every older one)."""
        floors: dict[str, int] = {}
        for event in events:
            version = written_version(event)
            if version is not None and event.member_id:
                floors[event.member_id] = max(version, floors.get(event.member_id, 0))
        self.cache.forget_each(floors)
