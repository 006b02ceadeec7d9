"""Shared fixtures: the stores (a real MongoDB wire-protocol server and a real Redis, each
started once per run), services started as their entry points start them, the clock moved,
the running suite; and, as plugins, the service fixtures more than one folder uses.

Helpers (waiting for a condition, request builders, clients) are in tests/support/, which
tests import by name; nothing imports from a conftest.py."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pymongo
import pytest

from cli.suite import Ports, Suite
from common import clock, stores
from common.embedded_mongo import EmbeddedMongo
from common.embedded_redis import EmbeddedRedis
from common.service import Bootstrap, RunningService, start_service
from common.settings import ServiceSettings
from tests.support.gateway import ADMIN_KEY
from tests.support.waiting import wait_for

# Fixtures for tests in several folders (pytest reads this list only here, at the root).
pytest_plugins = ["tests.plugins.points", "tests.plugins.members"]


def pytest_report_header(config) -> str:
    given = os.environ.get("MONGODB_URI")
    where = "MONGODB_URI (the tests leave it as they found it, but for their own databases)"
    if not given:
        where = "a SecantusDB server the tests start (set MONGODB_URI to use another MongoDB)"
    return f"storage: MongoDB over the wire: {where}; Redis: a real redis-server"


@pytest.fixture(scope="session")
def mongo_uri(tmp_path_factory) -> Iterator[str]:
    """Where every test that touches storage finds MongoDB: MONGODB_URI, or a real
    wire-protocol server started once for the run."""
    if given := os.environ.get("MONGODB_URI"):
        yield given
        return
    with EmbeddedMongo(tmp_path_factory.mktemp("mongo")) as server:
        yield server.uri


@pytest.fixture
def databases(mongo_uri) -> Iterator[Callable[[str], str]]:
    """Makes fresh database names for this test; each is dropped when the test ends."""
    made: list[str] = []

    def new(prefix: str) -> str:
        made.append(f"test_{prefix}_{uuid.uuid4().hex[:10]}")
        return made[-1]

    yield new
    with pymongo.MongoClient(mongo_uri) as client:
        for name in made:
            client.drop_database(name)


@pytest.fixture
def mongo_db(mongo_uri, databases):
    """A fresh database on its own client, for tests of one storage class."""
    db = stores.connect_mongo(mongo_uri, databases("db"))
    yield db
    db.client.close()


@pytest.fixture
def start_in_process(
    mongo_uri, redis_server, redis_client
) -> Iterator[Callable[..., RunningService]]:
    """Starts a service in this process exactly as its entry point does (`start_service`
    with the service's bootstrap and settings from the environment), on loopback, and
    stops it when the test ends. Keyword arguments are environment variables. The
    session's Redis is emptied first (`redis_client`), never under a running service."""
    started: list[RunningService] = []

    def start(
        name: str, settings_class: type[ServiceSettings], bootstrap: Bootstrap, **env: str
    ) -> RunningService:
        environ = {
            **os.environ,
            "MONGODB_URI": mongo_uri,
            "REDIS_URL": redis_server.url,
            "GRPC_PORT": "0",
            "METRICS_PORT": "0",
            "SHUTDOWN_GRACE_SECONDS": "1",
            "EVENT_RETRY_SECONDS": "0.5",
            **env,
        }
        running = start_service(
            name, settings_class.from_env(environ), bootstrap, address="127.0.0.1"
        )
        started.append(running)
        wait_for(running.prepared.is_set, timeout=30, what=f"{name} to finish its start-up")
        return running

    yield start
    for running in reversed(started):
        if not running.stopping.is_set():
            running.stop()


@pytest.fixture
def travel() -> Iterator[Callable[[datetime], None]]:
    """Moves the clock of this test, and of the services it runs in this process, to an
    instant of its choosing (it runs on from there); put back when the test ends. For
    tests whose facts are dated on purpose (a purchase on 29 February, a run at New Year)
    where the services judge those dates against their own clock."""
    before = os.environ.get(clock.OFFSET_VARIABLE)

    def to(instant: datetime) -> None:
        real_now = datetime.fromtimestamp(time.time(), UTC)
        os.environ[clock.OFFSET_VARIABLE] = f"{round((instant - real_now).total_seconds())}s"
        clock.configure()

    yield to
    if before is None:
        os.environ.pop(clock.OFFSET_VARIABLE, None)
    else:
        os.environ[clock.OFFSET_VARIABLE] = before
    clock.configure()


@pytest.fixture(scope="session")
def suite(tmp_path_factory, mongo_uri) -> Iterator[Suite]:
    """The whole suite as real processes, started once for the session, on the session's
    MongoDB with databases of its own (dropped at the end)."""
    log_dir: Path = tmp_path_factory.mktemp("suite-logs")
    prefix = f"test_suite_{uuid.uuid4().hex[:8]}_"
    env = {
        "LOG_LEVEL": "debug",
        "BOOTSTRAP_ADMIN_KEY": ADMIN_KEY,
        "MONGODB_URI": mongo_uri,
        # Every test signs its members in from this one address, as many phones behind a
        # carrier's NAT do; the per-address limit itself is tested with a gateway of its own.
        "SIGN_IN_CODES_PER_ADDRESS_10_MINUTES": "10000",
        # The console's tests sign their staff in from this address too.
        "CONSOLE_SIGN_INS_PER_ADDRESS_10_MINUTES": "10000",
    }
    with Suite(Ports.free(), log_dir=log_dir, env=env, database_prefix=prefix) as running:
        yield running
    with pymongo.MongoClient(mongo_uri) as client:
        for name in client.list_database_names():
            if name.startswith(prefix):
                client.drop_database(name)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[EmbeddedRedis]:
    """A real redis-server for tests that need Redis without the whole suite."""
    with EmbeddedRedis() as server:
        yield server


@pytest.fixture
def redis_client(redis_server):
    """A client on a clean database of the session's Redis."""
    client = stores.connect_redis(redis_server.url)
    client.flushdb()
    yield client
    client.close()
