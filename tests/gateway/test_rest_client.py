"""The typed REST client (loyalty_client): made from the OpenAPI document, so it follows the
routes, and it works against the running suite end to end (issue #20)."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from loyalty_client import ApiError, LoyaltyClient
from tests.support.gateway import ADMIN_KEY, has_account, now_text, sign_in_codes
from tests.support.waiting import wait_for


def test_the_client_is_what_the_openapi_document_makes():
    """`make client` leaves nothing to change: a route added without it fails here."""
    check = subprocess.run(
        [sys.executable, "-m", "gateway.client_code", "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr


def test_every_operation_has_its_method():
    from gateway.app import create_app
    from gateway.client_code import CLASSES, _answers_json, _method_name
    from loyalty_client import api

    with create_app().test_client() as client:
        document = client.get("/v1/openapi.json").get_json()
    for methods in document["paths"].values():
        for operation in methods.values():
            if not _answers_json(operation):  # a streamed file (an export) has none
                assert operation["operationId"].startswith("export")
                continue
            audience = getattr(api, CLASSES[operation["tags"][0]])
            assert hasattr(audience, _method_name(operation["operationId"]))


@pytest.mark.suite
def test_a_till_a_member_and_staff_through_the_client(suite, programme):
    admin = LoyaltyClient(suite.gateway_url, api_key=ADMIN_KEY)
    till = LoyaltyClient(suite.gateway_url, api_key=programme.till.headers["X-API-Key"])
    phone = "09" + "".join(random.choices("0123456789", k=8))
    store = f"{programme.partner}-q1"
    enrolled = till.partner.enrol_member(
        {"profile": {"name": "Đỗ Thu Hà", "phone": phone}, "store_id": store},
        idempotency_key=f"client-enrol-{phone}",
    )
    member_id = enrolled["member"]["member_id"]
    wait_for(lambda: has_account(programme.admin, member_id), what="the ledger account")
    earned = till.partner.earn(
        {
            "member_id": member_id,
            "store_id": store,
            "transaction_id": f"client-{phone}",
            "amount": {"amount_minor": 500_000, "currency": "VND"},
            "occurred_at": now_text(),
        }
    )
    assert earned["points_awarded"] == 50

    with pytest.raises(ApiError) as refused:
        till.partner.earn(
            {"member_id": member_id, "store_id": store, "transaction_id": f"bad-{phone}"}
        )
    assert refused.value.status == 400
    assert {"amount.amount_minor", "occurred_at"} <= {p.field for p in refused.value.fields}

    anonymous = LoyaltyClient(suite.gateway_url)
    assert anonymous.auth.send_sign_in_code({"phone": phone})["sent"] is True
    code = wait_for(lambda: sign_in_codes(suite, phone), what="the sign-in code")[-1]
    tokens = anonymous.auth.sign_in({"phone": phone, "code": code})
    member = LoyaltyClient(suite.gateway_url, access_token=tokens["access_token"])
    assert member.me.get_balance()["balance"]["available"] == 50
    assert admin.admin.get_balance(member_id)["balance"]["available"] == 50
