"""HTTP against the running suite: a client, the programme each gateway test works in
(its callers and partners), and what those callers do (enrol, sign in, earn at a till)."""

from __future__ import annotations

import dataclasses
import json
import re
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import TypeVar

import pytest

from common import clock
from gateway.config import GatewaySettings
from loyalty_client import ApiError, LoyaltyClient
from tests.support.waiting import wait_for

T = TypeVar("T")


def an_address() -> str:
    """A client address of this run only, as a trusted proxy names it."""
    return "10." + ".".join(str(secrets.randbelow(256)) for _ in range(3))


def in_one_rate_window(burst: Callable[[], T]) -> T:
    """What `burst` answered, from a run of it that lay inside one of the wall clock's
    minutes: the gateway counts each caller's requests per minute of the clock (not per
    minute from the first), so a burst across a minute's end is counted in two windows
    and never reaches the limit. A run that crossed one is run again; `burst` makes a
    caller of its own each time (a key, an address) so no earlier run's count is in it."""
    for _ in range(3):
        minute = int(time.time() // 60)
        answered = burst()
        if int(time.time() // 60) == minute:
            return answered
    pytest.fail("three bursts in a row each ran across the end of a minute")


def settings_for(suite, **limits) -> GatewaySettings:
    """The gateway's settings in front of the running suite, behind one trusted proxy."""
    return GatewaySettings.from_env(
        {
            "POINTS_ADDR": suite.grpc_address("points"),
            "MEMBERS_ADDR": suite.grpc_address("members"),
            "NOTIFICATIONS_ADDR": suite.grpc_address("notifications"),
            "REDIS_URL": suite.redis_url,
            "GATEWAY_TRUSTED_PROXIES": "1",
            **limits,
        }
    )


# The suite's first staff key (the points service makes it valid at start).
ADMIN_KEY = "lsk_testadmin_" + "k" * 40


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


def now_text() -> str:
    """Now on the suite's clock, as a till writes a purchase's time (RFC 3339, UTC)."""
    return clock.now().isoformat(timespec="seconds").replace("+00:00", "Z")


def typed(http: Http) -> LoyaltyClient:
    """The typed REST client (loyalty_client) with this caller's credential: setting up a
    journey goes through it; what a test checks of HTTP itself (statuses, headers) through
    Http."""
    token = http.headers.get("Authorization", "").removeprefix("Bearer ")
    return LoyaltyClient(http.base, api_key=http.headers.get("X-API-Key", ""), access_token=token)


def enrol(programme: Programme, store: str, phone: str, name: str = "Nguyễn Thị Lan") -> str:
    enrolled = typed(programme.till).partner.enrol_member(
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
        idempotency_key=f"enrol-{phone}",
    )
    member_id = enrolled["member"]["member_id"]
    # The ledger opens the account from the enrolment event, a moment later.
    wait_for(lambda: has_account(programme.admin, member_id), what="the ledger account")
    return member_id


def has_account(admin: Http, member_id: str) -> bool:
    """Whether the ledger has opened the member's account (from the enrolment event)."""
    try:
        typed(admin).admin.get_balance(member_id)
    except ApiError as error:
        if error.status == 404:
            return False
        raise
    return True


def sign_in(suite, programme: Programme, phone: str) -> Http:
    """A member signed in with the code the local SMS provider received."""
    auth = typed(programme.anonymous).auth
    before = len(sign_in_codes(suite, phone))
    assert auth.send_sign_in_code({"phone": phone})["sent"] is True
    code = wait_for(lambda: sign_in_codes(suite, phone)[before:], what="the code")[-1]
    tokens = auth.sign_in({"phone": phone, "code": code})
    return Http(suite.gateway_url, {"Authorization": f"Bearer {tokens['access_token']}"})


def sign_in_codes(suite, phone: str) -> list[str]:
    """The sign-in codes the suite's local SMS provider delivered to `phone` (national, as
    the tests write them), oldest first."""
    e164 = "+84" + phone.lstrip("0").replace(" ", "")
    return [
        re.search(r"\b(\d{6})\b", call["json"]["text"]).group(1)
        for call in suite.webhooks.received("/sms", 200)
        if call["json"]["to"] == e164 and "đăng nhập" in call["json"]["text"]
    ]


def earn(till: Http, member_id: str, store: str, transaction: str):
    return till.post(
        "/v1/partner/earns",
        {
            "member_id": member_id,
            "store_id": store,
            "transaction_id": transaction,
            "amount": {"amount_minor": 500_000, "currency": "VND"},
            "occurred_at": now_text(),
        },
    )


def send_code(suite, programme, phone: str) -> str:
    """The code the local SMS provider received after asking the suite's gateway."""
    before = len(sign_in_codes(suite, phone))
    assert programme.anonymous.post("/v1/auth/code", {"phone": phone}).status == 202
    return wait_for(lambda: sign_in_codes(suite, phone)[before:], what="the code")[-1]


# The tier ladder the suite's tests expect (gold at 5,000 qualifying points, x1.5): set
# by the gateway's programme and the console's programme test alike, whichever runs first.
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


def set_ladder(staff) -> None:
    """Sets LADDER through a staff client (typed(...).admin) over whatever is there."""
    version = staff.get_tier_ladder().get("ladder", {}).get("version", 0)
    staff.set_tier_ladder({"ladder": LADDER, "expected_version": version, "reason": "tests"})


def voucher_reward(admin: Http, name: str, key: str, value: int, points_cost: int = 0) -> str:
    """The id of a new active reward: a voucher of `value` VND off, valid 30 days,
    unlimited, for `points_cost` points (0: given, never redeemed)."""
    reward = admin.post(
        "/v1/admin/rewards",
        {
            "reward": {
                "name": {"vi": name, "en": name},
                "type": "REWARD_TYPE_FIXED_VOUCHER",
                "status": "REWARD_STATUS_ACTIVE",
                "points_cost": points_cost,
                "fixed_value": {"amount_minor": value, "currency": "VND"},
                "voucher_validity_days": 30,
                "unlimited_stock": True,
            },
            "reason": "tests",
        },
        key=key,
    )
    assert reward.status == 201, reward.body
    return reward.body["reward"]["reward_id"]
