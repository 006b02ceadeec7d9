"""gunicorn's threaded worker, answering in the API's error shape the requests gunicorn
refuses before the app sees them.

gunicorn parses the request line and headers itself, and refuses one over its limits or
not HTTP at all with an HTML page of its own (gunicorn.workers.base.Worker.handle_error).
This worker answers those refusals with the status gunicorn would give, as JSON.
"""

from __future__ import annotations

import http
import json

from gunicorn import util
from gunicorn.http import errors as gunicorn_errors
from gunicorn.workers.gthread import ThreadWorker

from gateway.errors import ApiError, status_error

# A response header the app wrote wrong is the app's fault, answered 500 by gunicorn: it
# subclasses the errors of a request's headers, so it is told apart first.
APPLICATION_FAULTS = (
    gunicorn_errors.InvalidResponseHeader,
    gunicorn_errors.InvalidResponseHeaderName,
)
# The client's faults gunicorn answers 400.
BAD_REQUESTS = (
    gunicorn_errors.InvalidRequestLine,
    gunicorn_errors.InvalidRequestMethod,
    gunicorn_errors.InvalidHTTPVersion,
    gunicorn_errors.InvalidHeader,
    gunicorn_errors.InvalidHeaderName,
    gunicorn_errors.ObsoleteFolding,
    gunicorn_errors.InvalidProxyLine,
    gunicorn_errors.InvalidSchemeHeaders,
    gunicorn_errors.InvalidChunkSize,
    gunicorn_errors.ChunkMissingTerminator,
    gunicorn_errors.InvalidChunkExtension,
    gunicorn_errors.InvalidH2CPreface,
)


class JsonErrorsWorker(ThreadWorker):
    def handle_error(self, req, client, addr, exc) -> None:
        refusal = self.refusal(exc)
        if refusal is None:
            # An application fault, a TLS failure or gunicorn's own configuration: its
            # handling (logged with the stack, answered 500) stays gunicorn's.
            super().handle_error(req, client, addr, exc)
            return
        self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
        try:
            util.write_nonblock(client, http_answer(refusal))
        except Exception:  # the client is gone: nothing more to tell it
            self.log.debug("Failed to send error message.")

    def refusal(self, exc: BaseException) -> ApiError | None:
        """The answer to a request gunicorn could not accept, or None if it was not the
        request's fault."""
        if isinstance(exc, APPLICATION_FAULTS):
            return None
        if isinstance(exc, gunicorn_errors.LimitRequestLine):
            limit = self.cfg.limit_request_line
            return status_error(414, f"the request line (method, URL) is over {limit} bytes")
        if isinstance(exc, gunicorn_errors.LimitRequestHeaders):
            return status_error(
                431,
                f"the headers are over the limits: {self.cfg.limit_request_fields} fields "
                f"of at most {self.cfg.limit_request_field_size} bytes each",
            )
        if isinstance(exc, gunicorn_errors.ExpectationFailed):
            return status_error(417, str(exc))
        if isinstance(exc, gunicorn_errors.UnsupportedTransferCoding):
            return status_error(501, str(exc))
        if isinstance(exc, gunicorn_errors.ForbiddenProxyRequest):
            return status_error(403, "the PROXY protocol is not accepted from this address")
        if isinstance(exc, BAD_REQUESTS):
            return status_error(400, f"the request is not valid HTTP: {exc}")
        return None


def http_answer(error: ApiError) -> bytes:
    """A whole HTTP response carrying `error`; the connection closes after it, since
    where a refused request ends is unknown."""
    body = json.dumps(error.body()).encode()
    head = (
        f"HTTP/1.1 {error.status} {http.HTTPStatus(error.status).phrase}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("latin-1") + body
