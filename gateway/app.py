"""The REST gateway's app factory (the Flask tutorial's pattern).

gunicorn runs `gateway.app:create_app()`; tests call `create_app(settings)` directly.
"""

from __future__ import annotations

import logging
import time

from flask import Flask, g, request

from common import logs, metrics
from gateway.blueprints import health
from gateway.config import GatewaySettings
from gateway.downstream import Downstream
from gateway.errors import register_error_handlers

log = logging.getLogger("loyalty.gateway")


def create_app(settings: GatewaySettings | None = None) -> Flask:
    settings = settings or GatewaySettings.from_env()
    app = Flask(__name__)
    app.config["LOYALTY_SETTINGS"] = settings
    app.extensions["downstream"] = Downstream(settings)
    _observe_requests(app)
    register_error_handlers(app)
    app.register_blueprint(health.blueprint)
    return app


def _observe_requests(app: Flask) -> None:
    """Request id in, request id out, one log line and metrics per request."""

    @app.before_request
    def begin():
        request_id = logs.accept_request_id(request.headers.get(logs.REQUEST_ID_HEADER))
        g.request_id_token = logs.bind_request_id(request_id)
        g.started = time.perf_counter()

    @app.after_request
    def finish(response):
        seconds = time.perf_counter() - g.get("started", time.perf_counter())
        route = request.url_rule.rule if request.url_rule else "unmatched"
        response.headers[logs.REQUEST_ID_HEADER] = logs.current_request_id()
        metrics.HTTP_REQUESTS.labels(request.method, route, response.status_code).inc()
        metrics.HTTP_SECONDS.labels(request.method, route).observe(seconds)
        log.info(
            "http served",
            extra={
                "http_method": request.method,
                "route": route,
                "status": response.status_code,
                "duration_ms": round(seconds * 1000, 3),
            },
        )
        return response

    @app.teardown_request
    def end(_error):
        token = g.pop("request_id_token", None)
        if token is not None:
            logs.unbind_request_id(token)
