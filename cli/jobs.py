"""`loyalty job NAME` and `loyalty audit`: scheduled jobs and the ledger audit.

Each job is one RPC to the service that owns the data (a service's store is reached
only through its API), so a job run by a Kubernetes CronJob is exactly what a test runs.
Jobs are idempotent: running one twice, or two at once, changes nothing more.
"""

from __future__ import annotations

from collections.abc import Callable

from google.protobuf import json_format

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

# name -> (the service that runs it, its stub, the call)
JOBS: dict[str, tuple[str, Callable, Callable]] = {
    "expire-points": ("points", LEDGER, lambda s: s.RunExpiry(ledger_pb2.RunExpiryRequest())),
    "activate-pending": (
        "points",
        LEDGER,
        lambda s: s.ActivatePending(ledger_pb2.ActivatePendingRequest()),
    ),
    "expire-holds": ("points", LEDGER, lambda s: s.ExpireHolds(ledger_pb2.ExpireHoldsRequest())),
    "birthday-bonuses": (
        "points",
        RULES,
        lambda s: s.RunBirthdayBonuses(rules_pb2.RunBirthdayBonusesRequest()),
    ),
    "tier-review": ("members", TIERS, lambda s: s.RunTierReview(tiers_pb2.RunTierReviewRequest())),
    "segments": (
        "members",
        INSIGHTS,
        lambda s: s.RecomputeSegments(insights_pb2.RecomputeSegmentsRequest()),
    ),
    "expiry-reminders": (
        "notifications",
        MESSAGES,
        lambda s: s.RunExpiryReminders(messages_pb2.RunExpiryRemindersRequest()),
    ),
    "birthday-greetings": (
        "notifications",
        MESSAGES,
        lambda s: s.RunBirthdayGreetings(messages_pb2.RunBirthdayGreetingsRequest()),
    ),
    "dispatch": (
        "notifications",
        MESSAGES,
        lambda s: s.DispatchDue(messages_pb2.DispatchDueRequest()),
    ),
}


def run_job(name: str, addresses: dict[str, str]) -> str:
    service, stub, call = JOBS[name]
    client = ServiceClient(service, addresses[service], JOB_DEADLINE_SECONDS)
    try:
        reply = client.invoke(call, client.stub(stub), read=True)  # a job is idempotent
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
