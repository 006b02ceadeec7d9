"""`loyalty demo`: load a small sample programme into a running suite.

The programme is data (demo_programme.json): each step names an RPC and its request in
protobuf's JSON form, so the demo speaks the contracts exactly and grows by adding steps.
Every step carries an idempotency key or a natural key, so running the demo twice
changes nothing the second time. A step whose RPC a service does not offer yet is
reported as such, not hidden.

Dates are relative to the day the demo runs, so the sample programme is as alive in ten
years as today: "{today}" is the local midnight that began today in the programme's time
zone, "{today+365d}" a year of days later.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import pkgutil
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import grpc
from google.protobuf import descriptor_pool, json_format, message_factory

import loyalty
from common import clock
from common.clock import DEFAULT_TIME_ZONE
from common.grpc_client import open_channel

PROGRAMME = Path(__file__).with_name("demo_programme.json")


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
    status: str  # "done", "not built yet", or the gRPC status code name
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
    channels = {name: open_channel(target, deadline) for name, target in addresses.items()}
    try:
        return [_run_step(channels[step.service], step) for step in steps]
    finally:
        for channel in channels.values():
            channel.close()


def _run_step(channel: grpc.Channel, step: Step) -> Outcome:
    request_class, response_class = message_classes(step.rpc)
    request = json_format.ParseDict(step.request, request_class())
    if step.version_from:
        request.expected_version = _current_version(channel, step.version_from)
    call = channel.unary_unary(
        f"/{step.rpc}",
        request_serializer=request_class.SerializeToString,
        response_deserializer=response_class.FromString,
    )
    try:
        call(request)
    except grpc.RpcError as exc:
        if exc.code() == grpc.StatusCode.UNIMPLEMENTED:
            return Outcome(step, "not built yet")
        return Outcome(step, exc.code().name, exc.details() or "")
    return Outcome(step, "done")


def _current_version(channel: grpc.Channel, source: dict) -> int:
    read_class, reply_class = message_classes(source["rpc"])
    read = channel.unary_unary(
        f"/{source['rpc']}",
        request_serializer=read_class.SerializeToString,
        response_deserializer=reply_class.FromString,
    )
    value = read(read_class())
    for part in source["field"].split("."):
        value = getattr(value, part)
    return value


def message_classes(rpc: str):
    service_name, method_name = rpc.split("/")
    service = descriptor_pool.Default().FindServiceByName(service_name)
    method = service.methods_by_name[method_name]
    return (
        message_factory.GetMessageClass(method.input_type),
        message_factory.GetMessageClass(method.output_type),
    )


def register_contracts() -> None:
    """Import every generated module so the descriptor pool knows every message."""
    for module in pkgutil.walk_packages(loyalty.__path__, "loyalty."):
        if module.name.endswith("_pb2"):
            importlib.import_module(module.name)


def report(outcomes: list[Outcome]) -> str:
    lines = []
    for outcome in outcomes:
        detail = f": {outcome.detail}" if outcome.detail else ""
        lines.append(f"  {outcome.status:<14} {outcome.step.what} ({outcome.step.rpc}){detail}")
    return "\n".join(lines)
