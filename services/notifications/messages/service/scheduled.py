"""The scheduled sends (`loyalty job expiry-reminders`, `loyalty job birthday-greetings`)
and the birthday vouchers the greetings carry; the occasions are the other services'
(the ledger's expiring points, the members' birthdays), asked for over their APIs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from common.refusals import Refusal
from services.notifications.messages.domain import scheduled
from services.notifications.messages.domain.message import Outgoing
from services.notifications.messages.domain.rules import DeliverySettings
from services.notifications.messages.domain.scheduled import BirthdayVoucher, JobTally
from services.notifications.messages.domain.sources import Upstream
from services.notifications.messages.service.sending import Messenger
from services.notifications.messages.store import MessageStore


class ScheduledSends:
    def __init__(
        self,
        messenger: Messenger,
        store: MessageStore,
        upstream: Upstream,
        settings: Callable[[], DeliverySettings],
    ) -> None:
        self.messenger = messenger
        self.store = store
        self.upstream = upstream
        self.settings = settings

    def expiry_reminders(self, as_of: datetime, days_ahead: int, now: datetime) -> JobTally:
        """For points expiring within `days_ahead` days of `as_of` (0: the delivery
        settings' expiry_reminder_days), one reminder per member and expiry date."""
        days = days_ahead or self.settings().expiry_reminder_days
        tally = JobTally()
        for row in self.upstream.expiring_points(as_of, as_of + timedelta(days=days)):
            self._count(tally, scheduled.expiry_reminder(row), now)
        return tally

    def birthday_greetings(self, as_of: datetime, now: datetime) -> JobTally:
        """A greeting to each member whose birthday `as_of` is (in their time zone), once
        a year, with their birthday voucher of the year if one was issued."""
        tally = JobTally()
        for member in self.upstream.birthdays(as_of):
            year = scheduled.birthday_year(member, as_of)
            voucher = self.store.birthday_voucher(member.member_id, year)
            out = scheduled.birthday_greeting(member, year, voucher)
            if self._count(tally, out, now) and "code" in out.variables:
                tally.with_voucher += 1
        return tally

    def keep_birthday_voucher(self, member_id: str, year: int, voucher: BirthdayVoucher):
        """The voucher the member's greeting of `year` carries (VoucherIssued, BIRTHDAY)."""
        self.store.keep_birthday_voucher(member_id, year, voucher)

    def _count(self, tally: JobTally, out: Outgoing, now: datetime) -> bool:
        """Sends `out`, counting what happened; True when a new message was created."""
        try:
            _message, _deliveries, replayed = self.messenger.send(out, now)
        except Refusal as refusal:
            if refusal.reason not in ("MEMBER_UNKNOWN", "MEMBER_ERASED"):
                raise
            tally.skipped += 1
            return False
        if replayed:
            tally.already_sent += 1
            return False
        tally.created += 1
        return True
