"""Liveness, readiness and metrics: what Kubernetes and Prometheus ask."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from common import metrics

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz():
    body, status, headers = liveness()
    return jsonify(body), status, headers


@blueprint.get("/readyz")
def readyz():
    body, status, headers = readiness(current_app)
    return jsonify(body), status, headers


def liveness() -> tuple[dict, int, dict]:
    """Alive: this process answers. Says nothing of the services behind it."""
    return {"status": "alive"}, 200, {}


def readiness(app) -> tuple[dict, int, dict]:
    """Ready once every downstream service has reported SERVING on grpc.health.v1, and
    from then on whatever they report: a service's outage then shows as "degraded" with
    its status, while this pod stays in rotation, because taking every gateway pod out
    would turn one service's outage into an outage of every route. (Also answered on the
    probe port, gateway/probes.py, outside any request.)"""
    services = app.extensions["downstream"].health()
    if all(status == "SERVING" for status in services.values()):
        app.extensions["ready_once"] = True
        return {"status": "ready", "services": services}, 200, {}
    if app.extensions.get("ready_once"):
        return {"status": "degraded", "services": services}, 200, {}
    return {"status": "not_ready", "services": services}, 503, {"Retry-After": "1"}


@blueprint.get("/metrics")
def prometheus_metrics():
    payload, content_type = metrics.render()
    return Response(payload, content_type=content_type)
