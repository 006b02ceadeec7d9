"""The events a member's changes announce (loyalty.events.v1), built from the document.

Other services keep only what these carry, so they carry the contact data and consents
notifications need, and MemberErased tells every service to forget them.
"""

from __future__ import annotations

from datetime import datetime

from common import events as bus
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import members_pb2

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
    event_type: str, member: dict, request_id: str, when: datetime, **payload
) -> tuple[str, bytes]:
    """(event id, serialized envelope) for the outbox."""
    envelope = bus.envelope(
        event_type, "members", member["_id"], request_id, occurred_at=when, **payload
    )
    return envelope.event_id, envelope.SerializeToString()


def contact(member: dict) -> events_pb2.MemberContact:
    return events_pb2.MemberContact(
        name=member.get("name", ""),
        phone=member.get("phone", ""),
        email=member.get("email", ""),
        language=member.get("language", ""),
        time_zone=member.get("time_zone", ""),
        preferred_channels=[CHANNELS[c] for c in member.get("preferred_channels", [])],
        consents=consents(member),
        status=STATUS[member["status"]],
    )


def consents(member: dict) -> list[members_pb2.Consent]:
    return [consent(channel, record) for channel, record in member.get("consents", {}).items()]


def consent(channel: str, record: dict) -> members_pb2.Consent:
    return members_pb2.Consent(
        channel=CHANNELS[channel],
        granted=record["granted"],
        at=bus.timestamp(record["at"]),
        source=record.get("source", ""),
    )
