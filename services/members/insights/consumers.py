"""What the insights do on the ledger's events: learn the members' purchases
(points.earned) and their returns (points.reversed), their custom events
(custom_event.recorded) for the event segments, and the points issued (earned, bonuses and
gifts) and redeemed (redeems, captured holds, less refunds) for the KPIs."""

from __future__ import annotations

from datetime import UTC

from loyalty.events.v1 import events_pb2
from services.members.insights.domain import (
    CustomEventDone,
    PointsMoved,
    PurchaseMade,
    PurchaseReturned,
)
from services.members.insights.service import Insights


class PurchaseFacts:
    def __init__(self, insights: Insights) -> None:
        self.insights = insights

    def on_ledger_event(self, event: events_pb2.Envelope) -> None:
        kind = event.WhichOneof("payload")
        moved = _points_moved(event, kind)
        if moved is not None:
            self.insights.points_moved(moved)
        if kind == "points_earned":
            earned = event.points_earned
            self.insights.purchase_made(
                PurchaseMade(
                    partner_id=earned.partner_id,
                    transaction_id=earned.transaction_id,
                    member_id=event.member_id,
                    at=earned.purchased_at.ToDatetime(UTC),
                    amount_minor=earned.amount.amount_minor,
                    currency=earned.amount.currency,
                )
            )
        elif kind == "custom_event_recorded":
            recorded = event.custom_event_recorded
            self.insights.custom_event_done(
                CustomEventDone(
                    event_id=event.event_id,
                    member_id=event.member_id,
                    name=recorded.name,
                    at=recorded.occurred_at.ToDatetime(UTC),
                )
            )
        elif kind == "points_reversed":
            reversed_ = event.points_reversed
            self.insights.purchase_returned(
                PurchaseReturned(
                    partner_id=reversed_.partner_id,
                    transaction_id=reversed_.original_transaction_id,
                    event_id=event.event_id,
                    amount_minor=reversed_.returned_amount.amount_minor,
                    fully_returned=reversed_.fully_returned,
                )
            )


def _points_moved(event: events_pb2.Envelope, kind: str | None) -> PointsMoved | None:
    """What the event adds to the points issued or redeemed; None if it adds nothing."""
    payload = getattr(event, kind) if kind else None
    if kind in ("points_earned", "bonus_awarded"):
        issued, redeemed = payload.points, 0
    elif kind == "points_redeemed":
        issued, redeemed = 0, payload.points
    elif kind == "hold_captured":
        issued, redeemed = 0, payload.captured_points
    elif kind == "points_refunded":
        issued, redeemed = 0, -payload.points
    else:
        return None
    at = event.occurred_at.ToDatetime(UTC)
    return PointsMoved(event.event_id, at, issued=issued, redeemed=redeemed)
