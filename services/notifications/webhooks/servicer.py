"""WebhooksService over gRPC: checks and translates; the use cases are service/'s."""

from __future__ import annotations

from datetime import timedelta

from common import events as bus
from common.grpc_errors import answering_refusals
from common.paging import Page
from common.validation import Checks
from loyalty.notifications.v1 import webhooks_pb2 as pb
from loyalty.notifications.v1 import webhooks_pb2_grpc
from services.notifications.webhooks.domain import catalogue
from services.notifications.webhooks.domain.delivery import REPLAYABLE, Delivery
from services.notifications.webhooks.domain.subscription import (
    DEFAULT_OVERLAP,
    MAX_DESCRIPTION,
    MAX_EVENT_TYPES,
    MAX_OVERLAP,
    Policy,
    Subscription,
    UrlRules,
    policy_problems,
)
from services.notifications.webhooks.service.log import DeliveryLog
from services.notifications.webhooks.service.subscriptions import Changes, Subscriptions

DOMAIN = "loyalty.notifications.v1"
MASKABLE = {"event_types", "description", "paused", "policy"}
MAX_REPLAY_IDS = 500
rpc = answering_refusals(DOMAIN)


class WebhooksServicer(webhooks_pb2_grpc.WebhooksServiceServicer):
    def __init__(self, subscriptions: Subscriptions, log: DeliveryLog, rules: UrlRules) -> None:
        self.subscriptions = subscriptions
        self.log = log
        self.rules = rules

    @rpc
    def CreateSubscription(self, request, context):
        checks = Checks(DOMAIN)
        problem = self.rules.problem(request.url)
        checks.check(bool(request.url), "url", "is required")
        checks.check(not (request.url and problem), "url", problem)
        event_types = _event_types(checks, request.event_types)
        checks.text("description", request.description, required=False, max_length=MAX_DESCRIPTION)
        checks.text("actor", request.actor)
        policy = _policy(checks, request.policy)
        checks.done()
        subscription, secret = self.subscriptions.create(
            request.url, event_types, request.description, policy, request.paused, request.actor
        )
        return pb.CreateSubscriptionResponse(
            subscription=subscription_message(subscription), secret=secret
        )

    @rpc
    def ListSubscriptions(self, request, context):
        checks = Checks(DOMAIN)
        page = Page.asked(checks, request.page)
        checks.done()
        read = self.subscriptions.listing(page.skip, page.reading)
        return pb.ListSubscriptionsResponse(
            subscriptions=page.shown(read, subscription_message), page_info=page.info(read)
        )

    @rpc
    def GetSubscription(self, request, context):
        subscription = self.subscriptions.get(request.subscription_id)
        return pb.GetSubscriptionResponse(subscription=subscription_message(subscription))

    @rpc
    def UpdateSubscription(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("subscription_id", request.subscription_id)
        checks.text("actor", request.actor)
        mask = set(request.update_mask)
        checks.check(bool(mask), "update_mask", "name at least one field")
        for name in sorted(mask - MASKABLE):
            checks.fail("update_mask", f"{name!r} cannot be changed")
        changes = Changes(
            event_types=_event_types(checks, request.event_types)
            if "event_types" in mask
            else None,
            description=request.description if "description" in mask else None,
            paused=request.paused if "paused" in mask else None,
            policy=_policy(checks, request.policy) if "policy" in mask else None,
        )
        checks.text("description", request.description, required=False, max_length=MAX_DESCRIPTION)
        checks.check(request.expected_version >= 0, "expected_version", "must not be negative")
        checks.done()
        subscription = self.subscriptions.update(
            request.subscription_id, changes, request.expected_version
        )
        return pb.UpdateSubscriptionResponse(subscription=subscription_message(subscription))

    @rpc
    def RotateSecret(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("subscription_id", request.subscription_id)
        checks.text("actor", request.actor)
        overlap = DEFAULT_OVERLAP
        if request.HasField("overlap_seconds"):
            overlap = timedelta(seconds=request.overlap_seconds)
            checks.check(
                timedelta(0) <= overlap <= MAX_OVERLAP,
                "overlap_seconds",
                f"must be 0..{int(MAX_OVERLAP.total_seconds())}",
            )
        checks.done()
        subscription, secret = self.subscriptions.rotate(request.subscription_id, overlap)
        return pb.RotateSecretResponse(
            subscription=subscription_message(subscription), secret=secret
        )

    @rpc
    def DeleteSubscription(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("subscription_id", request.subscription_id)
        checks.text("actor", request.actor)
        checks.done()
        removed = self.subscriptions.delete(request.subscription_id)
        return pb.DeleteSubscriptionResponse(deliveries_removed=removed)

    @rpc
    def ListDeliveries(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("subscription_id", request.subscription_id)
        page = Page.asked(checks, request.page)
        checks.done()
        self.subscriptions.get(request.subscription_id)  # NOT_FOUND
        read = self.log.of_subscription(
            request.subscription_id, list(request.statuses), page.skip, page.reading
        )
        return pb.ListWebhookDeliveriesResponse(
            deliveries=page.shown(read, delivery_message), page_info=page.info(read)
        )

    @rpc
    def GetDelivery(self, request, context):
        return pb.GetWebhookDeliveryResponse(
            delivery=delivery_message(self.log.get(request.delivery_id))
        )

    @rpc
    def ListDeadLetters(self, request, context):
        checks = Checks(DOMAIN)
        page = Page.asked(checks, request.page)
        checks.done()
        read = self.log.dead_letters(request.subscription_id, page.skip, page.reading)
        return pb.ListWebhookDeadLettersResponse(
            deliveries=page.shown(read, delivery_message), page_info=page.info(read)
        )

    @rpc
    def ReplayDeliveries(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("actor", request.actor)
        checks.text("reason", request.reason, required=False, max_length=500)
        by_ids = bool(request.delivery_ids)
        checks.check(
            by_ids != bool(request.subscription_id),
            "delivery_ids",
            "give delivery_ids, or subscription_id with created_from",
        )
        if by_ids:
            checks.check(
                len(request.delivery_ids) <= MAX_REPLAY_IDS,
                "delivery_ids",
                f"at most {MAX_REPLAY_IDS}",
            )
        elif request.subscription_id:
            checks.check(request.HasField("created_from"), "created_from", "is required")
            for index, status in enumerate(request.statuses):
                checks.check(
                    status in REPLAYABLE,
                    f"statuses[{index}]",
                    "only DELIVERED and DEAD_LETTERED are replayed",
                )
        checks.done()
        if by_ids:
            ids = self.log.replay(
                list(dict.fromkeys(request.delivery_ids)), request.actor, request.reason
            )
        else:
            self.subscriptions.get(request.subscription_id)  # NOT_FOUND
            ids = self.log.replay_range(
                request.subscription_id,
                bus.instant(request, "created_from"),
                bus.instant(request, "created_to"),
                list(request.statuses),
                request.actor,
                request.reason,
            )
        return pb.ReplayDeliveriesResponse(replayed=len(ids), delivery_ids=ids[:MAX_REPLAY_IDS])

    @rpc
    def ListEventTypes(self, request, context):
        return pb.ListEventTypesResponse(
            event_types=[
                pb.EventType(name=e.name, description=e.description, schema_json=e.schema_json())
                for e in sorted(catalogue.CATALOGUE, key=lambda e: e.name)
            ]
        )


def _event_types(checks: Checks, given) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(given))
    checks.check(
        1 <= len(names) <= MAX_EVENT_TYPES, "event_types", f"name 1..{MAX_EVENT_TYPES} types"
    )
    for name in catalogue.unknown(names)[:5]:
        checks.fail("event_types", f"{name[:60]!r} is not in the catalogue (ListEventTypes)")
    return names


def _policy(checks: Checks, given: pb.DeliveryPolicy) -> Policy:
    """The policy asked for, each 0 its default; out-of-bounds values are violations."""
    defaults = Policy()
    policy = Policy(
        **{
            name: getattr(given, name) or getattr(defaults, name)
            for name in pb.DeliveryPolicy.DESCRIPTOR.fields_by_name
        }
    )
    for name, problem in policy_problems(policy):
        checks.fail(f"policy.{name}", problem)
    return policy


# The domain's values as loyalty.notifications.v1 messages


def subscription_message(subscription: Subscription) -> pb.Subscription:
    circuit = subscription.circuit
    return pb.Subscription(
        subscription_id=subscription.subscription_id,
        url=subscription.url,
        description=subscription.description,
        event_types=subscription.event_types,
        state=subscription.state,
        policy=pb.DeliveryPolicy(**vars(subscription.policy)),
        secrets=[
            pb.SecretInfo(
                hint=secret.hint,
                created_at=bus.timestamp(secret.created_at),
                expires_at=bus.timestamp(secret.expires_at),
            )
            for secret in subscription.secrets
        ],
        circuit=pb.Circuit(
            state=circuit.state,
            consecutive_failures=circuit.consecutive_failures,
            open_until=bus.timestamp(circuit.open_until),
        ),
        version=subscription.version,
        created_by=subscription.created_by,
        created_at=bus.timestamp(subscription.created_at),
        updated_at=bus.timestamp(subscription.updated_at),
    )


def delivery_message(delivery: Delivery) -> pb.WebhookDelivery:
    return pb.WebhookDelivery(
        delivery_id=delivery.delivery_id,
        subscription_id=delivery.subscription_id,
        event_id=delivery.event_id,
        event_type=delivery.event_type,
        member_id=delivery.member_id,
        occurred_at=bus.timestamp(delivery.occurred_at),
        status=delivery.status,
        attempts=delivery.attempts,
        next_attempt_at=bus.timestamp(delivery.next_attempt_at),
        last_error=delivery.last_error,
        payload=delivery.payload,
        attempt_log=[
            pb.WebhookAttempt(
                attempt=attempt.attempt,
                at=bus.timestamp(attempt.at),
                status_code=attempt.status_code,
                error=attempt.error,
                latency_ms=attempt.latency_ms,
                response_excerpt=attempt.excerpt,
            )
            for attempt in delivery.attempt_log
        ],
        created_at=bus.timestamp(delivery.created_at),
        updated_at=bus.timestamp(delivery.updated_at),
        delivered_at=bus.timestamp(delivery.delivered_at),
        replays=delivery.replays,
    )
