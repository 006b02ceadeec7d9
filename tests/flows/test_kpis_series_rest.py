"""GET /v1/admin/kpis/series answers what InsightsService/GetKpisSeries answers, through
the whole suite: the boundaries repeat in the query string, a partner's figures are its
own, and bad boundaries are refused naming the field. The periods are the last three
weeks back from now, whatever day the suite runs."""

from __future__ import annotations

import uuid
from datetime import timedelta
from urllib.parse import urlencode

import pytest

from common import clock
from common.grpc_client import open_channel
from gateway import contract
from loyalty.members.v1 import insights_pb2, insights_pb2_grpc
from tests.support.gateway import ADMIN_KEY, Http, earn, has_account, typed
from tests.support.protos import timestamp
from tests.support.waiting import wait_for

pytestmark = pytest.mark.suite


def _shop(suite) -> tuple[Http, str, str]:
    """(the staff's HTTP, a partner of this test's own, a member who bought there)."""
    admin = Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})
    staff, tag = typed(admin).admin, uuid.uuid4().hex[:6]
    partner = f"series-{tag}"
    staff.create_partner({"partner_id": partner, "name": partner, "currency": "VND"})
    staff.create_store({"store_id": f"{partner}-q1", "partner_id": partner, "name": "Q1"})
    key = staff.create_api_key(
        {"name": "till", "role": "API_KEY_ROLE_PARTNER", "partner_id": partner}
    )["secret"]
    till = Http(suite.gateway_url, {"X-API-Key": key})
    enrolled = typed(till).partner.enrol_member(
        {
            "profile": {"name": "Lê Văn Series", "phone": f"0907{int(tag, 16) % 10**6:06d}"},
            "store_id": f"{partner}-q1",
            "enrolment_channel": "pos",
        },
        idempotency_key=f"enrol-{tag}",
    )
    member_id = enrolled["member"]["member_id"]
    wait_for(lambda: has_account(admin, member_id), what="the ledger account")
    assert earn(till, member_id, f"{partner}-q1", f"series-{tag}").status == 200
    return admin, partner, member_id


def test_the_rest_route_answers_what_the_rpc_answers(suite):
    admin, partner, _ = _shop(suite)
    now = clock.now()
    boundaries = [now - timedelta(days=21), now - timedelta(days=7), now + timedelta(hours=1)]
    texts = [b.isoformat() for b in boundaries]

    with open_channel(suite.grpc_address("members"), 10) as channel:
        insights = insights_pb2_grpc.InsightsServiceStub(channel)

        def by_rpc(partner_id: str) -> list[dict]:
            request = insights_pb2.GetKpisSeriesRequest(
                boundaries=[timestamp(b) for b in boundaries], partner_id=partner_id
            )
            return _without_when(contract.to_json(insights.GetKpisSeries(request)))

        def same(partner_id: str):
            """(REST's answer, the RPC's) once the RPC answered the same just before and
            just after REST did (other tests' events may still move the programme's
            liability meanwhile)."""
            before = by_rpc(partner_id)
            query = urlencode([("boundaries", t) for t in texts] + [("partner_id", partner_id)])
            answer = admin.get(f"/v1/admin/kpis/series?{query}")
            assert answer.status == 200, answer.body
            return (answer.body, before) if before == by_rpc(partner_id) else None

        for partner_id in ("", partner):
            rest, rpc = wait_for(lambda p=partner_id: same(p), what="two equal answers of the RPC")
            assert _without_when(rest) == rpc
            assert len(rest["kpis"]) == 2
        # The partner's own figures: its one member bought in the last period.
        assert [k["purchasing_members"] for k in rest["kpis"]] == [0, 1]
        assert {k["partner_id"] for k in rest["kpis"]} == {partner}


def test_bad_boundaries_are_refused_naming_the_field(suite):
    admin = Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})
    now = clock.now()
    for given in ([now], [now, now - timedelta(days=1)], []):
        query = urlencode([("boundaries", b.isoformat()) for b in given])
        refused = admin.get(f"/v1/admin/kpis/series?{query}")
        assert refused.status == 400, refused.body
        assert [f["field"] for f in refused.body["error"]["fields"]] == ["boundaries"]
    malformed = admin.get("/v1/admin/kpis/series?boundaries=yesterday")
    assert malformed.status == 400, malformed.body
    assert "boundaries" in malformed.body["error"]["message"]  # the gateway's parse error


def _without_when(answer: dict) -> list[dict]:
    """The answer's KPIs without computed_at (when each call computed them)."""
    return [{k: v for k, v in kpis.items() if k != "computed_at"} for kpis in answer["kpis"]]
