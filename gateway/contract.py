"""The gRPC contracts as the REST API shows them: protobuf messages to and from JSON, and
the JSON Schema of each message, generated from its descriptor (so the OpenAPI document
and the request checks always say what the services take).

JSON uses the proto field names (snake_case); enums are their names; 64-bit integers
are JSON integers; Timestamps are RFC 3339 strings; Money is {amount_minor, currency}.
"""

from __future__ import annotations

from google.protobuf import json_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message

from common.limits import AMOUNT_MINOR_CEILING, POINTS_CEILING

F = FieldDescriptor
INTEGERS = {
    F.TYPE_INT32: (-(2**31), 2**31 - 1),
    F.TYPE_SINT32: (-(2**31), 2**31 - 1),
    F.TYPE_SFIXED32: (-(2**31), 2**31 - 1),
    F.TYPE_UINT32: (0, 2**32 - 1),
    F.TYPE_FIXED32: (0, 2**32 - 1),
    F.TYPE_INT64: (-(2**63), 2**63 - 1),
    F.TYPE_SINT64: (-(2**63), 2**63 - 1),
    F.TYPE_SFIXED64: (-(2**63), 2**63 - 1),
    F.TYPE_UINT64: (0, 2**64 - 1),
    F.TYPE_FIXED64: (0, 2**64 - 1),
}
SIXTY_FOUR_BITS = {F.TYPE_INT64, F.TYPE_SINT64, F.TYPE_SFIXED64, F.TYPE_UINT64, F.TYPE_FIXED64}
TIMESTAMP = "google.protobuf.Timestamp"


def to_json(message: Message) -> dict:
    """The message as the API answers it: every field, with its default when unset."""
    data = json_format.MessageToDict(
        message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )
    return _integers(message.DESCRIPTOR, data)


def from_json(data: dict, message_class: type[Message]) -> Message:
    """A request message from checked JSON (see `schema`)."""
    return json_format.ParseDict(data, message_class())


def schema(descriptor: Descriptor, components: dict, omit: frozenset[str] = frozenset()) -> dict:
    """The JSON Schema of a message; nested messages go to `components` by full name."""
    properties = {
        field.name: field_schema(field, components)
        for field in descriptor.fields
        if field.name not in omit
    }
    return {"type": "object", "properties": properties, "additionalProperties": False}


def ref(descriptor: Descriptor, components: dict) -> dict:
    name = descriptor.full_name
    if name not in components:
        components[name] = {}  # a placeholder first: messages may refer to themselves
        components[name] = schema(descriptor, components)
    return {"$ref": f"#/components/schemas/{name}"}


def field_schema(field: FieldDescriptor, components: dict) -> dict:
    if field.message_type is not None and field.message_type.GetOptions().map_entry:
        value = field.message_type.fields_by_name["value"]
        return {"type": "object", "additionalProperties": _single(value, components)}
    single = _single(field, components)
    return {"type": "array", "items": single} if _repeated(field) else single


def _single(field: FieldDescriptor, components: dict) -> dict:
    if field.type == F.TYPE_MESSAGE:
        if field.message_type.full_name == TIMESTAMP:
            return {"type": "string", "format": "date-time"}
        return ref(field.message_type, components)
    if field.type == F.TYPE_ENUM:
        return {"type": "string", "enum": [value.name for value in field.enum_type.values]}
    if field.type in INTEGERS:
        low, high = _bounds(field)
        return {"type": "integer", "minimum": low, "maximum": high}
    if field.type in (F.TYPE_DOUBLE, F.TYPE_FLOAT):
        return {"type": "number"}
    if field.type == F.TYPE_BOOL:
        return {"type": "boolean"}
    if field.type == F.TYPE_BYTES:
        return {"type": "string", "contentEncoding": "base64"}
    return {"type": "string"}


# Integer fields whose values are amounts or points: the suite's ceilings bound them.
CEILINGS = {"amount_minor": AMOUNT_MINOR_CEILING, "points": POINTS_CEILING}


def _bounds(field: FieldDescriptor) -> tuple[int, int]:
    low, high = INTEGERS[field.type]
    ceiling = CEILINGS.get(field.name)
    return (max(low, -ceiling), min(high, ceiling)) if ceiling else (low, high)


def _repeated(field: FieldDescriptor) -> bool:
    return field.is_repeated


def _integers(descriptor: Descriptor, data: dict) -> dict:
    """MessageToDict writes 64-bit integers as strings (for JavaScript); ours are numbers."""
    for field in descriptor.fields:
        if field.name not in data:
            continue
        value = data[field.name]
        if field.type in SIXTY_FOUR_BITS:
            data[field.name] = [int(v) for v in value] if _repeated(field) else int(value)
        elif field.type == F.TYPE_MESSAGE and field.message_type.full_name != TIMESTAMP:
            if field.message_type.GetOptions().map_entry:
                inner = field.message_type.fields_by_name["value"]
                if inner.type in SIXTY_FOUR_BITS:
                    data[field.name] = {k: int(v) for k, v in value.items()}
                elif inner.type == F.TYPE_MESSAGE:
                    data[field.name] = {
                        k: _integers(inner.message_type, v) for k, v in value.items()
                    }
            elif _repeated(field):
                data[field.name] = [_integers(field.message_type, v) for v in value]
            else:
                data[field.name] = _integers(field.message_type, value)
    return data
