"""Settings come from the environment and a bad one stops a process with one clear line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from common.settings import SettingsError
from gateway.config import GatewaySettings
from services.members.config import MembersSettings
from services.notifications.config import NotificationsSettings
from services.points.config import PointsSettings
from services.points.partners.domain import KEY, parse_key

ROOT = Path(__file__).resolve().parents[1]
ALL_SETTINGS = (PointsSettings, MembersSettings, NotificationsSettings, GatewaySettings)


@pytest.mark.parametrize("settings_class", ALL_SETTINGS)
def test_defaults_are_valid(settings_class):
    settings_class.from_env({})


def test_each_service_has_its_own_port_and_database():
    services = [cls.from_env({}) for cls in ALL_SETTINGS[:3]]
    assert len({s.grpc_port for s in services}) == 3
    assert len({s.metrics_port for s in services}) == 3
    assert len({s.mongodb_db for s in services}) == 3


@pytest.mark.parametrize(
    ("variable", "value", "reason"),
    [
        ("MONGODB_URI", "nonsense", "mongodb://"),
        ("MONGODB_URI", "http://db:27017", "mongodb://"),
        ("REDIS_URL", "localhost:6379", "redis://"),
        ("REDIS_CACHE_URL", "cache:6379", "redis://"),
        ("MIGRATE_AT_START", "yes", "true or false"),
        ("GRPC_PORT", "70000", "0 to 65535"),
        ("GRPC_PORT", "eighty", "whole number"),
        ("LOG_LEVEL", "chatty", "one of"),
        ("SHUTDOWN_GRACE_SECONDS", "-1", "above zero"),
    ],
)
def test_a_bad_value_names_the_variable_and_the_reason(variable, value, reason):
    with pytest.raises(SettingsError) as raised:
        PointsSettings.from_env({variable: value})
    assert str(raised.value).startswith(f"{variable}={value!r} is invalid")
    assert reason in str(raised.value)


def test_gateway_checks_service_addresses():
    with pytest.raises(SettingsError, match="POINTS_ADDR"):
        GatewaySettings.from_env({"POINTS_ADDR": "points"})
    assert GatewaySettings.from_env({"POINTS_ADDR": "dns:///points:50051"}).points_addr


def _start_with(env: dict[str, str], *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *command],
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("service", ["points", "members", "notifications"])
def test_a_service_with_a_bad_setting_exits_with_one_line(service):
    finished = _start_with({"MONGODB_URI": "nonsense"}, "-m", f"services.{service}")
    assert finished.returncode == 2
    lines = finished.stderr.strip().splitlines()
    assert len(lines) == 1, finished.stderr
    assert re.match(rf"{service}: invalid configuration: MONGODB_URI='nonsense'", lines[0])
    assert "Traceback" not in finished.stderr + finished.stdout


def test_a_service_with_an_unusable_mongodb_uri_exits_with_one_line():
    finished = _start_with({"MONGODB_URI": "mongodb://"}, "-m", "services.points")
    assert finished.returncode == 2
    assert finished.stderr.startswith("points: invalid configuration: MONGODB_URI")
    assert "Traceback" not in finished.stderr + finished.stdout


def test_the_gateway_with_a_bad_setting_exits_with_one_line():
    finished = _start_with(
        {"POINTS_ADDR": "nonsense"},
        "-m",
        "gunicorn",
        "-c",
        "python:gateway.gunicorn_conf",
        "gateway.app:create_app()",
    )
    assert finished.returncode != 0
    assert "gateway: invalid configuration: POINTS_ADDR='nonsense'" in finished.stderr
    assert "Traceback" not in finished.stderr + finished.stdout


PRODUCTION = {
    "LOYALTY_ENV": "production",
    "MONGODB_URI": "mongodb://db.internal:27017/?replicaSet=rs0",
    "REDIS_URL": "redis://redis.internal:6379/0",
    "BOOTSTRAP_ADMIN_KEY": "lsk_productionkey_" + "s" * 40,
    "PRESENCE_SECRET": "another-long-random-secret",
    "GATEWAY_JWT_SECRET": "a-long-random-secret",
    "SMTP_FROM": "loyalty@mail.internal",
}


@pytest.mark.parametrize(
    ("settings_class", "variable"),
    [
        (PointsSettings, "MONGODB_URI"),
        (PointsSettings, "PRESENCE_SECRET"),
        (PointsSettings, "REDIS_URL"),
        (PointsSettings, "BOOTSTRAP_ADMIN_KEY"),
        (MembersSettings, "MONGODB_URI"),
        (NotificationsSettings, "REDIS_URL"),
        (NotificationsSettings, "SMTP_FROM"),
        (GatewaySettings, "REDIS_URL"),
        (GatewaySettings, "GATEWAY_JWT_SECRET"),
    ],
)
def test_production_refuses_each_development_fallback(settings_class, variable):
    settings_class.from_env(PRODUCTION)  # complete: accepted
    unset = {k: v for k, v in PRODUCTION.items() if k != variable}
    for environ in (unset, {**PRODUCTION, variable: " "}):
        with pytest.raises(SettingsError, match=f"^{variable} is required when LOYALTY_ENV"):
            settings_class.from_env(environ)
    # Outside production the fallback stays.
    settings_class.from_env({k: v for k, v in unset.items() if k != "LOYALTY_ENV"})


@pytest.mark.parametrize("service", ["points", "members", "notifications"])
def test_a_production_service_without_its_store_exits_at_once_naming_it(service):
    started = time.monotonic()
    env = {**PRODUCTION, "MONGODB_URI": ""}
    finished = _start_with(env, "-m", f"services.{service}")
    assert finished.returncode == 2
    assert finished.stderr.startswith(
        f"{service}: invalid configuration: MONGODB_URI is required when LOYALTY_ENV=production"
    )
    assert time.monotonic() - started < 15


def test_the_production_gateway_without_a_token_key_exits_naming_it():
    finished = _start_with(
        {**PRODUCTION, "GATEWAY_JWT_SECRET": ""},
        "-m",
        "gunicorn",
        "-c",
        "python:gateway.gunicorn_conf",
        "gateway.app:create_app()",
    )
    assert finished.returncode != 0
    assert "GATEWAY_JWT_SECRET is required when LOYALTY_ENV=production" in finished.stderr


@pytest.mark.parametrize("settings_class", ALL_SETTINGS[:3])
def test_a_cache_redis_and_the_migration_at_start_are_optional_even_in_production(
    settings_class,
):
    settings = settings_class.from_env(PRODUCTION)
    assert settings.redis_cache_url == ""  # the caches share REDIS_URL
    assert settings.migrate_at_start is True  # a start makes the indexes
    chosen = settings_class.from_env(
        {**PRODUCTION, "REDIS_CACHE_URL": "redis://cache:6379/0", "MIGRATE_AT_START": "false"}
    )
    assert (chosen.redis_cache_url, chosen.migrate_at_start) == ("redis://cache:6379/0", False)


@pytest.mark.parametrize(
    "key",
    [
        "lsk_short_" + "s" * 40,  # an id under 8 characters
        "lsk_UPPERCASE1_" + "s" * 40,  # an id in capitals
        "lsk_bootstrap01_tooshort",  # a secret under 20 characters
        "lsk_bootstrap01_" + "s" * 40 + "!",  # a character a secret never has
        "bootstrap01_" + "s" * 40,  # no lsk_
    ],
)
def test_a_malformed_bootstrap_admin_key_is_refused_naming_the_format_but_not_the_value(key):
    # Partners.bootstrap skips a key it cannot parse, so accepting one would leave an
    # installation with no admin at all.
    for environ in ({"BOOTSTRAP_ADMIN_KEY": key}, {**PRODUCTION, "BOOTSTRAP_ADMIN_KEY": key}):
        with pytest.raises(SettingsError) as raised:
            PointsSettings.from_env(environ)
        message = str(raised.value)
        assert message.startswith("BOOTSTRAP_ADMIN_KEY is malformed")
        assert "lsk_<id>_<secret>" in message and KEY.pattern.removesuffix(r"\Z") in message
        assert key not in message  # a secret stays out of the logs


def test_a_well_formed_or_empty_bootstrap_admin_key_is_accepted():
    assert PointsSettings.from_env({}).bootstrap_admin_key == ""  # development: no admin key
    key = PRODUCTION["BOOTSTRAP_ADMIN_KEY"]
    assert parse_key(key) is not None
    assert PointsSettings.from_env({"BOOTSTRAP_ADMIN_KEY": f" {key} "}).bootstrap_admin_key == key


@pytest.mark.parametrize("command", [(), ("migrate",)])
def test_points_with_a_malformed_bootstrap_admin_key_exits_with_one_line(command):
    key = "lsk_Admin_" + "s" * 40
    finished = _start_with(
        {**PRODUCTION, "BOOTSTRAP_ADMIN_KEY": key}, "-m", "services.points", *command
    )
    assert finished.returncode == 2
    lines = finished.stderr.strip().splitlines()
    assert len(lines) == 1, finished.stderr
    assert lines[0].startswith("points: invalid configuration: BOOTSTRAP_ADMIN_KEY is malformed")
    assert key not in finished.stderr + finished.stdout


def test_the_sender_address_has_a_development_default_only():
    assert NotificationsSettings.from_env({}).smtp_from == "loyalty@example.com"
    assert NotificationsSettings.from_env(PRODUCTION).smtp_from == "loyalty@mail.internal"
