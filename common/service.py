"""Start one gRPC service: settings, logs, stores, server, metrics, start-up, shutdown.

Every service's `__main__` is one call to `run_service` with its settings class and its
bootstrap (`services/<name>/bootstrap.py`), which wires the service from its settings and
its stores and names what it serves, what runs beside it (relays, event consumers,
dispatchers) and what must be done once the stores answer (indexes, a bootstrap key).
The tests start services through `start_service`, the same path without the signals, so
nothing runs in a test that production does not run, and the other way round.

Start-up never needs the stores to answer: the server listens at once and reports
NOT_SERVING; `prepare` is retried with backoff until MongoDB and Redis answer, then the
workers start and health turns SERVING.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import signal
import sys
import threading
from collections.abc import Callable
from typing import Protocol, TypeVar

import pymongo.errors
import redis
from pymongo.database import Database

from common import clock, logs, stores
from common.embedded_mongo import EmbeddedMongo, StoreUnavailable
from common.embedded_redis import EmbeddedRedis
from common.grpc_server import Dependency, Registration, ServiceServer, create_server
from common.metrics import serve_metrics
from common.settings import ServiceSettings, SettingsError

log = logging.getLogger("loyalty.service")

S = TypeVar("S", bound=ServiceSettings)
FIRST_RETRY_SECONDS, LAST_RETRY_SECONDS = 0.25, 10.0


class Worker(Protocol):
    """Something a service runs beside its server (a relay, an event consumer)."""

    def start(self) -> object: ...

    def stop(self) -> None: ...


class Wiring(Protocol):
    """What a service's bootstrap builds (without touching a store)."""

    def registrations(self) -> list[Registration]: ...

    def workers(self) -> list[Worker]: ...

    def prepare(self) -> None:
        """Idempotent start-up work on the stores; raises while one does not answer."""


Bootstrap = Callable[[S, Database, redis.Redis], Wiring]


@dataclasses.dataclass
class RunningService:
    """A service serving in this process; `stop` is the graceful shutdown SIGTERM runs."""

    name: str
    settings: ServiceSettings
    wiring: Wiring
    server: ServiceServer
    port: int
    metrics_port: int
    db: Database
    redis: redis.Redis
    resources: contextlib.ExitStack
    prepared: threading.Event
    stopping: threading.Event

    def stop(self, grace: float | None = None) -> None:
        self.stopping.set()
        self.server.stop(self.settings.shutdown_grace_seconds if grace is None else grace)
        if self.prepared.is_set():
            for worker in reversed(self.wiring.workers()):
                worker.stop()
        self.resources.close()


def start_service(
    name: str, settings: S, bootstrap: Bootstrap, *, address: str = "[::]"
) -> RunningService:
    """The service serving (health NOT_SERVING until its start-up work is done)."""
    clock.use_offset(settings.clock_offset)
    resources = contextlib.ExitStack()
    try:
        mongodb_uri = settings.mongodb_uri or _private(resources, EmbeddedMongo()).uri
        redis_url = settings.redis_url or _private(resources, EmbeddedRedis()).url
        try:
            db = stores.connect_mongo(mongodb_uri, settings.mongodb_db)
        except pymongo.errors.ConfigurationError as exc:
            raise SettingsError(f"MONGODB_URI is unusable: {exc}") from None
        resources.callback(db.client.close)
        redis_client = stores.connect_redis(redis_url)
        resources.callback(redis_client.close)
        wiring = bootstrap(settings, db, redis_client)
        prepared = threading.Event()
        server, port = create_server(
            wiring.registrations(),
            settings.grpc_port,
            [
                Dependency("mongodb", lambda: db.command("ping")),
                Dependency("redis", redis_client.ping, gates_readiness=False),
                Dependency("start-up", lambda: _done(prepared), gates_readiness=False),
            ],
            address=address,
            max_workers=settings.grpc_max_workers,
            max_connection_age=settings.grpc_max_connection_age_seconds,
            probe_port=settings.grpc_probe_port,
        )
        metrics_port = serve_metrics(settings.metrics_port)
    except BaseException:
        resources.close()
        raise
    running = RunningService(
        name,
        settings,
        wiring,
        server.start(),
        port,
        metrics_port,
        db,
        redis_client,
        resources,
        prepared,
        threading.Event(),
    )
    threading.Thread(target=_prepare, args=(running,), name="start-up", daemon=True).start()
    log.info(
        "listening",
        extra={
            "grpc_port": port,
            "probe_port": server.probe_port,
            "metrics_port": metrics_port,
            "store": "MONGODB_URI" if settings.mongodb_uri else "private, non-durable",
            "redis": "REDIS_URL" if settings.redis_url else "private",
        },
    )
    return running


def _private(resources: contextlib.ExitStack, server):
    """A development store of this process's own (outside production only)."""
    try:
        return resources.enter_context(server)
    except StoreUnavailable as exc:
        raise SettingsError(str(exc)) from None


def _done(prepared: threading.Event) -> None:
    if not prepared.is_set():
        raise RuntimeError("start-up work not done yet")


def _prepare(running: RunningService) -> None:
    """Retries the start-up work with backoff until the stores answer, then starts the
    workers. A service whose MongoDB is down at start waits here, NOT_SERVING."""
    delay = FIRST_RETRY_SECONDS
    while not running.stopping.is_set():
        try:
            running.wiring.prepare()
            break
        except Exception as exc:
            log.warning("start-up waits for the stores: %s; again in %.1fs", exc, delay)
            running.stopping.wait(delay)
            delay = min(delay * 2, LAST_RETRY_SECONDS)
    else:
        return
    for worker in running.wiring.workers():
        worker.start()
    running.prepared.set()
    log.info("serving")


def load_settings_or_exit(name: str, settings_class: type[S]) -> S:
    """The settings, or exit 2 with one line naming the bad variable (no traceback)."""
    try:
        return settings_class.from_env()
    except SettingsError as exc:
        sys.stderr.write(f"{name}: invalid configuration: {exc}\n")
        raise SystemExit(2) from None


def run_service(name: str, settings_class: type[S], bootstrap: Bootstrap) -> int:
    settings = load_settings_or_exit(name, settings_class)
    logs.configure(name, settings.log_level)
    try:
        running = start_service(name, settings, bootstrap)
    except SettingsError as exc:
        sys.stderr.write(f"{name}: invalid configuration: {exc}\n")
        return 2
    wait_for_termination()
    running.stop()
    return 0


def wait_for_termination() -> None:
    """Block until SIGTERM (Kubernetes, `loyalty dev`) or SIGINT (Ctrl-C) arrives."""
    stop = threading.Event()

    def request_stop(signum, _frame):
        log.info("received %s", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    stop.wait()
