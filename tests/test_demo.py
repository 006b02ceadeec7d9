"""`loyalty demo`: its programme speaks the contracts, and it runs against the suite."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from google.protobuf import json_format

from cli import demo
from cli.suite import SERVICES
from common.contracts import message_classes, register_contracts

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
