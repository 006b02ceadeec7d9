"""docs/DEPLOY.md works as written: every key it shows is one the code accepts, its
Secret gives every process what it needs in production, its steps run in an order a
cluster accepts (a namespace before anything in it, a Secret before what reads it), and
every path it names exists or renders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pymongo import uri_parser

from services.points.partners.domain import KEY, parse_key
from tests.support import docs
from tests.support.deploy import ROOT, SETTINGS, container, of_kind
from tests.support.kustomize import CLUSTER_SCOPED, build
from tests.support.validation import validate

DEPLOY = ROOT / "docs" / "DEPLOY.md"
MARKDOWN = DEPLOY.read_text()


def shell_commands(section_body: str) -> list[list[str]]:
    return [c for block in docs.blocks(section_body, "sh") for c in docs.commands(block)]


def secret_command() -> list[str]:
    (command,) = [
        c
        for _, body in docs.sections(MARKDOWN)
        for c in shell_commands(body)
        if c[:1] == ["kubectl"] and "secret" in c and "create" in c
    ]
    return command


def every_key_shown() -> list[str]:
    """Every API key DEPLOY.md shows as a value (not the lsk_<id>_<secret> pattern), as
    the shell would produce it."""
    shown = []
    for block in docs.blocks(MARKDOWN, "sh"):
        shown += re.findall(r"lsk_[^\s\"'`]+", docs.expand(block.replace("\\\n", " ")))
    return shown


def test_every_key_the_deploy_guide_shows_is_one_the_code_accepts():
    keys = every_key_shown()
    assert len(keys) >= 2  # the compose .env and the production Secret
    for key in keys:
        assert parse_key(key) is not None, f"DEPLOY.md shows {key!r}, which the code ignores"


def test_the_key_format_the_guide_states_is_the_codes():
    id_length, secret_length = re.findall(r"\{(\d+),(\d+)\}", KEY.pattern)
    assert f"the id {id_length[0]} to {id_length[1]} lowercase letters or digits" in MARKDOWN
    assert f"the secret {secret_length[0]} to {secret_length[1]}" in MARKDOWN


def test_the_documented_secret_gives_every_process_what_it_needs_in_production():
    literals = docs.from_literals(secret_command())
    resources = build(ROOT / "k8s" / "overlays" / "prod")
    config = of_kind(resources, "ConfigMap")["loyalty-config"]["data"]
    deployments = of_kind(resources, "Deployment")
    for name, settings in SETTINGS.items():
        env = dict(config)
        for entry in container(deployments[name]).get("env", []):
            ref = entry.get("valueFrom", {}).get("secretKeyRef")
            if ref:
                assert ref["key"] in literals, f"the documented Secret has no {ref['key']}"
                env[entry["name"]] = literals[ref["key"]]
            else:
                env[entry["name"]] = entry["value"]
        assert env["LOYALTY_ENV"] == "production"
        settings.from_env(env)  # raises SettingsError naming what is wrong


def test_the_documented_mongodb_uri_is_a_replica_set_with_durable_writes_and_reads():
    uri = docs.from_literals(secret_command())["MONGODB_URI"]
    options = uri_parser.parse_uri(uri)["options"]
    assert len(uri_parser.parse_uri(uri)["nodelist"]) >= 3
    assert options["replicaSet"]
    assert options["w"] == "majority"
    assert options["retryWrites"] is True
    assert options["readConcernLevel"] == "majority"
    assert uri in (ROOT / "docs" / "ops" / "mongodb.md").read_text().replace(
        "PASSWORD", "value-of-mongodb-password"
    )


class Cluster:
    """What a cluster has after the commands so far: namespaces and Secrets."""

    def __init__(self) -> None:
        self.namespaces: set[str] = set()
        self.secrets: set[tuple[str, str]] = set()

    def run(self, command: list[str]) -> None:
        if command[:1] != ["kubectl"]:
            return
        namespace = docs.option(command, "-n", "--namespace")
        words, skip = [], False
        for word in command[1:]:
            if skip:
                skip = False
            elif word in ("-n", "--namespace", "-f", "-k"):
                skip = True
            elif not word.startswith("-"):
                words.append(word)
        if words[:2] == ["create", "namespace"]:
            self.namespaces.add(words[2])
        elif "apply" in words:
            self.apply(command, namespace)
        else:
            assert namespace in self.namespaces, f"{' '.join(command[:6])}: no namespace yet"
            if words[:2] == ["create", "secret"]:
                self.secrets.add((namespace, words[3]))

    def apply(self, command: list[str], namespace: str | None) -> None:
        kustomization = docs.option(command, "-k")
        if kustomization:
            resources = build(ROOT / kustomization)
        else:
            path = ROOT / docs.option(command, "-f")
            resources = [d for d in yaml.safe_load_all(path.read_text()) if d]
        # kubectl applies namespaces first, then the rest.
        for resource in resources:
            if resource["kind"] == "Namespace":
                self.namespaces.add(resource["metadata"]["name"])
        made = {
            (r["metadata"].get("namespace"), r["metadata"]["name"])
            for r in resources
            if r["kind"] == "Secret"
        }
        for resource in resources:
            if resource["kind"] in CLUSTER_SCOPED:
                continue
            where = resource["metadata"].get("namespace") or namespace or "default"
            assert where in self.namespaces, (
                f"{' '.join(command)}: {resource['kind']} {resource['metadata']['name']} "
                f"goes to namespace {where}, which does not exist yet"
            )
            for secret in secrets_read(resource):
                assert (where, secret) in self.secrets | made, (
                    f"{' '.join(command)}: {resource['metadata']['name']} reads the Secret "
                    f"{secret}, which is not created before it"
                )


def secrets_read(resource: dict) -> set[str]:
    if resource["kind"] != "Deployment":
        return set()
    names = set()
    for entry in container(resource).get("env", []):
        ref = entry.get("valueFrom", {}).get("secretKeyRef")
        if ref:
            names.add(ref["name"])
    return names


@pytest.mark.parametrize("heading", [h for h, body in docs.sections(MARKDOWN) if "```sh" in body])
def test_each_sections_steps_run_in_an_order_that_works(heading):
    """Each section's commands, run in order on an empty cluster, as the reader would."""
    (body,) = [b for h, b in docs.sections(MARKDOWN) if h == heading]
    cluster = Cluster()
    for command in shell_commands(body):
        cluster.run(command)


def test_the_production_steps_create_the_secret_and_then_apply_the_overlay():
    (body,) = [b for h, b in docs.sections(MARKDOWN) if h == "Production, in order"]
    steps = [" ".join(c) for c in shell_commands(body)]

    def step(start: str) -> int:
        (index,) = [i for i, s in enumerate(steps) if s.startswith(start)]
        return index

    namespace = step("kubectl apply -f k8s/base/namespace.yaml")
    secret = step("kubectl -n loyalty create secret generic loyalty-secrets")
    assert namespace < secret < step("kubectl apply -k k8s/overlays/prod")


def named_paths() -> set[str]:
    paths = set(re.findall(r"(?<![\w/.])((?:k8s|docs|tests)/[\w./-]*[\w/])", MARKDOWN))
    paths |= {f"docs/{link}" for link in re.findall(r"\]\((ops/[\w./-]+)\)", MARKDOWN)}
    paths |= {name for name in ("Dockerfile", "docker-compose.yml") if name in MARKDOWN}
    return paths


@pytest.mark.parametrize("named", sorted(named_paths()))
def test_every_path_the_guide_names_exists_and_every_kustomization_renders(named):
    path = ROOT / named
    assert path.exists(), f"DEPLOY.md names {named}, which does not exist"
    if path.is_dir() and (path / "kustomization.yaml").exists():
        resources = build(path)
        assert resources
        for resource in resources:
            validate(resource)


def test_the_site_example_renders_on_the_prod_overlay_with_a_host_tls_and_registry(
    tmp_path: Path,
):
    (example,) = [b for b in docs.blocks(MARKDOWN, "yaml") if "kind: Kustomization" in b]
    site = tmp_path / "site"
    site.mkdir()
    base = str(ROOT / "k8s" / "overlays" / "prod")
    (site / "kustomization.yaml").write_text(example.replace("../../k8s/overlays/prod", base))
    resources = build(site)
    for resource in resources:
        validate(resource)
    (ingress,) = of_kind(resources, "Ingress").values()
    host = ingress["spec"]["rules"][0]["host"]
    assert ingress["spec"]["tls"] == [{"hosts": [host], "secretName": "gateway-tls"}]
    for deployment in of_kind(resources, "Deployment").values():
        assert container(deployment)["image"].startswith("registry.")
