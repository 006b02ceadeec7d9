"""The ways a message reaches a member. Each channel's `send` answers an Outcome and
never raises: a provider's failure is data the dispatcher records and retries."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Parcel:
    """What one delivery hands its channel."""

    delivery_id: str
    member_id: str
    to: str
    subject: str
    body: str
    message_type: int


@dataclasses.dataclass(frozen=True)
class Outcome:
    sent: bool
    detail: str = ""
    provider_message_id: str = ""
    # The provider refused for good (a bad address): retrying cannot help.
    permanent: bool = False


def accepted(provider_message_id: str, detail: str = "") -> Outcome:
    return Outcome(True, detail, provider_message_id)


def failed(detail: str, permanent: bool = False) -> Outcome:
    return Outcome(False, detail, permanent=permanent)
