"""Webhook deliveries from a running notifications service to real HTTP receivers on
loopback: signed (checked with the code docs/WEBHOOKS.md gives subscribers), retried
after 500s, dead-lettered and replayed, in order per member, and one lane per
subscription so that a slow receiver delays no other."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import jsonschema
import pytest

from common import clock
from common import events as bus
from loyalty.notifications.v1 import webhooks_pb2 as pb
from services.notifications.webhooks.domain.catalogue import BY_NAME
from tests.notifications.webhooks.receivers import Receiver, verify_signature
from tests.notifications.webhooks.support import (
    deliveries,
    earned,
    publish,
    settled,
    subscribe,
    webhooks,
)
from tests.support.waiting import wait_for

PENDING, DELIVERED, RETRYING, DEAD = (
    pb.WEBHOOK_DELIVERY_STATUS_PENDING,
    pb.WEBHOOK_DELIVERY_STATUS_DELIVERED,
    pb.WEBHOOK_DELIVERY_STATUS_RETRYING,
    pb.WEBHOOK_DELIVERY_STATUS_DEAD_LETTERED,
)


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


def member() -> str:
    return f"mem-{uuid.uuid4().hex[:8]}"


def test_a_delivery_is_signed_and_carries_the_event_as_the_catalogue_describes(
    notifications, receiver
):
    subscription, secret = subscribe(notifications, receiver.url)
    receiver.secrets.append(secret)
    event = earned(member(), points=42)
    publish(notifications, event)

    [got] = wait_for(receiver.accepted, what="the delivery")
    assert got.verified
    assert got.headers["Loyalty-Event-Id"] == event.event_id
    assert got.headers["Loyalty-Event-Type"] == "points.earned"
    assert got.headers["Loyalty-Delivery-Attempt"] == "1"
    assert got.headers["Loyalty-Delivery-Id"] == f"{subscription.subscription_id}:{event.event_id}"
    payload = got.event
    jsonschema.validate(payload, BY_NAME["points.earned"].schema())
    assert payload["id"] == event.event_id
    assert payload["member_id"] == event.member_id
    assert payload["data"]["points"] == 42
    assert payload["data"]["amount"] == {"amount_minor": 420_000, "currency": "VND"}
    # A signature made with another secret, or over other bytes, is refused.
    header = got.headers["Loyalty-Signature"]
    assert not verify_signature("whsec_someone-else", header, got.body)
    assert not verify_signature(secret, header, got.body.replace(b"42", b"43"))

    [logged] = settled(notifications, subscription.subscription_id, 1, DELIVERED)
    assert logged.payload == got.body.decode()
    [attempt] = logged.attempt_log
    assert attempt.status_code == 200 and attempt.error == "" and attempt.latency_ms >= 0
    assert secret not in str(logged) and "v1=" not in str(logged)


def test_an_event_read_twice_is_delivered_once(notifications, receiver):
    subscription, _secret = subscribe(notifications, receiver.url)
    event = earned(member())
    publish(notifications, event, event)
    later = earned(member())
    publish(notifications, later)

    wait_for(lambda: len(receiver.accepted()) >= 2, what="both events")
    assert receiver.accepted_ids() == [event.event_id, later.event_id]
    assert len(deliveries(notifications, subscription.subscription_id)) == 2


def test_500s_are_retried_with_the_same_event_and_body_until_accepted(notifications, receiver):
    subscription, secret = subscribe(notifications, receiver.url)
    receiver.secrets.append(secret)
    receiver.planned = [500, 500]
    event = earned(member())
    publish(notifications, event)

    [logged] = settled(notifications, subscription.subscription_id, 1, DELIVERED)
    assert [a.status_code for a in logged.attempt_log] == [500, 500, 200]
    assert [a.error for a in logged.attempt_log] == ["HTTP 500", "HTTP 500", ""]
    assert logged.attempt_log[0].response_excerpt == "receiver broke"
    assert logged.attempts == 3
    assert len(receiver.received) == 3
    assert {r.body for r in receiver.received} == {receiver.received[0].body}
    assert [r.headers["Loyalty-Delivery-Attempt"] for r in receiver.received] == ["1", "2", "3"]
    assert all(r.verified and r.event_id == event.event_id for r in receiver.received)


def test_a_dead_letter_after_the_last_attempt_is_delivered_by_a_replay(notifications, receiver):
    subscription, secret = subscribe(notifications, receiver.url, max_attempts=2)
    receiver.secrets.append(secret)
    receiver.planned = [500, 503]
    event = earned(member())
    publish(notifications, event)

    [dead] = settled(notifications, subscription.subscription_id, 1, DEAD)
    assert [a.status_code for a in dead.attempt_log] == [500, 503]
    assert dead.last_error == "HTTP 503"
    listed = webhooks(notifications).ListDeadLetters(pb.ListWebhookDeadLettersRequest())
    assert [d.delivery_id for d in listed.deliveries] == [dead.delivery_id]
    assert receiver.accepted() == []

    # The receiver is fixed; an operator replays the dead letter.
    replayed = webhooks(notifications).ReplayDeliveries(
        pb.ReplayDeliveriesRequest(
            delivery_ids=[dead.delivery_id], actor="staff:ops", reason="receiver fixed"
        )
    )
    assert replayed.replayed == 1
    [got] = wait_for(receiver.accepted, what="the replayed delivery")
    assert got.verified and got.event_id == event.event_id
    [delivered] = settled(notifications, subscription.subscription_id, 1, DELIVERED)
    assert delivered.replays == 1
    assert [(a.attempt, a.status_code) for a in delivered.attempt_log] == [
        (1, 500),
        (2, 503),
        (0, 0),
        (1, 200),
    ]
    assert delivered.attempt_log[2].error == "replayed by staff:ops: receiver fixed"
    assert (
        not webhooks(notifications).ListDeadLetters(pb.ListWebhookDeadLettersRequest()).deliveries
    )


def test_a_replay_by_time_range_sends_the_dead_letters_of_that_range(notifications, receiver):
    subscription, _secret = subscribe(notifications, receiver.url, max_attempts=1)
    receiver.planned = [500, 500]
    publish(notifications, earned(member()), earned(member()))
    settled(notifications, subscription.subscription_id, 2, DEAD)

    answer = webhooks(notifications).ReplayDeliveries(
        pb.ReplayDeliveriesRequest(
            subscription_id=subscription.subscription_id,
            created_from=bus.timestamp(clock.now() - timedelta(hours=1)),
            actor="staff:ops",
        )
    )
    assert answer.replayed == 2
    settled(notifications, subscription.subscription_id, 2, DELIVERED)
    assert len(receiver.accepted()) == 2


def test_a_slow_receiver_does_not_delay_another_subscription(notifications):
    with Receiver() as slow, Receiver() as fast:
        slow.hold = True
        slow_subscription, _ = subscribe(notifications, slow.url, timeout_seconds=30)
        fast_subscription, _ = subscribe(notifications, fast.url)
        events = [earned(member()) for _ in range(5)]
        publish(notifications, *events)

        # Every event reaches the fast receiver while the slow one still holds its first
        # (the slow lane's first request is sent by a thread of its own: waited for too).
        wait_for(lambda: slow.arrived, what="the slow receiver holding its first delivery")
        wait_for(lambda: len(fast.accepted()) == 5, what="the fast receiver's deliveries")
        assert slow.arrived == 1 and slow.received == []
        assert fast.accepted_ids() == [e.event_id for e in events]

        slow.release.set()
        wait_for(lambda: len(slow.accepted()) == 5, what="the slow receiver's deliveries")
        assert slow.accepted_ids() == [e.event_id for e in events]
        for subscription in (slow_subscription, fast_subscription):
            settled(notifications, subscription.subscription_id, 5, DELIVERED)


def test_a_members_later_events_wait_while_an_earlier_one_is_retried(notifications, receiver):
    subscription, _secret = subscribe(notifications, receiver.url, max_attempts=5)
    lan, minh = member(), member()
    first, second, third = earned(lan, 1), earned(lan, 2), earned(lan, 3)
    other = earned(minh, 4)
    receiver.failing_events[first.event_id] = 3
    publish(notifications, first, second, third, other)

    settled(notifications, subscription.subscription_id, 4, DELIVERED)
    accepted = receiver.accepted_ids()
    assert [i for i in accepted if i != other.event_id] == [
        first.event_id,
        second.event_id,
        third.event_id,
    ]
    # Minh's event did not wait for Lan's retries.
    assert accepted.index(other.event_id) < accepted.index(first.event_id)
    attempts = [r.event_id for r in receiver.received]
    assert attempts.index(second.event_id) > max(
        i for i, event_id in enumerate(attempts) if event_id == first.event_id
    )


def test_during_a_rotation_both_secrets_sign_and_after_it_only_the_new(notifications, receiver):
    subscription, old = subscribe(notifications, receiver.url)
    rotated = webhooks(notifications).RotateSecret(
        pb.RotateSecretRequest(
            subscription_id=subscription.subscription_id, overlap_seconds=3600, actor="staff:t"
        )
    )
    new = rotated.secret
    assert new != old and new.startswith("whsec_")
    assert [s.hint for s in rotated.subscription.secrets] == [new[-4:], old[-4:]]
    assert rotated.subscription.secrets[1].HasField("expires_at")
    publish(notifications, earned(member()))
    [during] = wait_for(receiver.accepted, what="a delivery during the overlap")
    assert verify_signature(old, during.headers["Loyalty-Signature"], during.body)
    assert verify_signature(new, during.headers["Loyalty-Signature"], during.body)

    ended = webhooks(notifications).RotateSecret(
        pb.RotateSecretRequest(
            subscription_id=subscription.subscription_id, overlap_seconds=0, actor="staff:t"
        )
    )
    newest = ended.secret
    assert len(ended.subscription.secrets) == 1
    publish(notifications, earned(member()))
    wait_for(lambda: len(receiver.accepted()) == 2, what="a delivery after the overlap")
    after = receiver.accepted()[1]
    header = after.headers["Loyalty-Signature"]
    assert verify_signature(newest, header, after.body)
    assert not verify_signature(new, header, after.body)
    assert not verify_signature(old, header, after.body)


def test_a_paused_subscription_keeps_its_deliveries_until_resumed(notifications, receiver):
    subscription, _secret = subscribe(notifications, receiver.url)
    stub = webhooks(notifications)
    paused = stub.UpdateSubscription(
        pb.UpdateSubscriptionRequest(
            subscription_id=subscription.subscription_id,
            update_mask=["paused"],
            paused=True,
            expected_version=subscription.version,
            actor="staff:t",
        )
    ).subscription
    assert paused.state == pb.SUBSCRIPTION_STATE_PAUSED
    events = [earned(member()), earned(member())]
    publish(notifications, *events)
    wait_for(
        lambda: len(deliveries(notifications, subscription.subscription_id, PENDING)) == 2,
        what="the deliveries queued while paused",
    )

    stub.UpdateSubscription(
        pb.UpdateSubscriptionRequest(
            subscription_id=subscription.subscription_id,
            update_mask=["paused"],
            paused=False,
            actor="staff:t",
        )
    )
    settled(notifications, subscription.subscription_id, 2, DELIVERED)
    assert receiver.accepted_ids() == [e.event_id for e in events]


def test_a_failing_endpoint_opens_its_breaker_and_a_probe_closes_it(notifications, receiver):
    subscription, _secret = subscribe(
        notifications,
        receiver.url,
        max_attempts=10,
        breaker_failures=2,
        breaker_pause_seconds=1,
        timeout_seconds=30,
    )
    receiver.planned = [500, 500]
    # The probe a second after the breaker opens is held until the test has seen the
    # circuit OPEN: otherwise OPEN lasts that one second, which a loaded machine's polling
    # can miss (the probe succeeds and the circuit is CLOSED for good).
    receiver.hold_after = 2
    publish(notifications, earned(member()))

    def circuit():
        return (
            webhooks(notifications)
            .GetSubscription(
                pb.GetSubscriptionRequest(subscription_id=subscription.subscription_id)
            )
            .subscription.circuit
        )

    # One read: the state and the figures asserted on are of the same moment.
    opened = wait_for(
        lambda: (read := circuit()).state == pb.CIRCUIT_STATE_OPEN and read, what="open"
    )
    assert opened.consecutive_failures == 2 and opened.HasField("open_until")
    receiver.release.set()
    [logged] = settled(notifications, subscription.subscription_id, 1, DELIVERED)
    assert [a.status_code for a in logged.attempt_log] == [500, 500, 200]
    wait_for(lambda: circuit().state == pb.CIRCUIT_STATE_CLOSED, what="the breaker closed")


def test_the_body_is_the_same_json_the_delivery_log_shows(notifications, receiver):
    subscription, _secret = subscribe(notifications, receiver.url)
    publish(notifications, earned(member(), points=7))
    [got] = wait_for(receiver.accepted, what="the delivery")
    [logged] = settled(notifications, subscription.subscription_id, 1, DELIVERED)
    assert json.loads(logged.payload) == got.event


def test_a_dead_letter_no_longer_holds_the_members_later_events(notifications, receiver):
    subscription, _secret = subscribe(notifications, receiver.url, max_attempts=1)
    lan = member()
    first, second = earned(lan, 1), earned(lan, 2)
    receiver.failing_events[first.event_id] = 1
    publish(notifications, first, second)

    settled(notifications, subscription.subscription_id, 1, DEAD)
    settled(notifications, subscription.subscription_id, 1, DELIVERED)
    assert receiver.accepted_ids() == [second.event_id]
