"""The tier ladder, a member's standing on it, and the rules that move a member along it.
Pure: the time is an argument, no I/O.

A ladder is a list of tiers by rising threshold on one qualifying measure (points earned,
or amount spent in the ladder's currency) over a window (the last N months, or the
calendar year), and a downgrade policy (review every N months, a grace period, then drop
one tier or recalculate).

A member's standing (their qualifying entries, the ids of the ledger events already
counted, the tier, its review date, grace and history) is kept with the member, so that
counting an event and the upgrade it causes are one write: an event delivered twice counts
once. Upgrades happen at once, downgrades only at the review; every change is in the tier
history and announced (TierChanged).
"""

from __future__ import annotations

import calendar
import dataclasses
import re
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from common.clock import DEFAULT_TIME_ZONE

PROGRAMME_ZONE = ZoneInfo(DEFAULT_TIME_ZONE)
FLAG = re.compile(r"[a-z][a-z0-9_]{0,63}")  # a tier's named benefit flag
MAX_FLAGS = 20
REMEMBERED_EVENTS = 1000  # ledger event ids kept per member for deduplication
# Entries a day older than the window are kept: a purchase reported late still counts.
_MARGIN = timedelta(days=1)


@dataclasses.dataclass(frozen=True)
class Tier:
    code: str
    names: dict[str, str]
    threshold: int  # points, or minor units of the ladder's currency
    earn_multiplier_bp: int = 10_000
    free_shipping: bool = False
    priority_service: bool = False
    exclusive_rewards: bool = False
    flags: tuple[str, ...] = ()  # other named benefits, e.g. "lounge_access"


@dataclasses.dataclass(frozen=True)
class Ladder:
    measure: str  # "points" or "spend"
    currency: str
    window: str  # "rolling_months" or "calendar_year"
    window_months: int
    tiers: tuple[Tier, ...]
    review_months: int
    grace_days: int
    downgrade: str  # "drop_one" or "recalculate"
    version: int = 0
    updated_at: datetime | None = None
    updated_by: str = ""  # the staff member who set this version

    def tier(self, code: str) -> Tier | None:
        return next((tier for tier in self.tiers if tier.code == code), None)

    def rank(self, code: str) -> int:
        """Position on the ladder; a tier the ladder no longer has counts as the entry."""
        return next((i for i, tier in enumerate(self.tiers) if tier.code == code), 0)

    def earned_tier(self, qualifying: int) -> Tier:
        """The highest tier whose threshold the total reaches."""
        return [tier for tier in self.tiers if tier.threshold <= qualifying][-1]

    def window_start(self, now: datetime) -> datetime:
        local = now.astimezone(PROGRAMME_ZONE)
        if self.window == "calendar_year":
            start = datetime(local.year, 1, 1, tzinfo=PROGRAMME_ZONE)
        else:
            start = months_later(local, -self.window_months)
        return start

    def next_review(self, after: datetime) -> datetime:
        """`review_months` later on the programme's calendar: a tier reached at 00:30 on
        30 November in Viet Nam (still the 29th in UTC) is reviewed on 28 February there."""
        return months_later(after.astimezone(PROGRAMME_ZONE), self.review_months).astimezone(UTC)

    def grace_until(self, since: datetime) -> datetime:
        return since + timedelta(days=self.grace_days)

    def qualifying_value(self, movement: LedgerMovement) -> int | None:
        """What a movement of the ledger counts toward a tier on this ladder (signed), or
        None when it does not concern the ladder's measure at all (an adjustment of points
        on a spend ladder). Spend in another currency counts 0."""
        if self.measure == "points":
            return movement.points
        if movement.currency is None:
            return None
        return movement.amount_minor if movement.currency == self.currency else 0


def problems(ladder: Ladder) -> list[tuple[str, str]]:
    """(field, what is wrong) for each problem; empty when the ladder is sound."""
    found = []
    if ladder.measure not in ("points", "spend"):
        found.append(("ladder.measure", "must be POINTS or SPEND"))
    if ladder.window not in ("rolling_months", "calendar_year"):
        found.append(("ladder.window.kind", "must be ROLLING_MONTHS or CALENDAR_YEAR"))
    if ladder.window == "rolling_months" and not 1 <= ladder.window_months <= 36:
        found.append(("ladder.window.months", "must be 1..36"))
    if not 1 <= len(ladder.tiers) <= 20:
        found.append(("ladder.tiers", "must have 1..20 tiers"))
    codes = [tier.code for tier in ladder.tiers]
    if len(set(codes)) != len(codes):
        found.append(("ladder.tiers", "tier codes must be unique"))
    for index, tier in enumerate(ladder.tiers):
        field = f"ladder.tiers[{index}]"
        if not tier.code:
            found.append((f"{field}.code", "is required"))
        if not tier.names.get("vi"):
            found.append((f"{field}.name", "needs a Vietnamese name"))
        if tier.earn_multiplier_bp <= 0:
            found.append((f"{field}.benefits.earn_multiplier_bp", "must be above zero"))
        found += _flag_problems(f"{field}.benefits.flags", tier.flags)
        if index == 0 and tier.threshold != 0:
            found.append((f"{field}.threshold", "the entry tier's threshold must be 0"))
        if index and tier.threshold <= ladder.tiers[index - 1].threshold:
            found.append((f"{field}.threshold", "thresholds must rise strictly"))
    if ladder.review_months < 1:
        found.append(("ladder.downgrade.review_period_months", "must be at least 1"))
    if ladder.grace_days < 0:
        found.append(("ladder.downgrade.grace_period_days", "must not be negative"))
    if ladder.downgrade not in ("drop_one", "recalculate"):
        found.append(("ladder.downgrade.mode", "must be DROP_ONE_TIER or RECALCULATE"))
    return found


def _flag_problems(field: str, flags: tuple[str, ...]) -> list[tuple[str, str]]:
    found = []
    if len(flags) > MAX_FLAGS:
        found.append((field, f"at most {MAX_FLAGS} flags"))
    for index, flag in enumerate(flags):
        if not FLAG.fullmatch(flag):
            found.append(
                (
                    f"{field}[{index}]",
                    "must be lower_snake_case: a letter, then letters, digits and underscores, "
                    "up to 64 characters",
                )
            )
        elif flag in flags[:index]:
            found.append((f"{field}[{index}]", f"{flag!r} is given twice"))
    return found


def months_later(moment: datetime, months: int) -> datetime:
    """The same local time `months` calendar months later (clamped to the month's end)."""
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


class NoLadder(Exception):
    """No tier ladder is configured yet."""


# A member's standing


class Qualifying(NamedTuple):
    """One entry toward a member's qualifying total: when it counts, and how much."""

    at: datetime
    value: int


@dataclasses.dataclass(frozen=True)
class TierChange:
    """One line of a member's tier history."""

    tier_change_id: str
    from_code: str  # empty for the first tier
    to_code: str
    reason: str  # "enrolment", "threshold", "drop_one", "recalculate" or "manual"
    qualifying: int  # the qualifying total at the change
    event_id: str  # the ledger event that caused it, if one did
    ladder_version: int
    at: datetime
    actor: str = ""  # staff who placed the member by hand
    detail: str = ""  # and why


@dataclasses.dataclass(frozen=True)
class TierStanding:
    """Where a member stands on the ladder (kept on the member)."""

    code: str = ""  # empty until a ladder places the member
    achieved_at: datetime | None = None
    review_at: datetime | None = None
    grace_since: datetime | None = None  # when a review found the member below their tier
    history: tuple[TierChange, ...] = ()
    qualifying: tuple[Qualifying, ...] = ()
    counted_events: tuple[str, ...] = ()  # the last REMEMBERED_EVENTS ledger events counted
    manual_key: str = ""  # the idempotency key of the last placement by hand


@dataclasses.dataclass(frozen=True)
class LedgerMovement:
    """What a ledger event says that may count toward a tier: signed qualifying points and
    amount spent (a return counts negative), and when it counts."""

    event_id: str
    at: datetime
    points: int
    amount_minor: int = 0
    currency: str | None = None  # None: no spend at all (an adjustment of points)


@dataclasses.dataclass(frozen=True)
class TierChanged:
    """tier.changed: a member moved on the ladder (`change`, in their history)."""

    change: TierChange
    from_tier: Tier | None
    to_tier: Tier
    upgrade: bool
    ladder: Ladder


@dataclasses.dataclass(frozen=True)
class Reviewed:
    """What the review does to one member's standing."""

    outcome: str  # "retained", "grace_started", "in_grace" or "downgraded"
    standing: TierStanding | None = None  # the standing after; None: it stays as it is
    announced: tuple[TierChanged, ...] = ()


@dataclasses.dataclass
class ReviewCounts:
    reviewed: int = 0
    retained: int = 0
    grace_started: int = 0
    in_grace: int = 0
    downgraded: int = 0


@dataclasses.dataclass(frozen=True)
class MemberTier:
    """A member's tier as the member sees it: the total so far, what the next tier needs."""

    tier: Tier
    qualifying_value: int
    window_start: datetime
    window_end: datetime
    next_tier: Tier | None
    remaining_to_next: int
    progress: float  # 0..1 of the way to the next tier (1 at the top)
    achieved_at: datetime | None
    next_review_at: datetime | None
    below_threshold: bool  # the total no longer reaches the tier held
    grace_until: datetime | None
    ladder: Ladder


Moved = tuple[TierStanding, tuple[TierChanged, ...]]


def qualifying_total(entries: Iterable[tuple[datetime, int]], ladder: Ladder, now: datetime) -> int:
    start = ladder.window_start(now)
    return max(0, sum(value for at, value in entries if at >= start))


def entry_standing(ladder: Ladder | None, enrolled_at: datetime) -> TierStanding:
    """A new member's standing: the ladder's entry tier (none without a ladder)."""
    if ladder is None:
        return TierStanding()
    entry = ladder.tiers[0]
    return TierStanding(
        code=entry.code,
        achieved_at=enrolled_at,
        review_at=ladder.next_review(enrolled_at),
        history=(_change(None, entry, "enrolment", 0, enrolled_at, ladder),),
    )


def count(
    standing: TierStanding, ladder: Ladder, event_id: str, value: int, at: datetime, now: datetime
) -> Moved | None:
    """The standing once a ledger event's qualifying `value` (counting at `at`) is counted,
    upgraded if the total now reaches a higher tier; None if the event was counted before,
    or is worth nothing toward a tier the member already holds (an adjustment that does not
    count, a bulk import's opening balance): counting it would change nothing but the list
    of events counted, at the cost of a write per event."""
    if event_id in standing.counted_events or (value == 0 and standing.code):
        return None
    entries = (
        *(e for e in standing.qualifying if e.at >= ladder.window_start(now) - _MARGIN),
        Qualifying(at, value),
    )
    standing = dataclasses.replace(
        standing,
        qualifying=entries,
        counted_events=(*standing.counted_events, event_id)[-REMEMBERED_EVENTS:],
    )
    total = qualifying_total(entries, ladder, now)
    earned = ladder.earned_tier(total)
    if ladder.rank(earned.code) <= ladder.rank(standing.code) and standing.code:
        return standing, ()
    return move(standing, ladder, earned, "threshold", total, now, event_id=event_id, upgrade=True)


def review(standing: TierStanding, ladder: Ladder, as_of: datetime, now: datetime) -> Reviewed:
    """The review as of `as_of`: a member whose total still reaches their tier keeps it
    until the next review; one below it starts a grace period, and is moved down (one
    tier, or to the tier the total earns) once the grace is over."""
    due = standing.review_at
    if due is None or due > as_of:  # another run reviewed it meanwhile
        return Reviewed("retained")
    total = qualifying_total(standing.qualifying, ladder, as_of)
    current = ladder.rank(standing.code)
    if ladder.rank(ladder.earned_tier(total).code) >= current or current == 0:
        kept = dataclasses.replace(standing, review_at=ladder.next_review(as_of), grace_since=None)
        return Reviewed("retained", kept)
    if standing.grace_since is None:
        return Reviewed("grace_started", dataclasses.replace(standing, grace_since=as_of))
    if as_of < ladder.grace_until(standing.grace_since):
        return Reviewed("in_grace")
    target = (
        ladder.tiers[current - 1] if ladder.downgrade == "drop_one" else ladder.earned_tier(total)
    )
    after, announced = move(
        dataclasses.replace(standing, grace_since=None),
        ladder,
        target,
        ladder.downgrade,
        total,
        now,
        review_at=as_of,
    )
    return Reviewed("downgraded", after, announced)


def place_by_hand(
    standing: TierStanding,
    ladder: Ladder,
    target: Tier,
    actor: str,
    reason: str,
    idempotency_key: str,
    now: datetime,
) -> Moved:
    """Staff place a member in a tier, kept until the next review (which then applies the
    usual rules)."""
    return move(
        dataclasses.replace(standing, manual_key=idempotency_key),
        ladder,
        target,
        "manual",
        qualifying_total(standing.qualifying, ladder, now),
        now,
        upgrade=ladder.rank(target.code) > ladder.rank(standing.code),
        actor=actor,
        detail=reason,
    )


def move(
    standing: TierStanding,
    ladder: Ladder,
    target: Tier,
    reason: str,
    total: int,
    now: datetime,
    *,
    event_id: str = "",
    upgrade: bool = False,
    review_at: datetime | None = None,
    actor: str = "",
    detail: str = "",
) -> Moved:
    """The standing in `target`, with the change in its history, and its announcement."""
    source = ladder.tier(standing.code)
    change = _change(source, target, reason, total, now, ladder, event_id, actor, detail)
    after = dataclasses.replace(
        standing,
        code=target.code,
        achieved_at=now,
        review_at=ladder.next_review(review_at or now),
        history=(*standing.history, change),
    )
    return after, (TierChanged(change, source, target, upgrade, ladder),)


def member_tier(standing: TierStanding, ladder: Ladder, now: datetime) -> MemberTier:
    total = qualifying_total(standing.qualifying, ladder, now)
    tier = ladder.tier(standing.code) or ladder.tiers[0]
    rank = ladder.rank(tier.code)
    following = ladder.tiers[rank + 1] if rank + 1 < len(ladder.tiers) else None
    grace = standing.grace_since
    return MemberTier(
        tier=tier,
        qualifying_value=total,
        window_start=ladder.window_start(now),
        window_end=now,
        next_tier=following,
        remaining_to_next=max(following.threshold - total, 0) if following else 0,
        progress=min(total / following.threshold, 1.0) if following else 1.0,
        achieved_at=standing.achieved_at,
        next_review_at=standing.review_at,
        below_threshold=ladder.earned_tier(total).threshold < tier.threshold,
        grace_until=ladder.grace_until(grace) if grace else None,
        ladder=ladder,
    )


def _change(
    source: Tier | None,
    target: Tier,
    reason: str,
    total: int,
    now: datetime,
    ladder: Ladder,
    event_id: str = "",
    actor: str = "",
    detail: str = "",
) -> TierChange:
    return TierChange(
        tier_change_id=uuid.uuid4().hex,
        from_code=source.code if source else "",
        to_code=target.code,
        reason=reason,
        qualifying=total,
        event_id=event_id,
        ladder_version=ladder.version,
        at=now,
        actor=actor,
        detail=detail,
    )
