"""`loyalty job` and `loyalty audit` against the running suite, as a CronJob runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import grpc
import pytest

from cli.suite import SERVICES
from common import events as bus
from common import stores
from common.grpc_client import open_channel
from loyalty.events.v1 import events_pb2
from loyalty.points.v1 import ledger_pb2_grpc, partners_pb2, partners_pb2_grpc
from tests.support.points import earn_request
from tests.support.waiting import wait_for

pytestmark = pytest.mark.suite
LOYALTY = str(Path(sys.executable).with_name("loyalty"))


def loyalty(suite, *args: str) -> subprocess.CompletedProcess:
    addresses = [f"--{s}={suite.grpc_address(s)}" for s in SERVICES]
    return subprocess.run([LOYALTY, *args, *addresses], capture_output=True, text=True, timeout=60)


def test_jobs_and_the_audit_run_against_the_suite(suite):
    redis_client = stores.connect_redis(suite.redis_url)
    enrolled = bus.envelope(
        "member.enrolled",
        "members",
        "cli-member",
        "test",
        member_enrolled=events_pb2.MemberEnrolled(member_version=1),
    )
    bus.publish(redis_client, bus.MEMBERS_STREAM, [enrolled.SerializeToString()])
    with open_channel(suite.grpc_address("points"), 5) as channel:
        partners = partners_pb2_grpc.PartnersServiceStub(channel)
        partners.CreatePartner(
            partners_pb2.CreatePartnerRequest(
                partner_id="cli-partner", name="CLI", currency="VND", actor="admin:test"
            )
        )
        partners.CreateStore(
            partners_pb2.CreateStoreRequest(
                store_id="cli-store", partner_id="cli-partner", name="CLI", actor="admin:test"
            )
        )
        stub = ledger_pb2_grpc.LedgerServiceStub(channel)
        wait_for(lambda: _earned(stub), timeout=15, what="the enrolment to open the account")
    jobs = ("expire-points", "activate-pending", "expire-holds", "tier-review")
    for job in (*jobs, "birthday-bonuses", "expiry-reminders", "birthday-greetings", "dispatch"):
        finished = loyalty(suite, "job", job)
        assert finished.returncode == 0, finished.stderr
        json.loads(finished.stdout)
    audit = loyalty(suite, "audit")
    assert audit.returncode == 0, audit.stdout + audit.stderr
    report = json.loads(audit.stdout)
    assert report["clean"] is True
    assert int(report["totals"]["issued"]) >= 100


def _earned(stub) -> bool:
    try:
        stub.Earn(
            earn_request("cli-member", "cli-t-1", partner_id="cli-partner", store_id="cli-store")
        )
    except grpc.RpcError:
        return False
    return True
