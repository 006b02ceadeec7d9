"""The API's one error shape, and how gRPC status codes become HTTP statuses.

Every error the gateway answers looks like
    {"error": {"code": "invalid_argument", "message": "...", "fields": [
        {"field": "amount.currency", "reason": "..."}]}}
and no answer ever carries a stack trace.
"""

from __future__ import annotations

import dataclasses

import grpc
from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

# ../shared/DESIGN.md: the mapping every route follows.
HTTP_STATUS_OF = {
    grpc.StatusCode.INVALID_ARGUMENT: 400,
    grpc.StatusCode.OUT_OF_RANGE: 400,
    grpc.StatusCode.UNAUTHENTICATED: 401,
    grpc.StatusCode.PERMISSION_DENIED: 403,
    grpc.StatusCode.NOT_FOUND: 404,
    grpc.StatusCode.ALREADY_EXISTS: 409,
    grpc.StatusCode.ABORTED: 409,
    grpc.StatusCode.FAILED_PRECONDITION: 422,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 429,
    grpc.StatusCode.UNIMPLEMENTED: 501,
    grpc.StatusCode.UNAVAILABLE: 503,
    grpc.StatusCode.DEADLINE_EXCEEDED: 504,
}


@dataclasses.dataclass(frozen=True)
class FieldViolation:
    field: str
    reason: str


class ApiError(Exception):
    """An error answered in the API's shape."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        fields: list[FieldViolation] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or []
        self.headers = headers or {}

    def body(self) -> dict:
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "fields": [dataclasses.asdict(f) for f in self.fields],
            }
        }


def status_error(status: int, message: str) -> ApiError:
    """A refusal by HTTP itself rather than by a service, its code the status's name
    (413 -> "request_entity_too_large")."""
    name = HTTP_STATUS_CODES.get(status, "error")
    return ApiError(status, name.lower().replace(" ", "_"), message)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def api_error(error: ApiError):
        return jsonify(error.body()), error.status, error.headers

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return api_error(status_error(error.code or 500, error.description or error.name))

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        # Logged with its stack by Flask; the client learns only that it was our fault.
        app.logger.exception("unhandled error", exc_info=error)
        return api_error(ApiError(500, "internal", "internal error"))
