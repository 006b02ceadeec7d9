"""A member changes their own profile, and support staff change a member's, with plain
JSON: the fields sent are the fields changed (issue #20: PATCH /v1/me wanted a FieldMask)."""

from __future__ import annotations

import random

import pytest

from tests.support.gateway import enrol, sign_in


def _phone() -> str:
    return "09" + "".join(random.choices("0123456789", k=8))


@pytest.mark.suite
def test_a_member_sets_birthday_language_and_channels_leaving_the_rest(suite, programme):
    phone = _phone()
    member_id = enrol(programme, f"{programme.partner}-q1", phone, name="Trần Văn Bình")
    app = sign_in(suite, programme, phone)
    change = {
        "profile": {
            "birthday": "1990-05-01",
            "language": "en",
            "preferred_channels": ["CHANNEL_SMS"],
        }
    }
    changed = app.request("PATCH", "/v1/me", change, key=f"profile-{member_id}")
    assert changed.status == 200, changed.body
    member = app.get("/v1/me").body["member"]
    assert member["birthday"] == "1990-05-01"
    assert member["language"] == "en"
    assert member["preferred_channels"] == ["CHANNEL_SMS"]
    assert member["name"] == "Trần Văn Bình"  # not sent, not changed
    assert member["phone"] == "+84" + phone[1:]


@pytest.mark.suite
def test_a_patch_naming_nothing_to_change_is_refused_by_field(suite, programme):
    phone = _phone()
    member_id = enrol(programme, f"{programme.partner}-q1", phone)
    app = sign_in(suite, programme, phone)
    refused = app.request("PATCH", "/v1/me", {"profile": {}}, key=f"empty-{member_id}")
    assert refused.status == 400
    assert refused.body["error"]["fields"][0]["field"] == "profile"
    bad = app.request("PATCH", "/v1/me", {"profile": {"birthday": "2999-01-01"}}, key="future")
    assert bad.status == 400, bad.body
    assert app.get("/v1/me").body["member"].get("birthday", "") == ""


@pytest.mark.suite
def test_staff_change_a_members_profile_with_a_reason(suite, programme):
    member_id = enrol(programme, f"{programme.partner}-q1", _phone())
    path = f"/v1/admin/members/{member_id}"
    change = {"profile": {"name": "Lê Thị Hoa"}, "reason": "typo at enrolment"}
    changed = programme.admin.request("PATCH", path, change, key=f"fix-{member_id}")
    assert changed.status == 200, changed.body
    assert programme.admin.get(path).body["member"]["name"] == "Lê Thị Hoa"
    viewer = programme.viewer.request("PATCH", path, change, key=f"viewer-{member_id}")
    assert viewer.status == 403
