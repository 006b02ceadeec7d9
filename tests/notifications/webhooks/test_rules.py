"""The webhooks' pure rules: backoff, the token bucket, the circuit breaker, rotation,
the signature header and what an attempt's answer makes of a delivery."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime, timedelta

import pytest

from services.notifications.webhooks.domain import signature
from services.notifications.webhooks.domain.delivery import (
    Answer,
    Delivery,
    Status,
    backoff,
    order_key,
    settled,
)
from services.notifications.webhooks.domain.pacing import Breaker, CircuitState, TokenBucket
from services.notifications.webhooks.domain.subscription import Secret, Subscription, rotated
from tests.notifications.webhooks.receivers import verify_signature

T0 = datetime(2030, 1, 1, tzinfo=UTC)


def delivery(attempts: int = 0) -> Delivery:
    return Delivery(
        "s:e", "s", "e", "points.earned", "m", T0, order_key(T0, 1), "{}", Status.PENDING, T0, T0,
        attempts=attempts,
    )  # fmt: skip


@pytest.mark.parametrize("failures", range(1, 12))
def test_backoff_doubles_within_its_ceiling_with_jitter(failures):
    rng = random.Random(failures)
    step = min(60.0, 1.0 * 2 ** (failures - 1))
    delays = [backoff(failures, 1.0, 60.0, rng) for _ in range(200)]
    assert all(step / 2 <= d <= step for d in delays)
    assert len(set(delays)) > 100  # jittered


def test_an_answer_settles_a_delivery():
    rng = random.Random(1)
    ok = settled(delivery(), Answer(204, 12), T0, 3, 1.0, 10.0, rng)
    assert (ok.status, ok.delivered_at, ok.next_attempt_at) == (Status.DELIVERED, T0, None)
    again = settled(delivery(), Answer(500, 12, "HTTP 500"), T0, 3, 1.0, 10.0, rng)
    assert again.status == Status.RETRYING and T0 < again.next_attempt_at <= T0 + timedelta(1)
    assert again.attempt.attempt == 1 and again.last_error == "HTTP 500"
    dead = settled(delivery(2), Answer(0, 5000, "timed out after 5s"), T0, 3, 1.0, 10.0, rng)
    assert (dead.status, dead.next_attempt_at) == (Status.DEAD_LETTERED, None)
    waited = settled(delivery(), Answer(429, 3, "HTTP 429", "", 8.0), T0, 3, 1.0, 10.0, rng)
    assert waited.next_attempt_at == T0 + timedelta(seconds=8)
    capped = settled(delivery(), Answer(503, 3, "HTTP 503", "", 999.0), T0, 3, 1.0, 10.0, rng)
    assert capped.next_attempt_at == T0 + timedelta(seconds=10)


def test_the_token_bucket_paces_calls_to_its_rate():
    bucket = TokenBucket(rate=2.0, burst=2.0, now=0.0)
    assert [bucket.wait(0.0), bucket.wait(0.0)] == [0.0, 0.0]
    assert bucket.wait(0.0) == pytest.approx(0.5)
    assert bucket.wait(0.5) == 0.0
    assert bucket.wait(0.6) == pytest.approx(0.4)


def test_the_breaker_opens_after_consecutive_failures_and_a_probe_decides():
    breaker = Breaker(failures_to_open=3, pause_seconds=10.0)
    for at in (0.0, 1.0):
        breaker.record(False, at)
    assert breaker.state == CircuitState.CLOSED and breaker.wait(1.0) == 0.0
    breaker.record(True, 1.5)  # a success clears the count
    for at in (2.0, 3.0, 4.0):
        breaker.record(False, at)
    assert breaker.state == CircuitState.OPEN and breaker.wait(5.0) == pytest.approx(9.0)
    assert breaker.wait(14.0) == 0.0 and breaker.state == CircuitState.HALF_OPEN
    breaker.record(False, 14.0)  # the probe failed: open again at once
    assert breaker.state == CircuitState.OPEN and breaker.wait(15.0) == pytest.approx(9.0)
    assert breaker.wait(24.0) == 0.0
    breaker.record(True, 24.0)
    assert (breaker.state, breaker.consecutive_failures) == (CircuitState.CLOSED, 0)


def test_a_rotation_keeps_the_old_secret_signing_for_the_overlap_only():
    first = Subscription("s", "https://x", ("points.earned",), (Secret("one", T0),), "a", T0, T0)
    hour = timedelta(hours=1)
    second = dataclass_with(first, rotated(first, "two", T0, hour))
    assert second.signing_secrets(T0 + hour / 2) == ["two", "one"]
    assert second.signing_secrets(T0 + hour) == ["two"]
    # Rotating again during the overlap does not stretch the oldest one's end.
    third = dataclass_with(second, rotated(second, "three", T0 + hour / 2, 2 * hour))
    assert third.signing_secrets(T0 + hour * 0.9) == ["three", "two", "one"]
    assert third.signing_secrets(T0 + hour * 1.1) == ["three", "two"]
    assert rotated(third, "four", T0, timedelta(0))[0].value == "four"
    assert len(rotated(third, "four", T0, timedelta(0))) == 1


def test_the_header_verifies_with_the_documented_check_for_each_secret():
    body = '{"id":"e","data":{"name":"Quà tặng"}}'.encode()
    header = signature.header(["new", "old"], 1_900_000_000, body)
    assert header.count("v1=") == 2 and header.startswith("t=1900000000,")
    for secret in ("new", "old"):
        assert verify_signature(secret, header, body, now=1_900_000_100)
    assert not verify_signature("other", header, body, now=1_900_000_100)
    assert not verify_signature("new", header, body, now=1_900_000_301)  # too old
    assert not verify_signature("new", "v1=abc", body, now=1_900_000_000)
    assert not verify_signature("new", "", body, now=1_900_000_000)


def test_order_keys_sort_by_time_then_arrival():
    keys = [order_key(T0, 2), order_key(T0 + timedelta(microseconds=1), 1), order_key(T0, 1)]
    assert sorted(keys) == [keys[2], keys[0], keys[1]]


def dataclass_with(subscription: Subscription, secrets) -> Subscription:
    return dataclasses.replace(subscription, secrets=secrets)
