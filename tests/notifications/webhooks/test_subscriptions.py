"""Subscriptions over gRPC: the secret shown once, the URL rules (no request forgery in
production), bounds, versions, deletion with the log."""

from __future__ import annotations

import http.server
import threading

import grpc
import pytest

from common.grpc_errors import details_of
from loyalty.notifications.v1 import webhooks_pb2 as pb
from services.notifications.webhooks.domain.subscription import UrlRules
from services.notifications.webhooks.sender import HttpSender
from tests.notifications.webhooks.receivers import Receiver
from tests.notifications.webhooks.support import earned, publish, settled, subscribe, webhooks
from tests.support.waiting import wait_for


def refused(call, request) -> dict[str, str]:
    """The field violations of an INVALID_ARGUMENT answer, by field."""
    with pytest.raises(grpc.RpcError) as caught:
        call(request)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    return {v.field: v.description for v in details_of(caught.value)[0]}


def test_the_secret_is_given_once_and_never_read_again(notifications):
    created, secret = subscribe(notifications, "http://localhost:9/hooks", "member.enrolled")
    assert secret.startswith("whsec_") and len(secret) > 40
    stub = webhooks(notifications)
    read = stub.GetSubscription(pb.GetSubscriptionRequest(subscription_id=created.subscription_id))
    listed = stub.ListSubscriptions(pb.ListSubscriptionsRequest()).subscriptions
    for shown in (created, read.subscription, *listed):
        assert secret not in str(shown)
        assert [s.hint for s in shown.secrets] == [secret[-4:]]
    assert read.subscription.event_types == ["member.enrolled"]
    assert read.subscription.policy.max_attempts == 3  # the test's
    assert read.subscription.policy.rate_per_second == 10  # the default
    assert read.subscription.state == pb.SUBSCRIPTION_STATE_ACTIVE
    assert read.subscription.created_by == "staff:test"


def test_bad_requests_name_every_bad_field(notifications):
    violations = refused(
        webhooks(notifications).CreateSubscription,
        pb.CreateSubscriptionRequest(
            url="ftp://example.com/x",
            event_types=["points.earned", "points.stolen"],
            description="x" * 501,
            policy=pb.DeliveryPolicy(max_attempts=50, retry_base_seconds=10, retry_max_seconds=5),
        ),
    )
    assert set(violations) == {
        "url",
        "event_types",
        "description",
        "actor",
        "policy.max_attempts",
        "policy.retry_max_seconds",
    }
    assert "https" in violations["url"]
    assert "points.stolen" in violations["event_types"]


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/hooks",  # http only to loopback, in development
        "https://user:pw@example.com/hooks",
        "https:///nohost",
        "https://example.com/" + "a" * 2100,
    ],
)
def test_urls_refused_in_development(notifications, url):
    request = pb.CreateSubscriptionRequest(url=url, event_types=["points.earned"], actor="t")
    assert "url" in refused(webhooks(notifications).CreateSubscription, request)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://hooks.example.com/loyalty", ""),
        ("https://93.184.216.34/hooks", ""),
        ("http://localhost:8080/hooks", "must be https"),
        ("https://localhost/hooks", "must name a public host"),
        ("https://10.1.2.3/hooks", "not a public address"),
        ("https://192.168.1.10/hooks", "not a public address"),
        ("https://169.254.169.254/latest/meta-data", "not a public address"),
        ("https://[fd00::1]/hooks", "not a public address"),
        ("https://[::1]/hooks", "not a public address"),
        ("https://127.0.0.1/hooks", "not a public address"),
    ],
)
def test_production_refuses_what_reaches_inside(url, problem):
    found = UrlRules(production=True).problem(url)
    assert (problem in found) if problem else found == ""


def test_production_checks_the_address_a_name_resolves_to_before_connecting():
    with Receiver() as receiver:
        url = receiver.url.replace("127.0.0.1", "localhost").replace("http:", "https:")
        answer = HttpSender(UrlRules(production=True)).post(url, b"{}", {}, timeout=2)
    assert answer.status_code == 0 and answer.error.startswith("refused:")
    assert "not a public address" in answer.error
    assert receiver.arrived == 0


def test_a_redirect_is_a_failed_attempt_and_is_not_followed():
    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.send_response(307)
            self.send_header("Location", "http://169.254.169.254/")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        answer = HttpSender(UrlRules(production=False)).post(url, b"{}", {}, timeout=2)
    finally:
        server.shutdown()
        server.server_close()
    assert (answer.status_code, answer.error) == (307, "HTTP 307")


def test_an_update_checks_the_version_and_changes_only_what_the_mask_names(notifications):
    created, _secret = subscribe(notifications, "http://127.0.0.1:9/h", "points.earned")
    stub = webhooks(notifications)
    changed = stub.UpdateSubscription(
        pb.UpdateSubscriptionRequest(
            subscription_id=created.subscription_id,
            update_mask=["event_types", "policy"],
            event_types=["points.earned", "member.tier_changed"],
            description="ignored: not in the mask",
            policy=pb.DeliveryPolicy(rate_per_second=2),
            expected_version=created.version,
            actor="staff:t",
        )
    ).subscription
    assert list(changed.event_types) == ["points.earned", "member.tier_changed"]
    assert changed.description == created.description
    assert changed.policy.rate_per_second == 2 and changed.policy.max_attempts == 8
    assert changed.version == created.version + 1
    with pytest.raises(grpc.RpcError) as stale:
        stub.UpdateSubscription(
            pb.UpdateSubscriptionRequest(
                subscription_id=created.subscription_id,
                update_mask=["description"],
                description="late",
                expected_version=created.version,
                actor="staff:t",
            )
        )
    assert stale.value.code() == grpc.StatusCode.ABORTED


def test_deleting_a_subscription_removes_its_log_and_stops_its_deliveries(notifications):
    with Receiver() as receiver:
        created, _secret = subscribe(notifications, receiver.url)
        publish(notifications, earned("mem-1"))
        settled(notifications, created.subscription_id, 1, pb.WEBHOOK_DELIVERY_STATUS_DELIVERED)
        stub = webhooks(notifications)
        gone = stub.DeleteSubscription(
            pb.DeleteSubscriptionRequest(subscription_id=created.subscription_id, actor="t")
        )
        assert gone.deliveries_removed == 1
        with pytest.raises(grpc.RpcError) as missing:
            stub.GetSubscription(pb.GetSubscriptionRequest(subscription_id=created.subscription_id))
        assert missing.value.code() == grpc.StatusCode.NOT_FOUND
        # An event after the deletion goes nowhere: a second receiver proves the feed ran.
        with Receiver() as witness:
            subscribe(notifications, witness.url)
            publish(notifications, earned("mem-2"))
            wait_for(witness.accepted, what="the witness's delivery")
        assert len(receiver.received) == 1


def test_a_named_replay_of_a_delivery_still_pending_is_refused(notifications):
    created, _secret = subscribe(notifications, "http://127.0.0.1:9/h", max_attempts=20)
    publish(notifications, earned("mem-1"))
    wait_for(
        lambda: (
            webhooks(notifications)
            .ListDeliveries(
                pb.ListWebhookDeliveriesRequest(subscription_id=created.subscription_id)
            )
            .deliveries
        ),
        what="the delivery",
    )
    listed = webhooks(notifications).ListDeliveries(
        pb.ListWebhookDeliveriesRequest(subscription_id=created.subscription_id)
    )
    delivery_id = listed.deliveries[0].delivery_id
    with pytest.raises(grpc.RpcError) as caught:
        webhooks(notifications).ReplayDeliveries(
            pb.ReplayDeliveriesRequest(delivery_ids=[delivery_id], actor="staff:t")
        )
    assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION


def test_a_name_with_several_addresses_is_tried_on_each_until_one_answers():
    """localhost may resolve to ::1 first while the receiver listens on 127.0.0.1 only."""
    with Receiver() as receiver:
        url = receiver.url.replace("127.0.0.1", "localhost")
        answer = HttpSender(UrlRules(production=False)).post(url, b"{}", {}, timeout=2)
    assert (answer.status_code, answer.error) == (200, "")
    assert receiver.arrived == 1
