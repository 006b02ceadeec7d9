"""Insights: segments and KPIs, computed from members and their purchases as of one
instant (segments) or for a period (KPIs). Pure, no I/O; the definitions are those of
proto/loyalty/members/v1/insights.proto.

Segments: behaviour, loyalty, value band, RFM scores and lifecycle stage of each member.

KPIs:
retention rate      of the members active at the period's start (a purchase in the
                    ACTIVE_DAYS before it), the share still active at its end (a purchase
                    in the ACTIVE_DAYS before the end). Comparing with "bought in the
                    period before, of the same length" showed 0 whenever members buy less
                    often than the period is long (a weekly view of monthly buyers, the
                    programme's first period), however active they were.
repeat purchase     of the members who bought in the period, the share who bought twice+
purchase frequency  purchases in the period per member who bought
average CLV         lifetime spend (net of returns) up to the period's end per member who
                    ever bought
NPS                 share of 9-10 answers minus share of 0-6 answers, x 100
points issued       points earned for purchases and points given as bonuses and gifts, in
                    the period (from the ledger's events: PointsMoved)
points redeemed     points spent on rewards (app or till) and as payment (redeems and
                    captured holds), net of refunds, in the period
points expired      points taken from lots past their expiry date in the period
liability at end    the liability now less what the events since the period's end added
                    to it (PointsMoved.owed), known from the first event so recorded
redemption rate     points redeemed in the period per point issued in it
active members      members with a purchase in the ACTIVE_DAYS before the period's end

For one partner: its purchases only, its members (enrolled at its stores, or bought
there), the points moved at its stores or from lots earned there (see insights.proto).
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

from common.refusals import Refusal
from services.members.directory.domain.members import MemberSummary
from services.members.tiers.domain import months_later

ACTIVE_DAYS = 90  # a member with a purchase in the last 90 days is an active customer
# The kinds of segment, as a segment id begins ("behaviour.regular", "rfm.545", ...).
SEGMENT_KINDS = (
    "behaviour",
    "loyal",
    "value",
    "lifecycle",
    "rfm",
    "tier",
    "frequency",
    "referrals",
    "event",
)


@dataclasses.dataclass(frozen=True)
class Params:
    window_months: int = 12
    new_days: int = 30
    lapsed_days: int = 90
    regular_min_purchases: int = 4
    currency: str = "VND"
    frequency_days: int = 90  # the frequency segments count purchases in these last days
    frequency_regular_min: int = 4  # purchases in them to be frequency.regular
    frequency_frequent_min: int = 8  # and frequency.frequent
    ambassador_min_referrals: int = 3  # friends referred to be referrals.ambassador

    def problems(self) -> list[tuple[str, str]]:
        """(field, what is wrong) for parameters that cannot make sound segments."""
        found = []
        if self.frequency_regular_min < 2:
            found.append(("params.frequency_regular_min", "must be at least 2"))
        if self.frequency_frequent_min <= self.frequency_regular_min:
            found.append(("params.frequency_frequent_min", "must be above frequency_regular_min"))
        if self.ambassador_min_referrals < 2:
            found.append(("params.ambassador_min_referrals", "must be at least 2"))
        return found


@dataclasses.dataclass(frozen=True)
class Purchase:
    member_id: str
    at: datetime
    amount_minor: int  # net of returns
    fully_returned: bool


@dataclasses.dataclass(frozen=True)
class MemberFacts:
    member_id: str
    enrolled_at: datetime
    tier_code: str
    qualified_referrals: int  # referrals this member made that qualified
    referrals: int = 0  # friends who enrolled with this member's code (not erased)


@dataclasses.dataclass
class MemberSegment:
    member_id: str
    behaviour: str
    loyal: bool
    value: str
    lifecycle: str
    rfm: tuple[int, int, int]
    recency_days: int
    frequency: int
    monetary: int
    purchases_total: int
    lifetime_spend: int
    segment_ids: list[str]
    recent_purchases: int = 0  # in the last frequency_days (snapshots before: 0)
    referrals: int = 0


def compute_segments(
    members: Iterable[MemberFacts], purchases: Iterable[Purchase], as_of: datetime, params: Params
) -> list[MemberSegment]:
    """Every given member's segments (callers leave out blocked and erased members)."""
    window_start = months_later(as_of, -params.window_months)
    history: dict[str, list[Purchase]] = {}
    for purchase in purchases:
        if not purchase.fully_returned and purchase.at <= as_of:
            history.setdefault(purchase.member_id, []).append(purchase)
    facts = list(members)
    windows = {
        m.member_id: [p for p in history.get(m.member_id, []) if p.at >= window_start]
        for m in facts
    }
    spends = {member_id: sum(p.amount_minor for p in ps) for member_id, ps in windows.items()}
    high_from = _top_fifth_boundary([s for s in spends.values() if s > 0])
    buyers = [member_id for member_id, ps in windows.items() if ps]
    recency = {m: -(as_of - max(p.at for p in windows[m])).days for m in buyers}
    frequency = {m: len(windows[m]) for m in buyers}
    monetary = {m: spends[m] for m in buyers}
    scores = {
        name: _quintiles(values)
        for name, values in (("r", recency), ("f", frequency), ("m", monetary))
    }
    return [
        _segment(
            m,
            history.get(m.member_id, []),
            windows[m.member_id],
            spends[m.member_id],
            high_from,
            scores,
            as_of,
            params,
        )
        for m in facts
    ]


def _segment(
    member: MemberFacts,
    lifetime: list[Purchase],
    window: list[Purchase],
    spend: int,
    high_from: int | None,
    scores: dict,
    as_of: datetime,
    params: Params,
) -> MemberSegment:
    behaviour = _behaviour(member, window, as_of, params)
    loyal = behaviour == "regular" and member.qualified_referrals > 0
    value = "high" if high_from is not None and spend > 0 and spend >= high_from else "low"
    lifecycle = _lifecycle(loyal, behaviour, value, len(lifetime))
    rfm = tuple(scores[k].get(member.member_id, 0) for k in ("r", "f", "m"))
    ids = [
        f"behaviour.{behaviour}",
        f"value.{value}",
        f"lifecycle.{lifecycle}",
        f"rfm.{rfm[0]}{rfm[1]}{rfm[2]}",
    ]
    if loyal:
        ids.append("loyal")
    if member.tier_code:
        ids.append(f"tier.{member.tier_code}")
    recent_from = as_of - timedelta(days=params.frequency_days)
    recent = sum(1 for p in lifetime if p.at >= recent_from)
    ids.append(f"frequency.{frequency_band(recent, params)}")
    if member.referrals >= 1:
        ids.append("referrals.referrer")
    if member.referrals >= params.ambassador_min_referrals:
        ids.append("referrals.ambassador")
    last = max((p.at for p in window), default=None)
    return MemberSegment(
        member_id=member.member_id,
        behaviour=behaviour,
        loyal=loyal,
        value=value,
        lifecycle=lifecycle,
        rfm=rfm,
        recency_days=(as_of - last).days if last else 0,
        frequency=len(window),
        monetary=spend,
        purchases_total=len(lifetime),
        lifetime_spend=sum(p.amount_minor for p in lifetime),
        segment_ids=ids,
        recent_purchases=recent,
        referrals=member.referrals,
    )


def frequency_band(purchases: int, params: Params) -> str:
    """The frequency segment of a member with `purchases` in the last frequency_days."""
    if purchases >= params.frequency_frequent_min:
        return "frequent"
    if purchases >= params.frequency_regular_min:
        return "regular"
    return "occasional" if purchases >= 2 else "one_time" if purchases == 1 else "none"


def _behaviour(member: MemberFacts, window: list[Purchase], as_of: datetime, params: Params) -> str:
    if as_of - member.enrolled_at < timedelta(days=params.new_days):
        return "new"
    if not any(p.at >= as_of - timedelta(days=params.lapsed_days) for p in window):
        return "lapsed"
    return "regular" if len(window) >= params.regular_min_purchases else "occasional"


def _lifecycle(loyal: bool, behaviour: str, value: str, purchases: int) -> str:
    if loyal:
        return "loyal"
    if behaviour == "regular":
        return "consolidate" if value == "high" else "maintain"
    return "develop" if purchases >= 2 else "establish" if purchases == 1 else "attract"


def _top_fifth_boundary(spends: list[int]) -> int | None:
    """The smallest spend still in the top fifth (ties at the boundary are all in)."""
    if not spends:
        return None
    ranked = sorted(spends, reverse=True)
    return ranked[max(math.ceil(len(ranked) / 5), 1) - 1]


def _quintiles(values: dict[str, int]) -> dict[str, int]:
    """Scores 1..5 by position (5 = highest value); equal values share the higher score."""
    ordered = sorted(values.values())
    count = len(ordered)
    scores = {}
    for member_id, value in values.items():
        at_or_below = _count_at_or_below(ordered, value)
        scores[member_id] = max(1, math.ceil(5 * at_or_below / count))
    return scores


def _count_at_or_below(ordered: list[int], value: int) -> int:
    return bisect.bisect_right(ordered, value)


# What the ledger's events tell of purchases


@dataclasses.dataclass(frozen=True)
class PurchaseMade:
    """A purchase a member earned points on (points.earned)."""

    partner_id: str
    transaction_id: str
    member_id: str
    at: datetime
    amount_minor: int
    currency: str


@dataclasses.dataclass(frozen=True)
class PurchaseReturned:
    """Part or all of a purchase returned (points.reversed, event `event_id`)."""

    partner_id: str
    transaction_id: str  # the purchase's
    event_id: str
    amount_minor: int
    fully_returned: bool


# Segment computations


@dataclasses.dataclass(frozen=True)
class SegmentCount:
    segment_id: str
    kind: str  # one of SEGMENT_KINDS
    members: int


@dataclasses.dataclass(frozen=True)
class Computation:
    """One run of the segments job; its members' segments are kept under its id, so that
    paging through a segment stays consistent while a newer run computes."""

    computation_id: str
    as_of: datetime
    started_at: datetime
    finished_at: datetime
    currency: str
    members: int
    counts: dict[str, int]  # members by segment id

    def segments(self) -> list[SegmentCount]:
        """The segments with their member counts, by id."""
        return [
            SegmentCount(segment_id, segment_kind(segment_id), count)
            for segment_id, count in sorted(self.counts.items())
        ]


# What the CRM team and messages call each segment, in Vietnamese and English.
SEGMENT_NAMES = {
    "behaviour.new": ("Khách mới", "New customers"),
    "behaviour.regular": ("Khách thường xuyên", "Regular customers"),
    "behaviour.occasional": ("Khách thỉnh thoảng", "Occasional customers"),
    "behaviour.lapsed": ("Khách lâu không quay lại", "Lapsed customers"),
    "loyal": ("Khách trung thành", "Loyal customers"),
    "value.high": ("Giá trị cao", "High value"),
    "value.low": ("Giá trị thấp", "Low value"),
    "lifecycle.attract": ("Thu hút", "Attract"),
    "lifecycle.establish": ("Gây dựng", "Establish"),
    "lifecycle.develop": ("Phát triển", "Develop"),
    "lifecycle.maintain": ("Duy trì", "Maintain"),
    "lifecycle.consolidate": ("Củng cố", "Consolidate"),
    "lifecycle.loyal": ("Trung thành", "Loyal"),
    "frequency.none": ("Chưa mua gần đây", "No recent purchase"),
    "frequency.one_time": ("Mua một lần", "One-time buyers"),
    "frequency.occasional": ("Mua thỉnh thoảng", "Occasional buyers"),
    "frequency.regular": ("Mua đều đặn", "Regular buyers"),
    "frequency.frequent": ("Mua thường xuyên", "Frequent buyers"),
    "referrals.referrer": ("Đã giới thiệu bạn bè", "Referrers"),
    "referrals.ambassador": ("Đại sứ thương hiệu", "Ambassadors"),
}


def segment_name(segment_id: str) -> dict[str, str]:
    """The segment's display name per language: {"vi": ..., "en": ...}."""
    if segment_id in SEGMENT_NAMES:
        vi, en = SEGMENT_NAMES[segment_id]
    elif segment_id.startswith("rfm."):
        scores = segment_id.removeprefix("rfm.")
        vi, en = f"RFM {scores}", f"RFM {scores}"
    elif segment_id.startswith("tier."):
        code = segment_id.removeprefix("tier.")
        vi, en = f"Hạng {code}", f"Tier {code}"
    elif (parsed := parse_event_segment(segment_id)) is not None:
        name, count, days = parsed
        vi = f"{name}: ít nhất {count} lần trong {days} ngày"
        en = f"{name}: at least {count} times in {days} days"
    else:
        vi = en = segment_id
    return {"vi": vi, "en": en}


def segment_kind(segment_id: str) -> str:
    return segment_id.split(".")[0]


def segment_counts(segments: Iterable[MemberSegment]) -> dict[str, int]:
    """Members by segment id."""
    counts: dict[str, int] = {}
    for segment in segments:
        for segment_id in segment.segment_ids:
            counts[segment_id] = counts.get(segment_id, 0) + 1
    return counts


def check_segment_id(segment_id: str) -> None:
    """Refuses a segment id of no known kind."""
    if segment_kind(segment_id) not in SEGMENT_KINDS:
        raise Refusal(
            "not_found",
            "SEGMENT_NOT_FOUND",
            f"no segment {segment_id!r}; segments are "
            + ", ".join(f"{kind}.*" for kind in SEGMENT_KINDS),
            field="segment_id",
        )


# KPIs


@dataclasses.dataclass
class MemberKpis:
    members_total: int
    new_members: int
    purchasing_members: int
    active_members: int  # active customers at the period's end
    retention_rate: float
    retention_base: int  # members active at the period's start
    retained_members: int  # of them, still active at its end
    repeat_purchase_rate: float
    purchase_frequency: float
    average_clv: int
    tier_distribution: dict[str, int]
    nps: float
    nps_responses: int
    nps_promoters: int
    nps_passives: int
    nps_detractors: int


def compute_kpis(
    members: Iterable[MemberSummary],
    purchases: Iterable[Purchase],
    scores: Iterable[int],
    start: datetime,
    end: datetime,
    enrolled_here: set[str] | None = None,
) -> MemberKpis:
    """The members' figures for [start, end). With `enrolled_here` (the members enrolled
    at one partner's stores, `purchases` being that partner's), the members counted are
    those and the ones who bought there before the end, and only those are new."""
    members = [m for m in members if m.enrolled_at < end]
    if enrolled_here is not None:
        purchases = list(purchases)
        theirs = enrolled_here | {p.member_id for p in purchases if p.at < end}
        members = [m for m in members if m.member_id in theirs]
    known = {m.member_id for m in members}
    counted = [p for p in purchases if p.member_id in known and not p.fully_returned and p.at < end]
    active = timedelta(days=ACTIVE_DAYS)
    in_period = Counter(p.member_id for p in counted if p.at >= start)
    active_at_start = {p.member_id for p in counted if start - active <= p.at < start}
    active_at_end = {p.member_id for p in counted if end - active <= p.at}
    retained = active_at_start & active_at_end
    lifetime = Counter()
    for purchase in counted:
        lifetime[purchase.member_id] += purchase.amount_minor
    answers = list(scores)
    promoters = sum(1 for s in answers if s >= 9)
    detractors = sum(1 for s in answers if s <= 6)
    return MemberKpis(
        members_total=len(members),
        new_members=sum(
            1
            for m in members
            if m.enrolled_at >= start and (enrolled_here is None or m.member_id in enrolled_here)
        ),
        purchasing_members=len(in_period),
        active_members=len(active_at_end),
        retention_rate=_share(len(retained), len(active_at_start)),
        retention_base=len(active_at_start),
        retained_members=len(retained),
        repeat_purchase_rate=_share(sum(1 for n in in_period.values() if n >= 2), len(in_period)),
        purchase_frequency=_share(sum(in_period.values()), len(in_period)),
        average_clv=sum(lifetime.values()) // len(lifetime) if lifetime else 0,
        tier_distribution=dict(Counter(m.tier_code or "none" for m in members)),
        nps=_share(promoters - detractors, len(answers)) * 100,
        nps_responses=len(answers),
        nps_promoters=promoters,
        nps_passives=len(answers) - promoters - detractors,
        nps_detractors=detractors,
    )


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


# A series of periods: [b0, b1), [b1, b2) ... from one read of each source, split here.

MAX_BOUNDARIES = 25  # 24 periods: two years of months


def period_of(boundaries: list[datetime], at: datetime) -> int | None:
    """The index of the period `at` falls in; None before the first or from the last
    boundary on."""
    index = bisect.bisect_right(boundaries, at) - 1
    return index if 0 <= index < len(boundaries) - 1 else None


def scores_by_period(
    boundaries: list[datetime], answers: Iterable[tuple[datetime, int]]
) -> list[list[int]]:
    """The scores of the (when, score) answers given in each period."""
    found: list[list[int]] = [[] for _ in boundaries[1:]]
    for at, score in answers:
        index = period_of(boundaries, at)
        if index is not None:
            found[index].append(score)
    return found


def points_by_period(
    boundaries: list[datetime], moved: Iterable[tuple[datetime, int, int, int]]
) -> list[tuple[int, int, int]]:
    """(issued, redeemed, expired) in each period, of (when, issued, redeemed, expired)."""
    totals = [[0, 0, 0] for _ in boundaries[1:]]
    for at, *points in moved:
        index = period_of(boundaries, at)
        if index is not None:
            totals[index] = [a + b for a, b in zip(totals[index], points, strict=True)]
    return [(issued, redeemed, expired) for issued, redeemed, expired in totals]


def changed_since_each(
    instants: list[datetime], changes: Iterable[tuple[datetime, int]]
) -> list[int]:
    """For each of the ascending `instants`, the sum of the (when, change) changes at or
    after it: each change is counted once, under the last instant at or before it, and
    then summed from the latest instant back."""
    under = [0] * len(instants)
    for at, change in changes:
        index = bisect.bisect_right(instants, at) - 1
        if index >= 0:
            under[index] += change
    since, total = [], 0
    for change in reversed(under):
        total += change
        since.append(total)
    return since[::-1]


@dataclasses.dataclass(frozen=True)
class TierShare:
    tier_code: str  # "none" for members no ladder placed
    members: int
    share: float


@dataclasses.dataclass(frozen=True)
class PointsMoved:
    """What one ledger event adds to the points issued, redeemed and expired, when the
    ledger recorded it (a refund redeems negatively), and at which partner ("" for none:
    gifts, the app). `event_id` is the fact's key: the event's id, or for an expiry the
    event's id and the partner its lots were earned at."""

    event_id: str
    at: datetime
    issued: int = 0
    redeemed: int = 0
    expired: int = 0
    partner_id: str = ""
    entry_id: str = ""  # the ledger entry, so a refund finds its redemption's partner
    lot_id: str = ""  # the lot an earn or bonus made, so an expiry finds its partner
    refunds_entry_id: str = ""  # a refund: the redemption it gives back
    owed: int = 0  # what it changed the points the programme owes (the liability) by


@dataclasses.dataclass(frozen=True)
class PointsExpired:
    """points.expired: lots of a member expired (lot id, points taken from it)."""

    event_id: str
    at: datetime
    lots: tuple[tuple[str, int], ...]

    def by_partner(self, partner_of_lot: dict[str, str]) -> list[PointsMoved]:
        """One fact per partner the lots were earned at ("" for bonus lots and lots the
        insights never saw earned), so a partner's KPIs count only its own lots."""
        points: Counter = Counter()
        for lot_id, expired in self.lots:
            points[partner_of_lot.get(lot_id, "")] += expired
        return [
            PointsMoved(
                f"{self.event_id}/{partner}", self.at, expired=n, partner_id=partner, owed=-n
            )
            for partner, n in sorted(points.items())
        ]


@dataclasses.dataclass(frozen=True)
class LedgerFigures:
    """The ledger's figures for a period (asked of the points service)."""

    points_liability: int  # now
    points_issued: int
    points_redeemed: int
    points_expired: int = 0
    liability_at_end: int | None = None  # None: not known (before the history recorded)
    liability_history_from: datetime | None = None

    @property
    def redemption_rate(self) -> float:
        return _share(self.points_redeemed, self.points_issued)


@dataclasses.dataclass(frozen=True)
class Kpis:
    members: MemberKpis
    ledger: LedgerFigures
    computed_at: datetime
    partner_id: str = ""  # "" = the whole programme

    def tier_shares(self) -> list[TierShare]:
        """Members per tier and their share of all members, by tier code."""
        total = self.members.members_total
        return [
            TierShare(code, count, _share(count, total))
            for code, count in sorted(self.members.tier_distribution.items())
        ]


@dataclasses.dataclass(frozen=True)
class NpsAnswer:
    answer_id: str  # the request's idempotency key
    member_id: str
    score: int  # 0..10
    comment: str
    survey: str
    answered_at: datetime

    def same_as(self, other: NpsAnswer) -> bool:
        """Whether `other` records the same answer (a retry of the same request)."""
        return (self.member_id, self.score, self.survey) == (
            other.member_id,
            other.score,
            other.survey,
        )


# Custom event segments: "event.<name>.<N>in<D>d", members who did the custom event <name>
# at least N times in the D days up to the computation's as_of.

EVENT_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}\Z")
EVENT_SEGMENT_ID = re.compile(r"event\.([a-z][a-z0-9_]{0,63})\.([0-9]+)in([0-9]+)d\Z")
MAX_EVENT_COUNT, MAX_EVENT_DAYS, MAX_EVENT_SEGMENTS = 1_000, 366, 50


@dataclasses.dataclass(frozen=True)
class EventSegment:
    event_name: str
    min_count: int
    days: int
    display_name: dict[str, str] = dataclasses.field(default_factory=dict, hash=False)
    created_at: datetime | None = None
    created_by: str = ""

    @property
    def segment_id(self) -> str:
        return f"event.{self.event_name}.{self.min_count}in{self.days}d"

    def problems(self) -> list[tuple[str, str]]:
        """(field, what is wrong) for a definition that cannot make a segment."""
        found = []
        if not EVENT_NAME.match(self.event_name):
            found.append(("segment.event_name", "must be lower_snake, 1..64 characters"))
        if not 1 <= self.min_count <= MAX_EVENT_COUNT:
            found.append(("segment.min_count", f"must be 1..{MAX_EVENT_COUNT}"))
        if not 1 <= self.days <= MAX_EVENT_DAYS:
            found.append(("segment.days", f"must be 1..{MAX_EVENT_DAYS}"))
        return found


@dataclasses.dataclass(frozen=True)
class CustomEventDone:
    """A member's custom event (custom_event.recorded, event `event_id`)."""

    event_id: str
    member_id: str
    name: str
    at: datetime


def parse_event_segment(segment_id: str) -> tuple[str, int, int] | None:
    """(event name, N, D) of an "event.<name>.<N>in<D>d" id; None for another id."""
    found = EVENT_SEGMENT_ID.match(segment_id)
    return (found[1], int(found[2]), int(found[3])) if found else None


def event_segment_members(
    definitions: Iterable[EventSegment],
    events: Iterable[tuple[str, str, datetime]],
    as_of: datetime,
) -> dict[str, list[str]]:
    """The event segment ids of each member, from the members' (member id, event name,
    when) events, read once in any order; only counts are kept."""
    by_name: dict[str, list[EventSegment]] = {}
    for definition in definitions:
        by_name.setdefault(definition.event_name, []).append(definition)
    counts: Counter = Counter()
    for member_id, name, at in events:
        for definition in by_name.get(name, ()):
            if as_of - timedelta(days=definition.days) < at <= as_of:
                counts[(member_id, definition.segment_id)] += 1
    needed = {d.segment_id: d.min_count for ds in by_name.values() for d in ds}
    members: dict[str, list[str]] = {}
    for (member_id, segment_id), count in sorted(counts.items()):
        if count >= needed[segment_id]:
            members.setdefault(member_id, []).append(segment_id)
    return members
