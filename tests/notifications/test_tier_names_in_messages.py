"""With the real ledger and members services: the tier a message names is the member's
tier, in the member's language, from the welcome on (issue #20)."""

from __future__ import annotations

import pytest

from common import clock
from loyalty.common.v1 import common_pb2
from loyalty.notifications.v1 import inbox_pb2
from loyalty.notifications.v1 import templates_pb2 as types
from tests.support.members import LADDER, enrolment, set_ladder
from tests.support.points import earn_request
from tests.support.waiting import wait_for

NAMED_LADDER = {
    **LADDER,
    "tiers": [
        {**LADDER["tiers"][0], "name": {"vi": "Thành viên", "en": "Member"}},
        {**LADDER["tiers"][1], "name": {"vi": "Bạc", "en": "Silver"}},
        {**LADDER["tiers"][2], "name": {"vi": "Vàng", "en": "Gold"}},
    ],
}


@pytest.fixture
def points_address(points) -> str:
    """The members service finds this ledger (its tier engine follows the ledger's events)."""
    return points.address


@pytest.fixture
def upstream_addresses(points, members) -> tuple[str, str]:
    return points.address, members.address


def _enrol(members, notifications, key: str, language: str) -> str:
    request = enrolment(
        key,
        phone=f"0912 {clock.now().microsecond:06d}"[:12],
        email=f"{key}@example.vn",
        language=language,
        preferred_channels=[common_pb2.CHANNEL_INBOX],
    )
    member = members.stub.EnrolMember(request).member
    wait_for(
        lambda: notifications.parts.contacts.copy_of(member.member_id), what="the contact copy"
    )
    return member.member_id


def _inbox_message(notifications, member_id: str, message_type: int):
    def found():
        reply = notifications.inbox.ListInboxMessages(
            inbox_pb2.ListInboxMessagesRequest(member_id=member_id)
        )
        return [m for m in reply.messages if m.message_type == message_type]

    return wait_for(found, timeout=15, what=f"a message of type {message_type}")[0]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("vi", "hạng hiện tại: Thành viên."), ("en", "your tier is Member.")],
)
def test_the_welcome_names_the_entry_tier_of_the_ladder(members, notifications, language, expected):
    set_ladder(members, NAMED_LADDER, 0)
    member_id = _enrol(members, notifications, f"welcome-{language}", language)

    welcome = _inbox_message(notifications, member_id, types.MESSAGE_TYPE_WELCOME)
    assert expected in welcome.body


@pytest.mark.parametrize(
    ("language", "title", "body"),
    [
        ("vi", "Chúc mừng Nguyễn Thị Lan đã lên hạng Bạc!", "lên hạng Bạc từ hạng Thành viên."),
        ("en", "Congratulations, Nguyễn Thị Lan: you are now Silver!", "Silver from Member."),
    ],
)
def test_an_earn_across_a_threshold_names_the_new_tier_in_the_members_language(
    members, points, notifications, language, title, body
):
    set_ladder(members, NAMED_LADDER, 0)
    member_id = _enrol(members, notifications, f"upgrade-{language}", language)
    wait_for(lambda: points.store.load(member_id), what="the ledger account")

    points.stub.Earn(earn_request(member_id, "t-1", 10_000_000))  # 1,000 points: Silver

    upgrade = _inbox_message(notifications, member_id, types.MESSAGE_TYPE_TIER_UPGRADE)
    assert upgrade.title == title
    assert body in upgrade.body
