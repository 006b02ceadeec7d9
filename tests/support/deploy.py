"""The deployment as the tests read it: where the repository is, the overlays, the
processes and their settings, and the parts of a rendered manifest."""

from __future__ import annotations

from pathlib import Path

from gateway.config import GatewaySettings
from services.members.config import MembersSettings
from services.notifications.config import NotificationsSettings
from services.points.config import PointsSettings

ROOT = Path(__file__).resolve().parents[2]
OVERLAYS = ("dev", "prod")
SETTINGS = {
    "points": PointsSettings,
    "members": MembersSettings,
    "notifications": NotificationsSettings,
    "gateway": GatewaySettings,
}
SERVICES = ("points", "members", "notifications")


def of_kind(resources: list[dict], kind: str) -> dict[str, dict]:
    return {r["metadata"]["name"]: r for r in resources if r["kind"] == kind}


def container(deployment: dict) -> dict:
    (only,) = deployment["spec"]["template"]["spec"]["containers"]
    return only


# The suite's own Deployments: those running the image this repository builds.
def suite_deployments(resources: list[dict]) -> dict[str, dict]:
    return {
        name: d
        for name, d in of_kind(resources, "Deployment").items()
        if "loyalty-suite" in container(d)["image"]
    }


def environment(resources: list[dict], workload: dict) -> dict[str, str]:
    """What the container's environment holds: its ConfigMaps' data and its own values
    (a Secret reference reads as "secret:<key>")."""
    maps = of_kind(resources, "ConfigMap")
    spec = container(workload)
    values = {}
    for source in spec.get("envFrom", []):
        values.update(maps[source["configMapRef"]["name"]]["data"])
    for entry in spec.get("env", []):
        ref = entry.get("valueFrom", {}).get("secretKeyRef")
        values[entry["name"]] = f"secret:{ref['key']}" if ref else entry["value"]
    return values


def pod_labels(workload: dict) -> dict[str, str]:
    return workload["spec"]["template"]["metadata"]["labels"]


def selects(selector: dict, labels: dict[str, str]) -> bool:
    """A LabelSelector (matchLabels and matchExpressions) against a pod's labels."""
    if not selector.get("matchLabels", {}).items() <= labels.items():
        return False
    for expression in selector.get("matchExpressions", []):
        value = labels.get(expression["key"])
        operator = expression["operator"]
        if operator == "In" and value not in expression["values"]:
            return False
        if operator == "NotIn" and value in expression["values"]:
            return False
        if operator == "Exists" and value is None:
            return False
        if operator == "DoesNotExist" and value is not None:
            return False
    return True
