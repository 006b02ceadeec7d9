"""The Kubernetes manifests render, validate against Kubernetes' schemas, and say what the
code does: every variable a process reads is set, every port and probe is the one it
listens on, every Service selects pods, every CronJob runs a job the CLI has, and each
service takes calls only from those that make them."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess

import kubernetes_validate
import pytest
import yaml

from cli.jobs import JOBS
from tests.support.deploy import (
    OVERLAYS,
    ROOT,
    SERVICES,
    SETTINGS,
    container,
    environment,
    of_kind,
)
from tests.support.kustomize import build

KUBERNETES = "1.31.0"


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")
@pytest.mark.parametrize("overlay", OVERLAYS)
def test_our_build_is_what_kubectl_kustomize_builds(overlay):
    built = subprocess.run(
        ["kubectl", "kustomize", str(ROOT / "k8s" / "overlays" / overlay)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    theirs = {(d["kind"], d["metadata"]["name"]): d for d in yaml.safe_load_all(built) if d}
    ours = {(d["kind"], d["metadata"]["name"]): d for d in build(ROOT / "k8s/overlays" / overlay)}
    assert ours == theirs


def test_every_resource_validates_against_the_kubernetes_schemas(rendered):
    _overlay, resources = rendered
    assert len(resources) > 25
    for resource in resources:
        kubernetes_validate.validate(resource, KUBERNETES, strict=True)


def test_every_variable_a_process_reads_is_set(rendered):
    overlay, resources = rendered
    deployments = of_kind(resources, "Deployment")
    secrets = of_kind(resources, "Secret")
    for name, settings in SETTINGS.items():
        env = environment(resources, deployments[name])
        missing = [v.name for v in settings.variables() if v.name not in env and not v.tests_only]
        assert not [v.name for v in settings.variables() if v.tests_only and v.name in env]
        assert not missing, f"{overlay}: {name} does not set {missing}"
        for value in env.values():
            if value.startswith("secret:") and overlay == "dev":
                assert value.removeprefix("secret:") in secrets["loyalty-secrets"]["data"]


def test_secret_values_come_from_the_secret_never_the_config_map(rendered):
    _overlay, resources = rendered
    config = of_kind(resources, "ConfigMap")["loyalty-config"]["data"]
    for secret in ("MONGODB_URI", "REDIS_URL", "SMTP_USERNAME", "SMTP_PASSWORD", "WEBHOOK_SECRET"):
        assert secret not in config
    documented = (ROOT / "docs" / "DEPLOY.md").read_text()
    for deployment in of_kind(resources, "Deployment").values():
        for entry in container(deployment).get("env", []):
            if "valueFrom" in entry:
                assert f"`{entry['valueFrom']['secretKeyRef']['key']}`" in documented


def test_ports_and_probes_are_the_ones_the_processes_listen_on(rendered):
    _overlay, resources = rendered
    deployments = of_kind(resources, "Deployment")
    for name in SERVICES:
        env = environment(resources, deployments[name])
        spec = container(deployments[name])
        ports = {p["name"]: p["containerPort"] for p in spec["ports"]}
        assert ports == {
            "grpc": int(env["GRPC_PORT"]),
            "probe": int(env["GRPC_PROBE_PORT"]),
            "metrics": int(env["METRICS_PORT"]),
        }
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            # The health port of its own: a pod busy with calls still answers its probes.
            assert spec[probe]["grpc"]["port"] == int(env["GRPC_PROBE_PORT"])
        assert spec["livenessProbe"]["grpc"]["service"] == "liveness"
        assert "service" not in spec["readinessProbe"]["grpc"]  # the service's own status
    gateway = container(deployments["gateway"])
    env = environment(resources, deployments["gateway"])
    assert gateway["ports"] == [
        {"name": "http", "containerPort": int(env["GATEWAY_PORT"])},
        {"name": "probe", "containerPort": int(env["GATEWAY_PROBE_PORT"])},
    ]
    assert gateway["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert gateway["livenessProbe"]["httpGet"]["path"] == "/healthz"
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        # The probes' own port, with a thread of each worker: a busy pod still answers.
        assert gateway[probe]["httpGet"]["port"] == "probe"


def test_every_service_selects_pods_and_targets_their_ports(rendered):
    _overlay, resources = rendered
    workloads = [r for r in resources if r["kind"] in ("Deployment", "StatefulSet")]
    for service in of_kind(resources, "Service").values():
        selector = service["spec"]["selector"]
        matched = [
            w
            for w in workloads
            if selector.items() <= w["spec"]["template"]["metadata"]["labels"].items()
        ]
        assert matched, f"Service {service['metadata']['name']} selects no pods"
        names = {p["name"] for w in matched for p in container(w)["ports"]}
        for port in service["spec"]["ports"]:
            assert port["targetPort"] in names


def test_grpc_services_are_headless_so_clients_balance_over_pods(rendered):
    _overlay, resources = rendered
    services = of_kind(resources, "Service")
    config = of_kind(resources, "ConfigMap")["loyalty-config"]["data"]
    for name in SERVICES:
        assert services[name]["spec"]["clusterIP"] == "None"
        assert config[f"{name.upper()}_ADDR"].startswith(f"dns:///{name}:")


def test_every_cronjob_runs_a_job_the_cli_has_and_every_job_is_scheduled(rendered):
    _overlay, resources = rendered
    cronjobs = of_kind(resources, "CronJob")
    for name, cronjob in cronjobs.items():
        spec = cronjob["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
        # The audit reads the points database itself, a batch at a time: one RPC would
        # outlive the gRPC connections' age on a large ledger.
        audit = ["python", "-m", "services.points.ledger.audit_job"]
        expected = audit if name == "audit" else ["loyalty", "job", name]
        assert spec["command"] == expected
        if name == "audit":
            assert importlib.util.find_spec("services.points.ledger.audit_job") is not None
        assert cronjob["spec"]["concurrencyPolicy"] == "Forbid"
    assert set(cronjobs) == {*JOBS, "audit"}


def test_shutdown_fits_in_the_grace_period_and_everything_runs_locked_down(rendered):
    _overlay, resources = rendered
    config = of_kind(resources, "ConfigMap")["loyalty-config"]["data"]
    for name in (*SERVICES, "gateway"):
        deployment = of_kind(resources, "Deployment")[name]
        pod = deployment["spec"]["template"]["spec"]
        pause = container(deployment)["lifecycle"]["preStop"]["sleep"]["seconds"]
        assert pod["terminationGracePeriodSeconds"] > pause + float(
            config["SHUTDOWN_GRACE_SECONDS"]
        )
        assert pod["securityContext"]["runAsNonRoot"] is True
        security = container(deployment)["securityContext"]
        assert security["readOnlyRootFilesystem"] is True
        assert security["allowPrivilegeEscalation"] is False
        assert container(deployment)["resources"]["limits"]


def test_each_deployment_has_an_autoscaler_and_a_disruption_budget(rendered):
    _overlay, resources = rendered
    scalers = {
        h["spec"]["scaleTargetRef"]["name"]
        for h in of_kind(resources, "HorizontalPodAutoscaler").values()
    }
    budgets = {
        p["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"]
        for p in of_kind(resources, "PodDisruptionBudget").values()
    }
    for name in (*SERVICES, "gateway"):
        assert name in scalers and name in budgets


def test_each_service_takes_calls_only_from_those_that_make_them(rendered):
    _overlay, resources = rendered
    policies = of_kind(resources, "NetworkPolicy")
    callers = {name: {"job"} for name in SERVICES}  # `loyalty job` calls every service
    for caller, settings in SETTINGS.items():
        for var in settings.variables():
            if var.name.endswith("_ADDR"):
                callers[var.name.removesuffix("_ADDR").lower()].add(caller)
    for name in SERVICES:
        grpc_rule = policies[name]["spec"]["ingress"][0]
        allowed = {
            source["podSelector"]["matchLabels"].get("app.kubernetes.io/name")
            or source["podSelector"]["matchLabels"]["app.kubernetes.io/component"]
            for source in grpc_rule["from"]
        }
        assert allowed == callers[name], name
    # Only the gateway is reachable from outside: every Ingress points at it.
    for ingress in of_kind(resources, "Ingress").values():
        backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
        assert backend["name"] == "gateway"
