"""The earning-rules engine's inputs and outputs: plain frozen data, no I/O.

Kinds and stackings are the lower-case names of EarningRuleKind and Stacking in
proto/loyalty/points/v1/rules.proto. Money is in minor units of the purchase currency.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

KINDS = (
    "base_rate",
    "tier_multiplier",
    "category_multiplier",
    "sku_multiplier",
    "category_exclusion",
    "sku_exclusion",
    "minimum_spend",
    "campaign",
    "earning_cap",
)
STACKINGS = ("", "multiply", "add")


def _freeze(obj: object, *names: str) -> None:
    # Callers pass lists and sets; frozensets keep the dataclasses hashable and immutable.
    for name in names:
        object.__setattr__(obj, name, frozenset(getattr(obj, name)))


@dataclass(frozen=True)
class Line:
    line_id: str
    sku: str
    category: str
    amount_minor: int


@dataclass(frozen=True)
class Purchase:
    partner_id: str
    store_id: str
    currency: str
    amount_minor: int
    occurred_at: datetime
    lines: tuple[Line, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(self.lines))


@dataclass(frozen=True)
class MemberFacts:
    """What the engine knows of the member: tier, segments and points earned so far."""

    tier_code: str = ""
    tier_multiplier_bp: int = 10_000
    segment_ids: frozenset[str] = frozenset()
    earned_today: int = 0  # purchase points already earned this local day
    earned_this_month: int = 0  # ... and this local calendar month

    def __post_init__(self) -> None:
        _freeze(self, "segment_ids")


@dataclass(frozen=True)
class Schedule:
    """When a rule applies; times of day are "HH:MM" in the programme's time zone."""

    starts_at: datetime | None = None  # inclusive
    ends_at: datetime | None = None  # exclusive
    days_of_week: frozenset[int] = frozenset()  # 1 = Monday .. 7 = Sunday
    start_time: str = ""  # inclusive; empty = 00:00
    end_time: str = ""  # exclusive; empty = end of day; before start = past midnight

    def __post_init__(self) -> None:
        _freeze(self, "days_of_week")


@dataclass(frozen=True)
class Scope:
    """Which purchases, members and lines a rule applies to; empty means any."""

    partner_ids: frozenset[str] = frozenset()
    store_ids: frozenset[str] = frozenset()
    tier_codes: frozenset[str] = frozenset()
    segment_ids: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    skus: frozenset[str] = frozenset()
    currency: str = ""

    def __post_init__(self) -> None:
        _freeze(self, "partner_ids", "store_ids", "tier_codes", "segment_ids")
        _freeze(self, "categories", "skus")


@dataclass(frozen=True)
class RuleRate:
    """A BASE_RATE rule's rate: points_per_unit points per spend_unit_minor of spend."""

    currency: str
    spend_unit_minor: int
    points_per_unit: int


@dataclass(frozen=True)
class Caps:
    """EARNING_CAP limits on purchase points; 0 = no cap for that period."""

    per_transaction: int = 0
    per_member_day: int = 0
    per_member_month: int = 0


@dataclass(frozen=True)
class Rule:
    """An earning rule; fields that do not belong to its kind are ignored."""

    rule_id: str
    kind: str
    name: str = ""
    # Per language ("vi", "en"); left out of the hash so a Rule stays hashable.
    display_name: dict[str, str] = field(default_factory=dict, hash=False)
    enabled: bool = True
    archived: bool = False
    priority: int = 0
    stacking: str = ""
    stop_further_rules: bool = False
    scope: Scope = Scope()
    schedule: Schedule = Schedule()
    multiplier_bp: int = 0
    fixed_points: int = 0
    base_rate: RuleRate | None = None
    minimum_spend_minor: int = 0
    caps: Caps = Caps()
    max_points_per_transaction: int = 0
    excluded_from_tier: bool = False

    def __post_init__(self) -> None:
        # A typo in a kind or stacking would silently make a rule do nothing.
        if self.kind not in KINDS:
            raise ValueError(f"unknown rule kind {self.kind!r}")
        if self.stacking not in STACKINGS:
            raise ValueError(f"unknown stacking {self.stacking!r}")


@dataclass(frozen=True)
class Contribution:
    """What one rule (or the programme's base rate / tier multiplier) added."""

    rule_id: str
    name: str
    kind: str
    points: int
    stacking: str = ""
    multiplier_bp: int = 0
    line_ids: tuple[str, ...] = ()
    capped: bool = False
    qualifying: bool = True
    note: str = ""


@dataclass(frozen=True)
class Award:
    """A purchase's points, the part that counts for tiers, and why."""

    points: int
    qualifying: int
    breakdown: tuple[Contribution, ...]
    excluded_line_ids: tuple[str, ...] = ()
    minimum_spend_met: bool = True
