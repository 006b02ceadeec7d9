"""Segments: behaviour, loyalty, value band, RFM scores and lifecycle stage, computed from
members and their purchases as of one instant. Pure, no I/O; the definitions are those
of proto/loyalty/members/v1/insights.proto.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
from collections.abc import Iterable
from datetime import datetime, timedelta

from services.members.tiers.ladder import months_later


@dataclasses.dataclass(frozen=True)
class Params:
    window_months: int = 12
    new_days: int = 30
    lapsed_days: int = 90
    regular_min_purchases: int = 4
    currency: str = "VND"


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


def compute(
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
    )


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
