"""gRPC errors with rich details (google.rpc.Status), as common.proto describes.

Services raise `ServiceError`; the servicer base turns it into a status with
BadRequest field violations (every bad field named) and ErrorInfo (a stable reason, the
domain and figures), which the gateway turns into its one JSON error shape.
"""

from __future__ import annotations

import dataclasses
import functools

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from common.refusals import Refusal

STATUS_OF_REFUSAL = {
    "invalid": grpc.StatusCode.INVALID_ARGUMENT,
    "not_found": grpc.StatusCode.NOT_FOUND,
    "precondition": grpc.StatusCode.FAILED_PRECONDITION,
    "exists": grpc.StatusCode.ALREADY_EXISTS,
    "aborted": grpc.StatusCode.ABORTED,
    "unavailable": grpc.StatusCode.UNAVAILABLE,
    "unauthenticated": grpc.StatusCode.UNAUTHENTICATED,
    "permission": grpc.StatusCode.PERMISSION_DENIED,
}


@dataclasses.dataclass(frozen=True)
class FieldViolation:
    field: str
    description: str


class ServiceError(Exception):
    def __init__(
        self,
        code: grpc.StatusCode,
        message: str,
        *,
        reason: str = "",
        domain: str = "",
        violations: list[FieldViolation] | None = None,
        metadata: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.reason = reason
        self.domain = domain
        self.violations = violations or []
        self.metadata = metadata or {}

    def to_status(self) -> grpc.Status:
        details = []
        if self.violations:
            details.append(
                error_details_pb2.BadRequest(
                    field_violations=[
                        error_details_pb2.BadRequest.FieldViolation(
                            field=v.field, description=v.description
                        )
                        for v in self.violations
                    ]
                )
            )
        if self.reason:
            details.append(
                error_details_pb2.ErrorInfo(
                    reason=self.reason, domain=self.domain, metadata=self.metadata
                )
            )
        packed = []
        for detail in details:
            holder = any_pb2.Any()
            holder.Pack(detail)
            packed.append(holder)
        return rpc_status.to_status(
            status_pb2.Status(
                code=getattr(code_pb2, self.code.name), message=self.message, details=packed
            )
        )


def answering_refusals(domain: str):
    """Decorates a servicer method: a Refusal or ServiceError becomes its gRPC status,
    with BadRequest naming the field and ErrorInfo giving the reason and figures."""

    def decorate(method):
        @functools.wraps(method)
        def handle(self, request, context):
            try:
                return method(self, request, context)
            except Refusal as refusal:
                context.abort_with_status(_refusal_status(refusal, domain))
            except ServiceError as error:
                context.abort_with_status(error.to_status())

        return handle

    return decorate


def _refusal_status(refusal: Refusal, domain: str) -> grpc.Status:
    message = _short(refusal.message)
    violations = [FieldViolation(refusal.field, message)] if refusal.field else []
    return ServiceError(
        STATUS_OF_REFUSAL[refusal.kind],
        message,
        reason=refusal.reason,
        domain=domain,
        violations=violations,
        metadata=refusal.metadata,
    ).to_status()


# Error details travel in gRPC trailers, which a client refuses beyond 8 KiB (the call
# then fails as RESOURCE_EXHAUSTED instead): a bad request names at most this many fields,
# each briefly, and the message is kept short.
MAX_VIOLATIONS, MAX_TEXT = 20, 200


def _short(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def invalid(violations: list[FieldViolation], domain: str = "") -> ServiceError:
    violations = [
        FieldViolation(_short(v.field), _short(v.description)) for v in violations[:MAX_VIOLATIONS]
    ]
    named = _short("; ".join(f"{v.field}: {v.description}" for v in violations))
    return ServiceError(
        grpc.StatusCode.INVALID_ARGUMENT,
        f"invalid request: {named}",
        reason="INVALID_ARGUMENT",
        domain=domain,
        violations=violations,
    )


def details_of(error: grpc.RpcError) -> tuple[list[FieldViolation], dict]:
    """Field violations and ErrorInfo (reason, metadata) carried by a failed call."""
    try:
        status = rpc_status.from_call(error)
    except ValueError:  # the details do not match the call's code (a transport failure)
        return [], {}
    violations, info = [], {}
    for detail in status.details if status else []:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            violations += [FieldViolation(v.field, v.description) for v in bad.field_violations]
        elif detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            error_info = error_details_pb2.ErrorInfo()
            detail.Unpack(error_info)
            info = {
                "reason": error_info.reason,
                "domain": error_info.domain,
                "metadata": dict(error_info.metadata),
            }
    return violations, info
