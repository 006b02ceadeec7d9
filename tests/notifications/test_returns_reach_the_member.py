"""Across the real processes: a till's return through the REST API
(POST /v1/partner/returns) takes back points, and the member is told, in their language,
by the channels they chose (issue #20)."""

from __future__ import annotations

import uuid

import pytest

from tests.support.gateway import ADMIN_KEY, Http, now_text
from tests.support.waiting import wait_for

pytestmark = pytest.mark.suite


@pytest.fixture(scope="module")
def till(suite) -> tuple[Http, str]:
    """A partner's till key and its store, made through the API."""
    admin = Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})
    partner = f"ret-{uuid.uuid4().hex[:6]}"
    body = {"partner_id": partner, "name": partner, "currency": "VND"}
    assert admin.post("/v1/admin/partners", body).status == 201
    store = f"{partner}-q1"
    made = admin.post("/v1/admin/stores", {"store_id": store, "partner_id": partner, "name": "Q1"})
    assert made.status == 201, made.body
    key = admin.post(
        "/v1/admin/api-keys",
        {"name": f"{partner} tills", "role": "API_KEY_ROLE_PARTNER", "partner_id": partner},
    )
    assert key.status == 201, key.body
    return Http(suite.gateway_url, {"X-API-Key": key.body["secret"]}), store


def _enrol(suite, till: Http, store: str, phone: str, name: str, language: str) -> str:
    answer = till.post(
        "/v1/partner/enrolments",
        {
            "profile": {
                "name": name,
                "phone": phone,
                "language": language,
                "preferred_channels": ["CHANNEL_SMS"],
            },
            "store_id": store,
            "enrolment_channel": "pos",
        },
        key=f"enrol-{phone}",
    )
    assert answer.status == 201, answer.body
    member_id = answer.body["member"]["member_id"]
    admin = Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})
    wait_for(
        lambda: admin.get(f"/v1/admin/members/{member_id}/balance").status == 200,
        what="the ledger account",
    )
    return member_id


def _sms_to(suite, phone: str, needle: str) -> list[str]:
    e164 = "+84" + phone.lstrip("0").replace(" ", "")
    return [
        call["json"]["text"]
        for call in suite.webhooks.received("/sms", 200)
        if call["json"]["to"] == e164 and needle in call["json"]["text"]
    ]


@pytest.mark.parametrize(
    ("language", "name", "expected"),
    [
        ("vi", "Đỗ Thị Hạnh", "Đỗ Thị Hạnh ơi, đơn trả hàng {ret} đã trừ {points} điểm."),
        ("en", "Hoàng Văn Nam", "Hoàng Văn Nam, return {ret} took back {points} points."),
    ],
)
def test_a_return_at_the_till_tells_the_member_in_their_language(
    suite, till, language, name, expected
):
    http, store = till
    phone = f"09{uuid.uuid4().int % 10**8:08d}"
    member_id = _enrol(suite, http, store, phone, name, language)
    transaction = f"t-{uuid.uuid4().hex[:8]}"
    earned = http.post(
        "/v1/partner/earns",
        {
            "member_id": member_id,
            "store_id": store,
            "transaction_id": transaction,
            "amount": {"amount_minor": 500_000, "currency": "VND"},
            "occurred_at": now_text(),
        },
    )
    assert earned.status == 200, earned.body
    return_id = f"r-{uuid.uuid4().hex[:8]}"
    returned = http.post(
        "/v1/partner/returns",
        {
            "store_id": store,
            "return_id": return_id,
            "original_transaction_id": transaction,
            "amount": {"amount_minor": 200_000, "currency": "VND"},
        },
        key=f"ret-{return_id}",
    )
    assert returned.status == 200, returned.body
    points = int(returned.body["reversed_points"])
    assert points > 0

    texts = wait_for(lambda: _sms_to(suite, phone, return_id), timeout=20, what="the return's SMS")
    assert len(texts) == 1
    assert texts[0].startswith(expected.format(ret=return_id, points=points)), texts[0]
