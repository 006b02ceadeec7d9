"""Till lookups (by phone, e-mail, card number, QR token or member number) served from Redis, never
stale after a change.

Each lookup key holds the member as last written, at the member's version (set only if
newer, common.versioned_cache). Before a write of a member reaches the store, every key it
holds and will hold becomes a miss below the new version (`writing`); after it, the write
rewrites every key it holds now and marks every key it held before and no longer holds as
gone, at the new version (`written`). So a slow reader can never put back what a write
replaced, and a process that dies between the store and the cache leaves misses (read
from the store), never a stale member: no start needs to forget every lookup. Keys are
hashes: no phone number or e-mail address appears in Redis key names.

A key holds what the contract shows of the member (loyalty.members.v1.Member), not the
consent history nor the tier's history and counts: a member found here has those empty.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from common.versioned_cache import VersionedCache
from services.members.directory.domain.members import PROFILE_FIELDS, Consent, Member
from services.members.tiers.domain import TierStanding

KEYS = ("phone", "email", "card_number", "qr_token", "member_number")
# The member as a lookup key holds it: these fields as they are, and its times.
SHOWN = (
    "member_id",
    "member_number",
    "status",
    "version",
    *PROFILE_FIELDS,
    "card_number",
    "qr_token",
    "referral_code",
    "referred_by",
    "enrolment_channel",
    "enrolment_partner_id",
    "enrolment_store_id",
    "blocked_reason",
)
SHOWN_TIMES = ("enrolled_at", "updated_at", "blocked_at", "erased_at")


class MemberLookups:
    def __init__(self, cache: VersionedCache) -> None:
        self.cache = cache

    def get(self, field: str, value: str) -> Member | None:
        """The member holding `value`, if a key holds one (None: ask the store)."""
        cached = self.cache.get(_key(field, value))
        return _member(cached["shown"]) if cached and "shown" in cached else None

    def put(self, field: str, value: str, member: Member) -> None:
        """`member`, read from the store as holding `value`, at its version."""
        self.cache.put(_key(field, value), member.version, _snapshot(member))

    def writing(self, before: Member, after: Member) -> None:
        """Before `after` is written over `before`: every key either holds is a miss
        unless cached at `after`'s version or newer (one round trip). If the write then
        fails, those keys are read from the store until the member's next write."""
        keys = {
            _key(field, value): after.version
            for member in (before, after)
            for field in KEYS
            if (value := getattr(member, field))
        }
        self.cache.forget_each(keys)

    def written(self, before: Member | None, after: Member) -> None:
        """After a member's write: every key now held points at it, every key it gave up
        (or lost to erasure) is gone, all at the new version."""
        snapshot = _snapshot(after)
        for field in KEYS:
            held = getattr(after, field)
            if held:
                self.cache.put(_key(field, held), after.version, snapshot)
            old = getattr(before, field) if before else ""
            if old and old != held:
                self.cache.put(_key(field, old), after.version, {"gone": True})

    def forget_all(self) -> None:
        """No lookup cached before now is served (common.versioned_cache)."""
        self.cache.forget_all()


def _key(field: str, value: str) -> str:
    return f"{field}:{hashlib.sha256(value.encode()).hexdigest()}"


def _snapshot(member: Member) -> dict:
    shown = {field: getattr(member, field) for field in SHOWN}
    for field in SHOWN_TIMES:
        moment = getattr(member, field)
        shown[field] = moment.isoformat() if moment else None
    shown["consents"] = {
        channel: [c.granted, c.at.isoformat(), c.source] for channel, c in member.consents.items()
    }
    shown["tier_code"] = member.tier.code
    return {"shown": shown}


def _member(shown: dict) -> Member:
    values = {field: shown[field] for field in SHOWN}
    values["preferred_channels"] = tuple(values["preferred_channels"])
    for field in SHOWN_TIMES:
        values[field] = datetime.fromisoformat(shown[field]) if shown[field] else None
    return Member(
        **values,
        consents={
            channel: Consent(granted, datetime.fromisoformat(at), source)
            for channel, (granted, at, source) in shown["consents"].items()
        },
        tier=TierStanding(code=shown["tier_code"]),
    )
