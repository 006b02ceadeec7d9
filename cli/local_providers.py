"""Local stand-ins for the message providers, speaking the real protocols over real
sockets: an SMTP server (aiosmtpd) and an HTTP server playing the SMS and push webhooks.

`loyalty dev` sends the suite's e-mails, SMS and pushes here (unless SMTP_HOST and the
webhook URLs name real providers) and prints each one, so a developer sees sign-in codes
and welcomes; the tests read them, and script failures into the webhooks. A printed line
masks whom it went to ("+84 9** *** 678", "l***@example.vn") and keeps the text whole:
reading the code is what the local provider is for, but a terminal or a pasted log is
no place for members' phone numbers and e-mail addresses.
aiosmtpd is a development dependency: production images never import this module.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import json
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

_E164 = re.compile(r"\+\d{8,15}\Z")


def masked_phone(phone: str) -> str:
    """ "+84912345678" -> "+84 9** *** 678": the country, the first and last digits."""
    compact = re.sub(r"[ .()-]", "", phone)
    if not _E164.match(compact):
        return "***" + compact[-3:] if len(compact) > 3 else "***"
    if compact.startswith("+84") and len(compact) == 12:
        return f"+84 {compact[3]}** *** {compact[-3:]}"
    return compact[:3] + "*" * (len(compact) - 6) + compact[-3:]


def masked_email(address: str) -> str:
    """ "Lan <lan.nguyen@example.vn>" -> "l***@example.vn"."""
    _, bare = email.utils.parseaddr(address)
    local, at, domain = (bare or address).partition("@")
    return f"{local[:1]}***@{domain}" if at else "***"


def masked_address(channel: str, to: str) -> str:
    """Whom a message went to, as a printed line shows it (a push goes to a member id,
    shown whole)."""
    if channel == "email" or "@" in to:
        return masked_email(to)
    if channel == "sms" or to.startswith("+"):
        return masked_phone(to)
    return to


class SmtpCatcher(Controller):
    """A real SMTP server on a free port, keeping every message it accepts."""

    def __init__(self, on_message: Callable[[str], None] = lambda line: None) -> None:
        super().__init__(self, hostname="127.0.0.1", port=0)
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()
        self.on_message = on_message

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]  # port 0: learn which one
        super()._trigger_server()

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(parsed)
        self.on_message(f"e-mail to {masked_email(str(parsed['To']))}: {parsed['Subject']}")
        return "250 Message accepted for delivery"

    def received(self, to: str = "") -> list:
        with self.lock:
            return [m for m in self.messages if not to or m["To"] == to]

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()


class WebhookCatcher:
    """An HTTP provider: answers each path with the statuses scripted for it (then 200),
    and records every request it got."""

    def __init__(self, on_message: Callable[[str], None] = lambda line: None) -> None:
        self.on_message = on_message
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
        if status == 200:
            reply = json.loads(body)
            to = masked_address(reply.get("channel", ""), str(reply.get("to", "")))
            self.on_message(f"{reply.get('channel', path.strip('/'))} to {to}: {reply['text']}")
        return status

    def start(self) -> WebhookCatcher:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> WebhookCatcher:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
