"""Messages the other services' events call for: the consumer groups' handlers (the
members' events update the contact copy first: contacts/consumers.py).

Each event makes at most one message per type: the dedupe key is the event id and the
type, so an event delivered three times (a redelivery, a reclaimed entry, a replayed
stream) still makes one message and one delivery per channel.
"""

from __future__ import annotations

import logging
from datetime import UTC, timedelta

from common import clock
from common import events as bus
from common.clock import Clock
from common.refusals import Refusal
from loyalty.events.v1 import events_pb2
from loyalty.notifications.v1 import templates_pb2
from loyalty.points.v1 import rewards_pb2, rules_pb2
from services.notifications.contacts.service import ContactBook
from services.notifications.messages.domain.message import Outgoing
from services.notifications.messages.domain.scheduled import BirthdayVoucher
from services.notifications.messages.service.scheduled import ScheduledSends
from services.notifications.messages.service.sending import Messenger
from services.notifications.templates.domain.catalogue import MessageType

log = logging.getLogger("loyalty.notifications.triggers")
# An event whose member this service still does not know after this long is given up
# (logged): the member's enrolment event was lost or belongs to another programme.
PATIENCE = timedelta(hours=1)


class Triggers:
    def __init__(
        self,
        contacts: ContactBook,
        messenger: Messenger,
        scheduled: ScheduledSends,
        clock: Clock = clock.now,
    ) -> None:
        self.contacts = contacts
        self.messenger = messenger
        self.scheduled = scheduled
        self.clock = clock

    def on_members_event(self, event: events_pb2.Envelope) -> None:
        kind = event.WhichOneof("payload")
        if kind == "member_enrolled" and not event.member_enrolled.quiet:
            # A quiet enrolment (a bulk import that asked for no welcome) gets none.
            enrolled = event.member_enrolled
            self._send(
                event,
                MessageType.WELCOME,
                member_number=enrolled.member_number,
                referral_code=enrolled.referral_code,
            )
        elif kind == "tier_changed" and event.tier_changed.upgrade:
            self._tier_upgrade(event, event.tier_changed)

    def on_points_event(self, event: events_pb2.Envelope) -> None:
        kind = event.WhichOneof("payload")
        if kind == "points_earned" and event.points_earned.points > 0:
            self._thank_you(event, event.points_earned)
        elif kind == "points_reversed" and event.points_reversed.points_to_reverse > 0:
            self._points_reversed(event, event.points_reversed)
        elif kind == "reward_redeemed" and event.reward_redeemed.voucher_code:
            self._reward_redeemed(event, event.reward_redeemed)
        elif kind == "voucher_issued":
            self._voucher_issued(event, event.voucher_issued)
        elif kind == "bonus_awarded":
            bonus = event.bonus_awarded
            # A gift with a voucher is announced by its VoucherIssued: one message, not two.
            if bonus.trigger == rules_pb2.BONUS_TRIGGER_GIFT and not bonus.voucher_code:
                self._send(
                    event,
                    MessageType.GIFT,
                    points=str(bonus.points),
                    note=self._named(event.member_id, bonus.name),
                )

    def _thank_you(self, event, earned: events_pb2.PointsEarned) -> None:
        self._send(
            event,
            MessageType.PURCHASE_THANK_YOU,
            points=str(earned.points),
            balance=str(earned.balance.available),
            amount=f"{earned.amount.amount_minor} {earned.amount.currency}",
            pending_until=_instant(earned, "available_at") if earned.pending_points else "",
        )

    def _points_reversed(self, event, reversed_: events_pb2.PointsReversed) -> None:
        """The member is told what a return took back, and what it could not."""
        available = reversed_.balance.available
        self._send(
            event,
            MessageType.POINTS_REVERSED,
            points=str(reversed_.reversed_points),
            balance=str(max(available, 0)),
            return_id=reversed_.return_id,
            not_taken=str(reversed_.shortfall_points) if reversed_.shortfall_points else "",
            owed=str(-available) if available < 0 else "",
        )

    def _tier_upgrade(self, event, change: events_pb2.TierChanged) -> None:
        """Names the tier this event reached (the contact copy holds the newest tier, which
        is another one when a later upgrade was handled first)."""
        multiplier = change.to_tier.benefits.earn_multiplier_bp
        self._send(
            event,
            MessageType.TIER_UPGRADE,
            tier=self._named(event.member_id, change.to_tier.name) or change.to_tier.code,
            previous_tier=self._named(event.member_id, change.from_tier.name),
            multiplier=f"x{multiplier / 10000:g}" if multiplier > 10000 else "",
        )

    def _reward_redeemed(self, event, redeemed: events_pb2.RewardRedeemed) -> None:
        self._send(
            event,
            MessageType.REWARD_REDEEMED,
            reward=self._named(event.member_id, redeemed.reward_name),
            code=redeemed.voucher_code,
            valid_until=_instant(redeemed, "voucher_expires_at"),
            points=str(redeemed.points_spent),
            balance=str(redeemed.balance.available),
        )

    def _voucher_issued(self, event, issued: events_pb2.VoucherIssued) -> None:
        voucher = BirthdayVoucher(
            code=issued.voucher_code,
            reward=self._named(event.member_id, issued.reward_name),
            valid_until=_instant(issued, "expires_at"),
        )
        if issued.issue_reason == rewards_pb2.VOUCHER_REASON_BIRTHDAY:
            # The birthday job sends the greeting with it, on the member's own birthday.
            year = event.occurred_at.ToDatetime(UTC).year
            self.scheduled.keep_birthday_voucher(event.member_id, year, voucher)
        elif issued.issue_reason == rewards_pb2.VOUCHER_REASON_COMPENSATION:
            self._send(
                event,
                MessageType.APOLOGY,
                complaint=issued.complaint_reference,
                **voucher.variables(),
            )
        elif issued.issue_reason == rewards_pb2.VOUCHER_REASON_GIFT:
            self._send(event, MessageType.GIFT, **voucher.variables())

    def _send(self, event: events_pb2.Envelope, message_type: MessageType, **variables: str):
        out = Outgoing(
            dedupe_key=f"{event.event_id}:{templates_pb2.MessageType.Name(message_type)}",
            member_id=event.member_id,
            message_type=message_type,
            actor=f"system:{event.type}",
            variables={name: value for name, value in variables.items() if value},
            source_event_id=event.event_id,
        )
        try:
            self.messenger.send(out, self.clock())
        except Refusal as refusal:
            if refusal.reason == "MEMBER_ERASED":
                return
            age = self.clock() - event.occurred_at.ToDatetime(UTC)
            if refusal.reason == "MEMBER_UNKNOWN" and age < PATIENCE:
                raise bus.NotYet(f"member of event {event.event_id} not known yet") from None
            log.warning("event dropped: %s", refusal.message, extra={"event_id": event.event_id})

    def _named(self, member_id: str, names) -> str:
        """A per-language name in the member's language (Vietnamese if missing)."""
        if not names:
            return ""
        language = self.contacts.language(member_id)
        return names.get(language) or names.get("vi") or next(iter(names.values()))


def _instant(message, field: str) -> str:
    if not message.HasField(field):
        return ""
    return getattr(message, field).ToDatetime(UTC).isoformat()
