"""The events the messages announce, encoded for the other services, and the relay that
takes them to `loyalty.notifications.events`.

A sent delivery announces MessageDelivered, a dead-lettered one MessageFailed; the
dispatcher queues each in the outbox (with the delivery, before settling it) and the
relay publishes the queue. The event id derives from the delivery (and, for a give-up,
its attempts), so an announcement queued twice is published once.
"""

from __future__ import annotations

import redis

from common import events as bus
from common.outbox import RelayLoop
from loyalty.events.v1 import events_pb2
from services.notifications.messages.domain.attempts import Delivered, GaveUp
from services.notifications.messages.store import MessageStore


def message_delivered(delivered: Delivered) -> tuple[str, bytes]:
    """(event id, envelope) of MessageDelivered."""
    delivery = delivered.delivery
    event = bus.envelope(
        "message.delivered",
        "notifications",
        delivery.member_id,
        f"delivery:{delivery.delivery_id}",
        occurred_at=delivered.sent_at,
        event_id=f"delivered-{delivery.delivery_id}",
        message_delivered=events_pb2.MessageDelivered(
            message_id=delivery.message_id,
            delivery_id=delivery.delivery_id,
            channel=delivery.channel,
            message_type=delivery.message_type,
            category=delivery.category,
            attempts=delivered.attempts,
            provider_message_id=delivered.provider_message_id,
            sent_at=bus.timestamp(delivered.sent_at),
        ),
    )
    return event.event_id, event.SerializeToString()


def message_failed(gave_up: GaveUp) -> tuple[str, bytes]:
    """(event id, envelope) of MessageFailed."""
    delivery = gave_up.delivery
    event = bus.envelope(
        "message.failed",
        "notifications",
        delivery.member_id,
        f"delivery:{delivery.delivery_id}",
        occurred_at=gave_up.failed_at,
        event_id=f"failed-{delivery.delivery_id}-{gave_up.attempts}",
        message_failed=events_pb2.MessageFailed(
            message_id=delivery.message_id,
            delivery_id=delivery.delivery_id,
            channel=delivery.channel,
            message_type=delivery.message_type,
            category=delivery.category,
            attempts=gave_up.attempts,
            reason=gave_up.reason.name.lower(),
            failed_at=bus.timestamp(gave_up.failed_at),
        ),
    )
    return event.event_id, event.SerializeToString()


class NotificationsRelay(RelayLoop):
    """The outbox relay: queued events reach `loyalty.notifications.events`."""

    def __init__(self, store: MessageStore, client: redis.Redis, **timing) -> None:
        super().__init__("notifications-relay", **timing)
        self.store = store
        self.client = client

    def relay_round(self, keys: set[str], sweep: bool) -> int:
        return self.store.publish_events(self.client, bus.NOTIFICATIONS_STREAM)
