"""The scheduled sends (`loyalty job expiry-reminders`, `loyalty job birthday-greetings`).

Idempotent by construction: each message's dedupe key names its occasion (the member and
the expiry date; the member and the year), so a second run, or two at once, creates
nothing more and counts those members as already sent.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from common.clock import DEFAULT_TIME_ZONE
from common.refusals import Refusal
from loyalty.notifications.v1 import templates_pb2 as types
from services.notifications.sending import Messenger, Outgoing
from services.notifications.storage import NotificationStore
from services.notifications.upstream import Upstream


@dataclasses.dataclass
class JobTally:
    created: int = 0
    already_sent: int = 0
    skipped: int = 0
    with_voucher: int = 0

    def count(self, messenger: Messenger, out: Outgoing, now: datetime) -> bool:
        """Sends `out`, counting what happened; True when a new message was created."""
        try:
            _message, _deliveries, replayed = messenger.send(out, now)
        except Refusal as refusal:
            if refusal.reason not in ("MEMBER_UNKNOWN", "MEMBER_ERASED"):
                raise
            self.skipped += 1
            return False
        if replayed:
            self.already_sent += 1
            return False
        self.created += 1
        return True


class ScheduledSends:
    def __init__(self, messenger: Messenger, store: NotificationStore, upstream: Upstream):
        self.messenger = messenger
        self.store = store
        self.upstream = upstream

    def expiry_reminders(self, as_of: datetime, days_ahead: int, now: datetime) -> JobTally:
        tally = JobTally()
        for row in self.upstream.expiring_points(as_of, as_of + timedelta(days=days_ahead)):
            out = Outgoing(
                dedupe_key=f"expiry:{row.member_id}:{row.expiry_date}",
                member_id=row.member_id,
                message_type=types.MESSAGE_TYPE_POINTS_EXPIRING,
                actor="system:expiry-reminders",
                variables={"points": str(row.points), "expiry_date": row.expiry_date},
            )
            tally.count(self.messenger, out, now)
        return tally

    def birthday_greetings(self, as_of: datetime, now: datetime) -> JobTally:
        tally = JobTally()
        for member in self.upstream.birthdays(as_of):
            year = as_of.astimezone(ZoneInfo(member.time_zone or DEFAULT_TIME_ZONE)).year
            voucher = self.store.birthday_voucher(member.member_id, year) or {}
            variables = {k: voucher[k] for k in ("code", "reward", "valid_until") if voucher.get(k)}
            out = Outgoing(
                dedupe_key=f"birthday:{member.member_id}:{year}",
                member_id=member.member_id,
                message_type=types.MESSAGE_TYPE_BIRTHDAY,
                actor="system:birthday-greetings",
                variables=variables,
            )
            if tally.count(self.messenger, out, now) and "code" in variables:
                tally.with_voucher += 1
        return tally
