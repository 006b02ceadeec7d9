"""Calling the services: any RPC by its full name, with the gateway's deadline, and its
errors turned into the API's one error shape (../shared/DESIGN.md's mapping)."""

from __future__ import annotations

import grpc
from google.protobuf.message import Message

from common.contracts import message_classes
from common.grpc_errors import details_of
from gateway.downstream import Downstream
from gateway.errors import HTTP_STATUS_OF, ApiError, FieldViolation

RETRY_AFTER_SECONDS = "1"


def call(downstream: Downstream, service: str, rpc: str, request: Message, *, read: bool = False):
    """The RPC's response; a read (idempotent) is tried once more if the service was
    unreachable, a write never is (its Idempotency-Key makes the client's retry safe)."""
    client = downstream.clients[service]
    try:
        return client.invoke(client.method(rpc, *message_classes(rpc)), request, read=read)
    except grpc.RpcError as error:
        raise api_error(error, write=not read) from None


def api_error(error: grpc.RpcError, *, write: bool = False) -> ApiError:
    code = error.code()
    violations, info = details_of(error)
    status = HTTP_STATUS_OF.get(code, 500)
    if write and status >= 500 and not info.get("reason"):
        # No refusal came back: the deadline passed, the connection broke, or the service
        # failed midway. The change may have been applied; only the same request again
        # (same Idempotency-Key or transaction id) can tell, and it applies at most once.
        return ApiError(
            status,
            "outcome_unknown",
            "the request may or may not have been applied: retry it with the same "
            "Idempotency-Key (or transaction id); it takes effect at most once",
            [],
            {"Retry-After": RETRY_AFTER_SECONDS},
        )
    headers = {"Retry-After": RETRY_AFTER_SECONDS} if status in (429, 503) else {}
    message = error.details() or code.name
    if status >= 500 and status not in (501, 503, 504):
        message = "internal error"  # a service's internals are not the client's business
    return ApiError(
        status,
        (info.get("reason") or code.name).lower(),
        message,
        [FieldViolation(v.field, v.description) for v in violations],
        headers,
    )
