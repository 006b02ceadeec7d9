"""The gateway when a service is away and when a caller is too fast: a gateway app in
this process in front of the running suite, reaching the points service through a link
the test can cut."""

from __future__ import annotations

import os
import secrets
import signal
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from cli.suite import SERVICES
from gateway.app import create_app
from gateway.config import GatewaySettings
from tests.support.gateway import an_address, enrol, in_one_rate_window, now_text
from tests.support.network import NetworkLink
from tests.support.waiting import wait_for

pytestmark = pytest.mark.suite


@pytest.fixture
def cable(suite):
    host, port = suite.grpc_address("points").rsplit(":", 1)
    link = NetworkLink(int(port), host)
    yield link
    link.close()


def gateway_app(suite, cable, rate_limit: int):
    # On this process's environment, as start_in_process builds the services': a setting
    # left out (the clock's offset under `make test-later`) would reset this process's.
    settings = GatewaySettings.from_env(
        {
            **os.environ,
            "POINTS_ADDR": f"127.0.0.1:{cable.port}",
            "MEMBERS_ADDR": suite.grpc_address("members"),
            "NOTIFICATIONS_ADDR": suite.grpc_address("notifications"),
            "REDIS_URL": suite.redis_url,
            "RATE_LIMIT_PER_MINUTE": str(rate_limit),
            "GRPC_DEADLINE_SECONDS": "2",
        }
    )
    return create_app(settings).test_client()


@pytest.fixture
def gateway(suite, cable):
    return gateway_app(suite, cable, rate_limit=100_000)


@pytest.fixture
def strict_gateway(suite, cable):
    """Five requests a minute per key."""
    return gateway_app(suite, cable, rate_limit=5)


def test_a_points_outage_answers_503_and_the_same_key_then_earns_once(gateway, cable, programme):
    store = f"{programme.partner}-q1"
    member = enrol(programme, store, "0905 300 001", name="Bùi Thanh Em")
    key = programme.admin.post(
        "/v1/admin/api-keys",
        {"name": "outage till", "role": "API_KEY_ROLE_PARTNER", "partner_id": programme.partner},
    ).body["secret"]
    transaction = f"outage-{uuid.uuid4().hex[:6]}"
    headers = {"X-API-Key": key, "Idempotency-Key": transaction}
    purchase = {
        "member_id": member,
        "store_id": store,
        "transaction_id": transaction,
        "amount": {"amount_minor": 700_000, "currency": "VND"},
        "occurred_at": now_text(),
    }
    assert gateway.get("/readyz").status_code in (200, 503)  # channels open before the cut

    cable.cut()
    down = gateway.post("/v1/partner/earns", json=purchase, headers=headers)
    assert down.status_code == 503, down.json
    assert down.headers["Retry-After"] == "1"
    assert set(down.json["error"]) == {"code", "message", "fields"}

    cable.restore()

    def attempt():
        reply = gateway.post("/v1/partner/earns", json=purchase, headers=headers)
        return reply if reply.status_code == 200 else None

    earned = wait_for(attempt, timeout=20, what="the earn after the points service came back")
    again = gateway.post("/v1/partner/earns", json=purchase, headers=headers)
    assert again.status_code == 200 and again.json["replayed"]
    assert earned.json["entry"]["entry_id"] == again.json["entry"]["entry_id"]
    balance = programme.admin.get(f"/v1/admin/members/{member}/balance").body["balance"]
    assert balance["available"] == 70  # earned once


def test_a_caller_over_the_limit_waits(strict_gateway, programme):
    gateway = strict_gateway

    def burst():
        viewer = programme.admin.post(
            "/v1/admin/api-keys", {"name": "eager analyst", "role": "API_KEY_ROLE_VIEWER"}
        ).body["secret"]
        return [gateway.get("/v1/admin/partners", headers={"X-API-Key": viewer}) for _ in range(7)]

    answers = in_one_rate_window(burst)
    statuses = [a.status_code for a in answers]
    assert statuses.count(200) >= 4 and statuses[-1] == 429, statuses
    limited = answers[-1]
    assert limited.json["error"]["code"] == "resource_exhausted"
    assert int(limited.headers["Retry-After"]) >= 1
    assert limited.headers["RateLimit-Remaining"] == "0"


def test_behind_a_trusted_proxy_each_client_address_has_its_own_sign_in_limit(suite, cable):
    # On this process's environment, as start_in_process builds the services': a setting
    # left out (the clock's offset under `make test-later`) would reset this process's.
    settings = GatewaySettings.from_env(
        {
            **os.environ,
            "POINTS_ADDR": f"127.0.0.1:{cable.port}",
            "MEMBERS_ADDR": suite.grpc_address("members"),
            "NOTIFICATIONS_ADDR": suite.grpc_address("notifications"),
            "REDIS_URL": suite.redis_url,
            "RATE_LIMIT_PER_MINUTE": "10",  # sign-in: 10 a minute per address
            "GATEWAY_TRUSTED_PROXIES": "1",
        }
    )
    client = create_app(settings).test_client()

    def ask(address: str) -> int:
        # A fresh phone each time: one phone's own limit (3 codes in 10 minutes) must not
        # be what refuses; this test is about the limit per address.
        phone = f"0905 {secrets.randbelow(1000):03d} {secrets.randbelow(1000):03d}"
        return client.post(
            "/v1/auth/code",
            json={"phone": phone},
            headers={"X-Forwarded-For": address},
        ).status_code

    def burst() -> list[int]:
        address = an_address()  # of this run only, a new one for each burst
        return [ask(address) for _ in range(11)]

    first = in_one_rate_window(burst)
    assert first[-1] == 429 and first.count(202) == 10
    assert ask(an_address()) == 202  # another client goes on


def test_earns_while_redis_is_paused_apply_once_or_say_the_outcome_is_unknown(suite, programme):
    if suite.redis is None:
        pytest.skip("REDIS_URL names a Redis this test cannot pause")
    store = f"{programme.partner}-q1"
    member = enrol(programme, store, "0905 470 001", name="Hồ Thị Lan")
    tag = uuid.uuid4().hex[:6]
    purchases = [
        {
            "member_id": member,
            "store_id": store,
            "transaction_id": f"paused-{tag}-{n}",
            "amount": {"amount_minor": 100_000, "currency": "VND"},
            "occurred_at": now_text(),
        }
        for n in range(12)
    ]
    os.kill(suite.redis.process.pid, signal.SIGSTOP)
    try:
        with ThreadPoolExecutor(4) as pool:
            answers = list(
                pool.map(lambda body: programme.till.post("/v1/partner/earns", body), purchases)
            )
    finally:
        os.kill(suite.redis.process.pid, signal.SIGCONT)
    for answer in answers:
        if answer.status >= 500:  # never a 5xx a till could take for "not applied"
            assert answer.body["error"]["code"] == "outcome_unknown", answer.body
            assert answer.headers["Retry-After"] == "1"
        else:
            assert answer.status == 200, answer.body
    # The till retries what it could not be sure of, with the same transaction ids.
    retried = [programme.till.post("/v1/partner/earns", body) for body in purchases]
    assert [answer.status for answer in retried] == [200] * 12
    balance = programme.admin.get(f"/v1/admin/members/{member}/balance")
    assert balance.body["balance"]["available"] == 12 * 10  # each earn once, none twice


def test_readiness_is_gated_until_every_service_serves_then_a_service_outage_degrades_it(
    gateway, cable
):
    """No readiness cascade: the three services are asked at once within the probe's
    second, and once ready, a service's outage keeps this pod in rotation as "degraded"
    (every other route still works) instead of taking every gateway pod out."""
    cable.cut()
    started = time.monotonic()
    first = gateway.get("/readyz")
    assert time.monotonic() - started < 1.0
    assert first.status_code == 503 and first.json["status"] == "not_ready"
    assert first.json["services"]["points"] != "SERVING"

    cable.restore()
    ready = wait_for(
        lambda: (reply := gateway.get("/readyz")).status_code == 200 and reply, what="ready"
    )
    assert ready.json == {"status": "ready", "services": dict.fromkeys(SERVICES, "SERVING")}

    cable.cut()
    started = time.monotonic()
    degraded = gateway.get("/readyz")
    assert time.monotonic() - started < 1.0
    assert degraded.status_code == 200
    assert degraded.json["status"] == "degraded"
    assert degraded.json["services"]["points"] != "SERVING"
    assert degraded.json["services"]["members"] == "SERVING"
