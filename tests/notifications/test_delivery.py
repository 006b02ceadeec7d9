"""Delivery: retries with backoff, dead letters, quiet hours, consent, caps, no duplicates."""

from __future__ import annotations

import hashlib
import hmac
import random
import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import grpc
import pytest
from prometheus_client import REGISTRY

from common import clock
from common import events as bus
from common.grpc_errors import details_of
from loyalty.events.v1 import events_pb2
from loyalty.notifications.v1 import messages_pb2 as pb
from loyalty.notifications.v1 import templates_pb2 as types
from services.notifications.messages.domain import rules
from tests.support.notifications import EMAIL, INBOX, PUSH, SMS, known_member
from tests.support.waiting import wait_for

HCM = ZoneInfo("Asia/Ho_Chi_Minh")

DEAD_LETTERS = "loyalty_notification_dead_letters_total"  # what the alert watches


def send(service, member: str, key: str, **fields) -> pb.Message:
    return send_reply(service, member, key, **fields).message


def promo(service, member: str, key: str, title: str = "Ưu đãi", **fields) -> pb.Message:
    """A marketing message."""
    return send(
        service,
        member,
        key,
        message_type=types.MESSAGE_TYPE_MARKETING,
        category=0,
        variables={"title": title, "text": "Giảm 10%"},
        **fields,
    )


def send_reply(service, member: str, key: str, **fields) -> pb.SendMessageResponse:
    request = pb.SendMessageRequest(
        idempotency_key=key,
        member_id=member,
        message_type=fields.pop("message_type", types.MESSAGE_TYPE_GENERIC),
        category=fields.pop("category", types.MESSAGE_CATEGORY_TRANSACTIONAL),
        variables=fields.pop("variables", {"title": "Tin mới", "text": "Cửa hàng mở cửa lại"}),
        actor="crm:test",
        **fields,
    )
    return service.messages.SendMessage(request)


def delivery(service, delivery_id: str) -> pb.Delivery:
    message_id = delivery_id.rsplit("-", 1)[0]
    reply = service.messages.GetMessage(pb.GetMessageRequest(message_id=message_id))
    return next(d for d in reply.message.deliveries if d.delivery_id == delivery_id)


def dispatch_until(service, delivery_id: str, done, hours: int = 48) -> pb.Delivery:
    """Moves time forward an hour per run until `done(delivery)`; each run is one attempt
    at most, since every retry is due in under an hour."""
    start = clock.now()
    for hour in range(1, hours):
        found = delivery(service, delivery_id)
        if done(found):
            return found
        service.dispatch(start + timedelta(hours=hour))
    pytest.fail(f"{delivery_id} never reached the expected state")


def test_an_sms_provider_failing_twice_then_accepting_sends_one_sms(
    notifications, webhook_provider
):
    member = known_member(notifications, preferred=(SMS,))
    webhook_provider.script("/sms", [500, 500])
    message = send(notifications, member, "sms-retry", channels=[SMS])

    sent = dispatch_until(
        notifications,
        message.deliveries[0].delivery_id,
        lambda d: d.status == pb.DELIVERY_STATUS_SENT,
    )
    assert sent.attempts == 3
    assert [(a.outcome, a.detail) for a in sent.attempt_log] == [
        ("failed", "HTTP 500 Internal Server Error"),
        ("failed", "HTTP 500 Internal Server Error"),
        ("sent", "HTTP 200"),
    ]
    calls = calls_for(webhook_provider, "/sms", sent.delivery_id)
    assert [c["status"] for c in calls] == [500, 500, 200]
    assert {c["headers"]["Idempotency-Key"] for c in calls} == {sent.delivery_id}
    assert calls[-1]["json"]["to"] == "+84912345678"
    assert calls[-1]["json"]["text"] == "Cửa hàng mở cửa lại"
    assert sent.address == "+8491****678"
    assert sent.provider_message_id.startswith("prov-")


def test_webhook_calls_are_signed_with_the_shared_secret(notifications, webhook_provider):
    member = known_member(notifications, preferred=(PUSH,))
    send(notifications, member, "signed", channels=[PUSH])

    call = wait_for(lambda: webhook_provider.received("/push", 200), what="the push")[0]
    expected = hmac.new(b"test-secret", call["body"], hashlib.sha256).hexdigest()
    assert call["headers"]["X-Loyalty-Signature"] == f"sha256={expected}"
    assert call["json"]["member_id"] == member


def test_a_provider_down_for_good_dead_letters_then_a_retry_delivers(
    notifications, webhook_provider
):
    member = known_member(notifications, preferred=(SMS,))
    webhook_provider.down.add("/sms")
    message = send(notifications, member, "sms-down", channels=[SMS])
    delivery_id = message.deliveries[0].delivery_id
    counted = REGISTRY.get_sample_value(DEAD_LETTERS, {"channel": "sms"}) or 0

    dead = dispatch_until(
        notifications, delivery_id, lambda d: d.status == pb.DELIVERY_STATUS_DEAD_LETTERED
    )
    assert REGISTRY.get_sample_value(DEAD_LETTERS, {"channel": "sms"}) == counted + 1
    failed = wait_for(
        lambda: _announced(notifications, "message.failed", delivery_id), what="message.failed"
    )
    assert (failed.message_failed.reason, failed.message_failed.attempts) == ("max_attempts", 5)
    assert dead.reason == pb.DELIVERY_REASON_MAX_ATTEMPTS
    assert dead.attempts == 5  # the default max_attempts
    letters = notifications.messages.ListDeadLetters(pb.ListDeadLettersRequest(channel=SMS))
    assert [d.delivery_id for d in letters.deliveries] == [delivery_id]
    assert [c["status"] for c in calls_for(webhook_provider, "/sms", delivery_id)] == [503] * 5

    webhook_provider.down.clear()
    retried = notifications.messages.RetryDeadLetters(
        pb.RetryDeadLettersRequest(delivery_ids=[delivery_id], actor="ops:an", reason="fixed")
    )
    assert retried.deliveries[0].status == pb.DELIVERY_STATUS_QUEUED
    wait_for(
        lambda: delivery(notifications, delivery_id).status == pb.DELIVERY_STATUS_SENT,
        what="the retried SMS sent",
    )
    assert [c["status"] for c in calls_for(webhook_provider, "/sms", delivery_id)][5:] == [200]
    assert notifications.messages.ListDeadLetters(pb.ListDeadLettersRequest()).deliveries == []
    with pytest.raises(grpc.RpcError) as refused:
        notifications.messages.RetryDeadLetters(
            pb.RetryDeadLettersRequest(delivery_ids=[delivery_id], actor="ops:an")
        )
    assert details_of(refused.value)[1]["reason"] == "NOT_DEAD_LETTERED"


def test_a_permanent_refusal_dead_letters_at_once(notifications, webhook_provider):
    member = known_member(notifications, preferred=(SMS,))
    webhook_provider.script("/sms", [400])
    message = send(notifications, member, "sms-bad", channels=[SMS])

    dead = wait_for(
        lambda: (
            (d := delivery(notifications, message.deliveries[0].delivery_id)).status
            == pb.DELIVERY_STATUS_DEAD_LETTERED
            and d
        ),
        what="the dead letter",
    )
    assert (dead.reason, dead.attempts) == (pb.DELIVERY_REASON_PROVIDER_REJECTED, 1)


def test_a_marketing_message_at_23_00_in_ho_chi_minh_waits_for_the_morning(
    notifications, smtp_server
):
    member = known_member(notifications, email="night@example.vn")
    late = clock.now().astimezone(HCM).replace(hour=23, minute=0, second=0, microsecond=0)
    if late < clock.now().astimezone(HCM):
        late += timedelta(days=1)
    message = promo(
        notifications,
        member,
        "night-promo",
        channels=[EMAIL],
        not_before=bus.timestamp(late),
    )
    held = message.deliveries[0]
    morning = (late + timedelta(days=1)).replace(hour=8, minute=0)
    assert (held.status, held.reason) == (
        pb.DELIVERY_STATUS_DEFERRED,
        pb.DELIVERY_REASON_QUIET_HOURS,
    )
    assert held.next_attempt_at.ToDatetime(UTC) == morning.astimezone(UTC)

    at_night = notifications.dispatch(late + timedelta(minutes=30))
    assert at_night.sent == 0
    assert notifications.dispatch(morning).sent == 1
    mail = [m for m in smtp_server.received("night@example.vn") if m["Subject"] == "Ưu đãi"]
    assert len(mail) == 1


def test_no_marketing_sms_without_consent_and_the_log_says_why(notifications, webhook_provider):
    member = known_member(notifications, preferred=(SMS, EMAIL), consents=(EMAIL,))
    message = promo(
        notifications,
        member,
        "promo-sms",
        channels=[SMS],
    )
    (sms,) = message.deliveries
    assert (sms.status, sms.reason) == (
        pb.DELIVERY_STATUS_SUPPRESSED,
        pb.DELIVERY_REASON_NO_CONSENT,
    )
    notifications.dispatch(clock.now() + timedelta(days=1))
    assert calls_for(webhook_provider, "/sms", sms.delivery_id) == []
    log = notifications.deliveries(member)
    assert pb.DELIVERY_REASON_NO_CONSENT in [d.reason for d in log if d.channel == SMS]


def test_marketing_without_a_named_channel_goes_where_the_member_consented(notifications):
    member = known_member(notifications, preferred=(SMS, PUSH, EMAIL), consents=(PUSH,))
    message = send(
        notifications,
        member,
        "promo-choose",
        message_type=types.MESSAGE_TYPE_WIN_BACK,
        category=0,
        variables={"title": "Quay lại nhé", "text": "Tặng 50 điểm"},
        not_before=bus.timestamp(_daytime()),
    )
    assert [d.channel for d in message.deliveries] == [PUSH]


def test_the_daily_marketing_cap_suppresses_the_third_message(notifications):
    member = known_member(notifications, consents=(EMAIL,))
    noon = _daytime()
    statuses = [
        promo(
            notifications,
            member,
            f"promo-{n}",
            title=f"Ưu đãi {n}",
            channels=[EMAIL],
            not_before=bus.timestamp(noon),
        ).deliveries[0]
        for n in range(3)
    ]
    assert [d.reason for d in statuses] == [
        pb.DELIVERY_REASON_SCHEDULED,
        pb.DELIVERY_REASON_SCHEDULED,
        pb.DELIVERY_REASON_DAILY_CAP,
    ]
    # A replay of a counted message is not counted twice.
    replay = promo(
        notifications,
        member,
        "promo-0",
        title="Ưu đãi 0",
        channels=[EMAIL],
        not_before=bus.timestamp(noon),
    )
    assert replay.deliveries[0].reason == pb.DELIVERY_REASON_SCHEDULED


def test_a_replayed_request_is_one_message_and_a_reused_key_is_refused(notifications):
    member = known_member(notifications, preferred=(INBOX,))
    first = send(notifications, member, "once")
    again = send_reply(notifications, member, "once")
    assert again.replayed and again.message.message_id == first.message_id
    with pytest.raises(grpc.RpcError) as refused:
        send(notifications, member, "once", variables={"title": "Khác", "text": "Khác"})
    assert refused.value.code() == grpc.StatusCode.ALREADY_EXISTS
    assert details_of(refused.value)[1]["reason"] == "IDEMPOTENCY_KEY_REUSED"


def test_concurrent_dispatchers_never_send_a_delivery_twice(notifications, webhook_provider):
    members = [known_member(notifications, preferred=(PUSH,)) for _ in range(5)]
    notifications.parts.dispatcher.loop.stop()  # only the racers below dispatch
    racing = {
        send(notifications, member, f"race-{n}-{k}", channels=[PUSH]).deliveries[0].delivery_id
        for n, member in enumerate(members)
        for k in range(4)
    }
    barrier = threading.Barrier(4)

    def racer():
        barrier.wait()
        notifications.dispatch()

    threads = [threading.Thread(target=racer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    ids = [c["json"]["delivery_id"] for c in webhook_provider.received("/push")]
    assert sorted(i for i in ids if i in racing) == sorted(racing)  # each once, none twice


def test_a_sign_in_code_goes_by_sms_and_is_not_kept(notifications, webhook_provider):
    member = known_member(notifications, preferred=(EMAIL,))
    message = send(
        notifications,
        member,
        "otp-1",
        message_type=types.MESSAGE_TYPE_SIGN_IN_CODE,
        category=0,
        variables={"code": "482913", "minutes": "5"},
        to_phone="+84987654321",
    )
    assert [d.channel for d in message.deliveries] == [SMS]
    call = wait_for(lambda: webhook_provider.received("/sms", 200), what="the code")[0]
    assert call["json"]["to"] == "+84987654321"
    assert "482913" in call["json"]["text"]
    deliveries = notifications.db["deliveries"]
    stored = {"_id": message.deliveries[0].delivery_id}
    wait_for(lambda: deliveries.find_one(stored)["status"] == pb.DELIVERY_STATUS_SENT)
    assert "482913" not in str(deliveries.find_one(stored))
    kept = str(notifications.db["messages"].find_one({"_id": message.message_id}))
    assert "482913" not in kept and "987654321" not in kept  # nor in the message's plan


def test_a_delivered_message_is_announced_on_the_notifications_stream(notifications):
    member = known_member(notifications, preferred=(INBOX,))
    message = send(notifications, member, "announced")

    def announced():
        for _id, fields in notifications.redis.xrange(bus.NOTIFICATIONS_STREAM):
            event = bus.events_pb2.Envelope.FromString(fields[b"envelope"])
            if event.message_delivered.message_id == message.message_id:
                return event
        return None

    event = wait_for(announced, what="MessageDelivered")
    assert event.message_delivered.channel == INBOX
    assert event.member_id == member


def test_backoff_grows_exponentially_with_full_jitter():
    settings = rules.DeliverySettings(retry_base_delay_seconds=30, retry_max_delay_seconds=600)
    rng = random.Random(7)
    for attempts, ceiling in [(1, 30), (2, 60), (3, 120), (5, 480), (6, 600), (12, 600)]:
        delays = [rules.retry_delay(settings, attempts, rng).total_seconds() for _ in range(200)]
        assert min(delays) >= 1 and max(delays) <= ceiling
        assert max(delays) > ceiling * 0.8  # spread over the whole range, not clustered


def test_quiet_hours_cross_midnight_in_the_members_time_zone():
    settings = rules.DeliverySettings(quiet_hours_start="21:00", quiet_hours_end="08:00")

    def local(hour, minute=0, day=1):
        return datetime(2026, 6, day, hour, minute, tzinfo=HCM)

    assert rules.quiet_until(settings, local(20, 59), "Asia/Ho_Chi_Minh") is None
    assert rules.quiet_until(settings, local(21), "Asia/Ho_Chi_Minh") == local(8, day=2)
    assert rules.quiet_until(settings, local(3), "Asia/Ho_Chi_Minh") == local(8)
    assert rules.quiet_until(settings, local(8), "Asia/Ho_Chi_Minh") is None
    same = rules.DeliverySettings(quiet_hours_start="00:00", quiet_hours_end="00:00")
    assert rules.quiet_until(same, local(3), "Asia/Ho_Chi_Minh") is None


def calls_for(provider, path: str, delivery_id: str) -> list[dict]:
    return [c for c in provider.received(path) if c["json"]["delivery_id"] == delivery_id]


def _daytime() -> datetime:
    """Noon tomorrow in Ho Chi Minh City: outside quiet hours whenever the test runs."""
    return (clock.now().astimezone(HCM) + timedelta(days=1)).replace(hour=12, minute=0, second=0)


def test_a_crash_between_the_message_and_its_deliveries_is_mended_by_the_retry(
    notifications, monkeypatch
):
    member = known_member(notifications, preferred=(INBOX,))
    store = notifications.parts.message_store
    real = store.materialise
    crashed = []

    def crash_once(message):
        if not crashed:
            crashed.append(message.message_id)
            raise RuntimeError("the process died here")
        real(message)

    monkeypatch.setattr(store, "materialise", crash_once)
    with pytest.raises(grpc.RpcError) as failed:
        send(notifications, member, "crash-1")
    assert failed.value.code() == grpc.StatusCode.INTERNAL
    assert "the process died" not in failed.value.details()  # no internals leak
    assert store.deliveries_of(crashed[0]) == []

    retried = send(notifications, member, "crash-1")
    assert retried.message_id == crashed[0]
    assert [d.channel for d in retried.deliveries] == [INBOX]
    assert len(store.deliveries_of(crashed[0])) == 1


def test_a_crashed_send_nobody_retries_is_mended_by_the_dispatcher(notifications, monkeypatch):
    member = known_member(notifications, preferred=(INBOX,))
    store = notifications.parts.message_store
    monkeypatch.setattr(store, "materialise", lambda message: None)  # dies every time
    message_id = send(notifications, member, "crash-2").message_id
    monkeypatch.undo()

    later = clock.now() + timedelta(minutes=1)
    notifications.parts.dispatcher.clock = lambda: later
    notifications.dispatch(later)
    # This run or the service's own dispatcher (same clock) mends and sends it.
    wait_for(
        lambda: [d.status for d in store.deliveries_of(message_id)] == [pb.DELIVERY_STATUS_SENT],
        what="the mended delivery sent",
    )


def test_twenty_identical_sends_at_once_make_one_message(notifications):
    member = known_member(notifications, preferred=(INBOX,))
    barrier = threading.Barrier(20)
    replies = []

    def racer():
        barrier.wait()
        replies.append(
            notifications.messages.SendMessage(
                pb.SendMessageRequest(
                    idempotency_key="same",
                    member_id=member,
                    message_type=types.MESSAGE_TYPE_GENERIC,
                    category=types.MESSAGE_CATEGORY_TRANSACTIONAL,
                    variables={"title": "Một lần", "text": "thôi"},
                    actor="crm:test",
                )
            )
        )

    threads = [threading.Thread(target=racer) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({r.message.message_id for r in replies}) == 1
    assert sum(not r.replayed for r in replies) == 1
    inbox = wait_for(
        lambda: [
            d
            for d in notifications.deliveries(member)
            if d.subject == "Một lần" and d.sent_at.seconds
        ],
        what="the one delivery sent",
    )
    assert len(inbox) == 1


def _announced(notifications, event_type: str, delivery_id: str):
    """The event of this type about the delivery on the notifications stream, if any."""
    for _id, fields in notifications.redis.xrange(bus.NOTIFICATIONS_STREAM):
        if fields[b"type"].decode() == event_type:
            event = events_pb2.Envelope.FromString(fields[b"envelope"])
            if event_type == "message.failed" and event.message_failed.delivery_id == delivery_id:
                return event
    return None
