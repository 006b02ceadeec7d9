"""What the events' messages say as the member reads them: the tier an upgrade reached,
whatever order its events are handled in, and a voucher's last day in the member's time
zone (issue #20)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from common import clock
from common import events as bus
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import tiers_pb2
from loyalty.notifications.v1 import inbox_pb2
from loyalty.notifications.v1 import templates_pb2 as types
from services.points.rewards.domain.model import Reward, voucher_expiry
from tests.support.notifications import INBOX, known_member
from tests.support.waiting import wait_for

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
MEMBER = tiers_pb2.Tier(code="MEMBER", name={"vi": "Thành viên", "en": "Member"})
SILVER = tiers_pb2.Tier(code="SILVER", name={"vi": "Bạc", "en": "Silver"})
GOLD = tiers_pb2.Tier(code="GOLD", name={"vi": "Vàng", "en": "Gold"})


def _inbox(notifications, member_id: str, message_type: int, count: int = 1) -> list:
    def found():
        reply = notifications.inbox.ListInboxMessages(
            inbox_pb2.ListInboxMessagesRequest(member_id=member_id)
        )
        matching = [m for m in reply.messages if m.message_type == message_type]
        return matching if len(matching) >= count else None

    return wait_for(found, what=f"{count} message(s) of type {message_type}")


def _upgrade(member_id: str, from_tier, to_tier, at: datetime) -> events_pb2.Envelope:
    return bus.envelope(
        "tier.changed",
        "members",
        member_id,
        "test",
        occurred_at=at,
        tier_changed=events_pb2.TierChanged(from_tier=from_tier, to_tier=to_tier, upgrade=True),
    )


@pytest.mark.parametrize(
    ("language", "silver_title", "gold_title"),
    [
        (
            "vi",
            "Chúc mừng Nguyễn Thị Lan đã lên hạng Bạc!",
            "Chúc mừng Nguyễn Thị Lan đã lên hạng Vàng!",
        ),
        (
            "en",
            "Congratulations, Nguyễn Thị Lan: you are now Silver!",
            "Congratulations, Nguyễn Thị Lan: you are now Gold!",
        ),
    ],
)
def test_each_upgrade_names_the_tier_its_event_reached_even_handled_late(
    notifications, language, silver_title, gold_title
):
    """An upgrade's event handled after a later one (a redelivery, a reclaimed entry, a
    backlog in another replica) still names the tier it reached, not the newest."""
    member = known_member(notifications, preferred=(INBOX,), language=language)
    now = clock.now()
    to_gold = _upgrade(member, SILVER, GOLD, now)
    to_silver = _upgrade(member, MEMBER, SILVER, now - timedelta(minutes=5))
    notifications.publish(bus.MEMBERS_STREAM, to_gold, to_silver)

    upgrades = _inbox(notifications, member, types.MESSAGE_TYPE_TIER_UPGRADE, count=2)
    assert sorted(m.title for m in upgrades) == sorted([silver_title, gold_title])
    # The copy keeps the newest tier: the next message names Gold.
    assert notifications.parts.contacts.get(member).tier_name(language) == GOLD.name[language]


@pytest.mark.parametrize(
    ("language", "shown"),
    [("vi", lambda day: day.strftime("%d/%m/%Y")), ("en", lambda day: f"{day.day} {day:%b %Y}")],
)
def test_a_vouchers_last_day_is_the_last_local_day_it_can_be_used(notifications, language, shown):
    """A voucher valid 30 days, issued at 23:30 in Viet Nam, can be used on the day it
    was issued and the 29 after: the message names that 30th day, not the day after."""
    member = known_member(notifications, preferred=(INBOX,), language=language)
    issued_day = clock.now().astimezone(HCM).date() + timedelta(days=2)
    issued_at = datetime.combine(issued_day, time(23, 30), tzinfo=HCM)
    reward = Reward(
        reward_id="r-1",
        name={"vi": "Giảm 20%", "en": "20% off"},
        type="percentage_voucher",
        voucher_validity_days=30,
    )
    # As the ledger issues it: usable until this instant (exclusive).
    expires_at = voucher_expiry(reward, issued_at, "Asia/Ho_Chi_Minh")
    last_day = issued_day + timedelta(days=29)
    notifications.publish(
        bus.POINTS_STREAM,
        bus.envelope(
            "reward.redeemed",
            "points",
            member,
            "test",
            occurred_at=issued_at,
            reward_redeemed=events_pb2.RewardRedeemed(
                reward_name=reward.name,
                points_spent=2000,
                voucher_code="LS7K-2QXD-9M",
                voucher_expires_at=bus.timestamp(expires_at),
            ),
        ),
    )

    message = _inbox(notifications, member, types.MESSAGE_TYPE_REWARD_REDEEMED)[0]
    assert shown(last_day) in message.body, message.body
    assert shown(last_day + timedelta(days=1)) not in message.body
