"""How every console page reaches the services: through the same RPCs the REST API calls
(gateway/calls.py, the gateway's clients of the services), as the signed-in staff member
("staff:<e-mail>" in every audit trail), within their role (roles.py); the services decide
everything else. Every change made here is also written to the staff activity log
(StaffService.RecordActivity)."""

from __future__ import annotations

from flask import current_app, g
from google.protobuf import json_format

from common.contracts import message_classes
from gateway.calls import call
from gateway.console import roles
from gateway.errors import ApiError

STAFF = "loyalty.points.v1.StaffService"
MEMBERS = "loyalty.members.v1.MembersService"
LEDGER = "loyalty.points.v1.LedgerService"
RULES = "loyalty.points.v1.EarningRulesService"
REWARDS = "loyalty.points.v1.RewardsService"
ROLE_NAMES = {1: "viewer", 2: "support", 3: "marketer", 4: "admin"}
ROLE_VALUES = {name: value for value, name in ROLE_NAMES.items()}


class Refused(Exception):
    """An action above the staff member's role."""


def service_of(rpc: str) -> str:
    return rpc.split(".")[1]  # "loyalty.points.v1.X/Y" -> "points"


def rpc_call(rpc: str, read: bool = True, **fields):
    """Calls `rpc` with `fields` (as JSON names them) for the signed-in staff member."""
    if not roles.may(g.role, rpc):
        raise Refused(rpc)
    request_class, _ = message_classes(rpc)
    if "actor" in request_class.DESCRIPTOR.fields_by_name and "actor" not in fields:
        # A change names who made it. A read whose `actor` filters (the activity log)
        # names the one it asks for, "" for everyone.
        fields["actor"] = g.actor
    message = json_format.ParseDict(fields, request_class())
    return call(current_app.extensions["downstream"], service_of(rpc), rpc, message, read=read)


def unchecked(rpc: str, read: bool = True, **fields):
    """Calls `rpc` as the console itself (signing in, reading who is signed in)."""
    request_class, _ = message_classes(rpc)
    message = request_class(**fields)
    return call(current_app.extensions["downstream"], service_of(rpc), rpc, message, read=read)


def change(rpc: str, action: str, subject: str, detail: str = "", **fields):
    """A change through `rpc`, then its line in the activity log."""
    reply = rpc_call(rpc, read=False, **fields)
    record(action, subject, detail)
    return reply


def record(action: str, subject: str, detail: str = "") -> None:
    unchecked(
        f"{STAFF}/RecordActivity",
        read=False,
        actor=g.actor,
        action=action,
        subject=subject,
        detail=detail[:500],
    )


def as_dict(message) -> dict:
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def refused_message(rpc: str) -> str:
    allowed = ", ".join(roles.who_may(rpc))
    return {
        "vi": f"Vai trò của bạn ({g.role}) không được làm việc này; cần vai trò: {allowed}.",
        "en": f"Your role ({g.role}) may not do this; it needs: {allowed}.",
    }[g.language]


def error_message(error: ApiError) -> str:
    """The service's refusal, naming the fields at fault, each reason said once ("no such
    member (member_id: no such member)" is "member_id: no such member")."""
    fields = "; ".join(f"{v.field}: {v.reason}" for v in error.fields)
    if fields and all(v.reason == error.message for v in error.fields):
        return fields
    return f"{error.message}" + (f" ({fields})" if fields else "")


def largest_staff_credit() -> int:
    """The programme's largest adjustment (and gift to each member), for a form to state:
    the ledger enforces it; the console only says it."""
    return rpc_call(f"{LEDGER}/GetProgrammeSettings").settings.max_adjustment_points
