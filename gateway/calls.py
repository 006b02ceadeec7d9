"""Calling the services: any RPC by its full name, with the gateway's deadline, and its
errors turned into the API's one error shape (../shared/DESIGN.md's mapping)."""

from __future__ import annotations

import functools

import grpc
from google.protobuf import descriptor_pool, message_factory
from google.protobuf.message import Message

from common.grpc_errors import details_of
from gateway.downstream import Downstream
from gateway.errors import HTTP_STATUS_OF, ApiError, FieldViolation

RETRY_AFTER_SECONDS = "1"


@functools.cache
def message_classes(rpc: str) -> tuple[type[Message], type[Message]]:
    """(request, response) classes of "package.Service/Method"."""
    service_name, method_name = rpc.split("/")
    method = descriptor_pool.Default().FindServiceByName(service_name).methods_by_name[method_name]
    return (
        message_factory.GetMessageClass(method.input_type),
        message_factory.GetMessageClass(method.output_type),
    )


def call(downstream: Downstream, service: str, rpc: str, request: Message, *, read: bool = False):
    """The RPC's response; a read (idempotent) is tried once more if the service was
    unreachable, a write never is (its Idempotency-Key makes the client's retry safe)."""
    method = downstream.unary(service, rpc, *message_classes(rpc))
    attempts = 2 if read else 1
    for attempt in range(attempts):
        try:
            return method(request)
        except grpc.RpcError as error:
            if attempt + 1 < attempts and error.code() == grpc.StatusCode.UNAVAILABLE:
                continue
            raise api_error(error) from None
    raise AssertionError("unreachable")


def api_error(error: grpc.RpcError) -> ApiError:
    code = error.code()
    violations, info = details_of(error)
    status = HTTP_STATUS_OF.get(code, 500)
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
