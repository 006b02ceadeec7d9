"""The OpenAPI document's lint: every operation summarised and described, every property
described with an example that fits its schema, required lists on request bodies, every
operation's error answers in the one error shape, and the docs page served offline.

The required lists come from the "Required." sentence in the .proto field comments; the
tests marked `suite` check them against the running services: a body without a required
field is refused with a 400 naming that field, and a body refused for lack of fields
names none the document does not require."""

from __future__ import annotations

import os
import re
import uuid
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from common import clock
from gateway import openapi
from gateway.api import Route
from gateway.app import create_app
from gateway.config import GatewaySettings
from tests.support.gateway import enrol, sign_in

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "gateway" / "static"
# The app whose document is linted (no connection is opened to build it); the clock offset
# of `make test-later` is kept, since create_app sets it for the whole process.
APP = create_app(
    GatewaySettings.from_env(
        {
            **{k: os.environ[k] for k in (clock.OFFSET_VARIABLE,) if k in os.environ},
            "REDIS_URL": "redis://127.0.0.1:9/0",
        }
    )
)
SPEC = openapi.document(APP.extensions["api"])
OPERATIONS = [
    (method.upper(), path, operation)
    for path, methods in SPEC["paths"].items()
    for method, operation in methods.items()
]
ERROR_REF = {"$ref": "#/components/schemas/Error"}
# Every route can answer these, whoever calls it.
ALWAYS = {"400", "401", "413", "429", "500", "503", "504"}
# And a route behind a credential these too.
GUARDED = {"403", "404", "409", "422"}


def _body_schema(operation: dict) -> dict | None:
    body = operation.get("requestBody")
    return body["content"]["application/json"]["schema"] if body else None


def _object_schemas():
    """(where, schema) for every object schema of the document with properties."""
    for name, schema in SPEC["components"]["schemas"].items():
        yield from _walk(f"components.{name}", schema)
    for method, path, operation in OPERATIONS:
        where = f"{method} {path}"
        if (body := _body_schema(operation)) is not None:
            yield from _walk(f"{where} body", body)
        for status, answer in operation["responses"].items():
            schema = answer.get("content", {}).get("application/json", {}).get("schema")
            if schema is not None:
                yield from _walk(f"{where} {status}", schema)


def _walk(where: str, schema: dict):
    if "properties" in schema:
        yield where, schema
        for name, inner in schema["properties"].items():
            yield from _walk(f"{where}.{name}", inner)
    if isinstance(schema.get("items"), dict):
        yield from _walk(f"{where}[]", schema["items"])


def test_every_operation_has_a_summary_and_a_description():
    missing = [
        f"{method} {path}: {part}"
        for method, path, operation in OPERATIONS
        for part in ("summary", "description")
        if not operation.get(part, "").strip()
    ]
    assert len(OPERATIONS) > 50
    assert missing == [], "operations without a summary or description:\n" + "\n".join(missing)


def test_every_property_and_parameter_has_a_description_and_an_example():
    missing = [
        f"{where}.{name}: {part}"
        for where, schema in _object_schemas()
        for name, property_schema in schema["properties"].items()
        for part in ("description", "example")
        if part not in property_schema
        or (part == "description" and not property_schema["description"].strip())
    ]
    missing += [
        f"{method} {path} parameter {parameter['name']}: {part}"
        for method, path, operation in OPERATIONS
        for parameter in operation["parameters"]
        for part in ("description", "example")
        if not any(
            part in place and place[part] != "" for place in (parameter, parameter["schema"])
        )
    ]
    assert missing == [], "add a comment to the .proto field (or an example):\n" + "\n".join(
        missing
    )


def test_every_example_fits_its_schema():
    root = jsonschema.Draft202012Validator({"components": SPEC["components"]})
    wrong = []
    for where, schema in _object_schemas():
        for name, property_schema in schema["properties"].items():
            if "example" not in property_schema:
                continue
            checking = {k: v for k, v in property_schema.items() if k != "example"}
            for error in root.evolve(schema=checking).iter_errors(property_schema["example"]):
                wrong.append(f"{where}.{name}: {error.message}")
    assert wrong == [], "\n".join(wrong)


def test_request_bodies_list_the_fields_the_contracts_mark_required():
    from common.contracts import message_classes

    api = APP.extensions["api"]
    missing = []
    for route in api.routes:
        if not isinstance(route, Route) or route.method in ("GET", "DELETE"):
            continue
        request_class, _ = message_classes(route.rpc)
        body = api.body_schema(route)
        marked = {
            name
            for name in body["properties"]
            if openapi.is_required(request_class.DESCRIPTOR.fields_by_name[name])
        }
        documented = _documented_body(route)
        if not marked <= set(documented.get("required", [])):
            missing.append(f"{route.method} {route.path}: {sorted(marked)}")
    assert missing == [], "\n".join(missing)


def test_the_fields_found_by_trial_of_400s_are_listed():
    """Issue #20: occurred_at and voucher_validity_days were found by trial of 400s."""
    earn = _body_schema(SPEC["paths"]["/v1/partner/earns"]["post"])
    assert {"member_id", "store_id", "transaction_id", "amount", "occurred_at"} <= set(
        earn["required"]
    )
    reward = SPEC["components"]["schemas"]["loyalty.points.v1.Reward"]
    assert {"name", "type", "voucher_validity_days"} <= set(reward["required"])
    for path in ("/v1/partner/holds", "/v1/partner/payments", "/v1/partner/returns"):
        assert _body_schema(SPEC["paths"][path]["post"])["required"], path
    assert _body_schema(SPEC["paths"]["/v1/partner/enrolments"]["post"])["required"] == ["profile"]


def test_a_shared_schema_requires_only_fields_every_answer_carries():
    """A message schema is shared by requests and answers; the gateway writes every field
    without presence (defaults included), so only those may be required in it."""
    from google.protobuf import descriptor_pool

    wrong = []
    for name, schema in SPEC["components"]["schemas"].items():
        if name == "Error" or "required" not in schema:
            continue
        message = descriptor_pool.Default().FindMessageTypeByName(name)
        for field in schema["required"]:
            descriptor = message.fields_by_name[field]
            if descriptor.has_presence and not descriptor.is_repeated:
                wrong.append(f"{name}.{field}")
    assert wrong == [], "required in a shared schema but absent from answers when unset"


def test_every_operation_lists_its_error_answers_in_the_one_error_shape():
    problems = []
    for method, path, operation in OPERATIONS:
        responses = operation["responses"]
        wanted = set(ALWAYS)
        if operation["tags"] != ["public"]:
            wanted |= GUARDED
        if "requestBody" in operation:
            wanted.add("415")
        wanted |= set(openapi.rpc_errors(operation["description"]))
        problems += [f"{method} {path}: no {status}" for status in sorted(wanted - set(responses))]
        for status, answer in responses.items():
            if int(status) < 400:
                continue
            if answer.get("content", {}).get("application/json", {}).get("schema") != ERROR_REF:
                problems.append(f"{method} {path}: {status} is not the error shape")
            if not answer.get("description", "").strip():
                problems.append(f"{method} {path}: {status} has no description")
            if status in ("429", "503") and "Retry-After" not in answer.get("headers", {}):
                problems.append(f"{method} {path}: {status} without Retry-After")
    assert problems == [], "\n".join(problems)


def test_an_rpcs_listed_errors_describe_its_answers():
    earn = SPEC["paths"]["/v1/partner/earns"]["post"]["responses"]
    assert "MEMBER_BLOCKED" in earn["422"]["description"]
    assert "TRANSACTION_ALREADY_RECORDED" in earn["409"]["description"]
    assert "store" in earn["404"]["description"]
    assert openapi.rpc_errors("Reads it. Errors: NOT_FOUND (member); INVALID_ARGUMENT.") == {
        "404": "member",
        "400": "INVALID_ARGUMENT",
    }


# The docs page


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.links += [value for name, value in attrs if name in ("src", "href") and value]


def test_the_docs_page_is_swagger_ui_served_by_the_gateway_with_nothing_from_elsewhere():
    client = APP.test_client()
    page = client.get("/v1/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    parser = _Links()
    parser.feed(page.get_data(as_text=True))
    assert any(link.endswith("swagger-ui-bundle.js") for link in parser.links)
    for link in parser.links:
        assert not re.match(r"^(https?:)?//", link), f"{link} is on another host"
        if link.startswith("/"):
            assert client.get(link).status_code == 200, link
    assert "validatorUrl: null" in (STATIC / "api-docs.js").read_text()
    for name in ("LICENSE", "NOTICE", "VENDORED.md"):
        assert (STATIC / "swagger-ui" / name).is_file(), name
    # the interactive page reads the document the gateway serves
    assert "/v1/openapi.json" in page.get_data(as_text=True)
    assert client.get("/v1/openapi.json").get_json()["openapi"] == "3.1.0"


def test_the_route_table_is_still_served():
    table = APP.test_client().get("/v1/docs?view=routes")
    assert table.status_code == 200
    text = table.get_data(as_text=True)
    assert "/v1/partner/earns" in text and "<table>" in text


# The required lists against the running services

# Fields a service names for an empty body that are required only in some cases: one of
# a group (a return's scope, a gift's target), or a value needed unless another is given.
CONDITIONAL = {
    "returnForPartner": {"scope"},
    "grantGift": {"target", "points"},
}


def _documented_body(route) -> dict:
    path = re.sub(r"<([^>]+)>", r"{\1}", route.path)
    return _body_schema(SPEC["paths"][path][route.method.lower()]) or {}


def _named(answer) -> list[str]:
    return [problem["field"] for problem in answer.body.get("error", {}).get("fields", [])]


def _covers(named: list[str], field: str) -> bool:
    return any(n == field or n.startswith((f"{field}.", f"{field}[")) for n in named)


@pytest.fixture(scope="module")
def member(suite, programme):
    """A signed-in member (enrolled at the till, signed in with the code sent by SMS)."""
    phone = "0905 420 017"
    enrol(programme, f"{programme.partner}-q1", phone, name="Đỗ Minh Khang")
    return sign_in(suite, programme, phone)


@pytest.mark.suite
def test_an_empty_body_is_refused_naming_every_required_field_and_no_other(programme, member):
    callers = {"staff": programme.admin, "partner": programme.till, "member": member}
    problems = []
    checked = 0
    for method, path, operation in OPERATIONS:
        body = _body_schema(operation)
        caller = callers.get(operation["tags"][0])
        if body is None or not body.get("required") or caller is None:
            continue  # an empty body may be a valid request (a job's run): not sent
        url = re.sub(r"\{[^}]+\}", "openapi-lint-missing", path)
        answer = caller.request(method, url, {}, key=f"openapi-{uuid.uuid4().hex}")
        named = _named(answer)
        where = f"{method} {path}"
        checked += 1
        if answer.status != 400:
            problems.append(f"{where}: {answer.status} {answer.body}")
            continue
        problems += [
            f"{where}: {field} is required but the service did not name it ({named})"
            for field in body["required"]
            if not _covers(named, field)
        ]
        allowed = set(body["required"]) | CONDITIONAL.get(operation["operationId"], set())
        problems += [
            f"{where}: the service requires {field} but the document does not (mark it "
            '"Required." in the .proto)'
            for field in {re.split(r"[.\[]", n)[0] for n in named}
            if field not in allowed
        ]
    assert checked > 40
    assert problems == [], "\n".join(problems)


def _valid_bodies(programme) -> dict[tuple[str, str], dict]:
    """Bodies the services accept, but for the field each check takes out (none is sent
    whole: nothing is recorded)."""
    store = f"{programme.partner}-q1"
    return {
        ("POST", "/v1/partner/earns"): {
            "member_id": "mbr-openapi-lint",
            "store_id": store,
            "transaction_id": f"lint-{uuid.uuid4().hex[:8]}",
            "amount": {"amount_minor": 100000, "currency": "VND"},
            "occurred_at": clock.now().isoformat(timespec="seconds").replace("+00:00", "Z"),
        },
        ("POST", "/v1/partner/returns"): {
            "store_id": store,
            "return_id": f"lint-{uuid.uuid4().hex[:8]}",
            "original_transaction_id": "lint-original",
            "full": True,
        },
        ("POST", "/v1/partner/holds"): {
            "member_id": "mbr-openapi-lint",
            "points": 100,
            "store_id": store,
        },
        ("POST", "/v1/partner/payments"): {
            "member_id": "mbr-openapi-lint",
            "points": 100,
            "store_id": store,
        },
        ("POST", "/v1/partner/enrolments"): {
            "profile": {"name": "Lý Thu Hà", "phone": "0905 420 018"},
            "store_id": store,
            "enrolment_channel": "pos",
        },
        ("POST", "/v1/admin/rewards"): {
            "reward": {
                "name": {"vi": "Giảm 50.000 ₫"},
                "type": "REWARD_TYPE_FIXED_VOUCHER",
                "points_cost": 500,
                "fixed_value": {"amount_minor": 50000, "currency": "VND"},
                "voucher_validity_days": 30,
            },
            "validate_only": True,
            "reason": "openapi lint",
        },
    }


@pytest.mark.suite
def test_each_required_field_taken_out_alone_is_named_in_a_400(programme):
    callers = {"partner": programme.till, "staff": programme.admin}
    problems = []
    taken_out = []
    for (method, path), valid in _valid_bodies(programme).items():
        operation = SPEC["paths"][path][method.lower()]
        body = _body_schema(operation)
        fields = [(name,) for name in body["required"]]
        for name, schema in body["properties"].items():
            target = SPEC["components"]["schemas"].get(schema.get("$ref", "").split("/")[-1])
            fields += [(name, inner) for inner in (target or {}).get("required", [])]
        for field in fields:
            sent = {k: (dict(v) if isinstance(v, dict) else v) for k, v in valid.items()}
            if field[0] not in sent or (len(field) == 2 and field[1] not in sent[field[0]]):
                problems.append(f"{method} {path}: the valid body lacks {'.'.join(field)}")
                continue
            holder = sent if len(field) == 1 else sent[field[0]]
            del holder[field[-1]]
            answer = callers[operation["tags"][0]].request(
                method, path, sent, key=f"openapi-{uuid.uuid4().hex}"
            )
            named = _named(answer)
            dotted = ".".join(field)
            taken_out.append(dotted)
            if answer.status != 400 or not _covers(named, dotted):
                problems.append(f"{method} {path} without {dotted}: {answer.status} {named}")
            elif any(not _covers([n], dotted) for n in named):
                problems.append(f"{method} {path} without {dotted}: also named {named}")
    assert problems == [], "\n".join(problems)
    assert {"occurred_at", "reward.voucher_validity_days", "profile"} <= set(taken_out)
    assert len(taken_out) >= 19
