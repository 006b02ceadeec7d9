"""gRPC interceptors: the request id, a log line and metrics per call, deadlines.

Server side, every call:
  - takes the caller's `x-request-id` metadata (or makes one) into the log context;
  - is logged once when it ends, with its method, status code and duration;
  - is counted and timed in Prometheus;
  - never leaks an unexpected exception: it is logged with its stack here and the caller
    gets INTERNAL with the request id to quote, nothing more.
Client side, every call gets the current request id and a deadline if it has none.
"""

from __future__ import annotations

import collections
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

import grpc

from common import logs, metrics

log = logging.getLogger("loyalty.grpc")

# Probes hit the health service every few seconds; their calls are logged at debug.
_QUIET_SERVICES = frozenset({"grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection"})


class ServerCallInterceptor(grpc.ServerInterceptor):
    def intercept_service(self, continuation, handler_call_details):
        handler = continuation(handler_call_details)
        if handler is None:
            return None
        request_id = logs.accept_request_id(_metadata_value(handler_call_details))
        call = _ObservedCall(handler_call_details.method, request_id)
        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                call.wrap_unary(handler.unary_unary),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream:
            return grpc.unary_stream_rpc_method_handler(
                call.wrap_stream(handler.unary_stream),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.stream_unary:
            return grpc.stream_unary_rpc_method_handler(
                call.wrap_unary(handler.stream_unary),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return grpc.stream_stream_rpc_method_handler(
            call.wrap_stream(handler.stream_stream),
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )


def _metadata_value(handler_call_details) -> str | None:
    for key, value in handler_call_details.invocation_metadata or ():
        if key == logs.REQUEST_ID_METADATA:
            return value
    return None


class _ObservedCall:
    """Wraps one method's behaviour with request-id scope, logging and metrics."""

    def __init__(self, full_method: str, request_id: str) -> None:
        self.service, self.method = metrics.split_method(full_method)
        self.request_id = request_id

    def wrap_unary(self, behaviour: Callable) -> Callable:
        def observed(request, context):
            with logs.request_id_scope(self.request_id):
                started = time.perf_counter()
                try:
                    response = behaviour(request, context)
                except Exception as exc:
                    self._finish(context, started, exc)
                    raise
                self._finish(context, started, None)
                return response

        return observed

    def wrap_stream(self, behaviour: Callable) -> Callable:
        def observed(request, context) -> Iterator[Any]:
            with logs.request_id_scope(self.request_id):
                started = time.perf_counter()
                try:
                    yield from behaviour(request, context)
                except Exception as exc:
                    self._finish(context, started, exc)
                    raise
                self._finish(context, started, None)

        return observed

    def _finish(self, context: grpc.ServicerContext, started: float, error: Exception | None):
        seconds = time.perf_counter() - started
        code = context.code()
        if error is not None and code is None:
            # Not an abort with a status: a bug. Log it here, tell the caller little.
            log.exception(
                "unexpected error serving %s/%s", self.service, self.method, exc_info=error
            )
            context.set_code(grpc.StatusCode.INTERNAL)
            context.set_details(f"internal error (request id {self.request_id})")
            code = grpc.StatusCode.INTERNAL
        code_name = (code or grpc.StatusCode.OK).name
        metrics.GRPC_SERVER_HANDLED.labels(self.service, self.method, code_name).inc()
        metrics.GRPC_SERVER_SECONDS.labels(self.service, self.method).observe(seconds)
        level = logging.DEBUG if self.service in _QUIET_SERVICES else logging.INFO
        log.log(
            level,
            "rpc served",
            extra={
                "grpc_service": self.service,
                "grpc_method": self.method,
                "grpc_code": code_name,
                "duration_ms": round(seconds * 1000, 3),
            },
        )


class _ClientCallDetails(
    collections.namedtuple(
        "_ClientCallDetails",
        ("method", "timeout", "metadata", "credentials", "wait_for_ready", "compression"),
    ),
    grpc.ClientCallDetails,
):
    pass


class ClientCallInterceptor(
    grpc.UnaryUnaryClientInterceptor,
    grpc.UnaryStreamClientInterceptor,
    grpc.StreamUnaryClientInterceptor,
    grpc.StreamStreamClientInterceptor,
):
    """Adds the request id and a default deadline to every outgoing call."""

    def __init__(self, default_timeout: float) -> None:
        self.default_timeout = default_timeout

    def _details(self, details: grpc.ClientCallDetails) -> _ClientCallDetails:
        metadata = list(details.metadata or ())
        request_id = logs.current_request_id()
        if request_id:
            metadata.append((logs.REQUEST_ID_METADATA, request_id))
        return _ClientCallDetails(
            details.method,
            details.timeout if details.timeout is not None else self.default_timeout,
            metadata,
            details.credentials,
            details.wait_for_ready,
            details.compression,
        )

    def intercept_unary_unary(self, continuation, client_call_details, request):
        outcome = continuation(self._details(client_call_details), request)
        # A callback, not outcome.code(): that would block a caller using .future().
        outcome.add_done_callback(lambda done: _count_client_call(client_call_details.method, done))
        return outcome

    def intercept_unary_stream(self, continuation, client_call_details, request):
        return continuation(self._details(client_call_details), request)

    def intercept_stream_unary(self, continuation, client_call_details, request_iterator):
        return continuation(self._details(client_call_details), request_iterator)

    def intercept_stream_stream(self, continuation, client_call_details, request_iterator):
        return continuation(self._details(client_call_details), request_iterator)


def _count_client_call(full_method: str | bytes, done: grpc.Future) -> None:
    if isinstance(full_method, bytes):
        full_method = full_method.decode()
    service, method = metrics.split_method(full_method)
    metrics.GRPC_CLIENT_HANDLED.labels(service, method, done.code().name).inc()
