"""`loyalty job NAME` and `loyalty audit`: scheduled jobs and the ledger audit.

Each job is one RPC to the service that owns the data (a service's store is reached
only through its API), so a job run by a Kubernetes CronJob is exactly what a test runs.
Jobs are idempotent: running one twice, or two at once, changes nothing more.
"""

from __future__ import annotations

from collections.abc import Callable

from google.protobuf import json_format

from common.grpc_client import open_channel
from loyalty.points.v1 import ledger_pb2, ledger_pb2_grpc

JOB_DEADLINE_SECONDS = 600

# name -> (service, how to call it)
JOBS: dict[str, tuple[str, Callable]] = {
    "expire-points": ("points", lambda stub: stub.RunExpiry(ledger_pb2.RunExpiryRequest())),
    "activate-pending": (
        "points",
        lambda stub: stub.ActivatePending(ledger_pb2.ActivatePendingRequest()),
    ),
    "expire-holds": ("points", lambda stub: stub.ExpireHolds(ledger_pb2.ExpireHoldsRequest())),
}


def run_job(name: str, addresses: dict[str, str]) -> str:
    service, call = JOBS[name]
    with open_channel(addresses[service], JOB_DEADLINE_SECONDS) as channel:
        reply = call(ledger_pb2_grpc.LedgerServiceStub(channel))
    return json_format.MessageToJson(reply, always_print_fields_with_no_presence=True)


def run_audit(points_address: str) -> tuple[bool, str]:
    """The ledger audit; (clean, the report as JSON)."""
    with open_channel(points_address, JOB_DEADLINE_SECONDS) as channel:
        reply = ledger_pb2_grpc.LedgerServiceStub(channel).Audit(ledger_pb2.AuditRequest())
    return reply.clean, json_format.MessageToJson(reply, always_print_fields_with_no_presence=True)
