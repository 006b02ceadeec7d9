"""/healthz and /readyz on a port of their own (GATEWAY_PROBE_PORT), answered by a thread
of each gunicorn worker, for Kubernetes' probes.

On the HTTP port a probe waits for one of the worker's request threads like any request:
with every thread busy (slow clients, a slow service) the probes time out and the kubelet
restarts a pod that was only busy, putting its load on the others. Here a probe has a
thread of its own. Every worker binds the port with SO_REUSEPORT and the kernel hands
each probe to one of them; a worker that is gone no longer answers, so a pod whose
workers all died fails its liveness probe as it should."""

from __future__ import annotations

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from gateway.blueprints.health import liveness, readiness

log = logging.getLogger("loyalty.gateway.probes")


class ProbeServer(ThreadingHTTPServer):
    allow_reuse_port = True  # one listening socket per worker on the same port
    daemon_threads = True

    def __init__(self, port: int, app) -> None:
        super().__init__(("0.0.0.0", port), _Probe)  # noqa: S104 - the kubelet probes the pod IP
        self.app = app
        self._thread = threading.Thread(target=self.serve_forever, name="probes", daemon=True)

    def start(self) -> ProbeServer:
        self._thread.start()
        log.info("probes served", extra={"probe_port": self.server_address[1]})
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _Probe(BaseHTTPRequestHandler):
    server: ProbeServer

    def do_GET(self) -> None:
        answers = {"/healthz": liveness, "/readyz": lambda: readiness(self.server.app)}
        answer = answers.get(self.path.split("?", 1)[0])
        body, status, headers = answer() if answer else ({"status": "not_found"}, 404, {})
        payload = json.dumps(body).encode()
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args) -> None:
        """Quiet: a probe every few seconds per pod would flood the logs."""
