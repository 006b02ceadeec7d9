"""`loyalty demo`: load a small sample programme into a running suite.

The programme is data (demo_programme.json): each step names an RPC and its request in
protobuf's JSON form, so the demo speaks the contracts exactly and grows by adding steps.
Every step carries an idempotency key or a natural key, so running the demo twice
changes nothing the second time. A step a service refuses is reported with its status.

Dates are relative to the day the demo runs, so the sample programme is as alive in ten
years as today: "{today}" is the local midnight that began today in the programme's time
zone, "{today+365d}" a year of days later.

The demo's tills get an API key (`till_key`): its secret is shown only when it is made,
so each run revokes the demo's earlier key and makes a new one to print (the gateway,
which keeps a key it verified for a minute, refuses the earlier one after that).
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import grpc
from google.protobuf import json_format

from common import clock
from common.clock import DEFAULT_TIME_ZONE
from common.contracts import message_classes, register_contracts
from common.service_client import ServiceClient
from loyalty.points.v1 import partners_pb2, partners_pb2_grpc

PROGRAMME = Path(__file__).with_name("demo_programme.json")
TILL_PARTNER = "sen-mart"  # the demo's partner (demo_programme.json)
TILL_KEY_NAME = "Sen tills (loyalty demo)"


@dataclasses.dataclass(frozen=True)
class Step:
    what: str
    service: str  # which process serves it: points, members or notifications
    rpc: str  # full method, e.g. loyalty.members.v1.TiersService/SetTierLadder
    request: dict
    # For a change checked by version: {"rpc": the read, "field": "ladder.version"}; the
    # version read goes into the request's expected_version, so a second run succeeds.
    version_from: dict | None = None


@dataclasses.dataclass(frozen=True)
class Outcome:
    step: Step
    status: str  # "done", or the gRPC status code name
    detail: str = ""


RELATIVE_DAY = re.compile(r"^\{today(?:([+-]\d+)d)?\}$")


def load_steps(path: Path = PROGRAMME, now: datetime | None = None) -> list[Step]:
    local = (now or clock.now()).astimezone(ZoneInfo(DEFAULT_TIME_ZONE))
    today = local.replace(hour=0, minute=0, second=0, microsecond=0)
    steps = json.loads(path.read_text())["steps"]
    return [Step(**_dated(step, today)) for step in steps]


def _dated(value, today: datetime):
    """`value` with each "{today...}" string made the RFC 3339 instant it names."""
    if isinstance(value, dict):
        return {key: _dated(item, today) for key, item in value.items()}
    if isinstance(value, list):
        return [_dated(item, today) for item in value]
    matched = RELATIVE_DAY.match(value) if isinstance(value, str) else None
    if matched is None:
        return value
    return (today + timedelta(days=int(matched.group(1) or 0))).isoformat()


def run(addresses: dict[str, str], steps: list[Step], deadline: float = 5.0) -> list[Outcome]:
    register_contracts()
    clients = {name: ServiceClient(name, target, deadline) for name, target in addresses.items()}
    try:
        return [_run_step(clients[step.service], step) for step in steps]
    finally:
        for client in clients.values():
            client.close()


def _run_step(client: ServiceClient, step: Step) -> Outcome:
    request = json_format.ParseDict(step.request, message_classes(step.rpc)[0]())
    try:
        if step.version_from:
            request.expected_version = _current_version(client, step.version_from)
        client.invoke(client.method(step.rpc, *message_classes(step.rpc)), request)
    except grpc.RpcError as exc:
        return Outcome(step, exc.code().name, exc.details() or "")
    return Outcome(step, "done")


def _current_version(client: ServiceClient, source: dict) -> int:
    read = client.method(source["rpc"], *message_classes(source["rpc"]))
    value = client.invoke(read, message_classes(source["rpc"])[0](), read=True)
    for part in source["field"].split("."):
        value = getattr(value, part)
    return value


def report(outcomes: list[Outcome]) -> str:
    lines = []
    for outcome in outcomes:
        detail = f": {outcome.detail}" if outcome.detail else ""
        lines.append(f"  {outcome.status:<14} {outcome.step.what} ({outcome.step.rpc}){detail}")
    return "\n".join(lines)


def till_key(points_address: str, deadline: float = 5.0) -> str:
    """A new API key for the demo partner's tills (X-API-Key on /v1/partner); the key an
    earlier run made is revoked, so one demo till key works at a time."""
    client = ServiceClient("points", points_address, deadline)
    try:
        keys = client.stub(partners_pb2_grpc.ApiKeysServiceStub)
        listed = client.invoke(
            keys.ListApiKeys, partners_pb2.ListApiKeysRequest(partner_id=TILL_PARTNER), read=True
        )
        for earlier in listed.keys:
            if earlier.name == TILL_KEY_NAME:
                client.invoke(
                    keys.RevokeApiKey,
                    partners_pb2.RevokeApiKeyRequest(
                        key_id=earlier.key_id, actor="system:demo", reason="a new demo till key"
                    ),
                )
        made = client.invoke(
            keys.CreateApiKey,
            partners_pb2.CreateApiKeyRequest(
                name=TILL_KEY_NAME,
                role=partners_pb2.API_KEY_ROLE_PARTNER,
                partner_id=TILL_PARTNER,
                actor="system:demo",
            ),
        )
    finally:
        client.close()
    return made.secret
