"""Redis's two roles told apart: the instance the code reaches by REDIS_URL holds streams,
sessions and refresh tokens, so it is the durable kind (every write logged, no eviction);
the one the services reach by REDIS_CACHE_URL holds only caches, so it is the cache kind
(k8s/redis-cache: keeps nothing and evicts least-recently-used keys)."""

from __future__ import annotations

import base64

from tests.support.deploy import (
    ROOT,
    SERVICES,
    SETTINGS,
    container,
    of_kind,
    pod_labels,
    selects,
)
from tests.support.kustomize import build
from tests.support.validation import validate


def flags(args: list[str]) -> dict[str, str]:
    args = [a for a in args if a != "redis-server"]
    return dict(zip(args[::2], args[1::2], strict=True))


def test_the_services_read_a_durable_and_a_cache_url_and_the_gateway_the_durable_one():
    reads = {
        name: {v.name for v in settings.variables() if v.name.startswith("REDIS")}
        for name, settings in SETTINGS.items()
    }
    assert reads == {
        **{name: {"REDIS_URL", "REDIS_CACHE_URL"} for name in SERVICES},
        "gateway": {"REDIS_URL"},  # it caches nothing in Redis
    }


def test_each_overlay_gives_the_caches_their_own_url_from_the_secret(rendered):
    _overlay, resources = rendered
    for name in SERVICES:
        env = {e["name"]: e for e in container(of_kind(resources, "Deployment")[name])["env"]}
        for variable in ("REDIS_URL", "REDIS_CACHE_URL"):
            ref = env[variable]["valueFrom"]["secretKeyRef"]
            assert ref == {"name": "loyalty-secrets", "key": variable}
    gateway = {e["name"] for e in container(of_kind(resources, "Deployment")["gateway"])["env"]}
    assert "REDIS_CACHE_URL" not in gateway


def test_the_dev_overlays_cache_url_names_the_cache_instance():
    resources = build(ROOT / "k8s" / "overlays" / "dev")
    secret = of_kind(resources, "Secret")["loyalty-secrets"]["data"]
    url = base64.b64decode(secret["REDIS_CACHE_URL"]).decode()
    host, port = url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)
    service = of_kind(resources, "Service")[host]
    assert any(p["port"] == int(port) for p in service["spec"]["ports"])
    (deployment,) = [
        d
        for d in of_kind(resources, "Deployment").values()
        if selects({"matchLabels": service["spec"]["selector"]}, pod_labels(d))
    ]
    options = flags(container(deployment)["args"])
    assert options["--appendonly"] == "no" and options["--save"] == ""
    assert options["--maxmemory-policy"] in ("allkeys-lru", "volatile-lru")
    assert url != base64.b64decode(secret["REDIS_URL"]).decode()


def test_the_dev_overlays_redis_url_names_a_durable_instance():
    resources = build(ROOT / "k8s" / "overlays" / "dev")
    secret = of_kind(resources, "Secret")["loyalty-secrets"]["data"]
    url = base64.b64decode(secret["REDIS_URL"]).decode()
    host = url.split("//", 1)[1].split(":", 1)[0]  # redis-0.redis
    statefulset = of_kind(resources, "StatefulSet")[host.split(".")[1]]
    options = flags(container(statefulset)["args"])
    assert options["--appendonly"] == "yes"
    assert options["--appendfsync"] in ("everysec", "always")
    assert options["--maxmemory-policy"] == "noeviction"
    assert statefulset["spec"]["volumeClaimTemplates"]  # the log survives the pod


def test_the_cache_instance_keeps_nothing_and_evicts():
    resources = build(ROOT / "k8s" / "redis-cache")
    for resource in resources:
        validate(resource)
    (deployment,) = of_kind(resources, "Deployment").values()
    options = flags(container(deployment)["args"])
    assert options["--appendonly"] == "no"
    assert options["--save"] == ""
    assert options["--maxmemory-policy"] in ("allkeys-lru", "volatile-lru")
    assert "volumes" not in deployment["spec"]["template"]["spec"]
    assert container(deployment)["securityContext"]["readOnlyRootFilesystem"] is True


def test_the_guide_says_what_each_role_holds_and_loses():
    guide = (ROOT / "docs" / "DEPLOY.md").read_text()
    section = guide[guide.index("## Redis: two roles") :]
    section = section[: section.index("\n## ", 3)]
    for words in (
        "**durable**",
        "**cache**",
        "`REDIS_URL`",
        "`REDIS_CACHE_URL`",
        "noeviction",
        "allkeys-lru",
        "Sizing",
        "outbox",
    ):
        assert words in section
