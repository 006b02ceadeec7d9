"""What the insights do on the ledger's events: learn the members' purchases
(points.earned) and their returns (points.reversed)."""

from __future__ import annotations

from datetime import UTC

from loyalty.events.v1 import events_pb2
from services.members.insights.domain import PurchaseMade, PurchaseReturned
from services.members.insights.service import Insights


class PurchaseFacts:
    def __init__(self, insights: Insights) -> None:
        self.insights = insights

    def on_ledger_event(self, event: events_pb2.Envelope) -> None:
        kind = event.WhichOneof("payload")
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
