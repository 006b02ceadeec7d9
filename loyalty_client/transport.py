"""HTTP for the client: one request, its JSON answer, or the API's one error shape raised.

Only the standard library, so an app's back end, a till's bridge or a script can use the
client with nothing else installed.
"""

from __future__ import annotations

import dataclasses
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


@dataclasses.dataclass(frozen=True)
class FieldProblem:
    field: str  # "amount.currency", "lines[2].quantity"
    reason: str


class ApiError(Exception):
    """An answer other than 2xx, as the API states it: status, code, message, fields."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        fields: tuple[FieldProblem, ...] = (),
        retry_after: str = "",
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
        self.retry_after = retry_after  # seconds, on 429 and outcome_unknown answers


class Transport:
    """Sends requests to one gateway with one credential (an API key or a member token)."""

    def __init__(
        self, base_url: str, *, api_key: str = "", access_token: str = "", timeout: float = 10.0
    ) -> None:
        if urllib.parse.urlsplit(base_url).scheme not in ("http", "https"):
            raise ValueError(f"the gateway's URL must be http or https: {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.headers = {"Accept": "application/json"}
        if api_key:
            self.headers["X-API-Key"] = api_key
        if access_token:
            self.headers["Authorization"] = f"Bearer {access_token}"
        self.timeout = timeout

    def send(
        self,
        method: str,
        path: str,
        *,
        query: dict[str, Any] | None = None,
        body: Any = None,
        idempotency_key: str | None = None,
    ) -> Any:
        url = self.base_url + path + _query_string(query or {})
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        # The scheme is http or https (checked when made), so urlopen opens no file: URL.
        request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:  # noqa: S310
                raw = reply.read()
        except urllib.error.HTTPError as error:
            raise _api_error(error) from None
        return json.loads(raw) if raw else {}


def _query_string(query: dict[str, Any]) -> str:
    pairs = []
    for name, value in query.items():
        if value is None:
            continue
        values = value if isinstance(value, list) else [value]
        pairs += [(name, _text(each)) for each in values]
    return "?" + urllib.parse.urlencode(pairs) if pairs else ""


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _api_error(error: urllib.error.HTTPError) -> ApiError:
    raw = error.read()
    try:
        stated = json.loads(raw)["error"]
    except (ValueError, KeyError, TypeError):
        return ApiError(error.code, "http_error", raw.decode(errors="replace")[:200])
    fields = tuple(FieldProblem(f["field"], f["reason"]) for f in stated.get("fields", []))
    retry_after = error.headers.get("Retry-After", "")
    return ApiError(error.code, stated["code"], stated["message"], fields, retry_after)
