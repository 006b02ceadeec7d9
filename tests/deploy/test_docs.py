"""docs/DEPLOY.md works as written: every key it shows is one the code accepts, its
Secret gives every process what it needs in production, its steps run in an order a
cluster accepts (a namespace before anything in it, a Secret before what reads it), and
every path it names exists or renders."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from pymongo import uri_parser

from services.points.partners.domain import KEY, parse_key
from tests.support import docs
from tests.support.deploy import ROOT, SERVICES, SETTINGS, container, of_kind
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


def resolved_environment(config: dict, workload: dict, literals: dict[str, str]) -> dict:
    """What the container's environment holds with the documented Secret's values."""
    env = dict(config)
    for entry in container(workload).get("env", []):
        ref = entry.get("valueFrom", {}).get("secretKeyRef")
        if ref:
            assert ref["key"] in literals, f"the documented Secret has no {ref['key']}"
            env[entry["name"]] = literals[ref["key"]]
        else:
            env[entry["name"]] = entry["value"]
    return env


def test_the_documented_secret_gives_every_process_what_it_needs_in_production():
    literals = docs.from_literals(secret_command())
    resources = build(ROOT / "k8s" / "overlays" / "prod")
    config = of_kind(resources, "ConfigMap")["loyalty-config"]["data"]
    deployments = of_kind(resources, "Deployment")
    for name, settings in SETTINGS.items():
        env = resolved_environment(config, deployments[name], literals)
        assert env["LOYALTY_ENV"] == "production"
        settings.from_env(env)  # raises SettingsError naming what is wrong
    # The migration Jobs too: `migrate` checks the same settings before it starts.
    migrations = [j for j in of_kind(resources, "Job").values() if migrates(j)]
    assert {migrates(j) for j in migrations} == set(SERVICES)
    for job in migrations:
        env = resolved_environment(config, job, literals)
        assert env["LOYALTY_ENV"] == "production"
        SETTINGS[migrates(job)].from_env(env)


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


def migrates(job: dict) -> str | None:
    """The service a Job migrates (`python -m services.<name> migrate`), if it does."""
    command = container(job).get("command", [])
    if command[:2] == ["python", "-m"] and command[3:] == ["migrate"]:
        return command[2].removeprefix("services.")
    return None


class Cluster:
    """What a cluster has after the commands so far: namespaces, Secrets, ConfigMaps and
    Jobs (and which of those have completed)."""

    def __init__(self) -> None:
        self.namespaces: set[str] = set()
        self.secrets: set[tuple[str, str]] = set()
        self.config_maps: set[tuple[str, str]] = set()
        self.jobs: dict[tuple[str, str], dict] = {}
        self.completed: set[tuple[str, str]] = set()

    def run(self, command: list[str]) -> None:
        if command[:1] != ["kubectl"]:
            return
        namespace = docs.option(command, "-n", "--namespace")
        words, skip = [], False
        for word in command[1:]:
            if skip:
                skip = False
            elif word in ("-n", "--namespace", "-f", "-k", "-l", "--selector", "--timeout"):
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
            elif words[:2] == ["delete", "job"]:
                self.delete_jobs(command, namespace)
            elif words[:1] == ["wait"]:
                self.wait(command, namespace, words[1:])

    def apply(self, command: list[str], namespace: str | None) -> None:
        kustomization = docs.option(command, "-k")
        if kustomization:
            rendered = build(ROOT / kustomization)
        else:
            path = ROOT / docs.option(command, "-f")
            rendered = [d for d in yaml.safe_load_all(path.read_text()) if d]
        selector = docs.option(command, "-l", "--selector")
        resources = [
            r
            for r in rendered
            if selector is None or docs.selector_matches(selector, r["metadata"].get("labels", {}))
        ]
        # kubectl applies namespaces first, then the rest.
        for resource in resources:
            if resource["kind"] == "Namespace":
                self.namespaces.add(resource["metadata"]["name"])

        def made(kind: str) -> set[tuple[str | None, str]]:
            return {
                (r["metadata"].get("namespace"), r["metadata"]["name"])
                for r in resources
                if r["kind"] == kind
            }

        secrets, config_maps = self.secrets | made("Secret"), self.config_maps | made("ConfigMap")
        for resource in resources:
            if resource["kind"] in CLUSTER_SCOPED:
                continue
            where = resource["metadata"].get("namespace") or namespace or "default"
            what = f"{' '.join(command)}: {resource['kind']} {resource['metadata']['name']}"
            assert where in self.namespaces, (
                f"{what} goes to namespace {where}, which does not exist yet"
            )
            for secret in secrets_read(resource):
                assert (where, secret) in secrets, (
                    f"{what} reads the Secret {secret}, which is not created before it"
                )
            for config_map in config_maps_read(resource):
                assert (where, config_map) in config_maps, (
                    f"{what} reads the ConfigMap {config_map}, which is not applied before it"
                )
            service = serves(resource)
            if service and not migrates_at_start(rendered, resource):
                assert any(
                    migrates(job) == service
                    for key, job in self.jobs.items()
                    if key in self.completed and key[0] == where
                ), f"{what} does not migrate at start, and no migration of it has completed"
            if resource["kind"] == "Job":
                key = (where, resource["metadata"]["name"])
                assert self.jobs.get(key, resource) == resource, (
                    f"{what} differs from the Job already there (a Job cannot change)"
                )
                self.jobs[key] = resource
            elif resource["kind"] == "ConfigMap":
                self.config_maps.add((where, resource["metadata"]["name"]))

    def delete_jobs(self, command: list[str], namespace: str) -> None:
        selector = docs.option(command, "-l", "--selector")
        assert selector is not None, f"{' '.join(command)}: which Jobs?"
        for key, job in list(self.jobs.items()):
            if key[0] == namespace and docs.selector_matches(selector, job["metadata"]["labels"]):
                del self.jobs[key]
                self.completed.discard(key)

    def wait(self, command: list[str], namespace: str, names: list[str]) -> None:
        assert docs.option(command, "--for") == "condition=complete", " ".join(command)
        assert docs.option(command, "--timeout"), f"{' '.join(command)}: waits for ever"
        assert names and all(n.startswith("job/") for n in names), " ".join(command)
        for name in names:
            key = (namespace, name.removeprefix("job/"))
            assert key in self.jobs, f"{' '.join(command)}: no Job {key[1]} applied before"
            self.completed.add(key)


def serves(resource: dict) -> str | None:
    """The service a Deployment runs (`python -m services.<name>`), if it runs one."""
    if resource["kind"] != "Deployment":
        return None
    command = container(resource).get("command", [])
    if command[:2] == ["python", "-m"] and len(command) == 3:
        return command[2].removeprefix("services.")
    return None


def pod_spec(resource: dict) -> dict | None:
    if resource["kind"] == "CronJob":
        return resource["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    if resource["kind"] in ("Deployment", "StatefulSet", "Job"):
        return resource["spec"]["template"]["spec"]
    return None


def secrets_read(resource: dict) -> set[str]:
    names = set()
    for spec in (pod_spec(resource) or {}).get("containers", []):
        for entry in spec.get("env", []):
            ref = entry.get("valueFrom", {}).get("secretKeyRef")
            if ref:
                names.add(ref["name"])
    return names


def config_maps_read(resource: dict) -> set[str]:
    return {
        source["configMapRef"]["name"]
        for spec in (pod_spec(resource) or {}).get("containers", [])
        for source in spec.get("envFrom", [])
        if "configMapRef" in source
    }


def migrates_at_start(rendered: list[dict], deployment: dict) -> bool:
    """MIGRATE_AT_START as the Deployment's container sees it (true unless set false)."""
    maps = of_kind(rendered, "ConfigMap")
    value = "true"
    for name in config_maps_read(deployment):
        value = maps[name]["data"].get("MIGRATE_AT_START", value)
    for entry in container(deployment).get("env", []):
        if entry["name"] == "MIGRATE_AT_START":
            value = entry["value"]
    return value.strip().lower() == "true"


@pytest.mark.parametrize("heading", [h for h, body in docs.sections(MARKDOWN) if "```sh" in body])
def test_each_sections_steps_run_in_an_order_that_works(heading):
    """Each section's commands, run in order on an empty cluster, as the reader would."""
    (body,) = [b for h, b in docs.sections(MARKDOWN) if h == heading]
    cluster = Cluster()
    for command in shell_commands(body):
        cluster.run(command)


def test_the_production_steps_migrate_before_the_suite_and_monitor_after_it():
    (body,) = [b for h, b in docs.sections(MARKDOWN) if h == "Production, in order"]
    commands = shell_commands(body)
    steps = [" ".join(c) for c in commands]

    def step(start: str) -> int:
        (index,) = [i for i, s in enumerate(steps) if s.startswith(start)]
        return index

    namespace = step("kubectl apply -f k8s/base/namespace.yaml")
    secret = step("kubectl -n loyalty create secret generic loyalty-secrets")
    delete = step("kubectl -n loyalty delete job -l app.kubernetes.io/component=migration")
    migrations = step("kubectl apply -k k8s/overlays/prod -l ")
    wait = step("kubectl -n loyalty wait ")
    (suite,) = [i for i, s in enumerate(steps) if s == "kubectl apply -k k8s/overlays/prod"]
    monitoring = step("kubectl apply -k k8s/observability")
    assert namespace < secret < delete < migrations < wait < suite < monitoring
    # The migration pass applies the Jobs and what they read, and nothing that serves;
    # the wait names every one of them.
    selector = docs.option(commands[migrations], "-l")
    chosen = [
        r
        for r in build(ROOT / "k8s" / "overlays" / "prod")
        if docs.selector_matches(selector, r["metadata"].get("labels", {}))
    ]
    assert {r["kind"] for r in chosen} == {"ConfigMap", "Job"}
    jobs = {f"job/{r['metadata']['name']}" for r in chosen if r["kind"] == "Job"}
    assert {w for w in commands[wait] if w.startswith("job/")} == jobs
    # The wait outlasts the Jobs' own deadline: it never gives up on a Job still building.
    timeout = docs.option(commands[wait], "--timeout")
    seconds = int(timeout[:-1]) * {"s": 1, "m": 60, "h": 3600}[timeout[-1]]
    assert seconds >= max(r["spec"]["activeDeadlineSeconds"] for r in chosen if r["kind"] == "Job")
    assert {migrates(r) for r in chosen if r["kind"] == "Job"} == set(SERVICES)


def test_the_suite_alone_after_a_new_image_is_refused_until_the_old_jobs_go():
    """Step 4 without step 3, with a new image: the Jobs of the last release cannot take
    the new template, so the apply fails on them (the reminder the guide promises)."""
    (body,) = [b for h, b in docs.sections(MARKDOWN) if h == "Production, in order"]
    cluster = Cluster()
    for command in shell_commands(body):
        cluster.run(command)
    for key, job in list(cluster.jobs.items()):
        changed = copy.deepcopy(job)
        container(changed)["image"] = "loyalty-suite:0.2.0"
        cluster.jobs[key] = changed
    with pytest.raises(AssertionError, match="a Job cannot change"):
        cluster.run(["kubectl", "apply", "-k", "k8s/overlays/prod"])


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
    ingresses = of_kind(resources, "Ingress")
    hosts = {}
    for name, ingress in ingresses.items():
        hosts[name] = ingress["spec"]["rules"][0]["host"]
        tls = [{"hosts": [hosts[name]], "secretName": f"{name}-tls"}]
        assert ingress["spec"]["tls"] == tls
    assert hosts["gateway"] != hosts["console"]
    allowed = ingresses["console"]["metadata"]["annotations"]
    assert allowed["nginx.ingress.kubernetes.io/whitelist-source-range"]
    for deployment in of_kind(resources, "Deployment").values():
        assert container(deployment)["image"].startswith("registry.")
