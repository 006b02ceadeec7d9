"""The services' events, read by the webhooks' own consumer group on each stream (so a
slow subscriber never holds back the messages part's reading): each event of the public
catalogue is queued for the subscriptions that take it (service/intake.py)."""

from __future__ import annotations

from loyalty.events.v1 import events_pb2
from services.notifications.webhooks.events import public_event
from services.notifications.webhooks.service.intake import Intake

GROUP = "notifications-webhooks"


class WebhookFeed:
    def __init__(self, intake: Intake) -> None:
        self.intake = intake

    def on_event(self, envelope: events_pb2.Envelope) -> None:
        event = public_event(envelope)
        if event is not None:
            self.intake.take(event)
