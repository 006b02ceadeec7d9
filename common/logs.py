"""JSON logs, one object per line, carrying the request id of the call being served.

The request id lives in a context variable: the gateway sets it from the X-Request-ID
header (or makes one), the gRPC client interceptor sends it as `x-request-id` metadata,
and the server interceptor sets it again in the service. Every log line of that call
then carries it.

Personal data never reaches a log: phone numbers, e-mail addresses and bearer tokens are
masked in every message and extra field before a line is written.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import re
import sys
import uuid
from collections.abc import Iterator

from pythonjsonlogger.json import JsonFormatter

REQUEST_ID_HEADER = "X-Request-ID"
REQUEST_ID_METADATA = "x-request-id"

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# A request id from outside is echoed into logs, so it must be short and plain.
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")

# Each pattern masks a value, never a name: "ApiKeysService", "RotateQrToken",
# "token_ttl", a member id or a member number stay readable.
_CREDENTIAL_NAME = r"(?:[A-Za-z]+[_-])*(?:token|secret|password|passwd|api[_-]?key)s?"
_REDACTIONS = (
    # A credential given under its name: token=..., "secret": "...", X-API-Key: ...
    (
        re.compile(rf"(?i)(?<![\w-])({_CREDENTIAL_NAME})([\"']?\s*[:=]\s*[\"']?)[^\s\"',;&]+"),
        r"\1\2[redacted]",
    ),
    (re.compile(r"(?i)\b(bearer)(\s+)[\w.~+/=-]+"), r"\1\2[redacted]"),
    (re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]+"), "[redacted-jwt]"),
    # The suite's API keys, wherever they appear: lsk_<key id>_<secret>.
    (re.compile(r"\blsk_[A-Za-z0-9]{4,32}_[\w-]{8,}"), "[redacted-key]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[redacted-email]"),
    # Phones: Vietnamese national (0 and 9 digits) and +84 (9 digits), with single spaces,
    # dots or dashes between digits; any other E.164 number written without separators.
    # Not dates, times, amounts, ids or member numbers (no leading 0 or +, or inside a word).
    (
        re.compile(r"(?<![\w.+-])(?:(?:\+84[ .-]?|0)\d(?:[ .-]?\d){8}|\+[1-9]\d{8,14})(?![\w-])"),
        "[redacted-phone]",
    ),
)


# What every match of a pattern above contains (a 0 or + before 9 digits with single
# separators, an @, a JWT's start, a keyword): most values have none, and one search rules
# all the patterns out.
_SUSPECT = re.compile(
    r"(?i)[0+](?:\d[ .-]?){9}|@|eyJ|bearer|lsk_|token|secret|password|passwd|api[_-]?key"
)


def redact(value: str) -> str:
    """Mask phone numbers, e-mail addresses and tokens in `value`."""
    if not _SUSPECT.search(value):
        return value
    for pattern, replacement in _REDACTIONS:
        value = pattern.sub(replacement, value)
    return value


def current_request_id() -> str:
    return _request_id.get()


def new_request_id() -> str:
    return uuid.uuid4().hex


def accept_request_id(candidate: str | None) -> str:
    """The caller's request id when it is well-formed, else a fresh one."""
    if candidate and _SAFE_REQUEST_ID.match(candidate):
        return candidate
    return new_request_id()


@contextlib.contextmanager
def request_id_scope(request_id: str) -> Iterator[str]:
    token = _request_id.set(request_id)
    try:
        yield request_id
    finally:
        _request_id.reset(token)


def bind_request_id(request_id: str) -> contextvars.Token[str]:
    """Set the request id for code that cannot use a `with` block (Flask hooks)."""
    return _request_id.set(request_id)


def unbind_request_id(token: contextvars.Token[str]) -> None:
    _request_id.reset(token)


class _ContextFilter(logging.Filter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self.service
        record.request_id = _request_id.get()
        return True


_SECRET_FIELD = re.compile(rf"(?i){_CREDENTIAL_NAME}")


class _RedactingJsonFormatter(JsonFormatter):
    def process_log_record(self, log_data: dict) -> dict:
        return {key: _redact_value(key, value) for key, value in log_data.items()}


def _redact_value(key: str, value: object) -> object:
    """An extra field named as a credential (token, api_key, refresh_token...) is masked
    whole; any other text has what looks like personal data or a secret masked."""
    if not isinstance(value, str):
        return value
    if value and _SECRET_FIELD.fullmatch(key):
        return "[redacted]"
    return redact(value)


def json_handler(service: str) -> logging.Handler:
    """A stdout handler writing redacted JSON lines tagged with `service` and the request id."""
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(_ContextFilter(service))
    handler.setFormatter(
        _RedactingJsonFormatter(
            "{asctime}{levelname}{name}{service}{request_id}{message}",
            style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            datefmt="%Y-%m-%dT%H:%M:%S%z",
        )
    )
    return handler


def configure(service: str, level: str = "info") -> None:
    """Send this process's logs to stdout as JSON lines."""
    root = logging.getLogger()
    root.handlers[:] = [json_handler(service)]
    root.setLevel(level.upper())
    # Library chatter below warnings is noise in a service's log.
    for noisy in ("urllib3", "werkzeug"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
