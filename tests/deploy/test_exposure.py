"""What the world reaches, and what the production overlay deploys: the Ingresses route the
gateway's public API and its staff console and nothing of its health or metrics, and the
production rendering holds no placeholder (no made-up host, no CHANGE_ME, no <...>)."""

from __future__ import annotations

import re

import pytest
import yaml

from gateway.app import create_app
from gateway.config import GatewaySettings
from tests.support.deploy import ROOT, of_kind
from tests.support.kustomize import build

PLACEHOLDER = re.compile(
    r"(?i)change[_-]?me|example\.(com|org|net)|\bTODO\b|\bFIXME\b|\bxxx+\b|<[^<>\s]+>|\.\.\."
)


@pytest.fixture(scope="module")
def gateway_rules() -> list[str]:
    app = create_app(GatewaySettings.from_env({}))
    return sorted({rule.rule for rule in app.url_map.iter_rules()})


def routed(paths: list[dict], url: str) -> bool:
    """Whether an Ingress rule's paths send `url` on (Prefix: whole path elements)."""
    for path in paths:
        prefix = path["path"].rstrip("/")
        if path["pathType"] == "Exact" and url == path["path"]:
            return True
        if path["pathType"] == "Prefix" and (url == prefix or url.startswith(prefix + "/")):
            return True
    return False


# Each Ingress and the one path it routes to the gateway.
DOORS = {"gateway": "/v1", "console": "/console"}


def test_the_ingresses_route_the_public_api_and_the_console_and_nothing_else(
    rendered, gateway_rules
):
    _overlay, resources = rendered
    ingresses = of_kind(resources, "Ingress")
    assert set(ingresses) == set(DOORS)
    paths = []
    for name, ingress in ingresses.items():
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                assert path["backend"]["service"]["name"] == "gateway"
                assert path["pathType"] in ("Prefix", "Exact")
                assert path["path"] == DOORS[name] or path["path"].startswith(DOORS[name] + "/")
                paths.append(path)
    for url in ("/metrics", "/readyz", "/healthz", "/", "/admin"):
        assert not routed(paths, url), f"an Ingress routes {url}"
    for url in gateway_rules:
        concrete = re.sub(r"<[^>]+>", "x", url)
        public = url.startswith(("/v1/", "/console/")) or url == "/console"
        assert routed(paths, concrete) == public, url


def test_the_production_overlay_renders_with_no_placeholder():
    rendered = yaml.safe_dump_all(build(ROOT / "k8s" / "overlays" / "prod"))
    found = sorted({m.group(0) for m in PLACEHOLDER.finditer(rendered)})
    assert not found, f"placeholders in the production rendering: {found}"


def test_the_placeholder_check_would_catch_what_the_overlay_used_to_hold():
    for old in ("api.loyalty.example.com", "registry.example.com/x", "CHANGE_ME", "<host>"):
        assert PLACEHOLDER.search(old)
