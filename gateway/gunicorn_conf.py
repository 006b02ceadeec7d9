"""gunicorn settings for the gateway, from the same environment variables it validates.

Run: gunicorn -c python:gateway.gunicorn_conf 'gateway.app:create_app()'
"""

import os
import secrets
import sys
import tempfile

from gunicorn.glogging import Logger

from common.settings import SettingsError
from gateway.config import GatewaySettings

try:
    _settings = GatewaySettings.from_env()
except SettingsError as exc:
    sys.stderr.write(f"gateway: invalid configuration: {exc}\n")
    raise SystemExit(2) from None

bind = f"0.0.0.0:{_settings.http_port}"
workers = _settings.workers
threads = _settings.threads
# gthread, answering the requests gunicorn refuses in the API's JSON error shape.
worker_class = "gateway.worker.JsonErrorsWorker"
# gunicorn's own defaults, stated: they bound what one request may make a worker hold
# before the app runs (the body's limit is the app's: gateway/body.py).
limit_request_line = 4094  # bytes of method, URL and version; longer answers 414
limit_request_fields = 100  # headers; more answer 431
limit_request_field_size = 8190  # bytes of one header; longer answers 431
# Match the services: SIGTERM lets requests in flight finish for up to this long.
graceful_timeout = 10
timeout = 30
accesslog = None  # the app logs one JSON line per request, with its request id


class AppLogsRequests(Logger):
    """gunicorn's own events only: its access line would repeat the app's line for every
    request (the JSON handler below enables it), and cost as much again to build."""

    def access(self, resp, req, environ, request_time) -> None:
        return None


logger_class = AppLogsRequests
loglevel = _settings.log_level
control_socket_disable = True  # one shared path per user would clash between instances
# gunicorn's own lines in the same JSON shape as the app's.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"json": {"()": "common.logs.json_handler", "service": "gateway"}},
    "root": {"handlers": ["json"], "level": _settings.log_level.upper()},
    "loggers": {
        "gunicorn.error": {"handlers": [], "propagate": True},
        "gunicorn.access": {"handlers": [], "propagate": True},
    },
}

# Every worker must sign and check members' tokens with the same key: without one from
# the environment, the master makes one before forking (tokens then end with the process).
if not _settings.jwt_secret:
    os.environ["GATEWAY_JWT_SECRET"] = secrets.token_urlsafe(32)

# Workers share Prometheus figures through files; the master makes the directory.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="loyalty-gateway-metrics-")


def post_worker_init(worker):
    """Each worker answers the probes on the probe port with a thread of its own."""
    if _settings.probe_port:
        from gateway.probes import ProbeServer

        worker.probes = ProbeServer(_settings.probe_port, worker.wsgi).start()


def worker_exit(server, worker):
    probes = getattr(worker, "probes", None)
    if probes is not None:
        probes.stop()


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
