"""Liveness, readiness and metrics: what Kubernetes and Prometheus ask."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from common import metrics

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz():
    """Alive: this process answers. Says nothing of the services behind it."""
    return jsonify(status="alive")


@blueprint.get("/readyz")
def readyz():
    """Ready once every downstream service has reported SERVING on grpc.health.v1, and
    from then on whatever they report: a service's outage then shows as "degraded" with
    its status, while this pod stays in rotation, because taking every gateway pod out
    would turn one service's outage into an outage of every route."""
    services = current_app.extensions["downstream"].health()
    serving = all(status == "SERVING" for status in services.values())
    if serving:
        current_app.extensions["ready_once"] = True
        return jsonify(status="ready", services=services)
    if current_app.extensions.get("ready_once"):
        return jsonify(status="degraded", services=services)
    return jsonify(status="not_ready", services=services), 503, {"Retry-After": "1"}


@blueprint.get("/metrics")
def prometheus_metrics():
    payload, content_type = metrics.render()
    return Response(payload, content_type=content_type)
