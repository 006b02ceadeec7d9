"""Referrals: a referred member's first purchase qualifies the referral, once.

The referrer is recorded at enrolment (by referral code). The ledger marks a member's
first purchase on its points.earned event; the first such event for a referred member
sets `referral_qualified_at` and announces referral.qualified in the same write, so a
redelivered event finds the referral already qualified and changes nothing. The earning
rules (#6) award both members' bonuses from that event.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from common import events as bus
from loyalty.events.v1 import events_pb2
from services.members.directory.service import Directory, DirectoryError


class Referrals:
    def __init__(self, directory: Directory) -> None:
        self.directory = directory

    def on_ledger_event(self, event: events_pb2.Envelope) -> None:
        if event.WhichOneof("payload") != "points_earned" or not event.points_earned.first_purchase:
            return
        try:
            self.directory.change(
                event.member_id, lambda member, now: self._qualify(member, now, event)
            )
        except DirectoryError as error:
            if error.kind != "not_found":
                raise

    @staticmethod
    def _qualify(member: dict, now: datetime, event: events_pb2.Envelope):
        if not member.get("referred_by") or member.get("referral_qualified_at"):
            return None
        earned = event.points_earned
        qualified = events_pb2.ReferralQualified(
            referral_id=uuid.uuid4().hex,
            referrer_member_id=member["referred_by"],
            referee_member_id=member["_id"],
            partner_id=earned.partner_id,
            transaction_id=earned.transaction_id,
            qualified_at=bus.timestamp(now),
        )
        return (
            {"referral_qualified_at": now},
            (),
            [("referral.qualified", {"referral_qualified": qualified})],
        )
