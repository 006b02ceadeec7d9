"""Strict schema validation of a rendered resource: Kubernetes' own kinds against
Kubernetes 1.31's schemas (kubernetes-validate), the Prometheus Operator's
(monitoring.coreos.com/v1) against its CRDs' schemas kept in tests/deploy/schemas, made
strict the way `kubectl apply --validate=strict` is: an unknown field is an error."""

from __future__ import annotations

import copy
import functools
import json

import jsonschema
import kubernetes_validate

from tests.support.deploy import ROOT

KUBERNETES = "1.31.0"
CRD_SCHEMAS = ROOT / "tests" / "deploy" / "schemas"


def validate(resource: dict) -> None:
    if resource["apiVersion"] == "monitoring.coreos.com/v1":
        jsonschema.Draft7Validator(crd_schema(resource["kind"])).validate(resource)
    else:
        kubernetes_validate.validate(resource, KUBERNETES, strict=True)


@functools.cache
def crd_schema(kind: str) -> dict:
    schema = json.loads((CRD_SCHEMAS / f"{kind}.json").read_text())
    schema.pop("$comment")
    return _strict(schema)


def _strict(schema: dict) -> dict:
    """No property beyond those declared, where the schema declares them (metadata is
    the API server's ObjectMeta, checked by its own rules)."""
    schema = copy.deepcopy(schema)
    stack = [schema]
    while stack:
        node = stack.pop()
        if not isinstance(node, dict):
            continue
        pattern = node.get("pattern")
        if isinstance(pattern, str) and "(?i)" in pattern[1:]:
            # Go's regexp takes flags anywhere, Python's only at the start.
            node["pattern"] = "(?i)" + pattern.replace("(?i)", "")
        properties = node.get("properties")
        if (
            isinstance(properties, dict)
            and "additionalProperties" not in node
            and "x-kubernetes-preserve-unknown-fields" not in node
        ):
            node["additionalProperties"] = False
        for key, value in node.items():
            if key == "metadata" and isinstance(value, dict) and value.get("type") == "object":
                continue
            if isinstance(value, dict):
                stack.append(value)
            elif isinstance(value, list):
                stack.extend(value)
    return schema
