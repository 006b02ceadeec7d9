"""The deployment as rendered: both overlays, and docker-compose.yml."""

from __future__ import annotations

import pytest
import yaml

from tests.support.deploy import OVERLAYS, ROOT
from tests.support.kustomize import build


@pytest.fixture(scope="session", params=OVERLAYS)
def rendered(request) -> tuple[str, list[dict]]:
    return request.param, build(ROOT / "k8s" / "overlays" / request.param)


@pytest.fixture(scope="session")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())
