"""Writes the typed client's loyalty_client/api.py from this gateway's OpenAPI document.

    make client                                # = python -m gateway.client_code
    python -m gateway.client_code --check      # exit 1 when api.py is not what it would write

Each schema becomes a TypedDict (a message's fields, every one optional on the way in;
a request body's required fields marked Required), each operation a method of the class
of its audience (Me, Partner, Admin, Auth), named after its RPC in snake case, with the
path's parameters first, then the body, then the query and the Idempotency-Key as
keywords. The document comes from the gateway app itself, so the client follows the
routes as they are declared; a test runs --check, so the two never drift.
"""

from __future__ import annotations

import argparse
import keyword
import re
import subprocess
import sys
from pathlib import Path

from gateway.app import create_app

TARGET = Path(__file__).parent.parent / "loyalty_client" / "api.py"
CLASSES = {"member": "MemberApi", "partner": "PartnerApi", "staff": "AdminApi", "public": "AuthApi"}
SUFFIXES = ("ForMember", "ForPartner")
SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def openapi_document() -> dict:
    with create_app().test_client() as client:
        return client.get("/v1/openapi.json").get_json()


def module_text(document: dict) -> str:
    names = class_names(document["components"]["schemas"])
    writer = Writer(names)
    for name, schema in document["components"]["schemas"].items():
        writer.typed_dict(names[name], schema)
    operations: dict[str, list[str]] = {audience: [] for audience in CLASSES}
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            if not _answers_json(operation):
                continue  # a streamed file (an export): read it with any HTTP client
            audience = operation["tags"][0]
            operations[audience].append(writer.operation(path, method, operation))
    return writer.module(operations)


def _answers_json(operation: dict) -> bool:
    return all(
        "application/json" in answer["content"]
        for status, answer in operation["responses"].items()
        if status.startswith("2") and "content" in answer
    )


def class_names(schemas: dict) -> dict[str, str]:
    """`loyalty.points.v1.Lot` -> `Lot`; a short name two packages share keeps its package."""
    short = {name: name.rsplit(".", 1)[-1] for name in schemas}
    taken = [s for s in short.values()]
    names = {}
    for name, last in short.items():
        if taken.count(last) > 1:
            package = name.split(".")[1:-1]  # ["points", "v1"]
            last = "".join(part.title() for part in package) + last
        names[name] = last
    return names


class Writer:
    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.classes: list[str] = []

    def typed_dict(self, name: str, schema: dict, required: tuple[str, ...] = ()) -> str:
        lines = [f"class {name}(TypedDict, total=False):"]
        lines.append(f"    {_docstring(schema.get('description', ''), name)}")
        for field, field_schema in schema.get("properties", {}).items():
            kind = self.annotation(field_schema, f"{name}{_camel(field)}")
            if field in required:
                kind = f"Required[{kind}]"
            comment = _first_sentence(field_schema.get("description", ""))
            lines.append(f"    {field}: {kind}" + (f"  # {comment}" if comment else ""))
        self.classes.append("\n".join(lines))
        return name

    def annotation(self, schema: dict, nested_name: str) -> str:
        if "$ref" in schema:
            return self.names[schema["$ref"].rsplit("/", 1)[-1]]
        if "const" in schema:
            return f"Literal[{schema['const']!r}]"
        if "enum" in schema:
            return "Literal[" + ", ".join(repr(value) for value in schema["enum"]) + "]"
        kind = schema.get("type")
        if kind == "array":
            return f"list[{self.annotation(schema.get('items', {}), nested_name + 'Item')}]"
        if kind == "object" and "properties" in schema:
            return self.typed_dict(nested_name, schema, tuple(schema.get("required", ())))
        if kind == "object":
            value = schema.get("additionalProperties")
            inner = self.annotation(value, nested_name + "Value") if value else "Any"
            return f"dict[str, {inner}]"
        return SCALARS.get(kind, "Any")

    def operation(self, path: str, method: str, operation: dict) -> str:
        name = _method_name(operation["operationId"])
        base = _camel(operation["operationId"])  # unique, where the method name is not
        parameters = operation.get("parameters", [])
        in_path = [p for p in parameters if p["in"] == "path"]
        in_query = [p for p in parameters if p["in"] == "query"]
        key = next((p for p in parameters if p["name"] == "Idempotency-Key"), None)
        arguments, sent = ["self"], []
        arguments += [f"{_identifier(p['name'])}: str" for p in in_path]
        body = operation.get("requestBody")
        if body is not None:
            schema = body["content"]["application/json"]["schema"]
            kind = self.body_annotation(schema, f"{base}Body")
            arguments.append(f"body: {kind}" if body.get("required") else f"body: {kind} = {{}}")
            sent.append("body=body")
        keywords = []
        if key is not None:
            keywords.append(
                "idempotency_key: str" if key["required"] else "idempotency_key: str | None = None"
            )
            sent.append("idempotency_key=idempotency_key")
        for parameter in in_query:
            kind = self.annotation(parameter["schema"], f"{base}{_camel(parameter['name'])}")
            keywords.append(f"{_identifier(parameter['name'])}: {kind} | None = None")
        if keywords:
            arguments += ["*", *keywords]
        if in_query:
            pairs = ", ".join(f"{p['name']!r}: {_identifier(p['name'])}" for p in in_query)
            sent.append(f"query={{{pairs}}}")
        url = re.sub(r"\{(\w+)\}", lambda m: "{_segment(" + _identifier(m.group(1)) + ")}", path)
        answer = self.answer_annotation(operation, f"{base}Answer")
        target = f'f"{url}"' if "{" in url else repr(url)
        call = ", ".join([repr(method.upper()), target, *sent])
        summary = _docstring(operation.get("summary", ""), name)
        return (
            f"    def {name}({', '.join(arguments)}) -> {answer}:\n"
            f"        {summary}\n"
            f"        return self._transport.send({call})"
        )

    def body_annotation(self, schema: dict, name: str) -> str:
        if "$ref" in schema:
            return self.annotation(schema, name)
        return self.typed_dict(name, schema, tuple(schema.get("required", ())))

    def answer_annotation(self, operation: dict, name: str) -> str:
        for status, response in operation["responses"].items():
            if status.startswith("2") and "content" in response:
                schema = response["content"]["application/json"]["schema"]
                return self.body_annotation(schema, name)
        return "dict[str, Any]"

    def module(self, operations: dict[str, list[str]]) -> str:
        parts = [*self.classes]
        for audience, methods in operations.items():
            parts.append(_api_class(CLASSES[audience], audience, methods))
        body = "\n\n\n".join(parts) + "\n"
        typing = ["Any", "Literal", "Required", "TypedDict"]
        used = [name for name in typing if re.search(rf"\b{name}\b", body)]
        return HEADER.replace("TYPING", ", ".join(used)) + "\n\n\n" + body


HEADER = '''"""The Loyalty Suite REST API, typed: made by `make client` from the OpenAPI document.

Do not edit: change the routes or the .proto comments, then run `make client`.
"""

# ruff: noqa: E501 - the fields' descriptions ride along as end-of-line comments

from __future__ import annotations

import urllib.parse
from typing import TYPING

from loyalty_client.transport import Transport


def _segment(value: str) -> str:
    return urllib.parse.quote(str(value), safe="")'''


def _api_class(name: str, audience: str, methods: list[str]) -> str:
    doc = {
        "member": "The member app: every call acts for the signed-in member (/v1/me).",
        "partner": "A partner's tills, with a partner key (/v1/partner).",
        "staff": "The CRM team and ops, with a staff key (/v1/admin).",
        "public": "Sign-in: codes by SMS and tokens (/v1/auth).",
    }[audience]
    head = (
        f'class {name}:\n    """{doc}"""\n\n'
        "    def __init__(self, transport: Transport) -> None:\n"
        "        self._transport = transport"
    )
    return "\n\n".join([head, *methods])


def _method_name(operation_id: str) -> str:
    for suffix in SUFFIXES:
        operation_id = operation_id.removesuffix(suffix)
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()
    return snake + "_" if keyword.iskeyword(snake) else snake


def _identifier(name: str) -> str:
    """`page.page_size` -> `page_size`; `code` stays `code`."""
    last = name.rsplit(".", 1)[-1].replace("-", "_")
    return last + "_" if keyword.iskeyword(last) else last


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[._-]", name))


def _first_sentence(text: str) -> str:
    line = " ".join(text.split())
    cut = re.split(r"(?<=\.)\s", line, maxsplit=1)[0]
    return cut[:96] + ("..." if len(cut) > 96 else "")


def _docstring(text: str, fallback: str) -> str:
    line = _first_sentence(text) or fallback
    return '"""' + line.replace("\\", "\\\\").replace('"""', "'''") + '"""'


def formatted(text: str) -> str:
    """The module as `ruff format` leaves it, so make lint and --check agree."""
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", str(TARGET), "-"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gateway.client_code", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only say whether api.py is current")
    args = parser.parse_args(argv)
    text = formatted(module_text(openapi_document()))
    if args.check:
        current = TARGET.read_text() if TARGET.exists() else ""
        if current != text:
            print("loyalty_client/api.py is out of date: run `make client`", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
