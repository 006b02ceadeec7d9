"""Nothing a browser sends crashes the console: every console route, given forms and
query strings of empty, oversized, malformed and hostile values by a signed-in admin
(the role that may reach them all), answers below 500 without a stack trace. The routes
come from the app's own URL map, so a new page is covered by itself."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from gateway.app import create_app
from tests.support.console import PASSWORD
from tests.support.gateway import an_address, settings_for

CSRF = re.compile(rb'name="csrf_token" value="([^"]+)"')
FIELDS = [
    "q",
    "amount",
    "points",
    "count",
    "reason",
    "name",
    "email",
    "password",
    "multiplier",
    "starts",
    "ends",
    "at",
    "partner_id",
    "tier_code",
    "role",
    "status",
    "language",
    "confirm",
    "channel",
    "reward_id",
    "expires",
    "label",
    "cursor",
    "months",
    "from",
    "to",
    "subject_vi",
    "body_vi",
    "subject_en",
    "body_en",
    "member_id",
    "store_id",
    "time_zone",
    "ids",
    "new_password",
    "current_password",
    "repeat_password",
    "threshold",
    "stock",
    "delta",
]
HOSTILE = {
    "empty": "",
    "huge": "9" * 20_000,
    "numbers": "-1e309",
    "text": "<script>alert(1)</script>\x00 \U0001d54f %s {name} ' OR 1=1 --",
}
# Routes whose effect would end the test's own session.
SKIPPED = {"/console/sign-out", "/console/sign-in", "/console/account/password"}


@pytest.fixture(scope="module")
def admin(suite, shop):
    """A signed-in admin's browser (Flask's test client) and its CSRF token."""
    app = create_app(settings_for(suite))
    browser = app.test_client()
    headers = {"X-Forwarded-For": an_address()}
    token = CSRF.search(browser.get("/console/sign-in", headers=headers).data).group(1)
    signed = browser.post(
        "/console/sign-in",
        data={"csrf_token": token, "email": shop["emails"]["admin"], "password": PASSWORD},
        headers=headers,
    )
    assert signed.status_code == 303, signed.data[:500]
    page = browser.get("/console/account", headers=headers)
    return app, browser, CSRF.search(page.data).group(1).decode(), headers


def _routes(app, method: str, shop, value: str = "x-unknown") -> list[str]:
    """The console's routes for `method`, their ids filled with `value` (the shop's
    member for a member's pages when `value` is plain)."""
    paths = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/console") or method not in rule.methods:
            continue
        if rule.rule in SKIPPED or "static" in rule.endpoint:
            continue
        path = rule.rule.replace("<any(block, unblock):what>", "block")
        if value == "x-unknown":
            path = path.replace("<member_id>", shop["member_id"])
        paths.append(re.sub(r"<[^>]+>", lambda _: quote(value, safe=""), path))
    return sorted(paths)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_no_console_form_or_query_crashes_the_gateway(admin, shop, kind):
    app, browser, token, headers = admin
    value = HOSTILE[kind]
    crashed = []
    for path in _routes(app, "POST", shop):
        form = {name: value for name in FIELDS} | {"csrf_token": token}
        answer = browser.post(path, data=form, headers=headers)
        if answer.status_code >= 500 or b"Traceback" in answer.data:
            crashed.append(f"POST {path}: {answer.status_code}")
    for path in _routes(app, "GET", shop) + _routes(app, "GET", shop, value[:2000] or " "):
        answer = browser.get(path, query_string={name: value for name in FIELDS}, headers=headers)
        if answer.status_code >= 500 or b"Traceback" in answer.data:
            crashed.append(f"GET {path[:120]}: {answer.status_code}")
    assert not crashed, "\n".join(crashed)
