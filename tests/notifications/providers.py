"""Local stand-ins for the providers, speaking the real protocols over real sockets:
an SMTP server (aiosmtpd) and an HTTP server playing the SMS and push webhooks."""

from __future__ import annotations

import email
import email.policy
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


class SmtpServer(Controller):
    """A real SMTP server on a free port, keeping every message it accepts."""

    def __init__(self) -> None:
        super().__init__(self, hostname="127.0.0.1", port=0)
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]  # port 0: learn which one
        super()._trigger_server()

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(parsed)
        return "250 Message accepted for delivery"

    def received(self, to: str = "") -> list:
        with self.lock:
            return [m for m in self.messages if not to or m["To"] == to]

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()


class WebhookProvider:
    """An HTTP provider: answers each path with the statuses scripted for it (then 200),
    and records every request it got."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.scripts: dict[str, list[int]] = {}
        self.down: set[str] = set()
        self.lock = threading.Lock()
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = provider._answer(self.path, self.headers, body)
                reply = json.dumps({"id": f"prov-{len(provider.requests)}"}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def script(self, path: str, statuses: list[int]) -> None:
        with self.lock:
            self.scripts[path] = list(statuses)

    def received(self, path: str, status: int | None = None) -> list[dict]:
        with self.lock:
            return [
                r
                for r in self.requests
                if r["path"] == path and (status is None or r["status"] == status)
            ]

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.scripts.clear()
            self.down.clear()

    def _answer(self, path: str, headers, body: bytes) -> int:
        with self.lock:
            script = self.scripts.get(path, [])
            status = 503 if path in self.down else script.pop(0) if script else 200
            self.requests.append(
                {
                    "path": path,
                    "status": status,
                    "headers": dict(headers),
                    "body": body,
                    "json": json.loads(body),
                }
            )
            return status

    def __enter__(self) -> WebhookProvider:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
