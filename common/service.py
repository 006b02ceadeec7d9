"""Start one gRPC service process: settings, logs, stores, server, metrics, signals.

Every service's `__main__` is one call to `run_service`; what differs between services
is only their settings class and the servicers they register.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

import pymongo.errors
import redis

from common import clock, logs, stores
from common.embedded_redis import EmbeddedRedis
from common.grpc_server import Dependency, Registration, create_server
from common.metrics import serve_metrics
from common.settings import ServiceSettings, SettingsError

log = logging.getLogger("loyalty.service")

S = TypeVar("S", bound=ServiceSettings)


class Worker(Protocol):
    """Something a service runs beside its server (a relay, an event consumer)."""

    def start(self) -> object: ...

    def stop(self) -> None: ...


@dataclasses.dataclass
class ServiceContext:
    """What a service's servicers are built from, and the workers it runs beside them."""

    settings: ServiceSettings
    redis: redis.Redis
    workers: list[Worker] = dataclasses.field(default_factory=list)


BuildRegistrations = Callable[[ServiceContext], Sequence[Registration]]


def load_settings_or_exit(name: str, settings_class: type[S]) -> S:
    """The settings, or exit 2 with one line naming the bad variable (no traceback)."""
    try:
        return settings_class.from_env()
    except SettingsError as exc:
        sys.stderr.write(f"{name}: invalid configuration: {exc}\n")
        raise SystemExit(2) from None


def run_service(name: str, settings_class: type[ServiceSettings], build: BuildRegistrations) -> int:
    settings = load_settings_or_exit(name, settings_class)
    logs.configure(name, settings.log_level)
    clock.use_offset(settings.clock_offset)
    with contextlib.ExitStack() as resources:
        redis_url = settings.redis_url or resources.enter_context(EmbeddedRedis()).url
        _connect_mongo_or_exit(name, settings)
        redis_client = stores.connect_redis(redis_url)
        resources.callback(redis_client.close)
        context = ServiceContext(settings, redis_client)
        server, port = create_server(
            build(context),
            settings.grpc_port,
            [
                Dependency("mongodb", stores.ping_mongo),
                Dependency("redis", redis_client.ping, gates_readiness=False),
            ],
            max_workers=settings.grpc_max_workers,
        )
        metrics_port = serve_metrics(settings.metrics_port)
        server.start()
        for worker in context.workers:
            worker.start()
        log.info(
            "serving",
            extra={
                "grpc_port": port,
                "metrics_port": metrics_port,
                "store": "mongodb" if settings.mongodb_uri else "in-process",
                "redis": "external" if settings.redis_url else "private",
            },
        )
        wait_for_termination()
        server.stop(settings.shutdown_grace_seconds)
        for worker in reversed(context.workers):
            worker.stop()
    return 0


def _connect_mongo_or_exit(name: str, settings: ServiceSettings) -> None:
    try:
        stores.connect_mongo(settings.mongodb_uri, settings.mongodb_db)
    except pymongo.errors.ConfigurationError as exc:
        sys.stderr.write(f"{name}: invalid configuration: MONGODB_URI is unusable: {exc}\n")
        raise SystemExit(2) from None


def wait_for_termination() -> None:
    """Block until SIGTERM (Kubernetes, `loyalty dev`) or SIGINT (Ctrl-C) arrives."""
    stop = threading.Event()

    def request_stop(signum, _frame):
        log.info("received %s", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    stop.wait()
