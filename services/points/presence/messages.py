"""The presence messages of the contract, to and from the domain's values."""

from __future__ import annotations

import re

from common.validation import Checks
from loyalty.points.v1 import presence_pb2
from services.points.presence.domain import (
    CODE_DIGITS,
    MAX_TOKEN_LENGTH,
    REFRESH_AFTER,
    PresenceCode,
    PresenceProof,
)

_CODE = re.compile(rf"[0-9]{{{CODE_DIGITS}}}")


def proof_from(checks: Checks, message: presence_pb2.PresenceProof) -> PresenceProof:
    """The proof a till sent (checked for shape; whether it is right is the service's)."""
    checks.check(
        not (message.code and message.token), "presence", "send the code or the token, not both"
    )
    if message.code:
        checks.check(bool(_CODE.fullmatch(message.code)), "presence.code", "must be six digits")
    checks.text("presence.token", message.token, required=False, max_length=MAX_TOKEN_LENGTH)
    return PresenceProof(code=message.code, token=message.token)


def code_message(code: PresenceCode) -> presence_pb2.IssuePresenceCodeResponse:
    reply = presence_pb2.IssuePresenceCodeResponse(
        code=code.code,
        token=code.token,
        refresh_after_seconds=int(REFRESH_AFTER.total_seconds()),
    )
    reply.expires_at.FromDatetime(code.expires_at)
    return reply
