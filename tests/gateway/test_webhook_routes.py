"""Staff manage webhook subscriptions over REST (issue #22): the secret once, a rotation
that signs with both, the delivery log, and a DELETE that takes a subscription away."""

from __future__ import annotations

import pytest

from tests.support.gateway import typed

pytestmark = pytest.mark.suite


def test_staff_subscribe_rotate_read_the_log_and_delete(programme):
    admin = typed(programme.admin).admin
    made = admin.create_subscription(
        {
            "url": "http://127.0.0.1:9/hooks/loyalty",
            "event_types": ["points.earned", "member.tier_changed"],
            "description": "CRM sync",
            "paused": True,
        }
    )
    subscription_id = made["subscription"]["subscription_id"]
    assert made["secret"]
    seen = admin.get_subscription(subscription_id)
    assert made["secret"] not in str(seen)  # shown once, never read again
    assert [hint["hint"] for hint in seen["subscription"]["secrets"]] == [made["secret"][-4:]]
    assert seen["subscription"]["event_types"] == ["points.earned", "member.tier_changed"]

    rotated = admin.rotate_secret(subscription_id, {"overlap_seconds": 3600})
    assert rotated["secret"] and rotated["secret"] != made["secret"]
    assert admin.list_webhook_deliveries(subscription_id)["deliveries"] == []
    types = {t["name"] for t in admin.list_event_types()["event_types"]}
    assert {"points.earned", "member.tier_changed"} <= types

    viewer = programme.viewer.request(
        "DELETE", f"/v1/admin/webhooks/subscriptions/{subscription_id}"
    )
    assert viewer.status == 403
    gone = programme.admin.request("DELETE", f"/v1/admin/webhooks/subscriptions/{subscription_id}")
    assert gone.status == 200, gone.body
    missing = programme.admin.get(f"/v1/admin/webhooks/subscriptions/{subscription_id}")
    assert missing.status == 404
