"""`loyalty dev` on a machine where other things run: a port in use stops it at once with
one line, a ready answer counts only from its own processes, and the ports it chose are
where `loyalty demo`, `job` and `audit` go."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import socket
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cli import devstate
from cli.main import _addresses
from cli.suite import SERVICES, Ports, Suite, SuiteFailed
from tests.support.dev import LOYALTY, DevRun, developer_env
from tests.support.waiting import wait_for

pytestmark = pytest.mark.suite


def test_a_port_in_use_stops_loyalty_dev_at_once_with_one_line_naming_it(tmp_path):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        done = subprocess.run(
            [LOYALTY, "dev", "--gateway-port", str(port), "--data-dir", str(tmp_path / "data")],
            env=developer_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "ready" not in done.stdout
    (said,) = done.stderr.splitlines()
    # Named with what would bind it and what holds it (this test's process).
    assert f"{port} (gateway)" in said
    assert f"by pid {os.getpid()} " in said
    assert (
        "`make run RUN_ARGS=--free-ports`" in said
        and "`.venv/bin/loyalty dev --free-ports`" in said
    )
    assert not (tmp_path / "data").exists()  # nothing was started


def test_a_ready_answer_from_another_process_on_the_gateways_port_is_not_the_suites(
    tmp_path, mongo_uri
):
    # Another suite's gateway answers /readyz on the port ours is told to use (it took
    # the port after the check, or the check was skipped): ours cannot bind it and exits,
    # and the suite says so instead of announcing that it is ready.
    with ReadyEverywhere() as impostor:
        ports = dataclasses.replace(Ports.free(), gateway=impostor.port)
        suite = Suite(ports, log_dir=tmp_path, env={"MONGODB_URI": mongo_uri})
        with pytest.raises(SuiteFailed, match=r"^gateway exited") as failed:
            suite.start(timeout=60)
    assert f"port {impostor.port} is held by pid {os.getpid()}" in str(failed.value)
    assert all(process.poll() is not None for process in suite.processes.values())


def test_demo_job_and_audit_reach_the_suite_on_the_ports_loyalty_dev_chose(tmp_path):
    dev = DevRun(tmp_path)  # --free-ports: none of the default ports
    try:
        recorded = json.loads((tmp_path / ".loyalty" / "dev.json").read_text())
        assert recorded["pid"] == dev.process.pid
        assert recorded["gateway"] == dev.gateway
        assert {s: recorded[s] for s in SERVICES} == dev.grpc
        assert ".loyalty/dev.json" in dev.banner

        def loyalty(*args: str) -> subprocess.CompletedProcess:
            return subprocess.run(
                [LOYALTY, *args],
                cwd=tmp_path,
                env=developer_env(),
                capture_output=True,
                text=True,
                timeout=120,
            )

        demo = loyalty("demo")
        assert demo.returncode == 0, demo.stdout + demo.stderr
        assert "till API key   lsk_" in demo.stdout
        job = loyalty("job", "expire-points")
        assert job.returncode == 0, job.stderr
        json.loads(job.stdout)

        def audited() -> dict:
            audit = loyalty("audit")
            assert audit.returncode == 0, audit.stdout + audit.stderr
            return json.loads(audit.stdout)

        # The ledger opens the demo's members' accounts from their enrolment events, a
        # moment after the demo enrolled them: the audit counts them once they are there.
        wait_for(
            lambda: int(audited()["accountsChecked"]) == 3,
            timeout=60,
            what="the demo's three members' accounts in the audit",
        )
        # A second `loyalty dev` on the same data would share its stores: refused.
        second = loyalty("dev", "--free-ports")
        assert second.returncode == 1
        assert f"another `loyalty dev` (pid {dev.process.pid})" in second.stderr
        assert dev.stop() == 0
    finally:
        dev.close()
    assert not (tmp_path / ".loyalty" / "dev.json").exists()


def test_flags_then_variables_then_the_running_suite_then_the_default_ports(tmp_path, monkeypatch):
    for service in SERVICES:
        monkeypatch.delenv(f"{service.upper()}_ADDR", raising=False)

    def args(**flags: str) -> argparse.Namespace:
        return argparse.Namespace(data_dir=tmp_path, **{s: flags.get(s) for s in SERVICES})

    assert _addresses(args()) == {
        "points": "127.0.0.1:50051",
        "members": "127.0.0.1:50052",
        "notifications": "127.0.0.1:50053",
    }
    # This process plays the running `loyalty dev`: its record is read while it runs.
    devstate.write(tmp_path, {s: f"127.0.0.1:1{n}" for n, s in enumerate(SERVICES)})
    assert _addresses(args())["points"] == "127.0.0.1:10"
    monkeypatch.setenv("POINTS_ADDR", "points.example:50051")
    assert _addresses(args())["points"] == "points.example:50051"
    assert _addresses(args())["members"] == "127.0.0.1:11"
    assert _addresses(args(points="flag:1"))["points"] == "flag:1"
    devstate.remove(tmp_path)
    assert not devstate.path(tmp_path).exists()


def test_a_record_left_by_a_loyalty_dev_that_died_is_ignored(tmp_path):
    dead = subprocess.Popen(["true"])  # a pid that ran, and has exited
    dead.wait()
    devstate.path(tmp_path).parent.mkdir(parents=True, exist_ok=True)
    devstate.path(tmp_path).write_text(json.dumps({"pid": dead.pid, "points": "127.0.0.1:1"}))
    assert devstate.read(tmp_path) == {}
    assert devstate.owner(tmp_path) is None


class ReadyEverywhere:
    """An HTTP server on a free port that answers 200 to every GET, as a gateway that
    is ready does."""

    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = b'{"status": "ready"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]

    def __enter__(self) -> ReadyEverywhere:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_a_development_admin_key_is_kept_with_the_data_it_opens(tmp_path, monkeypatch):
    """`loyalty dev` with a data directory makes its admin key once and reuses it on every
    restart (a key made per start piled up keys that never expire); without a directory,
    and after --reset empties it, a new one."""
    monkeypatch.delenv("BOOTSTRAP_ADMIN_KEY", raising=False)
    data = tmp_path / "data"
    started = Suite(Ports.free(), data_dir=data)
    first = started.admin_key
    started.keep_admin_key()  # as its start does, once the ports are known to be free
    assert Suite(Ports.free(), data_dir=data).admin_key == first
    assert (data / "admin-api-key").stat().st_mode & 0o077 == 0  # its owner's alone
    assert Suite(Ports.free()).admin_key != first
    assert Suite(Ports.free(), env={"BOOTSTRAP_ADMIN_KEY": "lsk_given_" + "k" * 20}).admin_key == (
        "lsk_given_" + "k" * 20
    )
    shutil.rmtree(data)  # what --reset does
    assert Suite(Ports.free(), data_dir=data).admin_key != first


def test_the_replicas_ports_are_all_different(monkeypatch):
    """Each replica's ports are picked apart: a port one replica was given is never given
    to another (the system may hand a closed picking socket's port out again; a second
    replica's service once got the first replica's gateway probe port)."""
    first = Ports.free()
    given = iter([first.grpc["points"], first.gateway_probe])  # as the system might answer
    real_bind = socket.socket.bind

    def bind(sock, address):
        port = next(given, 0)
        return real_bind(sock, (address[0], port if address[1] == 0 else address[1]))

    monkeypatch.setattr(socket.socket, "bind", bind)
    suite = Suite(first, replicas=2)
    monkeypatch.undo()
    ports = [port for each in suite.replica_ports for port, _ in each.bindings()]
    assert len(ports) == len(set(ports)) == 16
