"""The members' events (group notifications) as changes of the contact copy.

An enrolment names only its entry tier's code: its names come from the ladder
(`TierNames`, kept from the TierLadderChanged events), so the welcome names the tier."""

from __future__ import annotations

from datetime import UTC

from loyalty.events.v1 import events_pb2
from services.notifications.contacts.domain import (
    Change,
    Details,
    Erasure,
    MemberStatus,
    NewDetails,
    NewStatus,
    NewTier,
)
from services.notifications.contacts.service import ContactBook, TierNames


class ContactFeed:
    def __init__(self, book: ContactBook, tier_names: TierNames | None = None) -> None:
        self.book = book
        self.tier_names = tier_names

    def on_members_event(self, event: events_pb2.Envelope) -> None:
        kind = event.WhichOneof("payload")
        if kind == "tier_ladder_changed" and self.tier_names is not None:
            ladder = event.tier_ladder_changed.ladder
            self.tier_names.replace({tier.code: dict(tier.name) for tier in ladder.tiers})
        self.book.apply(event.member_id, change_of(event))
        if kind == "member_enrolled" and self.tier_names is not None:
            names = self.tier_names.of(event.member_enrolled.tier_code)
            if names:
                self.book.apply(event.member_id, NewTier(names, event.occurred_at.ToDatetime(UTC)))


def change_of(event: events_pb2.Envelope) -> Change | None:
    """What the event changes on the copy; None when it changes nothing there."""
    kind = event.WhichOneof("payload")
    payload = getattr(event, kind) if kind else None
    when = event.occurred_at.ToDatetime(UTC)
    if kind in ("member_enrolled", "member_updated", "consent_changed"):
        return NewDetails(payload.member_version, details_of(payload.contact), when)
    if kind in ("member_blocked", "member_unblocked"):
        status = MemberStatus.BLOCKED if kind == "member_blocked" else MemberStatus.ACTIVE
        return NewStatus(payload.member_version, status, when)
    if kind == "member_erased":
        return Erasure(payload.member_version, when)
    if kind == "tier_changed":
        names = dict(payload.to_tier.name) or {"vi": payload.to_tier.code}
        return NewTier(names, when)
    return None


def details_of(contact: events_pb2.MemberContact) -> Details:
    return Details(
        name=contact.name,
        phone=contact.phone,
        email=contact.email,
        language=contact.language,
        time_zone=contact.time_zone,
        preferred_channels=tuple(contact.preferred_channels),
        consents=tuple(c.channel for c in contact.consents if c.granted),
        status=contact.status,
    )
