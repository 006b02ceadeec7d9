"""Driving the webhooks part of a running notifications service: its gRPC stub, a
subscription with a fast policy, and the services' events as they publish them."""

from __future__ import annotations

import uuid

from common import clock
from common import events as bus
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.notifications.v1 import webhooks_pb2 as pb
from loyalty.notifications.v1 import webhooks_pb2_grpc
from tests.support.waiting import wait_for

# Retries a test can wait for: a tenth of a second, doubling, at most half a second.
FAST = {"max_attempts": 3, "retry_base_seconds": 0.1, "retry_max_seconds": 0.5}


def webhooks(service) -> webhooks_pb2_grpc.WebhooksServiceStub:
    return webhooks_pb2_grpc.WebhooksServiceStub(service.channel)


def subscribe(service, url: str, *event_types: str, **policy) -> tuple[pb.Subscription, str]:
    """A subscription (and its secret) to `event_types` (points.earned if none)."""
    answer = webhooks(service).CreateSubscription(
        pb.CreateSubscriptionRequest(
            url=url,
            event_types=event_types or ("points.earned",),
            description="test receiver",
            policy=pb.DeliveryPolicy(**{**FAST, **policy}),
            actor="staff:test",
        )
    )
    return answer.subscription, answer.secret


def earned(member_id: str, points: int = 10, event_id: str = "") -> events_pb2.Envelope:
    """PointsEarned as the ledger publishes it."""
    return bus.envelope(
        "points.earned",
        "points",
        member_id,
        "test",
        event_id=event_id,
        points_earned=events_pb2.PointsEarned(
            entry_id=f"ent-{uuid.uuid4().hex[:8]}",
            partner_id="partner-1",
            store_id="store-1",
            transaction_id=f"tx-{uuid.uuid4().hex[:8]}",
            amount=common_pb2.Money(amount_minor=points * 10_000, currency="VND"),
            points=points,
            qualifying_points=points,
            lot_id=f"lot-{uuid.uuid4().hex[:8]}",
            purchased_at=bus.timestamp(clock.now()),
            balance=events_pb2.BalanceAfter(available=points, account_version=1),
        ),
    )


def publish(service, *envelopes: events_pb2.Envelope) -> None:
    """Onto the ledger's stream, as its relay does."""
    bus.publish(service.redis, bus.POINTS_STREAM, [e.SerializeToString() for e in envelopes])


def deliveries(service, subscription_id: str, *statuses: int) -> list[pb.WebhookDelivery]:
    request = pb.ListWebhookDeliveriesRequest(subscription_id=subscription_id, statuses=statuses)
    return list(webhooks(service).ListDeliveries(request).deliveries)


def settled(service, subscription_id: str, count: int, status: int) -> list[pb.WebhookDelivery]:
    """The subscription's deliveries once `count` of them are in `status`."""

    def ready():
        found = deliveries(service, subscription_id, status)
        return found if len(found) >= count else None

    return wait_for(
        ready, what=f"{count} deliveries in status {pb.WebhookDeliveryStatus.Name(status)}"
    )
