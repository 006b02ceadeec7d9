"""A small kustomize: renders k8s/ overlays with exactly the features they use
(resources, namespace, images, secretGenerator literals, strategic-merge patch files and
JSON 6902 patches on a kind, or a kind and a name). The tests compare it with
`kubectl kustomize` wherever kubectl is installed, so a feature it gets wrong cannot pass
unnoticed; where it is not, this is the build the tests check."""

from __future__ import annotations

import base64
import copy
from pathlib import Path

import yaml

CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume"}
WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "Job"}


def build(directory: Path) -> list[dict]:
    """The resources the kustomization in `directory` renders."""
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text())
    resources: list[dict] = []
    for entry in kustomization.get("resources", []):
        path = directory / entry
        resources += build(path) if path.is_dir() else _documents(path)
    resources += [_secret(spec) for spec in kustomization.get("secretGenerator", [])]
    for patch in kustomization.get("patches", []):
        resources = _apply(directory, patch, resources)
    for image in kustomization.get("images", []):
        _retag(resources, image)
    if "namespace" in kustomization:
        for resource in resources:
            if resource["kind"] not in CLUSTER_SCOPED:
                resource["metadata"]["namespace"] = kustomization["namespace"]
    return resources


def _documents(path: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def _secret(spec: dict) -> dict:
    data = {}
    for literal in spec.get("literals", []):
        key, _, value = literal.partition("=")
        data[key] = _base64(value)
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": spec["name"]},
        "type": "Opaque",
        "data": data,
    }


def _base64(value: str) -> str:
    """As kustomize encodes: on one line, or in lines of 70 when longer."""
    encoded = base64.b64encode(value.encode()).decode()
    if len(encoded) <= 70:
        return encoded
    return "".join(encoded[i : i + 70] + "\n" for i in range(0, len(encoded), 70))


def _apply(directory: Path, patch: dict, resources: list[dict]) -> list[dict]:
    if "path" in patch:
        for change in _documents(directory / patch["path"]):
            target = _find(resources, change["kind"], change["metadata"]["name"])
            _merge(target, change)
        return resources
    operations = yaml.safe_load(patch["patch"])
    target = patch["target"]
    for resource in resources:
        if resource["kind"] == target["kind"] and target.get("name") in (
            None,
            resource["metadata"]["name"],
        ):
            for operation in operations:
                _json_patch(resource, operation)
    return resources


def _find(resources: list[dict], kind: str, name: str) -> dict:
    for resource in resources:
        if resource["kind"] == kind and resource["metadata"]["name"] == name:
            return resource
    raise LookupError(f"no {kind} {name} to patch")


def _merge(target: dict, change: dict) -> None:
    """Strategic merge as kustomize does it for these manifests: maps merge, lists of
    named items merge by name, other lists are replaced."""
    for key, value in change.items():
        current = target.get(key)
        if isinstance(value, dict) and isinstance(current, dict):
            _merge(current, value)
        elif _named(value) and _named(current):
            by_name = {item["name"]: item for item in current}
            added = []
            for item in value:
                if item["name"] in by_name:
                    _merge(by_name[item["name"]], item)
                else:
                    added.append(copy.deepcopy(item))
            current[:0] = added  # kustomize puts the items a patch adds first
        else:
            target[key] = copy.deepcopy(value)


def _named(value) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) and "name" in item for item in value)
    )


def _json_patch(resource: dict, operation: dict) -> None:
    parts = [p.replace("~1", "/").replace("~0", "~") for p in operation["path"][1:].split("/")]
    *parents, last = parts
    node = resource
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    if operation["op"] not in ("replace", "add"):
        raise ValueError(f"unsupported JSON patch op {operation['op']}")
    if isinstance(node, list):
        node[int(last)] = operation["value"]
    else:
        node[last] = operation["value"]


def _retag(resources: list[dict], image: dict) -> None:
    for container in _containers(resources):
        name, _, _tag = container["image"].partition(":")
        if name == image["name"]:
            container["image"] = f"{image.get('newName', name)}:{image['newTag']}"


def _containers(resources: list[dict]):
    for resource in resources:
        spec = resource.get("spec", {})
        if resource["kind"] == "CronJob":
            spec = spec["jobTemplate"]["spec"]
        if resource["kind"] in WORKLOADS | {"CronJob"}:
            yield from spec["template"]["spec"]["containers"]
