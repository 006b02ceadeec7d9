"""The expiry reminder job asks the real ledger what expires, and reminds each member
once per expiry date however often it runs."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import grpc
import pytest

from common import events as bus
from loyalty.notifications.v1 import inbox_pb2
from loyalty.notifications.v1 import messages_pb2 as pb
from loyalty.notifications.v1 import templates_pb2 as types
from tests.support.notifications import DEAD_ADDRESS, INBOX, known_member
from tests.support.points import earn_request
from tests.support.waiting import wait_for


@pytest.fixture
def upstream_addresses(points) -> tuple[str, str]:
    return points.address, DEAD_ADDRESS


def test_each_member_is_reminded_once_per_expiry_date(
    notifications,
    points,
    travel,
):
    points.seed("lan")
    known_member(notifications, "lan", preferred=(INBOX,))
    earned_at = datetime(2026, 1, 31, 10, 0, tzinfo=UTC)  # 100 points, spendable to 31/01/2027
    travel(earned_at + timedelta(hours=1))
    points.stub.Earn(earn_request("lan", "t-1", 1_000_000, occurred_at=earned_at))
    week_before = pb.RunExpiryRemindersRequest(
        as_of=bus.timestamp(datetime(2027, 1, 26, tzinfo=UTC)), days_ahead=7
    )

    with ThreadPoolExecutor(2) as pool:  # two runs at once, then a third
        runs = list(pool.map(notifications.messages.RunExpiryReminders, [week_before] * 2))
    runs.append(notifications.messages.RunExpiryReminders(week_before))

    assert sum(r.messages_created for r in runs) == 1
    assert sum(r.already_sent for r in runs) == 2

    def reminder():
        listed = notifications.inbox.ListInboxMessages(
            inbox_pb2.ListInboxMessagesRequest(member_id="lan")
        ).messages
        found = [m for m in listed if m.message_type == types.MESSAGE_TYPE_POINTS_EXPIRING]
        return found[0] if found else None

    message = wait_for(reminder, what="the reminder in the inbox")
    assert message.title == "100 điểm của bạn sắp hết hạn"
    assert "sẽ hết hạn sau ngày 31/01/2027" in message.body


def test_a_run_too_early_reminds_nobody(notifications, points, travel):
    points.seed("lan")
    travel(datetime(2026, 1, 31, 11, 0, tzinfo=UTC))
    known_member(notifications, "lan", preferred=(INBOX,))
    points.stub.Earn(
        earn_request("lan", "t-1", occurred_at=datetime(2026, 1, 31, 10, 0, tzinfo=UTC))
    )
    early = notifications.messages.RunExpiryReminders(
        pb.RunExpiryRemindersRequest(as_of=bus.timestamp(datetime(2026, 6, 1, tzinfo=UTC)))
    )
    assert (early.messages_created, early.already_sent) == (0, 0)


def test_without_the_ledger_the_job_says_unavailable(notifications, points):
    points.server.stop(grace=0)
    with pytest.raises(grpc.RpcError) as refused:
        notifications.messages.RunExpiryReminders(pb.RunExpiryRemindersRequest())
    assert refused.value.code() == grpc.StatusCode.UNAVAILABLE


def test_a_reminder_for_january_names_the_points_last_spendable_in_january(
    notifications,
    points,
    travel,
):
    """Frozen on purpose: a month's run at local midnight on 1 January 2027. Points ending
    at that midnight were last spendable on 31 December, so they are past, not January's;
    points ending at midnight on 1 February were last spendable on 31 January: January's."""
    points.seed("lan")
    known_member(notifications, "lan", preferred=(INBOX,))
    for key, earned_at in (
        ("t-dec", datetime(2025, 12, 15, 3, 0, tzinfo=UTC)),  # spendable to 31/12/2026
        ("t-jan", datetime(2026, 1, 15, 3, 0, tzinfo=UTC)),  # spendable to 31/01/2027
    ):
        travel(earned_at + timedelta(hours=1))  # each reported on its day
        points.stub.Earn(earn_request("lan", key, 1_000_000, occurred_at=earned_at))
    new_year = datetime(2026, 12, 31, 17, 0, tzinfo=UTC)  # 00:00 on 1 January, local time

    run = notifications.messages.RunExpiryReminders(
        pb.RunExpiryRemindersRequest(as_of=bus.timestamp(new_year), days_ahead=31)
    )

    assert run.messages_created == 1

    def reminders():
        listed = notifications.inbox.ListInboxMessages(
            inbox_pb2.ListInboxMessagesRequest(member_id="lan")
        ).messages
        return [m for m in listed if m.message_type == types.MESSAGE_TYPE_POINTS_EXPIRING]

    listed = wait_for(reminders, what="the reminder in the inbox")
    assert ["sẽ hết hạn sau ngày 31/01/2027" in m.body for m in listed] == [True]
