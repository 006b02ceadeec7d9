"""The one I/O of a delivery: a POST to the subscriber's endpoint. `post` never raises: a
receiver's failure (a status other than 2xx, a timeout, a refused connection, an address
the rules forbid) is an Answer the lane records and retries.

The host is resolved here and the address checked against the URL rules before
connecting, and the connection goes to that very address (TLS still verifies the host's
name), so a name that resolves to an internal address, at creation or later, reaches
nothing inside. Redirects are not followed: a 3xx is a failed attempt.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import urlsplit

from services.notifications.webhooks.domain.delivery import RESPONSE_EXCERPT, Answer
from services.notifications.webhooks.domain.subscription import UrlRules

USER_AGENT = "LoyaltySuite-Webhooks/1"
BACKOFF_STATUSES = {429, 503}


class Refused(Exception):
    """The endpoint's address is one the rules forbid."""


class HttpSender:
    def __init__(self, rules: UrlRules, context: ssl.SSLContext | None = None) -> None:
        self.rules = rules
        self.context = context or ssl.create_default_context()

    def post(self, url: str, body: bytes, headers: dict[str, str], timeout: float) -> Answer:
        started = time.monotonic()
        parts = urlsplit(url)
        connection = None
        try:
            addresses = self._addresses(parts.hostname or "", parts.port or _port(parts.scheme))
            connection = _Pinned.of(parts, addresses, timeout, self.context)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request(
                "POST",
                target,
                body=body,
                headers={
                    "Host": parts.netloc,
                    "User-Agent": USER_AGENT,
                    "Content-Type": "application/json; charset=utf-8",
                    **headers,
                },
            )
            response = connection.getresponse()
            excerpt = response.read(RESPONSE_EXCERPT).decode(errors="replace")
            status = response.status
            retry_after = _seconds(response.getheader("Retry-After"), status)
        except Refused as refused:
            return _failed(started, f"refused: {refused}")
        except TimeoutError:
            return _failed(started, f"timed out after {timeout:g}s")
        except ssl.SSLError as exc:
            return _failed(started, f"TLS failed: {exc.reason or type(exc).__name__}")
        except (OSError, http.client.HTTPException) as exc:
            return _failed(started, f"could not deliver: {type(exc).__name__}")
        finally:
            if connection is not None:
                connection.close()
        error = "" if 200 <= status < 300 else f"HTTP {status}"
        return Answer(status, _elapsed_ms(started), error, excerpt, retry_after)

    def _addresses(self, host: str, port: int) -> list[str]:
        """The addresses of `host` the rules allow, in the resolver's order; Refused when
        none is."""
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise OSError(f"cannot resolve {host}") from exc
        allowed, problems = [], []
        for *_family, sockaddr in found:
            address = sockaddr[0]
            problem = self.rules.address_problem(ipaddress.ip_address(address.split("%")[0]))
            if problem:
                problems.append(problem)
            elif address not in allowed:
                allowed.append(address)
        if not allowed:
            raise Refused("; ".join(problems) or f"{host} has no address")
        return allowed


class _Pinned:
    """http.client's connections, connecting only to addresses already checked."""

    @staticmethod
    def of(parts, addresses: list[str], timeout: float, context: ssl.SSLContext):
        host, port = parts.hostname, parts.port or _port(parts.scheme)
        if parts.scheme == "https":
            return _PinnedHttps(host, port, addresses, timeout, context)
        return _PinnedHttp(host, port, addresses, timeout)


def _connected(addresses: list[str], port: int, timeout: float) -> socket.socket:
    """A connection to the first of `addresses` that takes one."""
    failure: OSError = OSError("no address")
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout)
        except OSError as exc:
            failure = exc
    raise failure


class _PinnedHttp(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, addresses: list[str], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.addresses = addresses

    def connect(self) -> None:
        self.sock = _connected(self.addresses, self.port, self.timeout)


class _PinnedHttps(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, addresses: list[str], timeout: float, context) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self.addresses = addresses

    def connect(self) -> None:
        raw = _connected(self.addresses, self.port, self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


def _port(scheme: str) -> int:
    return 443 if scheme == "https" else 80


def _elapsed_ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _failed(started: float, error: str) -> Answer:
    return Answer(0, _elapsed_ms(started), error)


def _seconds(value: str | None, status: int) -> float | None:
    """A Retry-After of a 429 or 503 in seconds (an HTTP date is not honoured)."""
    if status not in BACKOFF_STATUSES or not value or not value.strip().isdigit():
        return None
    return float(value.strip())
