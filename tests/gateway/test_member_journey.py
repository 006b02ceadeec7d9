"""A member's journey over HTTP against the running suite: enrolled at a till, earns,
signs in with the code the SMS provider received, sees balance and tier, redeems a
reward and finds the voucher in the inbox."""

from __future__ import annotations

import pytest

from tests.support.gateway import enrol, now_text, sign_in
from tests.support.waiting import wait_for

pytestmark = pytest.mark.suite


def test_a_member_signs_in_redeems_and_finds_the_voucher_in_the_inbox(suite, programme):
    store = f"{programme.partner}-q1"
    phone = "0905 111 222"
    member_id = enrol(programme, store, phone)
    earned = programme.till.post(
        "/v1/partner/earns",
        {
            "member_id": member_id,
            "store_id": store,
            "transaction_id": "journey-1",
            "amount": {"amount_minor": 2_000_000, "currency": "VND"},
            "occurred_at": now_text(),
        },
    )
    assert (earned.status, earned.body.get("points_awarded")) == (200, 200), earned.body
    reward = programme.admin.post(
        "/v1/admin/rewards",
        {
            "reward": {
                "name": {"vi": "Giảm 30.000 ₫"},
                "type": "REWARD_TYPE_FIXED_VOUCHER",
                "status": "REWARD_STATUS_ACTIVE",
                "points_cost": 150,
                "fixed_value": {"amount_minor": 30_000, "currency": "VND"},
                "voucher_validity_days": 30,
                "unlimited_stock": True,
            },
            "reason": "journey",
        },
        key="journey-reward",
    )
    assert reward.status == 201, reward.body

    member = sign_in(suite, programme, phone)
    balance = member.get("/v1/me/balance")
    assert (balance.status, balance.body["balance"]["available"]) == (200, 200)
    assert member.get("/v1/me/balance", **{"If-None-Match": balance.headers["ETag"]}).status == 304
    tier = member.get("/v1/me/tier")
    assert tier.status == 200 and tier.body["member_tier"]["tier"]["code"]
    seen = member.get("/v1/me/rewards")
    offered = {r["reward"]["reward_id"]: r for r in seen.body["rewards"]}
    assert offered[reward.body["reward"]["reward_id"]]["redeemable"]

    redeemed = member.post(
        "/v1/me/redemptions", {"reward_id": reward.body["reward"]["reward_id"]}, key="redeem-1"
    )
    assert redeemed.status == 201, redeemed.body
    code = redeemed.body["redemption"]["voucher"]["code"]
    again = member.post(
        "/v1/me/redemptions", {"reward_id": reward.body["reward"]["reward_id"]}, key="redeem-1"
    )
    assert again.body["replayed"] and again.body["redemption"]["voucher"]["code"] == code
    assert member.get("/v1/me/balance").body["balance"]["available"] == 50

    def voucher_in_inbox():
        inbox = member.get("/v1/me/inbox").body["messages"]
        return [m for m in inbox if code in m["body"]]

    wait_for(voucher_in_inbox, timeout=15, what="the voucher in the inbox")
    vouchers = member.get("/v1/me/vouchers").body["vouchers"]
    assert [v["code"] for v in vouchers] == [code]
