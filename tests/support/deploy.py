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
