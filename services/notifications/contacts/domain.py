"""This service's copy of members' contact data, and the changes the members' events make
to it (contacts/consumers.py decodes them).

The channels and member statuses are numbered as the contracts number them
(loyalty.common.v1.Channel, loyalty.members.v1.MemberStatus), so a stored copy and a
message on the wire carry the same number.
"""

from __future__ import annotations

import dataclasses
import enum
from datetime import datetime

from common.clock import DEFAULT_TIME_ZONE

DEFAULT_LANGUAGE = "vi"


class Channel(enum.IntEnum):
    """The ways a message reaches a member."""

    EMAIL = 1
    SMS = 2
    PUSH = 3
    INBOX = 4


class MemberStatus(enum.IntEnum):
    UNSPECIFIED = 0
    ACTIVE = 1
    BLOCKED = 2
    ERASED = 3


class Erased(Exception):
    """The member asked to be forgotten."""


@dataclasses.dataclass(frozen=True)
class Contact:
    """What this service needs to reach a member."""

    member_id: str
    name: str = ""
    phone: str = ""
    email: str = ""
    language: str = DEFAULT_LANGUAGE
    time_zone: str = DEFAULT_TIME_ZONE
    preferred_channels: tuple[int, ...] = ()
    consents: frozenset[int] = frozenset()  # channels with marketing consent
    blocked: bool = False
    tier: dict[str, str] = dataclasses.field(default_factory=dict)

    def address(self, channel: int) -> str:
        """Where the channel reaches the member; empty when it cannot."""
        if channel == Channel.EMAIL:
            return self.email
        if channel == Channel.SMS:
            return self.phone
        return self.member_id  # push is addressed by member id; the inbox is ours

    def tier_name(self, language: str) -> str:
        """The member's tier in `language` (in Vietnamese if it has no name there)."""
        return self.tier.get(language) or self.tier.get(DEFAULT_LANGUAGE, "")


@dataclasses.dataclass(frozen=True)
class Details:
    """Contact data as a members' event carries it."""

    name: str
    phone: str = ""
    email: str = ""
    language: str = ""
    time_zone: str = ""
    preferred_channels: tuple[int, ...] = ()
    consents: tuple[int, ...] = ()  # channels with marketing consent, in the member's order
    status: int = MemberStatus.UNSPECIFIED


@dataclasses.dataclass(frozen=True)
class ContactCopy:
    """The copy as the members' events left it: what GetMemberContact shows."""

    member_id: str
    details: Details
    member_version: int
    updated_at: datetime | None = None
    tier: dict[str, str] = dataclasses.field(default_factory=dict)

    def contact(self) -> Contact:
        details = self.details
        return Contact(
            member_id=self.member_id,
            name=details.name,
            phone=details.phone,
            email=details.email,
            language=details.language or DEFAULT_LANGUAGE,
            time_zone=details.time_zone or DEFAULT_TIME_ZONE,
            preferred_channels=details.preferred_channels,
            consents=frozenset(details.consents),
            blocked=details.status == MemberStatus.BLOCKED,
            tier=self.tier,
        )


# What the members' events change on the copy. A member's own changes carry the member's
# version (the newest wins); tier changes carry none (the newest effective one wins).


@dataclasses.dataclass(frozen=True)
class NewDetails:
    member_version: int
    details: Details
    at: datetime


@dataclasses.dataclass(frozen=True)
class NewStatus:
    member_version: int
    status: MemberStatus
    at: datetime


@dataclasses.dataclass(frozen=True)
class Erasure:
    member_version: int
    at: datetime


@dataclasses.dataclass(frozen=True)
class NewTier:
    names: dict[str, str]
    at: datetime


Change = NewDetails | NewStatus | Erasure | NewTier
