"""What the messages' use cases need from the other parts, the other services and the
providers, as types; bootstrap.py wires each in."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from services.notifications.contacts.domain import Contact
from services.notifications.messages.domain.bulk import SegmentPage
from services.notifications.messages.domain.delivery import Outcome, Parcel
from services.notifications.messages.domain.scheduled import Birthday, ExpiringPoints
from services.notifications.templates.domain.template import Template


class Templates(Protocol):
    def resolve(self, message_type: int, language: str, channel: int) -> Template | None:
        """The template for the language (else Vietnamese); None when neither exists."""


class Contacts(Protocol):
    def get(self, member_id: str) -> Contact | None:
        """The copy read now; None when there is none yet; raises Erased after an erasure."""

    def recent(self, member_id: str) -> Contact | None:
        """As `get`, or the copy this process read a moment ago."""


class Sender(Protocol):
    """A channel (messages/channels.py, the inbox)."""

    def send(self, parcel: Parcel) -> Outcome:
        """Hands the parcel on; never raises (a failure is an Outcome)."""


class Upstream(Protocol):
    """The other services' APIs (UNAVAILABLE, NOT_FOUND... come as Refusals)."""

    def expiring_points(self, start: datetime, end: datetime) -> Iterable[ExpiringPoints]: ...

    def birthdays(self, at: datetime) -> Iterable[Birthday]: ...

    def segment_page(
        self, segment_id: str, computation_id: str, cursor: str, size: int
    ) -> SegmentPage: ...
