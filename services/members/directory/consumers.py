"""What the directory does on the ledger's events: a referred member's first purchase
qualifies their referral.

The referrer is recorded at enrolment (by referral code). The ledger marks a member's
first purchase on its points.earned event; the first such event for a referred member
sets `referral_qualified_at` and announces referral.qualified in the same write, so a
redelivered event finds the referral already qualified and changes nothing. The earning
rules (#6) award both members' bonuses from that event.
"""

from __future__ import annotations

from loyalty.events.v1 import events_pb2
from services.members.directory.domain.members import FirstPurchase
from services.members.directory.service import Directory


class Referrals:
    def __init__(self, directory: Directory) -> None:
        self.directory = directory

    def on_ledger_event(self, event: events_pb2.Envelope) -> None:
        if event.WhichOneof("payload") != "points_earned" or not event.points_earned.first_purchase:
            return
        earned = event.points_earned
        self.directory.qualify_referral(
            event.member_id, FirstPurchase(earned.partner_id, earned.transaction_id)
        )
