"""The tiers' use cases: the ladder (read, briefly remembered, and replaced with a version
check, its change announced as tier.ladder_changed in the same write), and the tier engine
(qualifying totals from the ledger's movements, upgrades at once, downgrades only at the
review, placement by hand).

A member's standing lives on the member's document, so the engine changes it through the
directory's version-checked write (`Members.change`), with its tier.changed events.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from common import clock, logs
from common.clock import Clock
from common.refusals import Refusal, version_mismatch
from services.members.directory.domain.members import Member, MemberNotFound, Plan
from services.members.directory.store import MemberStore
from services.members.tiers import domain as rules
from services.members.tiers.domain import (
    Ladder,
    LedgerMovement,
    MemberTier,
    NoLadder,
    ReviewCounts,
    TierChange,
    TierStanding,
)
from services.members.tiers.store import LADDER_ID, LadderStore

REFRESH_SECONDS = 2.0
# (tier.changed, the member after, request id, when) -> (event id, envelope): events.py
Announce = Callable[[rules.TierChanged, Member, str, datetime], tuple[str, bytes]]


class Members(Protocol):
    """What the tiers ask of the member directory (its service)."""

    def get(self, member_id: str) -> Member: ...

    def change(
        self,
        member_id: str,
        plan: Plan,
        *,
        refuse_erased: bool = False,
        announce: Announce | None = None,
    ) -> Member: ...


class Ladders:
    def __init__(
        self,
        store: LadderStore,
        announce: Callable[[Ladder, str], tuple[str, bytes]],
        on_write: Callable[[str], None] = lambda _: None,
        clock: Clock = clock.now,
    ) -> None:
        self.store = store
        self.announce = announce  # tier.ladder_changed (events.py)
        self.on_write = on_write  # wakes the outbox relay
        self.clock = clock
        self._cached: tuple[float, Ladder | None] | None = None

    def current(self) -> Ladder | None:
        cached = self._cached
        if cached is not None and time.monotonic() - cached[0] <= REFRESH_SECONDS:
            return cached[1]
        ladder = self.store.ladder()
        self._cached = (time.monotonic(), ladder)
        return ladder

    def entry_standing(self, enrolled_at: datetime) -> TierStanding:
        """Where a member enrolling now starts: the current ladder's entry tier."""
        return rules.entry_standing(self.current(), enrolled_at)

    def replace(self, ladder: Ladder, expected_version: int, actor: str = "") -> Ladder:
        """Stores `ladder` as the next version, set by `actor` now."""
        now = self.clock()  # to the millisecond, as MongoDB keeps it
        stored = dataclasses.replace(
            ladder,
            version=expected_version + 1,
            updated_at=now.replace(microsecond=now.microsecond // 1000 * 1000),
            updated_by=actor,
        )
        event = self.announce(stored, logs.current_request_id())
        if not self.store.replace(stored, expected_version, [event]):
            raise version_mismatch("the ladder changed since it was read")
        self._cached = None
        self.on_write(LADDER_ID)
        return stored


class TierEngine:
    def __init__(
        self,
        members: Members,
        store: MemberStore,
        ladder: Callable[[], Ladder | None],
        announce: Announce,
        clock: Clock = clock.now,
    ) -> None:
        self.members = members
        self.store = store  # where the reviews find the members due
        self.ladder = ladder  # the current ladder (Ladders.current)
        self.announce = announce  # tier.changed (events.py)
        self.clock = clock

    # Counting the ledger's movements

    def count(self, member_id: str, movement: LedgerMovement) -> None:
        """Counts a movement toward the member's tier (once, however often it arrives),
        upgrading them if their total now reaches a higher tier. Movements of members this
        service never had are passed over."""
        ladder = self.ladder()
        value = ladder.qualifying_value(movement) if ladder else None
        if value is None:
            return

        def plan(member: Member, now: datetime):
            if member.status == "erased":
                return None
            counted = rules.count(member.tier, ladder, movement.event_id, value, movement.at, now)
            return _with(member, counted)

        with contextlib.suppress(MemberNotFound):
            self.members.change(member_id, plan, announce=self.announce)

    # The review

    def review(
        self, as_of: datetime | None = None, limit: int = 0, dry_run: bool = False
    ) -> ReviewCounts:
        """Reviews the members due by `as_of` (now, if None), at most `limit` (0: all);
        a dry run counts the outcomes and changes nothing."""
        as_of = as_of or self.clock()
        ladder = self.ladder()
        counts = ReviewCounts()
        if ladder is None:
            return counts
        for member_id in self.store.due_for_review(as_of, limit):
            counts.reviewed += 1
            outcome = self._review_one(member_id, ladder, as_of, dry_run)
            setattr(counts, outcome, getattr(counts, outcome) + 1)
        return counts

    def _review_one(self, member_id: str, ladder: Ladder, as_of: datetime, dry_run: bool) -> str:
        outcome = []

        def plan(member: Member, now: datetime):
            reviewed = rules.review(member.tier, ladder, as_of, now)
            outcome[:] = [reviewed.outcome]
            if dry_run or reviewed.standing is None:
                return None
            return _with(member, (reviewed.standing, reviewed.announced))

        self.members.change(member_id, plan, announce=self.announce)
        return outcome[0]

    # A member's tier

    def member_tier(self, member_id: str) -> MemberTier:
        """The member's tier and progress now; NoLadder before a ladder is set."""
        member = self.members.get(member_id)
        return self._member_tier(member, self.ladder())

    def history(self, member_id: str) -> list[TierChange]:
        """The member's tier changes, newest first."""
        return list(reversed(self.members.get(member_id).tier.history))

    def place_by_hand(
        self, member_id: str, tier_code: str, actor: str, reason: str, idempotency_key: str
    ) -> tuple[MemberTier, TierChange, bool]:
        """Staff place a member in a tier, kept until the next review (which then applies
        the usual rules). The same key again changes nothing. Returns the member's tier,
        the change, and whether this was the same request again."""
        ladder = self.ladder()
        target = ladder.tier(tier_code) if ladder else None
        if target is None:
            raise Refusal(
                "precondition", "UNKNOWN_TIER", f"no tier {tier_code!r}", field="tier_code"
            )
        replayed = []

        def plan(member: Member, now: datetime):
            if member.tier.manual_key == idempotency_key:
                replayed.append(True)
                return None
            placed = rules.place_by_hand(
                member.tier, ladder, target, actor, reason, idempotency_key, now
            )
            return _with(member, placed)

        member = self.members.change(member_id, plan, refuse_erased=True, announce=self.announce)
        return (
            self._member_tier(member, self.ladder()),
            member.tier.history[-1],
            bool(replayed),
        )

    def _member_tier(self, member: Member, ladder: Ladder | None) -> MemberTier:
        if ladder is None:
            raise NoLadder()
        return rules.member_tier(member.tier, ladder, self.clock())


def _with(member: Member, moved: rules.Moved | None) -> tuple[Member, list] | None:
    """The member with the standing after a tier rule, and what it announces."""
    if moved is None:
        return None
    standing, announced = moved
    return dataclasses.replace(member, tier=standing), list(announced)
