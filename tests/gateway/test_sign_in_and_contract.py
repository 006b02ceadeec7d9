"""Sign-in's limits, the till's member lookup, and the OpenAPI document against the app."""

from __future__ import annotations

import re

import pytest

from gateway.app import create_app
from gateway.config import GatewaySettings
from gateway.openapi import document
from tests.support.gateway import enrol, sign_in, sign_in_codes
from tests.support.waiting import wait_for

pytestmark = pytest.mark.suite


def test_a_wrong_code_is_refused_and_five_tries_spend_it(suite, programme):
    phone = "0905 500 001"
    enrol(programme, f"{programme.partner}-q1", phone, name="Mai Anh Tuấn")
    before = len(sign_in_codes(suite, phone))
    assert programme.anonymous.post("/v1/auth/code", {"phone": phone}).status == 202
    code = wait_for(lambda: sign_in_codes(suite, phone)[before:], what="the code")[-1]
    tries = [
        programme.anonymous.post("/v1/auth/token", {"phone": phone, "code": "000000"}).status
        for _ in range(6)
    ]
    assert tries == [401] * 6
    # The code is spent after five tries: even the right one is refused now.
    late = programme.anonymous.post("/v1/auth/token", {"phone": phone, "code": code})
    assert late.status == 401
    unknown = programme.anonymous.post("/v1/auth/code", {"phone": "0905 999 999"})
    assert unknown.status == 202  # the same answer: nobody learns who is a member


def test_a_refresh_token_works_once(suite, programme):
    phone = "0905 500 002"
    enrol(programme, f"{programme.partner}-q1", phone, name="Lý Thu Hằng")
    member = sign_in(suite, programme, phone)
    assert member.get("/v1/me").status == 200
    before = len(sign_in_codes(suite, phone))
    programme.anonymous.post("/v1/auth/code", {"phone": phone})
    code = wait_for(lambda: sign_in_codes(suite, phone)[before:], what="a second code")[-1]
    tokens = programme.anonymous.post("/v1/auth/token", {"phone": phone, "code": code}).body
    fresh = programme.anonymous.post("/v1/auth/refresh", {"refresh_token": tokens["refresh_token"]})
    assert fresh.status == 200 and fresh.body["access_token"] != tokens["access_token"]
    again = programme.anonymous.post("/v1/auth/refresh", {"refresh_token": tokens["refresh_token"]})
    assert again.status == 401


def test_a_till_recognises_a_member_with_only_what_it_needs(programme):
    member = enrol(programme, f"{programme.partner}-q1", "0905 500 003", name="Nguyễn Thị Lan")
    found = programme.till.get("/v1/partner/members?phone=0905500003")
    assert found.status == 200, found.body
    assert found.body == {
        "member_id": member,
        "name_on_receipt": "N. T. Lan",
        "tier_code": found.body["tier_code"],
        "points": 0,
        "status": "MEMBER_STATUS_ACTIVE",
    }
    assert programme.till.get("/v1/partner/members").status == 400
    assert programme.viewer.get("/v1/partner/members?phone=0905500003").status == 403


def test_every_route_the_app_serves_is_in_the_openapi_document(suite):
    app = create_app(GatewaySettings.from_env({"REDIS_URL": suite.redis_url}))
    spec = document(app.extensions["api"])
    documented = {
        (method.upper(), path) for path, methods in spec["paths"].items() for method in methods
    }
    served = {
        (method, re.sub(r"<([^>]+)>", r"{\1}", rule.rule))
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
        if rule.rule.startswith("/v1/")
        and rule.rule not in ("/v1/openapi.json", "/v1/docs")
        and rule.endpoint != "static"  # the docs page's files
    }
    assert served == documented
    assert spec["openapi"] == "3.1.0"
    for methods in spec["paths"].values():
        for operation in methods.values():
            assert "application/json" in operation["responses"]["400"]["content"]
