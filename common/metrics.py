"""Prometheus metrics every process exposes, and the endpoint that serves them.

gRPC services serve /metrics on their own port (METRICS_PORT). The gateway serves it
from Flask; under gunicorn, workers share figures through prometheus_client's
multiprocess mode (PROMETHEUS_MULTIPROC_DIR, set by gateway/gunicorn.conf.py).
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
    start_http_server,
)

# Buckets from 0.5 ms to 10 s: the hot path lives in the first few.
_LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10)

GRPC_SERVER_HANDLED = Counter(
    "loyalty_grpc_server_handled_total",
    "gRPC calls served, by method and status code",
    ["grpc_service", "grpc_method", "grpc_code"],
)
GRPC_SERVER_SECONDS = Histogram(
    "loyalty_grpc_server_handling_seconds",
    "Time to serve a gRPC call",
    ["grpc_service", "grpc_method"],
    buckets=_LATENCY_BUCKETS,
)
GRPC_CLIENT_HANDLED = Counter(
    "loyalty_grpc_client_handled_total",
    "gRPC calls made to other services, by method and status code",
    ["grpc_service", "grpc_method", "grpc_code"],
)
HTTP_REQUESTS = Counter(
    "loyalty_http_requests_total",
    "HTTP requests served by the gateway",
    ["method", "route", "status"],
)
HTTP_SECONDS = Histogram(
    "loyalty_http_request_seconds",
    "Time to serve an HTTP request",
    ["method", "route"],
    buckets=_LATENCY_BUCKETS,
)

# From a change's commit to its event on the stream: the outbox relay's lag.
OUTBOX_DELAY_SECONDS = Histogram(
    "loyalty_outbox_publish_delay_seconds",
    "Time from an event's change to its publication on the service's stream",
    ["stream"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900),
)


def serve_metrics(port: int, address: str = "0.0.0.0") -> int:  # noqa: S104 - scraped from other pods
    """Start the /metrics endpoint in a daemon thread; returns the bound port."""
    server, _thread = start_http_server(port, addr=address)
    return server.server_port


def render() -> tuple[bytes, str]:
    """The exposition text for this process, or for all gunicorn workers together."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST


def split_method(full_method: str) -> tuple[str, str]:
    """'/loyalty.points.v1.LedgerService/Earn' -> ('loyalty.points.v1.LedgerService', 'Earn')."""
    service, _, method = full_method.lstrip("/").rpartition("/")
    return service, method
