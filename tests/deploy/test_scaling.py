"""Scale and disruption, for every Deployment of the suite in both overlays: the HPA owns
the replica count, a PodDisruptionBudget lets one pod go at a time, pods spread over zones
and nodes, a rollout never takes a pod down first, and a pod's shutdown (the preStop pause,
then the drain the process itself allows) fits in its grace period."""

from __future__ import annotations

import ast

from tests.support.deploy import (
    ROOT,
    container,
    of_kind,
    pod_labels,
    selects,
    suite_deployments,
)

EXPECTED = {"points", "members", "notifications", "gateway"}


def gunicorn_graceful_timeout() -> float:
    """gateway/gunicorn_conf.py's graceful_timeout, read without running the module (it
    reads the environment and makes directories)."""
    tree = ast.parse((ROOT / "gateway" / "gunicorn_conf.py").read_text())
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and getattr(node.targets[0], "id", "") == "graceful_timeout"
        ):
            return float(ast.literal_eval(node.value))
    raise AssertionError("gunicorn_conf.py sets no graceful_timeout")


def test_every_suite_deployment_is_checked(rendered):
    _overlay, resources = rendered
    assert set(suite_deployments(resources)) == EXPECTED


def test_the_autoscaler_owns_the_count_and_scales_on_cpu_within_sensible_bounds(rendered):
    overlay, resources = rendered
    scalers = {
        h["spec"]["scaleTargetRef"]["name"]: h["spec"]
        for h in of_kind(resources, "HorizontalPodAutoscaler").values()
    }
    for name, deployment in suite_deployments(resources).items():
        # An apply would reset the count the HPA chose.
        assert "replicas" not in deployment["spec"], name
        spec = scalers[name]
        assert spec["scaleTargetRef"]["kind"] == "Deployment"
        assert spec["minReplicas"] >= (2 if overlay == "prod" else 1), name
        assert spec["maxReplicas"] >= 3 * spec["minReplicas"], name
        (metric,) = spec["metrics"]
        assert metric["resource"]["name"] == "cpu"
        assert 50 <= metric["resource"]["target"]["averageUtilization"] <= 80
        assert container(deployment)["resources"]["requests"]["cpu"]  # what % is of
        assert spec["behavior"]["scaleDown"]["stabilizationWindowSeconds"] >= 300


def test_a_disruption_budget_lets_one_pod_go_at_a_time(rendered):
    _overlay, resources = rendered
    budgets = of_kind(resources, "PodDisruptionBudget").values()
    for name, deployment in suite_deployments(resources).items():
        (budget,) = [b for b in budgets if selects(b["spec"]["selector"], pod_labels(deployment))]
        # maxUnavailable, not minAvailable: right at 2 pods and at 30, and a drain of a
        # one-pod dev cluster is not blocked.
        assert budget["spec"]["maxUnavailable"] == 1, name
        assert "minAvailable" not in budget["spec"]
        assert budget["spec"]["unhealthyPodEvictionPolicy"] == "AlwaysAllow"


def test_pods_spread_over_zones_and_nodes(rendered):
    _overlay, resources = rendered
    for name, deployment in suite_deployments(resources).items():
        pod = deployment["spec"]["template"]["spec"]
        spread = {c["topologyKey"]: c for c in pod.get("topologySpreadConstraints", [])}
        assert {"topology.kubernetes.io/zone", "kubernetes.io/hostname"} <= set(spread), name
        for constraint in spread.values():
            assert constraint["maxSkew"] == 1
            assert selects(constraint["labelSelector"], pod_labels(deployment))
            assert "pod-template-hash" in constraint["matchLabelKeys"]  # per revision
        node = spread["kubernetes.io/hostname"]
        assert node["whenUnsatisfiable"] == "DoNotSchedule"
        assert node["nodeTaintsPolicy"] == "Honor"  # tainted nodes do not count as empty


def test_a_rollout_never_takes_a_pod_down_first(rendered):
    _overlay, resources = rendered
    for name, deployment in suite_deployments(resources).items():
        strategy = deployment["spec"]["strategy"]
        assert strategy["type"] == "RollingUpdate", name
        assert strategy["rollingUpdate"]["maxUnavailable"] == 0
        assert strategy["rollingUpdate"]["maxSurge"] >= 1


def test_the_grace_period_outlasts_the_prestop_pause_and_the_drain(rendered):
    _overlay, resources = rendered
    config = of_kind(resources, "ConfigMap")["loyalty-config"]["data"]
    for name, deployment in suite_deployments(resources).items():
        pod = deployment["spec"]["template"]["spec"]
        pause = container(deployment)["lifecycle"]["preStop"]["sleep"]["seconds"]
        assert pause >= 3, name  # endpoints and the Ingress controller drop the pod first
        if name == "gateway":
            drain = gunicorn_graceful_timeout()
        else:
            env = {e["name"]: e.get("value") for e in container(deployment).get("env", [])}
            drain = float(env.get("SHUTDOWN_GRACE_SECONDS") or config["SHUTDOWN_GRACE_SECONDS"])
        assert pod["terminationGracePeriodSeconds"] >= pause + drain + 5, name
