"""The REST gateway's app factory (the Flask tutorial's pattern).

gunicorn runs `gateway.app:create_app()`; tests call `create_app(settings)` directly.
One blueprint per audience, all under /v1: the member app (/v1/me, /v1/auth), partner
tills (/v1/partner) and the CRM team and ops (/v1/admin); health, metrics and the
OpenAPI document beside them.
"""

from __future__ import annotations

import importlib
import logging
import secrets
import time

from flask import Blueprint, Flask, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

from common import clock, logs, metrics, stores
from common.breaker import Breaker
from common.contracts import register_contracts
from gateway import body, console
from gateway.access import authenticate
from gateway.api import Api
from gateway.auth import Authenticator
from gateway.blueprints import (
    admin,
    auth,
    custom_events,
    docs,
    exports,
    health,
    imports,
    me,
    partner,
)
from gateway.config import GatewaySettings
from gateway.downstream import Downstream
from gateway.errors import register_error_handlers

log = logging.getLogger("loyalty.gateway")
AUDIENCES = (me, partner, admin, custom_events, imports)


def create_app(settings: GatewaySettings | None = None) -> Flask:
    settings = settings or GatewaySettings.from_env()
    clock.use_offset(settings.clock_offset)
    register_contracts()
    importlib.import_module("grpc_health.v1.health_pb2")  # the ping routes' messages
    # The docs page's files under /v1 too, so the Ingress routes the public API alone.
    app = Flask(__name__, static_url_path="/v1/static")
    if settings.trusted_proxies:
        # Behind an Ingress the socket's peer is the proxy: take the client's address (for
        # the per-address limits) from the X-Forwarded-For those proxies set.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies)
    app.config.update(
        LOYALTY_SETTINGS=settings,
        MAX_CONTENT_LENGTH=body.READ_LIMIT,
        RATE_LIMIT=settings.rate_limit_per_minute,
        PUBLIC_LIMIT=max(10, settings.rate_limit_per_minute // 10),
    )
    downstream = Downstream(settings)
    client = stores.connect_redis(settings.redis_url)
    app.extensions.update(
        downstream=downstream,
        redis=client,
        redis_breaker=Breaker(),
        store_partners={},  # store id -> its partner, as read once (a store never moves)
        auth=Authenticator(
            downstream,
            client,
            settings.jwt_secret or secrets.token_urlsafe(32),
            settings.access_token_seconds,
        ),
    )
    api = Api()
    for module in AUDIENCES:
        # The declared routes get a blueprint of their own per app (rules cannot be added
        # to a blueprint once registered, and tests make several apps in one process).
        routes = Blueprint(f"{module.blueprint.name}_routes", __name__)
        for route in module.ROUTES:
            api.add(routes, route, authenticate)
        app.register_blueprint(routes)
    for module in (auth, partner, exports):
        api.routes += module.OPERATIONS
    app.extensions["api"] = api
    _observe_requests(app)
    app.before_request(body.refuse_oversized)
    register_error_handlers(app)
    for module in (health, docs, auth, partner, exports):
        app.register_blueprint(module.blueprint)
    app.register_blueprint(console.blueprint)  # the staff console, /console (not the API)
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
        for name, value in g.get("rate_headers", {}).items():
            response.headers.setdefault(name, value)
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
