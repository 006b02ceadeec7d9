"""The OpenAPI 3.1 document, built from the routes the app serves (gateway.api), the JSON
Schemas of their messages (gateway.contract) and the comments of the .proto files: it is
the contract: tests/gateway/test_sign_in_and_contract.py checks that it and the app agree,
tests/gateway/test_fuzz.py fuzzes the app from it, tests/gateway/test_openapi_document.py
lints it.

Where each part comes from, so that none of it can drift from the code:
- an operation's summary is its Route's text; its description is the comment above its
  RPC in the .proto file (gen/loyalty/descriptors.binpb, written by `make proto`);
- a schema's description is its message's comment, a property's its field's comment
  (an enum's values are listed with theirs);
- a property's example comes from EXAMPLES (by field name), else from its comment's own
  'e.g. "..."', else from its name's ending or its type;
- a request body's `required` list is the fields whose comment has the sentence
  "Required." (the services refuse a request without them: tests/gateway/
  test_openapi_document.py sends each body without each and expects a 400 naming it);
- the error answers are the statuses the route can give, each described with the
  reasons its RPC's comment lists ("Errors: NOT_FOUND (member); FAILED_PRECONDITION ...").
"""

from __future__ import annotations

import copy
import functools
import importlib.resources
import re

from google.protobuf import descriptor_pb2, descriptor_pool
from google.protobuf.descriptor import Descriptor, FieldDescriptor

from common.contracts import message_classes
from gateway import body, contract
from gateway.api import IDEMPOTENCY_KEY_LENGTH, Api, Custom, Route, field_at

ERROR = {
    "type": "object",
    "description": "The one shape of every error the API answers.",
    "properties": {
        "error": {
            "type": "object",
            "description": "What went wrong.",
            "example": {
                "code": "invalid_argument",
                "message": "the request has invalid fields",
                "fields": [{"field": "occurred_at", "reason": "is required"}],
            },
            "properties": {
                "code": {
                    "type": "string",
                    "description": "Machine-readable: the gRPC status or the business rule's "
                    'reason, in lower case ("invalid_argument", "insufficient_points").',
                    "example": "invalid_argument",
                },
                "message": {
                    "type": "string",
                    "description": "For people (developers, not members): what to change.",
                    "example": "the request has invalid fields",
                },
                "fields": {
                    "type": "array",
                    "description": "Every bad field of the request, each once; empty when "
                    "the error is not about a field.",
                    "example": [{"field": "occurred_at", "reason": "is required"}],
                    "items": {
                        "type": "object",
                        "properties": {
                            "field": {
                                "type": "string",
                                "description": 'The field\'s path, e.g. "amount.currency" '
                                'or "lines[2].quantity"',
                                "example": "occurred_at",
                            },
                            "reason": {
                                "type": "string",
                                "description": "What is wrong with it.",
                                "example": "is required",
                            },
                        },
                        "required": ["field", "reason"],
                        "additionalProperties": False,
                    },
                },
            },
            "required": ["code", "message", "fields"],
            "additionalProperties": False,
        }
    },
    "required": ["error"],
    "additionalProperties": False,
}
SECURITY = {
    "member": [{"member": []}],
    "partner": [{"apiKey": []}],
    "staff": [{"apiKey": []}],
    "public": [],
}
# Errors any route may answer, besides its own.
COMMON_ERRORS = {
    "400": "A field is invalid (each is named in error.fields)",
    "413": f"The body is over {body.MAX_BYTES} bytes",
    "429": "Too many requests (see Retry-After)",
    "500": "Our fault (never with details)",
    "503": "A service is unavailable (see Retry-After)",
    "504": "A service did not answer in time",
}
GUARDED = {
    "401": "Not signed in, or the key is not valid",
    "403": "Not allowed for this caller",
    "404": "Not found",
    "409": "A conflicting change or an idempotency key reused",
    "422": "Refused by a business rule (error.code says which)",
}
# The gRPC status names an RPC's comment lists after "Errors:", as HTTP statuses
# (gateway/errors.py's mapping).
GRPC_STATUS = {
    "INVALID_ARGUMENT": "400",
    "OUT_OF_RANGE": "400",
    "NOT_FOUND": "404",
    "ALREADY_EXISTS": "409",
    "ABORTED": "409",
    "FAILED_PRECONDITION": "422",
    "RESOURCE_EXHAUSTED": "429",
}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again",
        "schema": {"type": "integer", "minimum": 0},
        "example": 1,
    }
}
# The operations served by views of their own (gateway.api.Custom): what their schemas
# state, described here since no .proto comment says it.
CUSTOM_OPERATIONS = {
    "sendSignInCode": "Sends a six-digit code by SMS to the phone, valid for a few minutes. "
    "The answer is the same whether or not the phone is a member's (so the API tells no one "
    "who is a member); codes are limited per phone and per client address (then 429).",
    "signIn": "Exchanges the phone and the code it received for a short-lived access token "
    "(send it as `Authorization: Bearer ...` on /v1/me) and a refresh token. A wrong or "
    "expired code is 401; a code works once.",
    "refreshTokens": "A new access token and a new refresh token for a refresh token; each "
    "refresh token works once (a reused one ends the session: 401).",
    "recogniseMember": "Finds the member a till is serving by exactly one of phone, "
    "card_number or qr_token (else 400) and answers only what a till needs: a name to greet "
    "on the receipt, the tier and the spendable points. Look-ups are rate-limited per key.",
}
CUSTOM_FIELDS = {
    "phone": ("The member's phone, national (0905 123 456) or E.164 (+84905123456).", None),
    "code": ("The six-digit code the SMS carried.", "482913"),
    "sent": ("Always true: a code was sent if the phone is a member's.", True),
    "access_token": ("A JWT for /v1/me, valid for expires_in seconds.", "eyJhbGciOiJIUzI1NiJ9"),
    "token_type": ("Always Bearer.", "Bearer"),
    "expires_in": ("Seconds the access token is valid for.", 900),
    "refresh_token": ("Trades for a new pair once (/v1/auth/refresh).", "rt_3q2Xk9vLw0aZ"),
    "card_number": ("The number on the member's card (with its check digit).", None),
    "qr_token": ("The token of the QR code the member's app shows.", "qr_7Hk2mPzW4sYt"),
    "member_id": ("The member's id.", None),
    "name_on_receipt": (
        'Initials and given name, e.g. "N. T. Lan" for Nguyễn Thị Lan.',
        "N. T. Lan",
    ),
    "tier_code": ("The member's tier.", None),
    "points": ("Points the member can spend now.", None),
    "status": (
        "MEMBER_STATUS_ACTIVE, MEMBER_STATUS_BLOCKED or MEMBER_STATUS_ERASED.",
        "MEMBER_STATUS_ACTIVE",
    ),
}
# What the comments of messages from outside proto/ (grpc.health.v1) would say.
FOREIGN_COMMENTS = {
    "grpc.health.v1.Health/Check": "The service's own health (grpc.health.v1): a hop through "
    "the gateway that does no work.",
    "grpc.health.v1.HealthCheckRequest": "Which service to check.",
    "grpc.health.v1.HealthCheckRequest.service": "The service's name; empty = the whole process.",
    "grpc.health.v1.HealthCheckResponse": "The service's serving status.",
    "grpc.health.v1.HealthCheckResponse.status": "SERVING when it takes requests.",
}
# A sentence of a field's comment that marks it required in requests.
REQUIRED = re.compile(r"(?:^|[.;]\s+)Required\b")

# Examples by field name (the last part of its path); other fields get one by type.
EXAMPLES: dict[str, object] = {
    "amount_minor": 100000,
    "currency": "VND",
    "phone": "0905123456",
    "email": "lan.nguyen@example.com",
    "language": "vi",
    "phone_region": "VN",
    "time_zone": "Asia/Ho_Chi_Minh",
    "member_id": "mbr_5f2c9a7e1b",
    "partner_id": "sen",
    "partner_ids": "sen",
    "store_id": "sen-q1",
    "store_ids": "sen-q1",
    "transaction_id": "POS1-20250601-000123",
    "original_transaction_id": "POS1-20250601-000123",
    "return_id": "RET-20250602-0007",
    "idempotency_key": "earn-7f3a9c",
    "reference": "basket-48213",
    "reason": "customer asked at the counter",
    "actor": "admin:lan.nguyen",
    "cursor": "eyJhZnRlciI6NTB9",
    "next_cursor": "eyJhZnRlciI6MTAwfQ",
    "page_size": 50,
    "code": "K7QW-3MZP-9XTC",
    "tier_code": "gold",
    "tier_codes": "gold",
    "card_number": "6001234567890",
    "sku": "SKU-CAFE-001",
    "item_sku": "SKU-CAFE-001",
    "category": "beverages",
    "name": "Sen Mart",
    "birthday": "1990-04-30",
    "image_url": "https://cdn.example.com/rewards/coffee.png",
    "url": "https://example.com/hooks/loyalty",
    "enrolment_channel": "pos",
    "consent_source": "pos:sen-q1",
    "source": "app",
    "referral_code": "LAN2025",
    "percent_off_bp": 2000,
    "earn_multiplier_bp": 15000,
    "ttl_seconds": 300,
    "quantity": 2,
    "delta": 10,
    "version": 3,
    "expected_version": 3,
    "voucher_validity_days": 30,
    "secret": "lsk_3f9a2b7c1d_XXXXXXXXXXXXXXXXXXXX",
}
INTEGER_EXAMPLES = (  # by the field name's ending
    ("points", 500),
    ("_bp", 1000),
    ("_days", 30),
    ("_months", 12),
    ("_seconds", 300),
    ("_count", 12),
    ("count", 12),
    ("_limit", 1),
)
TEXT_EXAMPLES = (  # by the field name's ending, the first that fits
    ("referred_by", "mbr_5f2c9a7e1b"),
    ("member_id", "mbr_5f2c9a7e1b"),
    ("partner_id", "sen"),
    ("store_id", "sen-q1"),
    ("transaction_id", "POS1-20250601-000123"),
    ("_by", "admin:lan.nguyen"),
    ("tier_code", "gold"),
    ("_reason", "customer asked at the counter"),
    ("_reference", "CS-2025-00042"),
    ("voucher_code", "K7QW-3MZP-9XTC"),
    ("token", "qr_7Hk2mPzW4sYt"),
    ("phone", "+84905123456"),
    ("member_number", "LS-0012-3456"),
    ("title", "Cảm ơn bạn đã mua sắm"),
    ("subject", "Điểm của bạn sắp hết hạn"),
    ("body", "Chào {{first_name}}, bạn có {{points}} điểm."),
    ("comment", "Nhân viên rất thân thiện"),
    ("note", "Chúc mừng sinh nhật!"),
    ("description", "Giảm 50.000 ₫ cho hoá đơn từ 200.000 ₫"),
    ("rule_name", "Double points weekend"),
)
TIMESTAMP_EXAMPLE = "2025-06-01T09:30:00Z"
LOCALISED = {"vi": "Phiếu giảm 50.000 ₫", "en": "50,000 ₫ off"}


def document(api: Api) -> dict:
    paths: dict = {}
    for route in api.routes:
        path = re.sub(r"<([^>]+)>", r"{\1}", route.path)
        paths.setdefault(path, {})[route.method.lower()] = _operation(api, route)
    schemas = {
        name: _described_message(_message(name), schema) if name in api.components else schema
        for name, schema in api.components.items()
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Loyalty Suite API",
            "version": "1.0.0",
            "description": "Members (app), partner tills and the CRM team. Errors share one "
            'shape: {"error": {"code", "message", "fields": [{"field", "reason"}]}}. '
            f"A body is a JSON object of at most {body.MAX_BYTES} bytes (else 413), nested "
            f"at most {body.MAX_DEPTH} levels deep and giving each key once per object "
            "(else 400); a request line (method and URL) or headers over the server's "
            "limits answer 414 or 431. Amounts are integers in the currency's minor unit "
            "(VND has none), points are integers, times are RFC 3339 in UTC.",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": {**schemas, "Error": ERROR},
            "securitySchemes": {
                "member": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            },
        },
    }


def _operation(api: Api, route: Route | Custom) -> dict:
    if isinstance(route, Custom):
        body, response, query = route.body, route.response, route.query
        body = _described_custom(body) if body is not None else None
        response = _described_custom(response)
        query = {name: _described_custom_property(name, s) for name, s in query.items()}
        description = CUSTOM_OPERATIONS.get(route.operation_id, "") or route.description
        path_docs = {}
    else:
        request_class, response_class = message_classes(route.rpc)
        request = request_class.DESCRIPTOR
        body = None
        if route.method not in ("GET", "DELETE"):
            body = _described_message(request, api.body_schema(route), request_body=True)
        query = {
            name: _described_field(
                field_at(request, name),
                contract.field_schema(field_at(request, name), api.components),
            )
            for name in route.query
        }
        response = contract.ref(response_class.DESCRIPTOR, api.components)
        description = comment(route.rpc)
        path_docs = {
            name: field_at(request, route.path_map.get(name, name)) for name in route.path_fields
        }
    parameters = [_path_parameter(name, path_docs.get(name)) for name in route.path_fields]
    parameters += [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": schema.get("description", ""),
            "schema": schema,
        }
        for name, schema in query.items()
    ]
    if isinstance(route, Route) and route.idempotency:
        parameters.append(
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": route.idempotency == "required",
                "description": "Makes a retry safe; kept per caller (a partner, a member or "
                "a staff key), so another caller's key never collides with yours",
                "schema": {"type": "string", "minLength": 1, "maxLength": IDEMPOTENCY_KEY_LENGTH},
                "example": "till-7-basket-48213",
            }
        )
    operation = {
        "operationId": route.operation_id,
        "summary": route.summary,
        "description": description,
        "tags": [route.audience],
        "security": SECURITY[route.audience],
        "parameters": parameters,
        "responses": {
            str(route.status): {"description": "OK", "content": _content(route, response)},
            **_error_responses(route, description, has_body=body is not None),
        },
    }
    if isinstance(route, Route) and route.etag:
        operation["responses"]["304"] = {"description": "Not modified (If-None-Match)"}
    if body is not None:
        operation["requestBody"] = {"required": True, "content": _json(body)}
    return operation


def _error_responses(route: Route | Custom, description: str, *, has_body: bool) -> dict:
    """Every error status the route can answer, in the one error shape, each with the
    reasons the RPC's comment gives for it."""
    errors = {**COMMON_ERRORS, **({} if route.audience == "public" else GUARDED)}
    if has_body:
        errors["415"] = "The body is not application/json"
    if route.audience == "public":
        errors["401"] = GUARDED["401"]
    for status, why in rpc_errors(description).items():
        if status in errors:
            errors[status] = f"{errors[status]}. This operation: {why}"
    answers = {}
    for status, why in sorted(errors.items()):
        answers[status] = {
            "description": why,
            "content": _json({"$ref": "#/components/schemas/Error"}),
        }
        if status in ("429", "503"):
            answers[status]["headers"] = RETRY_AFTER
    return answers


def rpc_errors(description: str) -> dict[str, str]:
    """What an RPC's comment says after "Errors:", per HTTP status: "INVALID_ARGUMENT
    (points <= 0); NOT_FOUND (member)" -> {"400": "points <= 0", "404": "member"}."""
    _, found, text = description.partition("Errors:")
    if not found:
        return {}
    text = " ".join(text.split())
    names = "|".join(GRPC_STATUS)
    marks = list(re.finditer(rf"\b({names})\b", text))
    said: dict[str, list[str]] = {}
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        end = following.start() if following else len(text)
        what = text[mark.end() : end].strip(" ;,.")
        if what.startswith("(") and what.endswith(")") and what.count("(") == 1:
            what = what[1:-1]
        said.setdefault(GRPC_STATUS[mark.group(1)], []).append(what or mark.group(1))
    return {status: "; ".join(parts) for status, parts in said.items()}


def _path_parameter(name: str, field: FieldDescriptor | None) -> dict:
    parameter = {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "string", "minLength": 1},
    }
    if field is not None:
        parameter["description"] = field_comment(field)
        parameter["example"] = example(field)
    else:
        described = _described_custom_property(name, {"type": "string"})
        parameter["description"] = described.get("description", "")
    return parameter


# Descriptions and examples from the contracts


def _message(full_name: str) -> Descriptor:
    return descriptor_pool.Default().FindMessageTypeByName(full_name)


def _described_message(descriptor: Descriptor, schema: dict, request_body: bool = False) -> dict:
    """A message's schema with its comment, each property's comment and example and, in a
    request, the fields it cannot do without."""
    described = {**schema, "description": comment(descriptor.full_name)}
    properties = {}
    required = []
    for name, property_schema in schema.get("properties", {}).items():
        field = descriptor.fields_by_name[name]
        properties[name] = _described_field(field, property_schema)
        if is_required(field) and (request_body or not _has_presence(field)):
            required.append(name)
    described["properties"] = properties
    if required:
        described["required"] = required
    return described


def _described_field(field: FieldDescriptor, schema: dict) -> dict:
    return {**schema, "description": field_comment(field), "example": example(field)}


def _described_custom(schema: dict) -> dict:
    described = copy.deepcopy(schema)
    described["properties"] = {
        name: _described_custom_property(name, value)
        for name, value in schema.get("properties", {}).items()
    }
    return described


def _described_custom_property(name: str, schema: dict) -> dict:
    if name not in CUSTOM_FIELDS:
        return dict(schema)  # undescribed: tests/gateway/test_openapi_document.py says so
    text, value = CUSTOM_FIELDS[name]
    if value is None:
        value = EXAMPLES.get(name, 500 if schema.get("type") == "integer" else name)
    if "const" in schema:
        value = schema["const"]
    if schema.get("pattern") == "^[0-9]{6}$":
        value = "482913"
    return {**schema, "description": text, "example": value}


def field_comment(field: FieldDescriptor) -> str:
    """The field's comment, with the meanings of its enum's values."""
    text = comment(field.full_name)
    if field.enum_type is not None:
        values = [
            f"- `{value.name}`: {comment(f'{field.enum_type.full_name}.{value.name}')}"
            for value in field.enum_type.values
        ]
        text = f"{text}\n\n" + "\n".join(values)
    return text


def is_required(field: FieldDescriptor) -> bool:
    return bool(REQUIRED.search(" ".join(comment(field.full_name).split())))


def _has_presence(field: FieldDescriptor) -> bool:
    """Whether a response may leave the field out (the gateway writes every field that
    has no presence, defaults included)."""
    return not field.is_repeated and field.has_presence


def comment(full_name: str) -> str:
    """The comment above a declaration in its .proto (or after it on its line), by full
    name: "loyalty.points.v1.EarnRequest.occurred_at", "loyalty.points.v1.LedgerService/
    Earn"; empty when there is none."""
    return _comments().get(full_name) or FOREIGN_COMMENTS.get(full_name, "")


@functools.cache
def _comments() -> dict[str, str]:
    raw = importlib.resources.files("loyalty").joinpath("descriptors.binpb").read_bytes()
    found: dict[str, str] = {}
    for file in descriptor_pb2.FileDescriptorSet.FromString(raw).file:
        at = {tuple(place.path): place for place in file.source_code_info.location}

        def note(name: str, path: tuple[int, ...], at=at) -> None:
            place = at.get(path)
            if place is not None:
                text = place.leading_comments.strip() or place.trailing_comments.strip()
                found[name] = "\n".join(line.strip() for line in text.splitlines())

        def enums(items, prefix: str, path: tuple[int, ...], note=note) -> None:
            for i, enum in enumerate(items):
                name = f"{prefix}.{enum.name}"
                note(name, (*path, i))
                for j, value in enumerate(enum.value):
                    note(f"{name}.{value.name}", (*path, i, 2, j))

        def messages(items, prefix: str, path: tuple[int, ...], note=note, enums=enums) -> None:
            for i, message in enumerate(items):
                name = f"{prefix}.{message.name}"
                note(name, (*path, i))
                for j, field in enumerate(message.field):
                    note(f"{name}.{field.name}", (*path, i, 2, j))
                messages(message.nested_type, name, (*path, i, 3))
                enums(message.enum_type, name, (*path, i, 4))

        messages(file.message_type, file.package, (4,))
        enums(file.enum_type, file.package, (5,))
        for i, service in enumerate(file.service):
            name = f"{file.package}.{service.name}"
            note(name, (6, i))
            for j, method in enumerate(service.method):
                note(f"{name}/{method.name}", (6, i, 2, j))
    return found


def example(field: FieldDescriptor, within: tuple[str, ...] = ()) -> object:
    """A value of the field a reader can copy: by its name, else by its type."""
    if field.message_type is not None and field.message_type.GetOptions().map_entry:
        value = field.message_type.fields_by_name["value"]
        if value.type == FieldDescriptor.TYPE_STRING and not _keyed_by_language(field):
            return {"first_name": "Lan"}
        if value.type == FieldDescriptor.TYPE_STRING:
            return dict(LOCALISED)
        key = "vi" if _keyed_by_language(field) else "key"
        return {key: _single_example(value, within)}
    single = _single_example(field, within)
    return [single] if field.is_repeated else single


def _keyed_by_language(field: FieldDescriptor) -> bool:
    return "language" in comment(field.full_name) or field.name in (
        "name",
        "description",
        "terms",
        "note",
        "reward_name",
        "title",
        "body",
    )


def _single_example(field: FieldDescriptor, within: tuple[str, ...]) -> object:
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        if field.message_type.full_name == contract.TIMESTAMP:
            return TIMESTAMP_EXAMPLE
        return _message_example(field.message_type, within)
    if field.type == FieldDescriptor.TYPE_ENUM:
        values = [v.name for v in field.enum_type.values]
        return next((v for v in values if not v.endswith("_UNSPECIFIED")), values[0])
    if field.type == FieldDescriptor.TYPE_BOOL:
        return False
    if field.type == FieldDescriptor.TYPE_BYTES:
        return "bG95YWx0eQ=="
    if field.type in (FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT):
        return 0.25
    named = EXAMPLES.get(field.name)
    if field.type in contract.INTEGERS:
        if not isinstance(named, int):
            named = next((n for end, n in INTEGER_EXAMPLES if field.name.endswith(end)), 1)
        schema = contract.field_schema(field, {})
        schema = schema.get("items", schema)
        return max(schema["minimum"], min(schema["maximum"], named))
    if isinstance(named, str):
        return named
    return _text_example(field)


def _text_example(field: FieldDescriptor) -> str:
    """A string field's example: the comment's own ('e.g. "post-purchase"', "HH:MM"),
    else one by the name's ending."""
    text = comment(field.full_name)
    if given := re.search(r'e\.g\. "([^"]+)"', text):
        return given.group(1)
    for shape, value in (("HH:MM", "21:00"), ("YYYY-MM-DD", "2026-03-31")):
        if shape in text:
            return value
    for end, value in TEXT_EXAMPLES:
        if field.name.endswith(end):
            return value
    if field.name.endswith("_id") or field.name.endswith("_ids"):
        return f"{field.name.removesuffix('s').removesuffix('_id').replace('_', '-')}-8f3a2c"
    return field.name.replace("_", " ")


def _message_example(descriptor: Descriptor, within: tuple[str, ...]) -> dict:
    """An example of a message: each field's, one member of each oneof, nothing for a
    message already being built (a message that contains itself)."""
    if descriptor.full_name in within or len(within) > 4:
        return {}
    inside = (*within, descriptor.full_name)
    value = {}
    for field in descriptor.fields:
        group = field.containing_oneof
        if group is not None and group.fields[0] is not field:
            continue
        value[field.name] = example(field, inside)
    return value


def _json(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


def _content(route: Route | Custom, schema: dict) -> dict:
    """A success's content: JSON, or the file types a Custom route streams."""
    if isinstance(route, Custom):
        return {media_type: {"schema": schema} for media_type in route.media_types}
    return _json(schema)
