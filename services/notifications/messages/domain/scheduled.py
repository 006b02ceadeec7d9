"""The scheduled sends (`loyalty job expiry-reminders`, `loyalty job birthday-greetings`).

Idempotent by construction: each message's dedupe key names its occasion (the member and
the expiry date; the member and the year), so a second run, or two at once, creates
nothing more and counts those members as already sent.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from zoneinfo import ZoneInfo

from common.clock import DEFAULT_TIME_ZONE
from services.notifications.messages.domain.message import Outgoing
from services.notifications.templates.domain.catalogue import MessageType


@dataclasses.dataclass
class JobTally:
    created: int = 0
    already_sent: int = 0
    skipped: int = 0
    with_voucher: int = 0


@dataclasses.dataclass(frozen=True)
class ExpiringPoints:
    """Points of a member that expire on a day (the ledger's answer)."""

    member_id: str
    expiry_date: str
    points: int


@dataclasses.dataclass(frozen=True)
class Birthday:
    """A member whose birthday it is (the members service's answer)."""

    member_id: str
    time_zone: str


@dataclasses.dataclass(frozen=True)
class BirthdayVoucher:
    """The member's birthday voucher of a year (VoucherIssued, reason BIRTHDAY)."""

    code: str
    reward: str
    valid_until: str

    def variables(self) -> dict[str, str]:
        return {name: value for name, value in dataclasses.asdict(self).items() if value}


def expiry_reminder(row: ExpiringPoints) -> Outgoing:
    return Outgoing(
        dedupe_key=f"expiry:{row.member_id}:{row.expiry_date}",
        member_id=row.member_id,
        message_type=MessageType.POINTS_EXPIRING,
        actor="system:expiry-reminders",
        variables={"points": str(row.points), "expiry_date": row.expiry_date},
    )


def birthday_year(member: Birthday, as_of: datetime) -> int:
    """The year of the birthday, in the member's own time zone."""
    return as_of.astimezone(ZoneInfo(member.time_zone or DEFAULT_TIME_ZONE)).year


def birthday_greeting(member: Birthday, year: int, voucher: BirthdayVoucher | None) -> Outgoing:
    return Outgoing(
        dedupe_key=f"birthday:{member.member_id}:{year}",
        member_id=member.member_id,
        message_type=MessageType.BIRTHDAY,
        actor="system:birthday-greetings",
        variables=voucher.variables() if voucher else {},
    )
