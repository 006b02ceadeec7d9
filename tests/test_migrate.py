"""The work done once per deployment: `python -m services.<name> migrate` creates the
service's indexes (and the bootstrap key, the default templates) and exits, as the
migration Job runs it; a service started with MIGRATE_AT_START=false creates none."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from common import stores
from services.members.bootstrap import bootstrap as members_bootstrap
from services.members.config import MembersSettings
from services.notifications.bootstrap import bootstrap as notifications_bootstrap
from services.notifications.config import NotificationsSettings
from services.points.bootstrap import bootstrap as points_bootstrap
from services.points.config import PointsSettings
from tests.support.gateway import ADMIN_KEY

SERVICES = {
    "points": (PointsSettings, points_bootstrap),
    "members": (MembersSettings, members_bootstrap),
    "notifications": (NotificationsSettings, notifications_bootstrap),
}
# An index each service cannot do without (a uniqueness the code relies on, or the
# relay's), by collection.
ESSENTIAL = {
    "points": {"purchases": "idempotency_1", "accounts": "outbox.entry._id_1"},
    "members": {"members": "outbox._id_1"},
    "notifications": {"templates": None},
}


def indexes(db) -> dict[str, set[str]]:
    """Each collection's indexes but _id's."""
    return {
        name: set(db[name].index_information()) - {"_id_"}
        for name in db.list_collection_names()
        if set(db[name].index_information()) - {"_id_"}
    }


def migrate(service: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", f"services.{service}", "migrate"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_migrate_creates_the_indexes_a_start_would_and_exits(
    service, mongo_uri, databases, redis_server
):
    database, reference = databases(service), databases(f"{service}_ref")
    done = migrate(
        service,
        {
            "MONGODB_URI": mongo_uri,
            "MONGODB_DB": database,
            "REDIS_URL": "",  # a migration touches MongoDB only
            "BOOTSTRAP_ADMIN_KEY": ADMIN_KEY,
        },
    )
    assert done.returncode == 0, done.stderr
    # What the service's own start-up would have made (MIGRATE_AT_START, the default).
    settings_class, bootstrap = SERVICES[service]
    db, migrated = (stores.connect_mongo(mongo_uri, name) for name in (reference, database))
    try:
        settings = settings_class.from_env({"MONGODB_DB": reference})
        bootstrap(settings, db, stores.connect_redis(redis_server.url)).migrate()
        made, expected = indexes(migrated), indexes(db)
    finally:
        db.client.close()
        migrated.client.close()
    assert made == expected
    for collection, index in ESSENTIAL[service].items():
        assert collection in made
        assert index is None or index in made[collection]


def test_the_points_migration_makes_the_bootstrap_key_valid(mongo_uri, databases):
    database = databases("points")
    env = {"MONGODB_URI": mongo_uri, "MONGODB_DB": database, "BOOTSTRAP_ADMIN_KEY": ADMIN_KEY}
    assert migrate("points", env).returncode == 0
    db = stores.connect_mongo(mongo_uri, database)
    try:
        assert db["api_keys"].find_one({"_id": ADMIN_KEY.split("_")[1]})["role"]
    finally:
        db.client.close()


def test_migrate_needs_a_mongodb_uri():
    done = migrate("points", {"MONGODB_URI": "", "REDIS_URL": ""})
    assert done.returncode == 2
    assert "MONGODB_URI is required to migrate" in done.stderr


def test_an_unknown_command_is_refused_with_the_usage():
    done = subprocess.run(
        [sys.executable, "-m", "services.members", "migrate-now"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "usage: python -m services.members [migrate]" in done.stderr


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_a_service_started_with_migrate_at_start_false_creates_no_index(
    service, start_in_process, databases, mongo_uri
):
    database = databases(service)
    settings_class, bootstrap = SERVICES[service]
    running = start_in_process(
        service, settings_class, bootstrap, MONGODB_DB=database, MIGRATE_AT_START="false"
    )
    assert running.prepared.is_set()  # started its workers
    assert indexes(running.db) == {}
    assert running.db["templates"].count_documents({}) == 0  # no default installed either
