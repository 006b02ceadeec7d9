"""The events a member's changes announce (loyalty.events.v1), and the relay that takes
them to `loyalty.members.events`.

Other services keep only what these carry, so they carry the contact data and consents
notifications need, and MemberErased tells every service to forget them.
"""

from __future__ import annotations

from datetime import datetime

import redis

from common import clock
from common import events as bus
from common.outbox import RelayLoop
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import members_pb2
from services.members.directory.domain.members import (
    Consent,
    ConsentChanged,
    Member,
    MemberEnrolled,
    MemberErased,
    MemberUpdated,
    ReferralQualified,
    StatusChanged,
)
from services.members.directory.store import EventOutbox

STATUS = {
    "active": members_pb2.MEMBER_STATUS_ACTIVE,
    "blocked": members_pb2.MEMBER_STATUS_BLOCKED,
    "erased": members_pb2.MEMBER_STATUS_ERASED,
}
CHANNELS = {
    name.removeprefix("CHANNEL_").lower(): value
    for name, value in common_pb2.Channel.items()
    if value
}


def announce(
    what, member: Member, request_id: str, when: datetime, event_id: str = ""
) -> tuple[str, bytes]:
    """(event id, serialized envelope) for the outbox: what a change announces, with the
    member as the change leaves it (under `event_id` when the change derives one)."""
    event_type, payload = _payload(what, member)
    return outbox_entry(event_type, member.member_id, request_id, when, event_id, **payload)


def outbox_entry(
    event_type: str,
    member_id: str,
    request_id: str,
    when: datetime | None,
    event_id: str = "",
    **payload,
) -> tuple[str, bytes]:
    envelope = bus.envelope(
        event_type, "members", member_id, request_id, occurred_at=when, event_id=event_id, **payload
    )
    return envelope.event_id, envelope.SerializeToString()


def _payload(what, member: Member) -> tuple[str, dict]:
    version = member.version
    match what:
        case MemberEnrolled(quiet):
            enrolled = events_pb2.MemberEnrolled(
                quiet=quiet,
                member_number=member.member_number,
                contact=contact(member),
                tier_code=member.tier.code,
                referral_code=member.referral_code,
                referred_by=member.referred_by,
                enrolment_channel=member.enrolment_channel,
                partner_id=member.enrolment_partner_id,
                store_id=member.enrolment_store_id,
                enrolled_at=bus.timestamp(member.enrolled_at),
                member_version=version,
            )
            return "member.enrolled", {"member_enrolled": enrolled}
        case MemberUpdated(changed_fields):
            updated = events_pb2.MemberUpdated(
                contact=contact(member), changed_fields=changed_fields, member_version=version
            )
            return "member.updated", {"member_updated": updated}
        case ConsentChanged(channel):
            changed = events_pb2.ConsentChanged(
                consent=consent(channel, member.consents[channel]),
                contact=contact(member),
                member_version=version,
            )
            return "consent.changed", {"consent_changed": changed}
        case StatusChanged(actor, reason) if member.status == "blocked":
            blocked = events_pb2.MemberBlocked(actor=actor, reason=reason, member_version=version)
            return "member.blocked", {"member_blocked": blocked}
        case StatusChanged(actor, reason):
            unblocked = events_pb2.MemberUnblocked(
                actor=actor, reason=reason, member_version=version
            )
            return "member.unblocked", {"member_unblocked": unblocked}
        case MemberErased():
            erased = events_pb2.MemberErased(
                erased_at=bus.timestamp(member.erased_at), member_version=version
            )
            return "member.erased", {"member_erased": erased}
        case ReferralQualified(referral_id, purchase):
            qualified = events_pb2.ReferralQualified(
                referral_id=referral_id,
                referrer_member_id=member.referred_by,
                referee_member_id=member.member_id,
                partner_id=purchase.partner_id,
                transaction_id=purchase.transaction_id,
                qualified_at=bus.timestamp(member.referral_qualified_at),
            )
            return "referral.qualified", {"referral_qualified": qualified}
    raise TypeError(f"a member's change does not announce {what!r}")


def contact(member: Member) -> events_pb2.MemberContact:
    return events_pb2.MemberContact(
        name=member.name,
        phone=member.phone,
        email=member.email,
        language=member.language,
        time_zone=member.time_zone,
        preferred_channels=[CHANNELS[c] for c in member.preferred_channels],
        consents=consents(member),
        status=STATUS[member.status],
    )


def consents(member: Member) -> list[members_pb2.Consent]:
    return [consent(channel, given) for channel, given in member.consents.items()]


def consent(channel: str, given: Consent) -> members_pb2.Consent:
    return members_pb2.Consent(
        channel=CHANNELS[channel],
        granted=given.granted,
        at=bus.timestamp(given.at),
        source=given.source,
    )


class MembersRelay(RelayLoop):
    """The members service's outbox relay: what the members' and the tier ladder's
    documents hold reaches `loyalty.members.events`."""

    def __init__(self, outbox: EventOutbox, client: redis.Redis, **timing) -> None:
        super().__init__("members-relay", **timing)
        self.outbox = outbox
        self.client = client

    def relay_round(self, keys: set[str], sweep: bool) -> int:
        if sweep:
            keys |= set(self.outbox.holding_events())
        moved = self.outbox.move_to_queue(keys, clock.now()) if keys else 0
        self.outbox.publish(self.client, bus.MEMBERS_STREAM)
        return moved
