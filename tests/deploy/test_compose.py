"""docker-compose.yml says what the code does: every variable set, ports and health checks
on what each process listens on, start order by health."""

from __future__ import annotations

from tests.support.deploy import ROOT, SERVICES, SETTINGS


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
        port = service["environment"]["GRPC_PORT"]
        assert service["ports"] == [f"{port}:{port}"]
        assert service["healthcheck"]["test"] == [
            "CMD",
            "loyalty",
            "probe",
            "grpc",
            f"127.0.0.1:{port}",
        ]
        assert service["command"] == ["python", "-m", f"services.{name}"]
    gateway = compose["services"]["gateway"]
    port = gateway["environment"]["GATEWAY_PORT"]
    assert gateway["healthcheck"]["test"][-1] == f"http://127.0.0.1:{port}/readyz"


def test_everything_starts_after_what_it_needs_is_healthy(compose):
    services = compose["services"]
    for name in SERVICES:
        assert services[name]["depends_on"] == {
            "mongodb": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
        }
    assert set(services["gateway"]["depends_on"]) == set(SERVICES)
    for name in ("mongodb", "redis", *SERVICES, "gateway"):
        assert "healthcheck" in services[name], name


def test_services_reach_each_other_and_the_stores_by_compose_name(compose):
    for name in (*SERVICES, "gateway"):
        environment = compose["services"][name]["environment"]
        assert environment["MONGODB_URI"].startswith("mongodb://mongodb:27017/")
        assert "replicaSet=rs0" in environment["MONGODB_URI"]
        assert environment["REDIS_URL"] == "redis://redis:6379/0"
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
