"""Redis's two roles told apart: the instance the code reaches by REDIS_URL holds streams,
sessions and refresh tokens, so it is the durable kind (every write logged, no eviction);
the cache instance (k8s/redis-cache) keeps nothing and evicts least-recently-used keys."""

from __future__ import annotations

import base64

from tests.support.deploy import ROOT, SETTINGS, container, of_kind
from tests.support.kustomize import build
from tests.support.validation import validate


def flags(args: list[str]) -> dict[str, str]:
    args = [a for a in args if a != "redis-server"]
    return dict(zip(args[::2], args[1::2], strict=True))


def test_the_code_reads_one_redis_url_so_it_must_name_the_durable_instance():
    names = {v.name for settings in SETTINGS.values() for v in settings.variables()}
    redis_variables = {n for n in names if n.startswith("REDIS")}
    # When the code reads a cache URL of its own, the overlays set it to redis-cache
    # (test_manifests checks every variable is set) and this test changes with it.
    assert redis_variables == {"REDIS_URL"}


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
    for words in ("**durable**", "**cache**", "noeviction", "allkeys-lru", "Sizing", "outbox"):
        assert words in section
