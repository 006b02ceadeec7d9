"""The reward catalogue's parts, built over the ledger and the members service's view."""

from __future__ import annotations

import logging
from collections.abc import Callable

from common.refusals import Refusal
from services.points.ledger_service import Ledger
from services.points.members_view import MembersView
from services.points.rewards.catalogue import Catalogue
from services.points.rewards.events import CatalogueEvents
from services.points.rewards.issuing import Issuer
from services.points.rewards.model import Reward, Viewer
from services.points.rewards.redemptions import Redemptions
from services.points.rewards.storage import RewardStore
from services.points.rewards.vouchers import Vouchers
from services.points.rewards_servicer import RewardsParts

log = logging.getLogger("loyalty.points.rewards")


def build_rewards(
    db, ledger: Ledger, members: MembersView, on_event: Callable[[], None], clock
) -> RewardsParts:
    store = RewardStore(db)
    events = CatalogueEvents(store, on_event)
    catalogue = Catalogue(store, clock)
    vouchers = Vouchers(store, events, lambda: ledger.programme().time_zone, clock)
    viewer = viewer_of(ledger, members, catalogue.active)
    return RewardsParts(
        catalogue=catalogue,
        redemptions=Redemptions(store, catalogue, vouchers, ledger, viewer, events, clock),
        vouchers=vouchers,
        issuer=Issuer(store, catalogue, vouchers, viewer),
        events=events,
        viewer=viewer,
        known_tiers=members.tier_codes,
        ledger=ledger,
        clock=clock,
    )


def viewer_of(ledger: Ledger, members: MembersView, active: Callable[[], list[Reward]]):
    """member id -> (Viewer, tier ranks). The ladder and the member's segments are asked of
    the members service only when some active reward's visibility needs them; if it cannot
    be reached, tier- and segment-restricted rewards stay hidden (fail closed)."""

    def viewer(member_id: str) -> tuple[Viewer, dict[str, int]]:
        account = ledger.account(member_id)
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
