"""`loyalty demo`: its programme speaks the contracts, and it runs against the suite."""

from __future__ import annotations

import pytest
from google.protobuf import json_format

from cli import demo
from cli.suite import SERVICES

STEPS = demo.load_steps()


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.what)
def test_every_demo_request_is_a_valid_message_of_its_rpc(step):
    demo.register_contracts()
    request_class, _ = demo.message_classes(step.rpc)
    request = json_format.ParseDict(step.request, request_class())  # unknown fields raise
    assert request.ByteSize() > 0
    assert step.service in SERVICES


@pytest.mark.suite
def test_demo_runs_against_the_suite_and_reports_every_step(suite):
    outcomes = demo.run({s: suite.grpc_address(s) for s in SERVICES}, STEPS)
    assert [o.step for o in outcomes] == STEPS
    # Every step of the sample programme loads (the demo reports a step it cannot load).
    assert [o.status for o in outcomes] == ["done"] * len(STEPS), demo.report(outcomes)
