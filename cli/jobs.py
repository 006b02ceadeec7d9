"""`loyalty job NAME` and `loyalty audit`: scheduled jobs and the ledger audit.

Each job is one RPC to the service that owns the data (a service's store is reached
only through its API), so a job run by a Kubernetes CronJob is exactly what a test runs.
Jobs are idempotent: running one twice, or two at once, changes nothing more.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from google.protobuf import json_format
from google.protobuf.message import Message

from common.service_client import ServiceClient
from loyalty.members.v1 import insights_pb2, insights_pb2_grpc, tiers_pb2, tiers_pb2_grpc
from loyalty.notifications.v1 import messages_pb2, messages_pb2_grpc
from loyalty.points.v1 import ledger_pb2, ledger_pb2_grpc, rules_pb2, rules_pb2_grpc

JOB_DEADLINE_SECONDS = 600
LEDGER = ledger_pb2_grpc.LedgerServiceStub
RULES = rules_pb2_grpc.EarningRulesServiceStub
TIERS = tiers_pb2_grpc.TiersServiceStub
INSIGHTS = insights_pb2_grpc.InsightsServiceStub
MESSAGES = messages_pb2_grpc.MessagesServiceStub


@dataclasses.dataclass(frozen=True)
class Job:
    """A scheduled job: one RPC, with an empty request, to the service that owns the data."""

    service: str
    stub: Callable
    rpc: str
    request: Callable[[], Message]


JOBS = {
    "expire-points": Job("points", LEDGER, "RunExpiry", ledger_pb2.RunExpiryRequest),
    "activate-pending": Job("points", LEDGER, "ActivatePending", ledger_pb2.ActivatePendingRequest),
    "expire-holds": Job("points", LEDGER, "ExpireHolds", ledger_pb2.ExpireHoldsRequest),
    "birthday-bonuses": Job(
        "points", RULES, "RunBirthdayBonuses", rules_pb2.RunBirthdayBonusesRequest
    ),
    "tier-review": Job("members", TIERS, "RunTierReview", tiers_pb2.RunTierReviewRequest),
    "segments": Job(
        "members", INSIGHTS, "RecomputeSegments", insights_pb2.RecomputeSegmentsRequest
    ),
    "expiry-reminders": Job(
        "notifications", MESSAGES, "RunExpiryReminders", messages_pb2.RunExpiryRemindersRequest
    ),
    "birthday-greetings": Job(
        "notifications", MESSAGES, "RunBirthdayGreetings", messages_pb2.RunBirthdayGreetingsRequest
    ),
    "dispatch": Job("notifications", MESSAGES, "DispatchDue", messages_pb2.DispatchDueRequest),
}


def run_job(name: str, addresses: dict[str, str]) -> str:
    job = JOBS[name]
    client = ServiceClient(job.service, addresses[job.service], JOB_DEADLINE_SECONDS)
    try:
        method = getattr(client.stub(job.stub), job.rpc)
        reply = client.invoke(method, job.request(), read=True)  # a job is idempotent
    finally:
        client.close()
    return json_format.MessageToJson(reply, always_print_fields_with_no_presence=True)


def run_audit(points_address: str) -> tuple[bool, str]:
    """The ledger audit; (clean, the report as JSON)."""
    client = ServiceClient("points", points_address, JOB_DEADLINE_SECONDS)
    try:
        reply = client.invoke(client.stub(LEDGER).Audit, ledger_pb2.AuditRequest(), read=True)
    finally:
        client.close()
    return reply.clean, json_format.MessageToJson(reply, always_print_fields_with_no_presence=True)
