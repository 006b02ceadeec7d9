"""What the tiers do on the ledger's events: purchases, returns and adjustments count
toward the member's tier (tiers/domain.py says how much, on the ladder's measure)."""

from __future__ import annotations

from datetime import UTC

from loyalty.events.v1 import events_pb2
from services.members.tiers.domain import LedgerMovement
from services.members.tiers.service import TierEngine


class TierCounter:
    def __init__(self, engine: TierEngine) -> None:
        self.engine = engine

    def on_ledger_event(self, event: events_pb2.Envelope) -> None:
        movement = _movement(event)
        if movement is not None and event.member_id:
            self.engine.count(event.member_id, movement)


def _movement(event: events_pb2.Envelope) -> LedgerMovement | None:
    """What a ledger event moves toward a tier, or None for events that move nothing."""
    kind = event.WhichOneof("payload")
    if kind == "points_earned":
        earned = event.points_earned
        return LedgerMovement(
            event.event_id,
            earned.purchased_at.ToDatetime(UTC),
            earned.qualifying_points,
            earned.amount.amount_minor,
            earned.amount.currency,
        )
    if kind == "points_reversed":
        reversed_ = event.points_reversed
        return LedgerMovement(
            event.event_id,
            reversed_.purchased_at.ToDatetime(UTC),
            -reversed_.qualifying_points,
            -reversed_.returned_amount.amount_minor,
            reversed_.returned_amount.currency,
        )
    if kind == "points_adjusted":
        adjusted = event.points_adjusted
        return LedgerMovement(
            event.event_id, event.occurred_at.ToDatetime(UTC), adjusted.qualifying_points
        )
    return None
