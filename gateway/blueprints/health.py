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
    """Ready: every downstream service reports SERVING on grpc.health.v1."""
    services = current_app.extensions["downstream"].health()
    ready = all(status == "SERVING" for status in services.values())
    body = {"status": "ready" if ready else "not_ready", "services": services}
    if ready:
        return jsonify(body)
    return jsonify(body), 503, {"Retry-After": "1"}


@blueprint.get("/metrics")
def prometheus_metrics():
    payload, content_type = metrics.render()
    return Response(payload, content_type=content_type)
