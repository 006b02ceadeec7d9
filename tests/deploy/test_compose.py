"""docker-compose.yml says what the code does: every variable set, ports and health checks
on what each process listens on, start order by health; it publishes only the gateway and
the developer's UIs, on loopback, and takes its secrets from the environment."""

from __future__ import annotations

import re

from services.points.partners.domain import parse_key
from tests.support import docs
from tests.support.deploy import ROOT, SERVICES, SETTINGS

SECRETS = {"BOOTSTRAP_ADMIN_KEY", "PRESENCE_SECRET", "WEBHOOK_SECRET", "GATEWAY_JWT_SECRET"}
REQUIRED = re.compile(r"\$\{(\w+):\?([^}]+)\}")


def test_every_variable_a_process_reads_is_set(compose):
    for name, settings in SETTINGS.items():
        environment = compose["services"][name]["environment"]
        missing = [
            v.name for v in settings.variables() if v.name not in environment and not v.tests_only
        ]
        assert not [v.name for v in settings.variables() if v.tests_only and v.name in environment]
        assert not missing, f"{name} does not set {missing}"


def test_ports_and_health_checks_are_the_ones_the_processes_listen_on(compose):
    for name in SERVICES:
        service = compose["services"][name]
        port = service["environment"]["GRPC_PROBE_PORT"]
        assert service["healthcheck"]["test"] == [
            "CMD",
            "loyalty",
            "probe",
            "grpc",
            f"127.0.0.1:{port}",
        ]
        assert service["command"] == ["python", "-m", f"services.{name}"]
    gateway = compose["services"]["gateway"]
    port = gateway["environment"]["GATEWAY_PROBE_PORT"]  # answered however busy it is
    assert gateway["healthcheck"]["test"][-1] == f"http://127.0.0.1:{port}/readyz"


def test_everything_starts_after_what_it_needs_is_healthy(compose):
    services = compose["services"]
    for name in SERVICES:
        assert services[name]["depends_on"] == {
            "mongodb": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
            "redis-cache": {"condition": "service_healthy"},
        }
    assert set(services["gateway"]["depends_on"]) == set(SERVICES)
    for name in ("mongodb", "redis", "redis-cache", *SERVICES, "gateway"):
        assert "healthcheck" in services[name], name


def test_every_service_is_migrated_before_it_serves(compose):
    """At its own start (MIGRATE_AT_START true, the default), or by a one-shot
    `python -m services.<name> migrate` it waits for."""
    services = compose["services"]
    for name in SERVICES:
        service = services[name]
        if service["environment"]["MIGRATE_AT_START"] == "true":
            continue
        assert service["environment"]["MIGRATE_AT_START"] == "false"
        waits_for = [
            other
            for other, condition in service["depends_on"].items()
            if condition == {"condition": "service_completed_successfully"}
        ]
        commands = [services[other]["command"] for other in waits_for]
        assert ["python", "-m", f"services.{name}", "migrate"] in commands, name


def test_services_reach_each_other_and_the_stores_by_compose_name(compose):
    for name in (*SERVICES, "gateway"):
        environment = compose["services"][name]["environment"]
        assert environment["MONGODB_URI"].startswith("mongodb://mongodb:27017/")
        assert "replicaSet=rs0" in environment["MONGODB_URI"]
        assert environment["REDIS_URL"] == "redis://redis:6379/0"
        if name in SERVICES:  # the gateway caches nothing in Redis
            assert environment["REDIS_CACHE_URL"] == "redis://redis-cache:6379/0"
        for callee in SERVICES:
            port = compose["services"][callee]["environment"]["GRPC_PORT"]
            assert environment[f"{callee.upper()}_ADDR"] == f"{callee}:{port}"
    assert compose["services"]["notifications"]["environment"]["SMTP_HOST"] == "mailpit"
    locust = compose["services"]["locust"]
    assert "load" in locust["profiles"]
    assert locust["build"]["target"] == "load"
    assert (ROOT / "tests" / "load" / "locustfile.py").exists()
    admin_key = compose["services"]["points"]["environment"]["BOOTSTRAP_ADMIN_KEY"]
    port = compose["services"]["gateway"]["environment"]["GATEWAY_PORT"]
    assert locust["command"] == ["--host", f"http://gateway:{port}", "--admin-key", admin_key]


def test_only_the_gateway_and_the_developers_uis_are_published_and_on_loopback(compose):
    published = {name: s["ports"] for name, s in compose["services"].items() if "ports" in s}
    assert set(published) == {"gateway", "mailpit", "locust"}
    for name, ports in published.items():
        for port in ports:
            assert str(port).startswith("127.0.0.1:"), f"{name} publishes {port} on every address"
    gateway_port = compose["services"]["gateway"]["environment"]["GATEWAY_PORT"]
    assert published["gateway"] == [f"127.0.0.1:{gateway_port}:{gateway_port}"]


def test_secrets_come_from_the_environment_or_a_git_ignored_env_file(compose):
    text = (ROOT / "docker-compose.yml").read_text()
    assert not re.search(r"lsk_[a-z0-9]", text), "an API key is committed in docker-compose.yml"
    assert not re.search(r"(?i)change[-_]?me", text)
    required = {}
    for name, service in compose["services"].items():
        for key, value in service.get("environment", {}).items():
            if key in SECRETS:
                match = REQUIRED.fullmatch(str(value))
                assert match and match.group(1) == key, f"{name}: {key} is not from the environment"
                assert "docs/DEPLOY.md" in match.group(2)  # the message says what to do
                required[key] = match.group(2)
    assert set(required) == SECRETS
    assert ".env" in (ROOT / ".gitignore").read_text().split()
    # The guide's .env gives every one of them, the admin key in the form the code takes.
    markdown = (ROOT / "docs" / "DEPLOY.md").read_text()
    (env_file,) = [
        body
        for block in docs.blocks(markdown, "sh")
        for path, body in docs.heredocs(block).items()
        if path == ".env"
    ]
    values = dict(line.split("=", 1) for line in env_file.splitlines() if line)
    assert set(values) == SECRETS
    assert parse_key(values["BOOTSTRAP_ADMIN_KEY"]) is not None


def test_redis_is_the_durable_kind_the_services_need(compose):
    command = compose["services"]["redis"]["command"]
    flags = dict(zip(command[1::2], command[2::2], strict=True))
    assert flags["--appendonly"] == "yes"
    assert flags["--maxmemory-policy"] == "noeviction"  # never drops a stream entry or a session


def test_the_cache_redis_keeps_nothing_and_evicts(compose):
    service = compose["services"]["redis-cache"]
    command = service["command"]
    flags = dict(zip(command[1::2], command[2::2], strict=True))
    assert flags["--appendonly"] == "no"
    assert flags["--save"] == ""
    assert flags["--maxmemory-policy"] in ("allkeys-lru", "volatile-lru")
    assert "volumes" not in service
