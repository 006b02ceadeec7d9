"""A request a service refuses, in the domain's words; no transport in here.

`kind` says which gRPC status it becomes (common.grpc_errors): "invalid", "not_found",
"precondition", "exists", "aborted", "unavailable", "unauthenticated" or "permission";
`reason` is the stable ErrorInfo reason the contracts list; `field` names the request
field at fault.
"""

from __future__ import annotations


class Refusal(Exception):
    def __init__(
        self,
        kind: str,
        reason: str,
        message: str,
        field: str = "",
        metadata: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.reason = reason
        self.message = message
        self.field = field
        self.metadata = metadata or {}


# The refusals every service gives in the same words but for its own message.


def key_reused(message: str) -> Refusal:
    """The idempotency key was used before for a different request."""
    return Refusal("exists", "IDEMPOTENCY_KEY_REUSED", message, field="idempotency_key")


def version_mismatch(message: str) -> Refusal:
    """The caller's expected_version is not the stored one."""
    return Refusal("aborted", "VERSION_MISMATCH", message, field="expected_version")
