"""Who a member is to the catalogue: their tier, its rank and exclusivity, their segments
and points, read from the ledger's account and (only when a reward's visibility needs
them) the members service."""

from __future__ import annotations

import logging
from collections.abc import Callable

from common.refusals import Refusal
from services.points.ledger.service import Ledger
from services.points.rewards.domain.model import Reward, Viewer
from services.points.upstream import MembersView

log = logging.getLogger("loyalty.points.rewards")


def viewer_of(ledger: Ledger, members: MembersView, active: Callable[[], list[Reward]]):
    """member id -> (Viewer, tier ranks). The ladder and the member's segments are asked of
    the members service only when some active reward's visibility needs them; if it cannot
    be reached, tier- and segment-restricted rewards stay hidden (fail closed)."""

    def viewer(member_id: str) -> tuple[Viewer, dict[str, int]]:
        account = ledger.accounts.load(member_id)
        rules = [reward.visibility for reward in active()]
        ladder = {}
        if any(r.min_tier_code or r.exclusive for r in rules):
            ladder = _or_nothing(members.ladder, {})
        segments = frozenset()
        if any(r.segment_ids for r in rules):
            segments = _or_nothing(lambda: members.segments(member_id), frozenset())
        tier = ladder.get(account.tier_code)
        return (
            Viewer(
                member_id=member_id,
                tier_code=account.tier_code,
                tier_rank=tier.rank if tier else 0,
                tier_exclusive=tier.exclusive_rewards if tier else False,
                segment_ids=segments,
                blocked=account.status == "blocked",
                erased=account.status == "erased",
                available_points=account.available,
            ),
            {code: facts.rank for code, facts in ladder.items()},
        )

    return viewer


def _or_nothing(read, nothing):
    try:
        return read()
    except Refusal as refusal:
        log.warning("members service unavailable: %s", refusal.message)
        return nothing
