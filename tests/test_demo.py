"""`loyalty demo`: its programme speaks the contracts, and it runs against the suite."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest
from google.protobuf import json_format

from cli import demo
from cli.suite import SERVICES
from common.contracts import message_classes, register_contracts
from common.grpc_client import open_channel
from loyalty.points.v1 import partners_pb2, partners_pb2_grpc
from tests.support.gateway import Http

STEPS = demo.load_steps()


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.what)
def test_every_demo_request_is_a_valid_message_of_its_rpc(step):
    register_contracts()
    request_class, _ = message_classes(step.rpc)
    request = json_format.ParseDict(step.request, request_class())  # unknown fields raise
    assert request.ByteSize() > 0
    assert step.service in SERVICES


@pytest.mark.suite
def test_demo_runs_against_the_suite_and_reports_every_step(suite):
    outcomes = demo.run({s: suite.grpc_address(s) for s in SERVICES}, STEPS)
    assert [o.step for o in outcomes] == STEPS
    # Every step of the sample programme loads (the demo reports a step it cannot load).
    assert [o.status for o in outcomes] == ["done"] * len(STEPS), demo.report(outcomes)


@pytest.mark.suite
def test_the_demo_gives_its_partners_tills_one_working_key_per_run(suite):
    addresses = {s: suite.grpc_address(s) for s in SERVICES}
    assert {o.status for o in demo.run(addresses, STEPS)} == {"done"}
    gateway = Http(suite.gateway_url)
    first = demo.till_key(addresses["points"])
    stores = gateway.get("/v1/partner/stores", **{"X-API-Key": first})
    assert stores.status == 200, stores.body
    assert {s["store_id"] for s in stores.body["stores"]} >= {"sen-hcm-q1", "sen-hn-hk"}
    # The secret is shown only when made: the next run makes another and revokes the
    # first (the gateway, which keeps a verified key a minute, refuses it after that).
    second = demo.till_key(addresses["points"])
    assert second != first
    assert gateway.get("/v1/partner/stores", **{"X-API-Key": second}).status == 200
    with open_channel(addresses["points"], 5) as channel:
        keys = partners_pb2_grpc.ApiKeysServiceStub(channel)
        assert keys.VerifyApiKey(partners_pb2.VerifyApiKeyRequest(key=second)).key.key_id
        with pytest.raises(grpc.RpcError) as refused:
            keys.VerifyApiKey(partners_pb2.VerifyApiKeyRequest(key=first))
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_the_demos_campaign_runs_for_a_year_from_the_day_it_is_loaded():
    # Frozen on purpose: 00:30 on 1 March 2028 in Viet Nam is still 29 February in UTC.
    now = datetime(2028, 2, 29, 17, 30, tzinfo=UTC)
    schedules = [
        step.request["rule"]["schedule"]
        for step in demo.load_steps(now=now)
        if "schedule" in step.request.get("rule", {})
    ]
    assert schedules
    for schedule in schedules:
        assert schedule["startsAt"] == "2028-03-01T00:00:00+07:00"
        assert schedule["endsAt"] == "2029-03-01T00:00:00+07:00"
