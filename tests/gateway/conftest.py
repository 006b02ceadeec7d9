"""HTTP against the running suite: a client for each kind of caller, and a programme
(a partner with two stores, a second partner, members) set up through the API itself."""

from __future__ import annotations

import dataclasses
import json
import re
import urllib.error
import urllib.request
import uuid

import pytest

from common import clock
from tests.conftest import ADMIN_KEY, wait_for


@dataclasses.dataclass
class Answer:
    status: int
    body: dict
    headers: dict


class Http:
    def __init__(self, base: str, headers: dict | None = None) -> None:
        self.base = base
        self.headers = headers or {}

    def as_(self, **headers) -> Http:
        return Http(self.base, {**self.headers, **headers})

    def request(self, method: str, path: str, body=None, key: str = "", **headers) -> Answer:
        data = None if body is None else json.dumps(body).encode()
        sent = {**self.headers, **headers}
        if data is not None:
            sent.setdefault("Content-Type", "application/json")
        if key:
            sent["Idempotency-Key"] = key
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=sent)
        try:
            with urllib.request.urlopen(request, timeout=15) as reply:
                raw, status, answer_headers = reply.read(), reply.status, dict(reply.headers)
        except urllib.error.HTTPError as error:
            raw, status, answer_headers = error.read(), error.code, dict(error.headers)
        return Answer(status, json.loads(raw) if raw else {}, answer_headers)

    def get(self, path: str, **headers) -> Answer:
        return self.request("GET", path, **headers)

    def post(self, path: str, body=None, key: str = "", **headers) -> Answer:
        return self.request("POST", path, body if body is not None else {}, key, **headers)


@dataclasses.dataclass
class Programme:
    admin: Http
    till: Http  # partner "sen" at both its stores
    other_till: Http  # partner "other"
    viewer: Http
    anonymous: Http
    partner_key_id: str
    partner: str  # the till's partner; its stores are "<partner>-q1" and "<partner>-q3"
    other_partner: str


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


def now_text() -> str:
    """Now on the suite's clock, as a till writes a purchase's time (RFC 3339, UTC)."""
    return clock.now().isoformat(timespec="seconds").replace("+00:00", "Z")


def enrol(programme: Programme, store: str, phone: str, name: str = "Nguyễn Thị Lan") -> str:
    answer = programme.till.post(
        "/v1/partner/enrolments",
        {
            "profile": {
                "name": name,
                "phone": phone,
                "language": "vi",
                "preferred_channels": ["CHANNEL_INBOX", "CHANNEL_SMS"],
            },
            "store_id": store,
            "enrolment_channel": "pos",
        },
        key=f"enrol-{phone}",
    )
    assert answer.status == 201, answer.body
    member_id = answer.body["member"]["member_id"]
    # The ledger opens the account from the enrolment event, a moment later.
    wait_for(
        lambda: programme.admin.get(f"/v1/admin/members/{member_id}/balance").status == 200,
        what="the ledger account",
    )
    return member_id


def sign_in(suite, programme: Programme, phone: str) -> Http:
    """A member signed in with the code the local SMS provider received."""
    assert programme.anonymous.post("/v1/auth/code", {"phone": phone}).status == 202
    e164 = "+84" + phone.lstrip("0").replace(" ", "")

    def code():
        for call in reversed(suite.webhooks.received("/sms", 200)):
            if call["json"]["to"] == e164 and "đăng nhập" in call["json"]["text"]:
                return re.search(r"\b(\d{6})\b", call["json"]["text"]).group(1)
        return None

    tokens = programme.anonymous.post(
        "/v1/auth/token", {"phone": phone, "code": wait_for(code, what="the code")}
    )
    assert tokens.status == 200, tokens.body
    return Http(suite.gateway_url, {"Authorization": f"Bearer {tokens.body['access_token']}"})
