"""HTTP against the running suite: a programme (a partner with two stores, a second
partner, members) set up through the API itself, once for the session."""

from __future__ import annotations

import uuid

import pytest

from tests.support.gateway import ADMIN_KEY, Http, Programme, set_ladder, typed


@pytest.fixture(scope="session")
def programme(suite) -> Programme:
    base = suite.gateway_url
    admin = Http(base, {"X-API-Key": ADMIN_KEY})
    staff = typed(admin).admin
    tag = uuid.uuid4().hex[:6]
    keys = {}
    for partner in (f"sen-{tag}", f"other-{tag}"):
        staff.create_partner({"partner_id": partner, "name": partner, "currency": "VND"})
        for store in ("q1", "q3"):
            staff.create_store(
                {"store_id": f"{partner}-{store}", "partner_id": partner, "name": store}
            )
        keys[partner] = staff.create_api_key(
            {"name": f"{partner} tills", "role": "API_KEY_ROLE_PARTNER", "partner_id": partner}
        )
    viewer = staff.create_api_key({"name": "analyst", "role": "API_KEY_ROLE_VIEWER"})
    set_ladder(staff)
    return Programme(
        admin=admin,
        till=Http(base, {"X-API-Key": keys[f"sen-{tag}"]["secret"]}),
        other_till=Http(base, {"X-API-Key": keys[f"other-{tag}"]["secret"]}),
        viewer=Http(base, {"X-API-Key": viewer["secret"]}),
        anonymous=Http(base),
        partner_key_id=keys[f"sen-{tag}"]["key"]["key_id"],
        partner=f"sen-{tag}",
        other_partner=f"other-{tag}",
    )
