"""What an app, a till and the CRM team needed the CLI or gRPC for, now over REST
(issue #20): messaging one member, NPS answers, a segment's members, referrals, a new QR
code, a member's redemptions and lots, the programme's settings and the scheduled jobs."""

from __future__ import annotations

import random

import pytest

from tests.support.gateway import enrol, now_text, sign_in, voucher_reward
from tests.support.waiting import wait_for

pytestmark = pytest.mark.suite


def _phone() -> str:
    """A Vietnamese mobile number of a range in use (092 and 095 are not: "09" and any
    digit was refused now and then as no phone number of the country)."""
    return random.choice(("090", "091", "093", "094", "096", "097", "098")) + "".join(
        random.choices("0123456789", k=7)
    )


def _earn(programme, member_id: str, amount: int = 2_000_000) -> None:
    earned = programme.till.post(
        "/v1/partner/earns",
        {
            "member_id": member_id,
            "store_id": f"{programme.partner}-q1",
            "transaction_id": f"routes-{random.getrandbits(64):x}",
            "amount": {"amount_minor": amount, "currency": "VND"},
            "occurred_at": now_text(),
        },
    )
    assert earned.status == 200, earned.body


def test_staff_message_one_member_and_see_it_delivered(suite, programme):
    phone = _phone()
    member_id = enrol(programme, f"{programme.partner}-q1", phone)
    apology = {
        "message_type": "MESSAGE_TYPE_APOLOGY",
        "channels": ["CHANNEL_SMS"],
        "variables": {"code": "XIN-LOI-50", "reward": "50.000 ₫"},
    }

    def send():  # refused, changing nothing, until the enrolment event reaches notifications
        sent = programme.admin.post(
            f"/v1/admin/members/{member_id}/messages", apology, key=f"sorry-{member_id}"
        )
        assert sent.status in (201, 422), sent.body
        return sent if sent.status == 201 else None

    sent = wait_for(send, what="the message accepted")
    message_id = sent.body["message"]["message_id"]

    def delivered():
        deliveries = programme.admin.get(f"/v1/admin/members/{member_id}/deliveries").body
        return [
            d
            for d in deliveries.get("deliveries", [])
            if d["message_id"] == message_id and d["status"] == "DELIVERY_STATUS_SENT"
        ]

    wait_for(delivered, timeout=15, what="the apology sent")
    e164 = "+84" + phone[1:]
    assert any(sms["json"]["to"] == e164 for sms in suite.webhooks.received("/sms", 200))
    assert programme.admin.get(f"/v1/admin/messages/{message_id}").status == 200


def test_staff_cannot_send_a_sign_in_code(programme):
    member_id = enrol(programme, f"{programme.partner}-q1", _phone())
    refused = programme.admin.post(
        f"/v1/admin/members/{member_id}/messages",
        {"message_type": "MESSAGE_TYPE_SIGN_IN_CODE", "variables": {"code": "123456"}},
        key=f"phish-{member_id}",
    )
    assert refused.status == 400
    assert refused.body["error"]["fields"][0]["field"] == "message_type"


def test_a_member_answers_nps_rotates_the_qr_and_reads_lots_and_redemptions(suite, programme):
    phone = _phone()
    member_id = enrol(programme, f"{programme.partner}-q1", phone)
    _earn(programme, member_id)
    app = sign_in(suite, programme, phone)

    answered = app.post("/v1/me/nps-answers", {"score": 9}, key=f"nps-{member_id}")
    assert answered.status == 201, answered.body
    bad = app.post("/v1/me/nps-answers", {"score": 11}, key=f"nps-bad-{member_id}")
    assert bad.status == 400

    old_qr = app.get("/v1/me").body["member"]["qr_token"]
    rotated = app.post("/v1/me/qr-token", {}, key=f"qr-{member_id}")
    assert rotated.status == 200, rotated.body
    new_qr = app.get("/v1/me").body["member"]["qr_token"]
    assert new_qr and new_qr != old_qr

    lots = app.get("/v1/me/lots").body["lots"]
    assert sum(int(lot["remaining"]) for lot in lots) == 200
    assert all(lot["expires_at"] for lot in lots)

    key = f"routes-reward-{member_id}"
    reward_id = voucher_reward(programme.admin, "Giảm 10.000 ₫", key, 10_000, points_cost=20)
    redeemed = app.post("/v1/me/redemptions", {"reward_id": reward_id}, key=f"r-{member_id}")
    assert redeemed.status == 201, redeemed.body
    mine = app.get("/v1/me/redemptions").body["redemptions"]
    assert [r["reward_id"] for r in mine] == [reward_id]
    staff_view = programme.admin.get(f"/v1/admin/members/{member_id}/redemptions").body
    assert [r["reward_id"] for r in staff_view["redemptions"]] == [reward_id]
    assert programme.admin.get(f"/v1/admin/rewards/{reward_id}").status == 200


def test_referrals_and_a_segments_members(suite, programme):
    referrer_phone = _phone()
    referrer = enrol(programme, f"{programme.partner}-q1", referrer_phone)
    card = programme.admin.get(f"/v1/admin/members/{referrer}").body["member"]
    friend = programme.till.post(
        "/v1/partner/enrolments",
        {
            "profile": {"name": "Phạm Minh", "phone": _phone()},
            "store_id": f"{programme.partner}-q1",
            "referral_code": card["referral_code"],
        },
        key=f"friend-of-{referrer}",
    )
    assert friend.status == 201, friend.body
    friend_id = friend.body["member"]["member_id"]
    app = sign_in(suite, programme, referrer_phone)
    referred = app.get("/v1/me/referrals").body["referrals"]
    assert [r["referee_member_id"] for r in referred] == [friend_id]
    staff = programme.admin.get(f"/v1/admin/members/{referrer}/referrals").body["referrals"]
    assert [r["referee_member_id"] for r in staff] == [friend_id]

    assert programme.admin.post("/v1/admin/segments/recompute", {}).status == 200
    segments = programme.admin.get("/v1/admin/segments").body["segments"]
    placed = programme.admin.get(f"/v1/admin/members/{referrer}/segment").body
    assert placed["member_segment"]["segment_ids"], placed
    segment_id = placed["member_segment"]["segment_ids"][0]
    assert segment_id in {s["segment_id"] for s in segments}

    def everyone(path: str) -> list[str]:
        found, cursor = [], ""
        while True:
            page = programme.admin.get(path + (f"&page.cursor={cursor}" if cursor else "")).body
            found += page.get("member_ids", [])
            cursor = page.get("page_info", {}).get("next_cursor", "")
            if not cursor:
                return found

    members = everyone(f"/v1/admin/segments/{segment_id}/members?page.page_size=200")
    assert referrer in members


def test_the_programme_settings_and_a_job_by_hand(programme):
    read = programme.admin.get("/v1/admin/programme")
    assert read.status == 200, read.body
    settings = read.body["settings"]
    assert programme.viewer.request("PUT", "/v1/admin/programme", {}).status == 403
    changed = programme.admin.request(
        "PUT",
        "/v1/admin/programme",
        {"settings": settings, "expected_version": settings["version"], "reason": "same again"},
    )
    assert changed.status == 200, changed.body
    greeted = programme.admin.post("/v1/admin/jobs/birthday-greetings", {})
    assert greeted.status == 200, greeted.body
    assert programme.viewer.post("/v1/admin/jobs/birthday-greetings", {}).status == 403


def test_the_kpis_of_one_partner(programme):
    period = "period_start=2026-01-01T00:00:00Z&period_end=2026-02-01T00:00:00Z"
    one = programme.admin.get(f"/v1/admin/kpis?{period}&partner_id={programme.partner}")
    assert one.status == 200, one.body
    unknown = programme.admin.get(f"/v1/admin/kpis?{period}&partner_id=no-such-partner")
    assert unknown.status == 404, unknown.body
    assert [f["field"] for f in unknown.body["error"]["fields"]] == ["partner_id"]
