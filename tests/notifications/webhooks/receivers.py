"""Webhook receivers for the tests: real HTTP servers on loopback, each in a thread,
that check every request's signature with the code docs/WEBHOOKS.md shows subscribers,
answer what a test plans (500s, a wait), and remember what came in order."""

from __future__ import annotations

import dataclasses
import http.server
import json
import re
import threading
from pathlib import Path

DOCS = Path(__file__).resolve().parents[3] / "docs" / "WEBHOOKS.md"
SLOW_CEILING_SECONDS = 30.0  # a held request answers by then whatever the test does


def documented_check():
    """verify_signature as docs/WEBHOOKS.md prints it, run from the page itself."""
    page = DOCS.read_text()
    section = page.split("## Checking the signature", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    namespace: dict = {}
    exec(compile(code, str(DOCS), "exec"), namespace)  # noqa: S102 - our own docs
    return namespace["verify_signature"]


verify_signature = documented_check()


@dataclasses.dataclass(frozen=True)
class Received:
    headers: dict[str, str]
    body: bytes
    verified: bool
    answered: int

    @property
    def event(self) -> dict:
        return json.loads(self.body)

    @property
    def event_id(self) -> str:
        return self.headers["Loyalty-Event-Id"]


class Receiver:
    """POST anything: the request is checked against `secrets` and recorded; the answer is
    the next of `planned` (then 200). While `hold` is set, each request waits for
    `release` before answering (a slow receiver); with `hold_after` n, each request after
    the first n does."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        self.secrets = list(secrets)
        self.planned: list[int] = []
        self.failing_events: dict[str, int] = {}  # event id -> 500s still to answer
        self.received: list[Received] = []
        self.arrived = 0
        self.hold = False
        self.hold_after: int | None = None
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/hooks"

    def start(self) -> Receiver:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Receiver:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def accepted(self) -> list[Received]:
        with self._lock:
            return [r for r in self.received if 200 <= r.answered < 300]

    def accepted_ids(self) -> list[str]:
        return [r.event_id for r in self.accepted()]

    def _answer(self, headers: dict[str, str], body: bytes) -> int:
        verified = any(
            verify_signature(s, headers.get("Loyalty-Signature", ""), body) for s in self.secrets
        )
        with self._lock:
            self.arrived += 1
            event_id = headers.get("Loyalty-Event-Id", "")
            if self.failing_events.get(event_id, 0) > 0:
                self.failing_events[event_id] -= 1
                status = 500
            else:
                status = self.planned.pop(0) if self.planned else 200
            hold = self.hold or (self.hold_after is not None and self.arrived > self.hold_after)
        if hold:
            self.release.wait(SLOW_CEILING_SECONDS)
        with self._lock:
            self.received.append(Received(headers, body, verified, status))
        return status

    def _handler(self):
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                status = receiver._answer(dict(self.headers.items()), body)
                reply = b'{"ok": true}' if status < 300 else b"receiver broke"
                self.send_response(status)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args) -> None:
                pass

        return Handler
