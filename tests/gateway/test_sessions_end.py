"""Blocking or erasing a member ends their sessions at once: the access token they hold
and every refresh token are refused from the next request on."""

from __future__ import annotations

import hashlib
import secrets

import pytest

from common import stores
from tests.support.gateway import Http, enrol, send_code

pytestmark = pytest.mark.suite


def a_phone() -> str:
    """A phone of this run only: the sign-in code counts live in Redis for a day."""
    number = secrets.randbelow(10**6)
    return f"0907 {number // 1000:03d} {number % 1000:03d}"


def signed_in(suite, programme, phone: str) -> tuple[Http, str]:
    """The member's app (its access token) and a refresh token of the same session."""
    code = send_code(suite, programme, phone)
    tokens = programme.anonymous.post("/v1/auth/token", {"phone": phone, "code": code})
    assert tokens.status == 200, tokens.body
    app = Http(suite.gateway_url, {"Authorization": f"Bearer {tokens.body['access_token']}"})
    return app, tokens.body["refresh_token"]


def assert_session_ended(suite, programme, app: Http, refresh_token: str) -> None:
    for answer in (
        app.get("/v1/me"),
        app.get("/v1/me/balance"),
        programme.anonymous.post("/v1/auth/refresh", {"refresh_token": refresh_token}),
    ):
        assert answer.status == 401, answer.body
        assert answer.body["error"]["code"] == "unauthenticated"
    # Its refresh tokens are gone from Redis too, not only refused.
    digest = hashlib.sha256(refresh_token.encode()).hexdigest()
    assert stores.connect_redis(suite.redis_url).exists(f"gateway:refresh:{digest}") == 0


def test_blocking_a_member_ends_their_sessions_and_unblocking_lets_them_sign_in(suite, programme):
    phone = a_phone()
    member_id = enrol(programme, f"{programme.partner}-q1", phone, name="Khổng Văn Chặn")
    app, refresh_token = signed_in(suite, programme, phone)
    _, other_refresh_token = signed_in(suite, programme, phone)  # a second device
    assert app.get("/v1/me").status == 200
    blocked = programme.admin.post(
        f"/v1/admin/members/{member_id}/block", {"reason": "card sharing"}
    )
    assert blocked.status == 200, blocked.body
    assert_session_ended(suite, programme, app, refresh_token)
    again = programme.anonymous.post("/v1/auth/refresh", {"refresh_token": other_refresh_token})
    assert again.status == 401
    assert (
        programme.admin.post(f"/v1/admin/members/{member_id}/unblock", {"reason": "cleared"}).status
        == 200
    )
    app, _ = signed_in(suite, programme, phone)
    assert app.get("/v1/me").status == 200


def test_erasing_a_member_ends_their_sessions(suite, programme):
    phone = a_phone()
    member_id = enrol(programme, f"{programme.partner}-q1", phone, name="Ông Thị Xoá")
    app, refresh_token = signed_in(suite, programme, phone)
    fresh = programme.anonymous.post("/v1/auth/refresh", {"refresh_token": refresh_token})
    assert fresh.status == 200
    erased = programme.admin.post(
        f"/v1/admin/members/{member_id}/erase",
        {"reason": "the member asked"},
        key=f"erase-{member_id}",
    )
    assert erased.status == 200, erased.body
    assert_session_ended(suite, programme, app, fresh.body["refresh_token"])
