"""What the insights do on the ledger's events: learn the members' purchases
(points.earned) and their returns (points.reversed), their custom events
(custom_event.recorded) for the event segments, and the points issued (earned, bonuses and
gifts), redeemed (redeems, captured holds, less refunds) and expired for the KPIs, each
at the partner it happened at, so the KPIs can be one partner's."""

from __future__ import annotations

from datetime import UTC

from loyalty.events.v1 import events_pb2
from services.members.insights.domain import (
    CustomEventDone,
    PointsExpired,
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
        if kind == "points_expired":
            self.insights.points_expired(
                PointsExpired(
                    event.event_id,
                    event.occurred_at.ToDatetime(UTC),
                    tuple((lot.lot_id, lot.points) for lot in event.points_expired.lots),
                )
            )
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
    """What the event adds to the points issued or redeemed, and where, and what it
    changes the liability by; None if it changes none of them (expiries: PointsExpired;
    activations and holds placed, released or expired move points within a balance)."""
    payload = getattr(event, kind) if kind else None
    at = event.occurred_at.ToDatetime(UTC)
    if kind == "points_earned":
        return PointsMoved(
            event.event_id,
            at,
            issued=payload.points,
            partner_id=payload.partner_id,
            entry_id=payload.entry_id,
            lot_id=payload.lot_id,
            owed=payload.points,
        )
    if kind == "bonus_awarded":  # bonuses and gifts are the programme's, no partner's
        return PointsMoved(
            event.event_id, at, issued=payload.points, lot_id=payload.lot_id, owed=payload.points
        )
    if kind == "points_redeemed":
        return PointsMoved(
            event.event_id,
            at,
            redeemed=payload.points,
            partner_id=payload.partner_id,
            entry_id=payload.entry_id,
            owed=-payload.points,
        )
    if kind == "hold_captured":  # the released rest goes back to the balance: still owed
        return PointsMoved(
            event.event_id,
            at,
            redeemed=payload.captured_points,
            partner_id=payload.partner_id,
            entry_id=payload.entry_id,
            owed=-payload.captured_points,
        )
    if kind == "points_refunded":  # at the partner of the redemption it gives back
        return PointsMoved(
            event.event_id,
            at,
            redeemed=-payload.points,
            refunds_entry_id=payload.redeem_entry_id,
            owed=payload.points,
        )
    if kind == "points_adjusted":  # corrections: neither issued nor redeemed
        return PointsMoved(event.event_id, at, owed=payload.points)
    if kind == "points_reversed":  # returned goods take issued points back
        return PointsMoved(
            event.event_id, at, partner_id=payload.partner_id, owed=-payload.reversed_points
        )
    return None
