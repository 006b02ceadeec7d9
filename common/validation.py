"""Request checks that name every bad field at once (INVALID_ARGUMENT with BadRequest)."""

from __future__ import annotations

from common.grpc_errors import FieldViolation, invalid


class Checks:
    def __init__(self, domain: str = "") -> None:
        self.domain = domain
        self.violations: list[FieldViolation] = []

    def fail(self, field: str, description: str) -> None:
        self.violations.append(FieldViolation(field, description))

    def check(self, condition: bool, field: str, description: str) -> bool:
        if not condition:
            self.fail(field, description)
        return condition

    def text(self, field: str, value: str, *, required: bool = True, max_length: int = 128) -> None:
        if required and not value:
            self.fail(field, "is required")
        elif len(value) > max_length:
            self.fail(field, f"is longer than {max_length} characters")

    def who_and_why(self, request, max_reason: int = 500) -> None:
        """A staff change names its actor and a reason (the audit trail)."""
        self.text("actor", request.actor)
        self.text("reason", request.reason, max_length=max_reason)

    def positive(self, field: str, value: int) -> None:
        self.check(value > 0, field, "must be greater than zero")

    def done(self) -> None:
        if self.violations:
            raise invalid(self.violations, self.domain)
