"""Who may do what, over HTTP against the running suite: a member sees only themself, a
partner acts only for its own stores and transactions, a viewer cannot change points, and
a revoked key stops at once."""

from __future__ import annotations

import pytest

from tests.support.gateway import Http, earn, enrol, now_text, sign_in

pytestmark = pytest.mark.suite


def test_a_member_sees_only_themself(suite, programme):
    a = enrol(programme, f"{programme.partner}-q1", "0905 200 001", name="Lê Văn An")
    b = enrol(programme, f"{programme.partner}-q1", "0905 200 002", name="Phạm Thị Bình")
    as_a = sign_in(suite, programme, "0905 200 001")
    me = as_a.get("/v1/me")
    assert me.body["member"]["member_id"] == a
    # The member's id is the token's: a client cannot name another member anywhere.
    sneaky = as_a.post("/v1/me/redemptions", {"reward_id": "x", "member_id": b}, key="sneak")
    assert sneaky.status == 400
    assert [f["field"] for f in sneaky.body["error"]["fields"]] == ["member_id"]
    assert as_a.get(f"/v1/admin/members/{b}").status == 401  # members have no staff key
    assert programme.anonymous.get("/v1/me/balance").status == 401
    forged = Http(suite.gateway_url, {"Authorization": "Bearer not.a.token"})
    assert forged.get("/v1/me/balance").status == 401


def test_a_partner_acts_only_for_its_own_stores_and_transactions(programme):
    store = f"{programme.partner}-q1"
    member = enrol(programme, store, "0905 200 003", name="Võ Minh Châu")
    other_store = f"{programme.other_partner}-q1"
    at_other = earn(programme.till, member, other_store, "t-other-store")
    assert at_other.status == 403, at_other.body  # not a store of this key's partner
    assert earn(programme.till, member, store, "t-own").status == 200
    returned = programme.other_till.post(
        "/v1/partner/returns",
        {
            "member_id": member,
            "store_id": other_store,
            "return_id": "r-1",
            "original_transaction_id": "t-own",
            "full": True,
            "occurred_at": now_text(),
        },
        key="return-1",
    )
    assert returned.status == 404, returned.body  # another partner's purchase
    assert programme.till.get(f"/v1/admin/members/{member}/balance").status == 403


def test_a_viewer_reads_but_cannot_adjust_points(programme):
    member = enrol(programme, f"{programme.partner}-q1", "0905 200 004", name="Đỗ Thu Hà")
    assert programme.viewer.get(f"/v1/admin/members/{member}/balance").status == 200
    adjusted = programme.viewer.post(
        "/v1/admin/adjustments",
        {"member_id": member, "points": 1000, "reason": "generous"},
        key="viewer-adjust",
    )
    assert adjusted.status == 403
    assert adjusted.body["error"]["message"] == "this needs the operator role"
    balance = programme.admin.get(f"/v1/admin/members/{member}/balance")
    assert balance.body["balance"]["available"] == 0


def test_a_revoked_key_stops_at_once(programme):
    made = programme.admin.post(
        "/v1/admin/api-keys",
        {"name": "temp till", "role": "API_KEY_ROLE_PARTNER", "partner_id": programme.partner},
    )
    till = Http(programme.admin.base, {"X-API-Key": made.body["secret"]})
    member = enrol(programme, f"{programme.partner}-q1", "0905 200 005", name="Trịnh Văn Dũng")
    assert earn(till, member, f"{programme.partner}-q1", "t-before").status == 200
    revoked = programme.admin.post(
        f"/v1/admin/api-keys/{made.body['key']['key_id']}/revoke", {"reason": "lost tablet"}
    )
    assert revoked.status == 200, revoked.body
    for _ in range(4):  # whichever gateway worker answers
        assert earn(till, member, f"{programme.partner}-q1", "t-after").status == 401


def test_bad_requests_get_the_one_error_shape(programme):
    wrong_type = programme.till.request(
        "POST", "/v1/partner/earns", None, **{"Content-Type": "text/plain"}
    )
    assert wrong_type.status == 415
    too_big = programme.till.post("/v1/partner/earns", {"transaction_id": "x" * 400_000})
    assert too_big.status == 413
    invalid = programme.till.post(
        "/v1/partner/earns",
        {"member_id": 5, "amount": {"amount_minor": "lots", "currency": "VND"}, "extra": 1},
    )
    assert invalid.status == 400
    fields = {f["field"] for f in invalid.body["error"]["fields"]}
    assert {"member_id", "amount.amount_minor", "extra"} <= fields
    for answer in (wrong_type, too_big, invalid):
        assert set(answer.body["error"]) == {"code", "message", "fields"}
    assert programme.till.get("/v1/partner/nowhere").status == 404


def test_every_answer_carries_the_rate_limit(programme):
    answer = programme.viewer.get("/v1/admin/partners")
    assert answer.status == 200
    assert int(answer.headers["RateLimit-Limit"]) >= int(answer.headers["RateLimit-Remaining"])
