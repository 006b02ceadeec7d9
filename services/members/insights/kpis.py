"""The programme's KPIs for a period, from members, purchases and survey answers. Pure.

retention rate      of the members who bought in the period before (same length), the
                    share who bought again in this one
repeat purchase     of the members who bought in the period, the share who bought twice+
purchase frequency  purchases in the period per member who bought
average CLV         lifetime spend (net of returns) up to the period's end per member who
                    ever bought
NPS                 share of 9-10 answers minus share of 0-6 answers, x 100
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from services.members.insights.segments import Purchase


@dataclasses.dataclass(frozen=True)
class MemberRow:
    member_id: str
    enrolled_at: datetime
    tier_code: str


@dataclasses.dataclass
class MemberKpis:
    members_total: int
    new_members: int
    purchasing_members: int
    retention_rate: float
    repeat_purchase_rate: float
    purchase_frequency: float
    average_clv: int
    tier_distribution: dict[str, int]
    nps: float
    nps_responses: int
    nps_promoters: int
    nps_passives: int
    nps_detractors: int


def compute(
    members: Iterable[MemberRow],
    purchases: Iterable[Purchase],
    scores: Iterable[int],
    start: datetime,
    end: datetime,
) -> MemberKpis:
    members = [m for m in members if m.enrolled_at < end]
    known = {m.member_id for m in members}
    counted = [p for p in purchases if p.member_id in known and not p.fully_returned and p.at < end]
    previous_start = start - (end - start)
    in_period = Counter(p.member_id for p in counted if p.at >= start)
    before = {p.member_id for p in counted if previous_start <= p.at < start}
    lifetime = Counter()
    for purchase in counted:
        lifetime[purchase.member_id] += purchase.amount_minor
    answers = list(scores)
    promoters = sum(1 for s in answers if s >= 9)
    detractors = sum(1 for s in answers if s <= 6)
    return MemberKpis(
        members_total=len(members),
        new_members=sum(1 for m in members if m.enrolled_at >= start),
        purchasing_members=len(in_period),
        retention_rate=_share(len(before & set(in_period)), len(before)),
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
