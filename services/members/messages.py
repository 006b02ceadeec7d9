"""A member as the contract shows it (loyalty.members.v1.Member)."""

from __future__ import annotations

from common import events as bus
from loyalty.members.v1 import members_pb2
from services.members.directory import events


def member_message(member: dict) -> members_pb2.Member:
    return members_pb2.Member(
        member_id=member["_id"],
        member_number=member["member_number"],
        card_number=member.get("card_number", ""),
        qr_token=member.get("qr_token", ""),
        name=member.get("name", ""),
        phone=member.get("phone", ""),
        email=member.get("email", ""),
        birthday=member.get("birthday", ""),
        language=member.get("language", ""),
        time_zone=member.get("time_zone", ""),
        preferred_channels=[events.CHANNELS[c] for c in member.get("preferred_channels", [])],
        consents=events.consents(member),
        status=events.STATUS[member["status"]],
        tier_code=member.get("tier_code", ""),
        referral_code=member.get("referral_code", ""),
        referred_by=member.get("referred_by", ""),
        enrolled_at=bus.timestamp(member["enrolled_at"]),
        updated_at=bus.timestamp(member.get("updated_at")),
        enrolment_channel=member.get("enrolment_channel", ""),
        enrolment_partner_id=member.get("enrolment_partner_id", ""),
        enrolment_store_id=member.get("enrolment_store_id", ""),
        blocked_reason=member.get("blocked_reason", ""),
        blocked_at=bus.timestamp(member.get("blocked_at")),
        erased_at=bus.timestamp(member.get("erased_at")),
        version=member["version"],
    )
