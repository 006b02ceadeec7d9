"""HTTP against the running suite: a programme (a partner with two stores, a second
partner, members) set up through the API itself, once for the session."""

from __future__ import annotations

import uuid

import pytest

from tests.support.gateway import ADMIN_KEY, Http, Programme


@pytest.fixture(scope="session")
def programme(suite) -> Programme:
    base = suite.gateway_url
    admin = Http(base, {"X-API-Key": ADMIN_KEY})
    tag = uuid.uuid4().hex[:6]
    keys = {}
    for partner in (f"sen-{tag}", f"other-{tag}"):
        assert (
            admin.post(
                "/v1/admin/partners", {"partner_id": partner, "name": partner, "currency": "VND"}
            ).status
            == 201
        )
        for store in ("q1", "q3"):
            created = admin.post(
                "/v1/admin/stores",
                {"store_id": f"{partner}-{store}", "partner_id": partner, "name": store},
            )
            assert created.status == 201, created.body
        made = admin.post(
            "/v1/admin/api-keys",
            {"name": f"{partner} tills", "role": "API_KEY_ROLE_PARTNER", "partner_id": partner},
        )
        assert made.status == 201, made.body
        keys[partner] = made.body
    viewer = admin.post("/v1/admin/api-keys", {"name": "analyst", "role": "API_KEY_ROLE_VIEWER"})
    _ladder(admin)
    return Programme(
        admin=admin,
        till=Http(base, {"X-API-Key": keys[f"sen-{tag}"]["secret"]}),
        other_till=Http(base, {"X-API-Key": keys[f"other-{tag}"]["secret"]}),
        viewer=Http(base, {"X-API-Key": viewer.body["secret"]}),
        anonymous=Http(base),
        partner_key_id=keys[f"sen-{tag}"]["key"]["key_id"],
        partner=f"sen-{tag}",
        other_partner=f"other-{tag}",
    )


LADDER = {
    "measure": "QUALIFYING_MEASURE_POINTS",
    "window": {"kind": "WINDOW_KIND_ROLLING_MONTHS", "months": 12},
    "tiers": [
        {"code": "member", "name": {"vi": "Thành viên", "en": "Member"}, "threshold_points": 0},
        {
            "code": "gold",
            "name": {"vi": "Vàng", "en": "Gold"},
            "threshold_points": 5000,
            "benefits": {"earn_multiplier_bp": 15000, "exclusive_rewards": True},
        },
    ],
    "downgrade": {
        "review_period_months": 12,
        "grace_period_days": 30,
        "mode": "DOWNGRADE_MODE_DROP_ONE_TIER",
    },
}


def _ladder(admin: Http) -> None:
    current = admin.get("/v1/admin/tiers")
    version = current.body.get("ladder", {}).get("version", 0)
    placed = admin.request(
        "PUT",
        "/v1/admin/tiers",
        {"ladder": LADDER, "expected_version": version, "reason": "gateway tests"},
    )
    assert placed.status == 200, placed.body
