"""A till spends only what is the member's, with the member there: presence codes at
the till, idempotency keys kept per caller, store-scoped keys, revocation that holds."""

from __future__ import annotations

import os
import signal
import uuid

import pytest

from tests.support.gateway import Http, earn, enrol, sign_in
from tests.support.waiting import wait_for


@pytest.fixture(scope="module")
def shopper(suite, programme):
    """A member with 500 points, signed in to their app."""
    store = f"{programme.partner}-q1"
    phone = f"0906 {uuid.uuid4().int % 1000:03d} {uuid.uuid4().int % 1000:03d}"
    member = enrol(programme, store, phone, name="Đỗ Thị Hoa")
    assert earn(programme.till, member, store, f"t-{uuid.uuid4().hex[:8]}").status == 200
    adjusted = programme.admin.post(
        "/v1/admin/adjustments",
        {"member_id": member, "points": 450, "reason": "till security tests"},
        key=f"adj-{member}",
    )
    assert adjusted.status == 201, adjusted.body
    return member, sign_in(suite, programme, phone)


def pay(programme, member: str, points: int, key: str, presence: dict | None = None):
    body = {
        "member_id": member,
        "points": points,
        "store_id": f"{programme.partner}-q1",
        "reference": key,
    }
    if presence is not None:
        body["presence"] = presence
    return programme.till.post("/v1/partner/payments", body, key=key)


def presence_code(app: Http) -> dict:
    issued = app.post("/v1/me/presence-codes", {})
    assert issued.status == 201, issued.body
    return issued.body


def field_at_fault(answer) -> str:
    return answer.body["error"]["fields"][0]["field"] if answer.body["error"]["fields"] else ""


def test_a_till_cannot_spend_points_without_the_member_there(programme, shopper):
    member, _ = shopper
    refused = pay(programme, member, 10, f"no-presence-{uuid.uuid4().hex[:6]}")
    assert refused.status == 403, refused.body
    assert field_at_fault(refused) == "presence"


def test_the_code_the_app_shows_pays_once_and_its_retry_replays(programme, shopper):
    member, app = shopper
    code = presence_code(app)
    assert len(code["code"]) == 6 and code["token"].startswith("lsp1.")
    key = f"pay-{uuid.uuid4().hex[:6]}"
    paid = pay(programme, member, 10, key, {"code": code["code"]})
    assert paid.status == 201, paid.body
    retried = pay(programme, member, 10, key, {"code": code["code"]})
    assert retried.status == 201 and retried.body["replayed"], retried.body
    assert retried.body["entry"]["entry_id"] == paid.body["entry"]["entry_id"]
    again = pay(programme, member, 10, f"pay-{uuid.uuid4().hex[:6]}", {"code": code["code"]})
    assert again.status == 403 and field_at_fault(again) == "presence", again.body
    scanned = pay(
        programme, member, 10, f"qr-{uuid.uuid4().hex[:6]}", {"token": presence_code(app)["token"]}
    )
    assert scanned.status == 201, scanned.body


def test_one_members_code_does_not_spend_anothers_points(programme, shopper):
    _, app = shopper
    other = enrol(programme, f"{programme.partner}-q1", "0906 111 222", name="Hồ Văn Nam")
    code = presence_code(app)
    for proof in ({"code": code["code"]}, {"token": code["token"]}):
        refused = pay(programme, other, 1, f"x-{uuid.uuid4().hex[:6]}", proof)
        assert refused.status == 403 and field_at_fault(refused) == "presence", refused.body


def test_a_till_guessing_codes_is_locked_out(programme):
    victim = enrol(programme, f"{programme.partner}-q1", "0906 333 444", name="Tạ Thị Mai")
    answers = [
        pay(programme, victim, 1, f"guess-{n}-{uuid.uuid4().hex[:6]}", {"code": f"{n:06d}"})
        for n in range(7)
    ]
    assert all(a.status == 403 for a in answers)
    assert "too many wrong" in answers[-1].body["error"]["message"]


def test_two_partners_choosing_the_same_idempotency_key_never_meet(programme):
    key = f"shared-{uuid.uuid4().hex[:6]}"
    answers = []
    for till, partner in (
        (programme.till, programme.partner),
        (programme.other_till, programme.other_partner),
    ):
        phone = f"0907 {uuid.uuid4().int % 1000:03d} {uuid.uuid4().int % 1000:03d}"
        answers.append(
            till.post(
                "/v1/partner/enrolments",
                {
                    "profile": {"name": "Khách Hàng", "phone": phone, "language": "vi"},
                    "store_id": f"{partner}-q1",
                    "enrolment_channel": "pos",
                },
                key=key,
            )
        )
    assert [a.status for a in answers] == [201, 201], [a.body for a in answers]
    assert answers[0].body["member"]["member_id"] != answers[1].body["member"]["member_id"]


def test_a_key_for_one_store_names_its_store_on_every_till_call(programme):
    made = programme.admin.post(
        "/v1/admin/api-keys",
        {
            "name": "q1 till",
            "role": "API_KEY_ROLE_PARTNER",
            "partner_id": programme.partner,
            "store_ids": [f"{programme.partner}-q1"],
        },
    )
    assert made.status == 201, made.body
    till = Http(programme.admin.base, {"X-API-Key": made.body["secret"]})
    refused = till.post(
        "/v1/partner/simulate",
        {"amount": {"amount_minor": 100_000, "currency": "VND"}, "member_id": "nobody"},
    )
    assert refused.status == 400 and field_at_fault(refused) == "store_id", refused.body


def test_a_till_cannot_try_a_draft_rule(programme):
    refused = programme.till.post(
        "/v1/partner/simulate",
        {
            "store_id": f"{programme.partner}-q1",
            "amount": {"amount_minor": 100_000, "currency": "VND"},
            "with_rule_ids": ["a-draft"],
        },
    )
    assert refused.status == 400 and field_at_fault(refused) == "with_rule_ids", refused.body


def test_a_key_revoked_while_redis_is_away_stays_refused_when_it_is_back(suite, programme):
    if suite.redis is None:
        pytest.skip("REDIS_URL names a Redis this test cannot pause")
    made = programme.admin.post(
        "/v1/admin/api-keys",
        {"name": "lost tablet", "role": "API_KEY_ROLE_PARTNER", "partner_id": programme.partner},
    )
    till = Http(programme.admin.base, {"X-API-Key": made.body["secret"]})
    member = enrol(programme, f"{programme.partner}-q1", "0906 555 666", name="Lý Văn Tâm")
    for n in range(4):  # every gateway worker has verified (and kept) the key
        assert earn(till, member, f"{programme.partner}-q1", f"rv-{n}").status == 200
    os.kill(suite.redis.process.pid, signal.SIGSTOP)
    try:
        revoked = programme.admin.post(
            f"/v1/admin/api-keys/{made.body['key']['key_id']}/revoke", {"reason": "lost"}
        )
        assert revoked.status == 200, revoked.body
    finally:
        os.kill(suite.redis.process.pid, signal.SIGCONT)
    wait_for(lambda: programme.admin.get("/v1/admin/tiers").status == 200, what="Redis back")
    for n in range(8):
        assert earn(till, member, f"{programme.partner}-q1", f"rv-after-{n}").status == 401
