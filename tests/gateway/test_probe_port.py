"""The gateway answers Kubernetes' probes on a port of its own (GATEWAY_PROBE_PORT, as the
Deployment sets it), with a thread of each worker: while slow clients hold every request
thread, the HTTP port answers nothing, and the probes are still answered there."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import urllib.error
import urllib.request

import pytest

from cli.suite import Ports
from tests.support.waiting import wait_for

pytestmark = pytest.mark.suite

THREADS = 2  # request threads of the one worker; slow clients hold them all


def _get(url: str, timeout: float) -> tuple[int, dict] | None:
    """(status, JSON body), or None when nothing answered within `timeout`."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read() or b"{}")
    except (TimeoutError, urllib.error.URLError, ConnectionError):
        return None


@pytest.fixture
def busy_gateway(suite, tmp_path):
    """A gateway of one worker with THREADS threads, started by the suite's own command
    and settings, on ports of its own."""
    ports = Ports.free()
    command, env = suite.commands["gateway"]
    settings = {
        **suite.env,
        **env,
        "GATEWAY_PORT": str(ports.gateway),
        "GATEWAY_PROBE_PORT": str(ports.gateway_probe),
        "GATEWAY_WORKERS": "1",
        "GATEWAY_THREADS": str(THREADS),
    }
    log = (tmp_path / "gateway.log").open("wb")
    gateway = subprocess.Popen(command, env=settings, stdout=log, stderr=subprocess.STDOUT)
    http, probes = (f"http://127.0.0.1:{p}" for p in (ports.gateway, ports.gateway_probe))
    try:
        wait_for(
            lambda: (_get(f"{probes}/readyz", 5) or (0,))[0] == 200,
            timeout=60,
            what="the gateway's probes to say ready",
        )
        yield http, probes, ports.gateway
    finally:
        gateway.send_signal(signal.SIGTERM)
        gateway.wait(30)
        log.close()
    assert "Traceback" not in (tmp_path / "gateway.log").read_text()


def test_probes_are_answered_while_every_request_thread_is_busy(busy_gateway):
    http, probes, port = busy_gateway
    assert _get(f"{http}/healthz", 5) == (200, {"status": "alive"})
    # Clients that send one byte of a request and no more: each holds a thread while
    # gunicorn waits for the rest of its request line.
    slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(THREADS + 2)]
    try:
        for client in slow:
            client.sendall(b"G")
        wait_for(
            lambda: _get(f"{http}/healthz", 1) is None,
            timeout=30,
            what="every request thread to be held",
        )
        assert _get(f"{probes}/healthz", 5) == (200, {"status": "alive"})
        status, body = _get(f"{probes}/readyz", 5)
        assert (status, body["status"]) == (200, "ready")
        assert set(body["services"]) == {"points", "members", "notifications"}
    finally:
        for client in slow:
            client.close()
    # The slow clients gone, the HTTP port answers again.
    wait_for(lambda: _get(f"{http}/healthz", 2) is not None, timeout=30, what="the HTTP port")


def test_the_probe_port_answers_the_probes_alone(busy_gateway):
    _http, probes, _port = busy_gateway
    for path in ("/metrics", "/v1/me/balance", "/console/sign-in", "/"):
        assert _get(f"{probes}{path}", 5) == (404, {"status": "not_found"})
