"""The OpenAPI 3.1 document, built from the routes the app serves (gateway.api) and the
JSON Schemas of their messages (gateway.contract): it is the contract, and
tests/gateway/test_openapi.py checks that it and the app agree."""

from __future__ import annotations

import re

from common.contracts import message_classes
from gateway import body, contract
from gateway.api import IDEMPOTENCY_KEY_LENGTH, Api, Custom, Route, field_at

ERROR = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"field": {"type": "string"}, "reason": {"type": "string"}},
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


def document(api: Api) -> dict:
    paths: dict = {}
    for route in api.routes:
        path = re.sub(r"<([^>]+)>", r"{\1}", route.path)
        paths.setdefault(path, {})[route.method.lower()] = _operation(api, route)
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
            "limits answer 414 or 431.",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": {**api.components, "Error": ERROR},
            "securitySchemes": {
                "member": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            },
        },
    }


def _operation(api: Api, route: Route | Custom) -> dict:
    if isinstance(route, Custom):
        body, response, query = route.body, route.response, route.query
    else:
        request_class, response_class = message_classes(route.rpc)
        body = api.body_schema(route) if route.method not in ("GET", "DELETE") else None
        query = {
            name: contract.field_schema(field_at(request_class.DESCRIPTOR, name), api.components)
            for name in route.query
        }
        response = contract.ref(response_class.DESCRIPTOR, api.components)
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}
        for name in route.path_fields
    ]
    parameters += [
        {"name": name, "in": "query", "required": False, "schema": schema}
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
            }
        )
    errors = {**COMMON_ERRORS, **({} if route.audience == "public" else GUARDED)}
    if body is not None:
        errors["415"] = "The body is not application/json"
    if route.audience == "public":
        errors.update({"401": GUARDED["401"]})
    operation = {
        "operationId": route.operation_id,
        "summary": route.summary,
        "tags": [route.audience],
        "security": SECURITY[route.audience],
        "parameters": parameters,
        "responses": {
            str(route.status): {"description": "OK", "content": _json(response)},
            **{
                code: {"description": why, "content": _json({"$ref": "#/components/schemas/Error"})}
                for code, why in errors.items()
            },
        },
    }
    if isinstance(route, Route) and route.etag:
        operation["responses"]["304"] = {"description": "Not modified (If-None-Match)"}
    if body is not None:
        operation["requestBody"] = {"required": True, "content": _json(body)}
    return operation


def _query_schema(body: dict, dotted: str) -> dict:
    """The schema of a (possibly nested) field, with references inlined one level."""
    return (
        {"type": "string"} if "." in dotted else body["properties"].get(dotted, {"type": "string"})
    )


def _json(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}
