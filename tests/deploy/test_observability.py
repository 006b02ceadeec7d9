"""Monitoring that watches what the code really exports: the ServiceMonitors scrape the
ports the Services name, the rules and the dashboard use only metric names the code
declares (or kube-state-metrics', for the jobs and Deployments), and every metric of the
code is on the dashboard. Schemas: tests/support/validation.py."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.support.deploy import ROOT, of_kind, selects
from tests.support.kustomize import build
from tests.support.validation import validate

OBSERVABILITY = ROOT / "k8s" / "observability"
DASHBOARD = OBSERVABILITY / "grafana" / "loyalty-suite.json"
# Metrics of kube-state-metrics (part of any Prometheus Operator stack) the rules use.
KUBE_STATE_METRICS = {
    "kube_deployment_status_replicas_available",
    "kube_job_status_failed",
    "kube_cronjob_status_last_successful_time",
}
DECLARATION = re.compile(r"\b(Counter|Histogram|Gauge|Summary)\(\s*\"([a-zA-Z_:][\w:]*)\"")
SERIES = {
    "Counter": ("_total", "_created"),
    "Histogram": ("_bucket", "_count", "_sum", "_created"),
    "Summary": ("", "_count", "_sum", "_created"),
    "Gauge": ("",),
}
PROMQL_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or"}
PROMQL_WORDS |= {"unless", "bool", "offset", "inf", "nan"}


def code_metrics() -> dict[str, str]:
    """Every metric family the code declares with prometheus_client: name -> type."""
    found = {}
    for package in ("common", "gateway", "services"):
        for path in (ROOT / package).rglob("*.py"):
            for kind, name in DECLARATION.findall(path.read_text()):
                found[name.removesuffix("_total") if kind == "Counter" else name] = kind
    return found


def exported_series() -> set[str]:
    return {name + suffix for name, kind in code_metrics().items() for suffix in SERIES[kind]}


def metric_names(expression: str) -> set[str]:
    """The metric names a PromQL expression selects."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', "", expression)  # strings
    text = re.sub(r"\{[^}]*\}", "", text)  # label matchers (and Grafana's ${...})
    text = re.sub(r"\[[^\]]*\]", "", text)  # ranges
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", text)
    names = set()
    for match in re.finditer(r"(?<![\w$.])([a-zA-Z_:][\w:]*)(\s*\()?", text):
        if not match.group(2) and match.group(1).lower() not in PROMQL_WORDS:
            names.add(match.group(1))
    return names


@pytest.fixture(scope="module")
def monitoring() -> list[dict]:
    return build(OBSERVABILITY)


def rule_expressions(monitoring: list[dict]) -> dict[str, str]:
    (rules,) = of_kind(monitoring, "PrometheusRule").values()
    return {r["alert"]: r["expr"] for g in rules["spec"]["groups"] for r in g["rules"]}


def dashboard_expressions() -> list[str]:
    dashboard = json.loads(DASHBOARD.read_text())
    return [t["expr"] for panel in dashboard["panels"] for t in panel["targets"]]


def test_the_monitoring_resources_validate_against_the_operators_schemas(monitoring):
    assert {r["kind"] for r in monitoring} == {"ServiceMonitor", "PrometheusRule"}
    for resource in monitoring:
        validate(resource)
        assert resource["metadata"]["namespace"] == "loyalty"


def test_the_schema_check_is_strict():
    bad = {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "ServiceMonitor",
        "metadata": {"name": "x"},
        "spec": {"selector": {}, "endpoints": [{"port": "metrics", "intervall": "30s"}]},
    }
    with pytest.raises(Exception, match="intervall"):
        validate(bad)


def test_the_metric_name_reader_finds_names_and_only_names():
    expression = (
        'histogram_quantile(0.99, sum by (le, grpc_method) (rate(a_seconds_bucket{x="y"}[5m])))'
        " / on (job) group_left b_total > 26 * 3600 and time() - c"
    )
    assert metric_names(expression) == {"a_seconds_bucket", "b_total", "c"}


def test_every_alert_uses_metrics_the_code_exports(monitoring):
    expressions = rule_expressions(monitoring)
    known = exported_series() | KUBE_STATE_METRICS
    assert "loyalty_grpc_server_handled_total" in known  # the reader found the code's
    for alert, expression in expressions.items():
        names = metric_names(expression)
        assert names, alert
        assert names <= known, f"{alert} uses {names - known}, which nothing exports"
    for wanted in ("LoyaltyGrpcErrorRate", "LoyaltyHttp5xxRate", "LoyaltyEarnSlow"):
        assert wanted in expressions
    assert any("audit" in alert.lower() for alert in expressions)


def test_the_dashboard_shows_every_metric_of_the_code_and_nothing_else():
    dashboard = json.loads(DASHBOARD.read_text())
    assert dashboard["uid"] and dashboard["panels"]
    used = set().union(*(metric_names(e) for e in dashboard_expressions()))
    assert used <= exported_series(), used - exported_series()
    for name, kind in code_metrics().items():
        assert {name + suffix for suffix in SERIES[kind]} & used, f"{name} is not on the dashboard"


@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_each_service_monitor_scrapes_a_port_its_services_have(monitoring, overlay):
    resources = build(ROOT / "k8s" / "overlays" / overlay)
    services = of_kind(resources, "Service").values()
    scraped = set()
    for monitor in of_kind(monitoring, "ServiceMonitor").values():
        spec = monitor["spec"]
        chosen = [s for s in services if selects(spec["selector"], s["metadata"]["labels"])]
        assert chosen, monitor["metadata"]["name"]
        for service in chosen:
            ports = {p["name"] for p in service["spec"]["ports"]}
            for endpoint in spec["endpoints"]:
                assert endpoint["port"] in ports, (service["metadata"]["name"], endpoint)
            scraped.add(service["metadata"]["name"])
    assert {"points", "members", "notifications", "gateway"} <= scraped


def test_prometheus_may_reach_what_it_scrapes(rendered):
    _overlay, resources = rendered
    for policy in of_kind(resources, "NetworkPolicy").values():
        name = policy["metadata"]["name"]
        if name == "gateway":
            continue  # open to the Ingress controller and Prometheus alike
        metrics = [r for r in policy["spec"]["ingress"] if "namespaceSelector" in str(r)]
        assert yaml.safe_dump(metrics).count("monitoring") == 1, name
