"""Routes declared once, served and documented from the same declaration.

A `Route` says which RPC serves it, which request fields come from the caller (the
signed-in member, the key's partner), the URL or the Idempotency-Key header, and which
the JSON body or query string gives. From that the gateway checks the request against
the JSON Schema generated from the RPC's request message (every bad field named at
once), calls the service, and answers the response message as JSON; the OpenAPI
document (/v1/openapi.json) is built from the same routes and schemas.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable

import jsonschema
import jsonschema_rs
from flask import Blueprint, Response, current_app, request
from google.protobuf.message import Message

from common.contracts import message_classes
from gateway import body, contract
from gateway.calls import call
from gateway.errors import ApiError, FieldViolation
from gateway.principals import Principal

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
# The services keep keys of up to 128 characters; the caller's scope takes the rest.
IDEMPOTENCY_KEY_LENGTH = 100


@dataclasses.dataclass(frozen=True)
class Route:
    method: str
    path: str  # Flask rule, e.g. "/v1/partner/holds/<hold_id>/capture"
    summary: str
    audience: str  # "member", "partner", "staff" or "public"
    service: str
    rpc: str  # "loyalty.points.v1.LedgerService/Earn"
    # Request fields the caller's identity sets (never the client's to choose).
    inject: Callable[[Principal], dict] = lambda who: {}
    # Request fields a GET takes from the query string ("page.page_size" for nested ones).
    query: tuple[str, ...] = ()
    # The Idempotency-Key header -> idempotency_key: "required", "optional" or "".
    idempotency: str = ""
    # URL parameters that fill a nested field, e.g. {"rule_id": "rule.rule_id"}.
    path_map: dict[str, str] = dataclasses.field(default_factory=dict)
    after: Callable[[Message], None] | None = None  # e.g. forget revoked keys
    role: str = "viewer"  # staff routes: the least role that may call it
    check: Callable[[Principal, Message], None] | None = None  # e.g. a partner's stores
    etag: bool = False
    status: int = 200
    # A partial update: the RPC's update_mask names the fields the body gives inside this
    # one (PATCH {"profile": {"birthday": "1990-05-01"}} changes the birthday alone).
    mask_of: str = ""
    # The operation's id where the RPC's name alone is not unique across services
    # (webhooks' ListDeliveries beside messages' ListDeliveries).
    operation: str = ""

    @property
    def path_fields(self) -> list[str]:
        return path_fields(self.path)

    def taken_elsewhere(self, request_class) -> frozenset[str]:
        """Top-level request fields the body may not set."""
        fields = request_class.DESCRIPTOR.fields_by_name
        fixed = set(self.inject(Principal("member", "x", "x", "x")))
        fixed |= {name for name in self.path_fields if name not in self.path_map}
        fixed |= {"actor"} & set(fields)
        if self.idempotency:
            fixed.add("idempotency_key")
        if self.mask_of:
            fixed.add("update_mask")
        return frozenset(fixed)

    @property
    def operation_id(self) -> str:
        """The RPC's name ("earnForPartner"): unique, since an audience uses an RPC once."""
        if self.operation:
            return self.operation
        method = self.rpc.split("/")[1]
        audience = "" if self.audience == "staff" else f"For{self.audience.title()}"
        return method[0].lower() + method[1:] + audience


class Api:
    """Every route of the app, for serving and for the OpenAPI document."""

    def __init__(self) -> None:
        self.routes: list[Route | Custom] = []
        self.components: dict = {}
        self._validators: dict[str, BodyCheck] = {}

    def add(self, blueprint: Blueprint, route: Route, authenticate) -> None:
        self.routes.append(route)
        request_class, _ = message_classes(route.rpc)
        self._validators[route.operation_id] = BodyCheck(
            {**self.body_schema(route), "components": {"schemas": self.components}}
        )

        def view(**path):
            who = authenticate(route)
            message = self._request(route, request_class, path, who)
            if route.check is not None:
                route.check(who, message)
            downstream = current_app.extensions["downstream"]
            reply = call(downstream, route.service, route.rpc, message, read=route.method == "GET")
            if route.after is not None:
                route.after(reply)
            return answer(contract.to_json(reply), route)

        view.__name__ = route.operation_id
        blueprint.add_url_rule(route.path, route.operation_id, view, methods=[route.method])

    def body_schema(self, route: Route) -> dict:
        """The request message's schema without the fields the route sets itself."""
        request_class, _ = message_classes(route.rpc)
        omit = route.taken_elsewhere(request_class)
        return contract.schema(request_class.DESCRIPTOR, self.components, omit=omit)

    def _request(self, route: Route, request_class, path: dict, who: Principal) -> Message:
        data = _json_body() if route.method in MUTATING else _query(route, request_class)
        _check(self._validators[route.operation_id], data)
        if route.mask_of:
            data["update_mask"] = _mask(data, route.mask_of)
        for name, value in path.items():
            _put(data, route.path_map.get(name, name), value)
        data.update(route.inject(who))
        if "actor" in request_class.DESCRIPTOR.fields_by_name:
            data["actor"] = who.actor
        key = _idempotency_key(route.idempotency)
        if key:
            data["idempotency_key"] = who.own_key(key)
        try:
            message = contract.from_json(data, request_class)
        except Exception as error:  # a value the schema could not rule out
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise ApiError(400, "invalid_argument", f"the request is not valid: {reason}") from None
        return message


def _mask(data: dict, field: str) -> str:
    """The update_mask, in its JSON form, of the fields the body gives inside `field`."""
    given = data.get(field) or {}
    if not given:
        raise ApiError(
            400,
            "invalid_argument",
            "nothing to change",
            [FieldViolation(field, "give at least one field to change")],
        )
    return ",".join(_lower_camel(name) for name in given)


def _lower_camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)


def answer(payload: dict, route: Route):
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    response = Response(body, status=route.status, mimetype="application/json")
    if route.etag:
        tag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
        response.headers["ETag"] = tag
        if tag in request.headers.get("If-None-Match", ""):
            return Response(status=304, headers={"ETag": tag})
    return response


def _json_body() -> dict:
    return body.json_object()


def _query(route: Route, request_class) -> dict:
    data: dict = {}
    for name in route.query:
        if name not in request.args:
            continue
        field = field_at(request_class.DESCRIPTOR, name)
        converted = [_scalar(field, value) for value in request.args.getlist(name)]
        _put(data, name, converted if field.is_repeated else converted[0])
    return data


def field_at(descriptor, dotted: str):
    *parents, last = dotted.split(".")
    for part in parents:
        descriptor = descriptor.fields_by_name[part].message_type
    return descriptor.fields_by_name[last]


def _put(data: dict, dotted: str, value) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def _scalar(field, raw: str):
    if field.type in contract.INTEGERS:
        try:
            return int(raw)
        except ValueError:
            return raw  # the schema names the field
    if field.type == contract.F.TYPE_BOOL:
        return {"true": True, "false": False}.get(raw, raw)
    return raw


def _bad_text(data, path: str = ""):
    """Where the JSON holds text JSON allows but UTF-8 does not (lone surrogates): the
    services could not read it, so it stops here."""
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            yield path or "body"
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _bad_text(key, path)
            yield from _bad_text(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _bad_text(value, f"{path}.{index}")


def _unexpected(error) -> list[str]:
    known = error.schema.get("properties", {})
    return sorted(str(name) for name in error.instance if name not in known) or ["body"]


def _missing(error) -> str:
    if error.validator == "required":
        return error.message.split("'")[1]  # "'phone' is a required property"
    return "body"


def _idempotency_key(mode: str) -> str:
    key = request.headers.get("Idempotency-Key", "")
    if not mode or (mode == "optional" and not key):
        return ""
    if not key or len(key) > IDEMPOTENCY_KEY_LENGTH:
        raise ApiError(
            400,
            "invalid_argument",
            f"send an Idempotency-Key header (1..{IDEMPOTENCY_KEY_LENGTH} characters)",
            [FieldViolation("Idempotency-Key", "is required on this call")],
        )
    return key


@dataclasses.dataclass(frozen=True)
class Custom:
    """A route served by its own view (sign-in, a till's member lookup), documented by
    the schemas it states."""

    method: str
    path: str
    summary: str
    audience: str
    operation_id: str
    response: dict
    body: dict | None = None
    query: dict[str, dict] = dataclasses.field(default_factory=dict)
    status: int = 200
    role: str = "viewer"  # staff routes: the least role that may call it
    # What a success answers: JSON, or a file streamed in one of these types (an export).
    media_types: tuple[str, ...] = ("application/json",)
    description: str = ""  # the operation's description, where no .proto comment says it

    @property
    def path_fields(self) -> list[str]:
        return path_fields(self.path)


def checked_body(check: BodyCheck) -> dict:
    """The JSON body, checked by `check` (every bad field named)."""
    data = _json_body()
    _check(check, data)
    return data


def path_fields(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("<")]


class BodyCheck:
    """A request schema's check. A compiled validator (jsonschema-rs) tells in about a
    microsecond that a body is valid, as nearly every one is; only a body it refuses is
    walked again by the reference validator (jsonschema, 50 times slower), which names
    every bad field and why, in the same words every time."""

    def __init__(self, schema: dict) -> None:
        self.compiled = jsonschema_rs.Draft202012Validator(schema, validate_formats=False)
        self.explaining = jsonschema.Draft202012Validator(schema)

    def errors(self, data) -> list[jsonschema.ValidationError]:
        try:
            if self.compiled.is_valid(data):
                return []
        except Exception:  # noqa: S110 - e.g. a key that is not UTF-8: the reference says
            pass
        return list(self.explaining.iter_errors(data))


def _check(check: BodyCheck, data) -> None:
    """400 naming every field that breaks the schema or is not valid UTF-8 text."""
    problems = []
    for e in check.errors(data):
        path = ".".join(map(str, e.absolute_path))
        if e.validator == "additionalProperties":  # each field the request does not have
            within = f"{path}." if path else ""
            problems += [
                FieldViolation(within + name, "is not a field of this request")
                for name in _unexpected(e)
            ]
        else:
            problems.append(FieldViolation(path or _missing(e), e.message))
    problems += [FieldViolation(path, "is not valid UTF-8 text") for path in _bad_text(data)]
    if problems:
        raise ApiError(400, "invalid_argument", "the request has invalid fields", problems)
