"""Start one gRPC service: settings, logs, stores, server, metrics, start-up, shutdown.

Every service's `__main__` is one call to `main` with its settings class and its
bootstrap (`services/<name>/bootstrap.py`), which wires the service from its settings and
its stores and names what it serves, what runs beside it (relays, event consumers,
dispatchers), what must be done once per deployment (`migrate`: indexes, a bootstrap key,
default data) and what at every start once the stores answer (`prepare`).
The tests start services through `start_service`, the same path without the signals, so
nothing runs in a test that production does not run, and the other way round.

Start-up never needs the stores to answer: the server listens at once and reports
NOT_SERVING; `migrate` (with MIGRATE_AT_START, the default) and `prepare` are retried
with backoff until MongoDB and Redis answer, then the workers start and health turns
SERVING. `python -m services.<name> migrate` runs `migrate` alone and exits: production
runs it as a Job once per deployment and starts its pods with MIGRATE_AT_START=false, so
a pod that starts (a scale-up, a restart) creates no index.

Two Redis roles: REDIS_URL holds what must survive (event streams); REDIS_CACHE_URL, when
set, the caches, which may be lost at any time. A bootstrap gets a client for each (the
same client when REDIS_CACHE_URL is empty).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import signal
import sys
import threading
import time
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
# How long `migrate` waits for MongoDB before it gives up (exit 1: the Job retries).
MIGRATE_TIMEOUT_SECONDS = 120.0
# The Redis client `migrate` is given: it touches MongoDB only, and a client connects lazily.
UNUSED_REDIS_URL = "redis://127.0.0.1:6379/0"


class Worker(Protocol):
    """Something a service runs beside its server (a relay, an event consumer)."""

    def start(self) -> object: ...

    def stop(self) -> None: ...


class Wiring(Protocol):
    """What a service's bootstrap builds (without touching a store)."""

    def registrations(self) -> list[Registration]: ...

    def workers(self) -> list[Worker]: ...

    def migrate(self) -> None:
        """Idempotent work once per deployment (indexes, a bootstrap key, default data);
        raises while a store does not answer."""

    def prepare(self) -> None:
        """Idempotent work at every start; raises while a store does not answer."""


# bootstrap(settings, db, redis for what must survive, redis for the caches)
Bootstrap = Callable[[S, Database, redis.Redis, redis.Redis], Wiring]


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
    cache_redis: redis.Redis
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
        cache_client = redis_client
        dependencies = [
            Dependency("mongodb", lambda: db.command("ping")),
            Dependency("redis", redis_client.ping, gates_readiness=False),
        ]
        if settings.redis_cache_url:
            cache_client = stores.connect_redis(settings.redis_cache_url)
            resources.callback(cache_client.close)
            dependencies.append(Dependency("redis-cache", cache_client.ping, gates_readiness=False))
        wiring = bootstrap(settings, db, redis_client, cache_client)
        prepared = threading.Event()
        dependencies.append(Dependency("start-up", lambda: _done(prepared), gates_readiness=False))
        server, port = create_server(
            wiring.registrations(),
            settings.grpc_port,
            dependencies,
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
        cache_client,
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
            "redis_cache": "REDIS_CACHE_URL" if settings.redis_cache_url else "as redis",
            "migrate_at_start": settings.migrate_at_start,
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
    """Retries the start-up work (the deployment's too, with MIGRATE_AT_START) with
    backoff until the stores answer, then starts the workers. A service whose MongoDB is
    down at start waits here, NOT_SERVING."""
    delay = FIRST_RETRY_SECONDS
    while not running.stopping.is_set():
        try:
            if running.settings.migrate_at_start:
                running.wiring.migrate()
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


def main(name: str, settings_class: type[S], bootstrap: Bootstrap, argv: list[str]) -> int:
    """`python -m services.<name>`: serve until SIGTERM; `... migrate`: the deployment's
    work (indexes, ...) on MONGODB_URI, then exit."""
    match argv:
        case []:
            return run_service(name, settings_class, bootstrap)
        case ["migrate"]:
            return run_migration(name, settings_class, bootstrap)
    sys.stderr.write(f"usage: python -m services.{name} [migrate]\n")
    return 2


def run_migration(
    name: str,
    settings_class: type[S],
    bootstrap: Bootstrap,
    timeout_seconds: float = MIGRATE_TIMEOUT_SECONDS,
) -> int:
    """Runs the wiring's `migrate` on MONGODB_URI, retried with backoff while MongoDB does
    not answer (up to `timeout_seconds`); 0 when done, 1 when MongoDB never answered, 2
    on a configuration error."""
    settings = load_settings_or_exit(name, settings_class)
    logs.configure(name, settings.log_level)
    if not settings.mongodb_uri:
        sys.stderr.write(
            f"{name}: invalid configuration: MONGODB_URI is required to migrate "
            "(a private store would end with this process)\n"
        )
        return 2
    with contextlib.ExitStack() as resources:
        try:
            db = stores.connect_mongo(settings.mongodb_uri, settings.mongodb_db)
        except pymongo.errors.ConfigurationError as exc:
            sys.stderr.write(f"{name}: invalid configuration: MONGODB_URI is unusable: {exc}\n")
            return 2
        resources.callback(db.client.close)
        unused = stores.connect_redis(settings.redis_url or UNUSED_REDIS_URL)
        resources.callback(unused.close)
        wiring = bootstrap(settings, db, unused, unused)
        deadline = time.monotonic() + timeout_seconds
        delay = FIRST_RETRY_SECONDS
        while True:
            try:
                wiring.migrate()
                break
            except Exception as exc:
                if time.monotonic() + delay > deadline:
                    log.error("migration failed: %s", exc)
                    return 1
                log.warning("migration waits for MongoDB: %s; again in %.1fs", exc, delay)
                time.sleep(delay)
                delay = min(delay * 2, LAST_RETRY_SECONDS)
    log.info("migrated", extra={"database": settings.mongodb_db})
    return 0


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
