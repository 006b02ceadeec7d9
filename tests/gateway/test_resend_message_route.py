"""POST /v1/admin/messages/{message_id}/resend: a message sent again over REST, as a new
message with the original's values (a purchase thank-you keeps its points), once per
Idempotency-Key; an operator's write (a viewer key is refused); never a sign-in code."""

from __future__ import annotations

import random

import pytest

from tests.support.gateway import Http, enrol, now_text
from tests.support.waiting import wait_for

pytestmark = pytest.mark.suite


def _phone() -> str:
    return "09" + "".join(random.choices("0123456789", k=8))


def _deliveries(programme, member_id: str, message_type: str) -> list[dict]:
    listed = programme.admin.get(f"/v1/admin/members/{member_id}/deliveries").body
    return [d for d in listed.get("deliveries", []) if d["message_type"] == message_type]


def _resend(http: Http, message_id: str, key: str, body: dict | None = None):
    return http.post(f"/v1/admin/messages/{message_id}/resend", body or {}, key=key)


def test_staff_send_a_thank_you_again_with_its_points_once_per_key(programme):
    member_id = enrol(programme, f"{programme.partner}-q1", _phone())
    earned = programme.till.post(
        "/v1/partner/earns",
        {
            "member_id": member_id,
            "store_id": f"{programme.partner}-q1",
            "transaction_id": f"resend-{random.getrandbits(64):x}",
            "amount": {"amount_minor": 2_000_000, "currency": "VND"},
            "occurred_at": now_text(),
        },
    )
    assert earned.status == 200, earned.body
    thank_you = "MESSAGE_TYPE_PURCHASE_THANK_YOU"
    first = wait_for(lambda: _deliveries(programme, member_id, thank_you), what="the thanks")[0]
    original = first["message_id"]
    assert "200" in first["subject"]  # the points the event gave

    # Without a key: refused, nothing sent. A viewer may only read.
    assert _resend(programme.admin, original, "").status == 400
    assert _resend(programme.viewer, original, f"again-{member_id}").status == 403
    assert len(_deliveries(programme, member_id, thank_you)) == 1

    sent = _resend(programme.admin, original, f"again-{member_id}")
    assert sent.status == 201, sent.body
    again = sent.body["message"]
    assert again["message_id"] != original and again["resent_from"] == original
    assert [d["subject"] for d in again["deliveries"]] == [first["subject"]]
    retried = _resend(programme.admin, original, f"again-{member_id}")
    assert retried.status == 201 and retried.body["replayed"]
    assert retried.body["message"]["message_id"] == again["message_id"]
    assert len(_deliveries(programme, member_id, thank_you)) == 2

    # A channel the thank-you did not go on, and a message that is not there.
    other = _resend(programme.admin, original, f"sms-{member_id}", {"channels": ["CHANNEL_SMS"]})
    assert other.status == 400
    assert [f["field"] for f in other.body["error"]["fields"]] == ["channels"]
    missing = _resend(programme.admin, "m-no-such-message", f"none-{member_id}")
    assert missing.status == 404


def test_a_sign_in_code_is_not_sent_again_over_rest(suite, programme):
    phone = _phone()
    member_id = enrol(programme, f"{programme.partner}-q1", phone)
    assert Http(suite.gateway_url).post("/v1/auth/code", {"phone": phone}).status == 202
    code = wait_for(
        lambda: _deliveries(programme, member_id, "MESSAGE_TYPE_SIGN_IN_CODE"),
        what="the sign-in code",
    )[0]
    refused = _resend(programme.admin, code["message_id"], f"code-{member_id}")
    assert refused.status == 422, refused.body
    assert [f["field"] for f in refused.body["error"]["fields"]] == ["message_id"]
    assert len(_deliveries(programme, member_id, "MESSAGE_TYPE_SIGN_IN_CODE")) == 1
