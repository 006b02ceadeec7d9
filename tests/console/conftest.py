"""The console's tests share, per module, one headless chromium and a shop: a partner
with a store and a till key, a member with 1,200 points given by staff and two
purchases, and a staff account per role (all with tests/support/console.PASSWORD), made
through the API and the staff service."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import grpc
import pytest

from loyalty.points.v1 import staff_pb2, staff_pb2_grpc
from tests.support.browser import chromium
from tests.support.console import PASSWORD, ROLES
from tests.support.gateway import ADMIN_KEY, Http, earn, has_account, typed
from tests.support.waiting import wait_for


@pytest.fixture(scope="module")
def browser():
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def shop(suite) -> Iterator[dict]:
    tag = uuid.uuid4().hex[:6]
    admin_http = Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})
    admin = typed(admin_http).admin
    partner = f"console-{tag}"
    admin.create_partner({"partner_id": partner, "name": f"Sen Mart {tag}", "currency": "VND"})
    admin.create_store({"store_id": f"{partner}-q1", "partner_id": partner, "name": "Q1"})
    till_key = admin.create_api_key(
        {"name": "till", "role": "API_KEY_ROLE_PARTNER", "partner_id": partner}
    )["secret"]
    phone = "+8490" + str(uuid.uuid4().int)[:7]
    till = typed(Http(suite.gateway_url, {"X-API-Key": till_key})).partner
    member_id = till.enrol_member(
        {
            "profile": {"name": "Trần Thị Hoa", "phone": phone, "language": "vi"},
            "store_id": f"{partner}-q1",
            "enrolment_channel": "pos",
        },
        idempotency_key=f"enrol-{tag}",
    )["member"]["member_id"]
    wait_for(lambda: has_account(admin_http, member_id), what="the member's ledger account")
    admin.adjust(
        {"member_id": member_id, "points": 1200, "reason": "opening balance"},
        idempotency_key=f"open-{tag}",
    )
    till_http = Http(suite.gateway_url, {"X-API-Key": till_key})
    for receipt in ("0041", "0042"):  # two purchases: the dashboard has sales to show
        assert earn(till_http, member_id, f"{partner}-q1", f"{tag}-{receipt}").status == 200
    points = int(admin.get_balance(member_id)["balance"]["available"])
    emails = {role: f"{role}-{tag}@sen.vn" for role in ROLES}
    with grpc.insecure_channel(suite.grpc_address("points")) as channel:
        staff = staff_pb2_grpc.StaffServiceStub(channel)
        for role, email in emails.items():
            staff.CreateStaff(
                staff_pb2.CreateStaffRequest(
                    email=email,
                    name=f"{role.title()} {tag}",
                    role=staff_pb2.StaffRole.Value(f"STAFF_ROLE_{role.upper()}"),
                    password=PASSWORD,
                    language="vi",
                    actor="staff:tests",
                ),
                timeout=10,
            )
    yield {
        "url": suite.gateway_url + "/console",
        "partner": partner,
        "store": f"{partner}-q1",
        "till_key": till_key,
        "phone": phone,
        "member_id": member_id,
        "points": points,  # available after the set-up (the staff's 1,200 and the earns)
        "emails": emails,
        "tag": tag,
    }
    _archive_what_the_module_made(admin, tag)


def _archive_what_the_module_made(admin, tag: str) -> None:
    """The earning and bonus rules a module's pages made (their names carry its tag) are
    archived: every other test of the session earns under the programme it expects, not
    under a welcome bonus or a campaign a console test published."""
    rules = admin.list_earning_rules(page_size=200).get("rules", [])
    for rule in rules:
        if tag in rule.get("name", ""):
            admin.delete_earning_rule(rule["rule_id"], {"reason": "console test done"})
    bonuses = admin.list_bonus_rules(page_size=200).get("rules", [])
    for rule in bonuses:
        if tag in rule.get("name", ""):
            admin.delete_bonus_rule(rule["bonus_rule_id"], {"reason": "console test done"})
