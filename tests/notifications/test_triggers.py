"""Events from the members and the ledger become messages, each exactly once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import grpc
import pytest
import redis

from common import clock
from common import events as bus
from common.grpc_errors import details_of
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import tiers_pb2
from loyalty.notifications.v1 import inbox_pb2, messages_pb2
from loyalty.notifications.v1 import templates_pb2 as types
from loyalty.points.v1 import rewards_pb2
from tests.support.notifications import EMAIL, INBOX, contact, enrolled, known_member, settled
from tests.support.waiting import group_caught_up, wait_for

SENT = messages_pb2.DELIVERY_STATUS_SENT


def test_an_enrolment_sends_one_welcome_email_in_the_members_language(notifications, smtp_server):
    notifications.publish(bus.MEMBERS_STREAM, enrolled("mem-lan", contact()))

    mail = wait_for(lambda: smtp_server.received("lan.nguyen@example.vn"), what="the welcome")
    assert len(mail) == 1
    assert mail[0]["Subject"] == "Chào mừng Nguyễn Thị Lan đến với chương trình thành viên"
    html = mail[0].get_body(("html",)).get_content()
    assert "Xin chào Nguyễn Thị Lan" in html
    assert "Số thẻ của bạn là 100000042" in html
    plain = mail[0].get_body(("plain",)).get_content()
    assert "Nguyễn Thị Lan" in plain
    assert mail[0]["Message-ID"].endswith("@loyalty-suite>")


def test_an_english_speaking_member_is_welcomed_in_english(notifications, smtp_server):
    snapshot = contact(name="Trần Minh Đức", email="duc@example.com", language="en")
    notifications.publish(bus.MEMBERS_STREAM, enrolled("mem-duc", snapshot))

    mail = wait_for(lambda: smtp_server.received("duc@example.com"), what="the welcome")
    assert mail[0]["Subject"] == "Welcome to the loyalty programme, Trần Minh Đức"


def test_the_same_event_delivered_three_times_makes_one_message(
    notifications, smtp_server, redis_client
):
    event = enrolled("mem-thrice", contact(email="thrice@example.vn"))
    for _ in range(3):
        notifications.publish(bus.MEMBERS_STREAM, event)

    wait_for(
        lambda: group_caught_up(redis_client, bus.MEMBERS_STREAM, "notifications"),
        what="all three deliveries consumed",
    )
    wait_for(lambda: smtp_server.received("thrice@example.vn"), what="the welcome")
    deliveries = settled(notifications, "mem-thrice")
    assert [(d.channel, d.status) for d in deliveries] == [(EMAIL, SENT)]
    notifications.dispatch()
    assert len(smtp_server.received("thrice@example.vn")) == 1


def test_a_purchase_thanks_the_member_with_the_points_earned(notifications):
    member = known_member(notifications, preferred=(INBOX,))
    earned = bus.envelope(
        "points.earned",
        "points",
        member,
        "test",
        points_earned=events_pb2.PointsEarned(
            points=1250,
            amount=common_pb2.Money(amount_minor=1_250_000, currency="VND"),
            balance=events_pb2.BalanceAfter(available=5300),
        ),
    )
    notifications.publish(bus.POINTS_STREAM, earned)

    def thank_you():
        reply = notifications.inbox.ListInboxMessages(
            inbox_pb2.ListInboxMessagesRequest(member_id=member)
        )
        kinds = [
            m for m in reply.messages if m.message_type == types.MESSAGE_TYPE_PURCHASE_THANK_YOU
        ]
        return kinds[0] if kinds else None

    message = wait_for(thank_you, what="the thank-you in the inbox")
    assert message.title == "Cảm ơn Nguyễn Thị Lan! Bạn vừa nhận 1.250 điểm"
    assert "Hóa đơn 1.250.000 ₫ mang lại cho bạn 1.250 điểm" in message.body
    assert "Số dư hiện tại: 5.300 điểm" in message.body


def test_a_tier_upgrade_reward_and_apology_each_reach_the_member(notifications, smtp_server):
    member = known_member(notifications, email="vip@example.vn")
    valid_until = datetime(2026, 12, 31, 16, 59, tzinfo=UTC)  # 23:59 local, 31/12
    gold = tiers_pb2.Tier(
        code="GOLD",
        name={"vi": "Vàng", "en": "Gold"},
        benefits=tiers_pb2.TierBenefits(earn_multiplier_bp=15000),
    )
    notifications.publish(
        bus.MEMBERS_STREAM,
        bus.envelope(
            "tier.changed",
            "members",
            member,
            "test",
            tier_changed=events_pb2.TierChanged(
                from_tier=tiers_pb2.Tier(code="SILVER", name={"vi": "Bạc"}),
                to_tier=gold,
                upgrade=True,
            ),
        ),
    )
    notifications.publish(
        bus.POINTS_STREAM,
        bus.envelope(
            "reward.redeemed",
            "points",
            member,
            "test",
            reward_redeemed=events_pb2.RewardRedeemed(
                reward_name={"vi": "Giảm 20%", "en": "20% off"},
                points_spent=2000,
                voucher_code="LS7K-2QXD-9M",
                voucher_expires_at=bus.timestamp(valid_until),
            ),
        ),
        bus.envelope(
            "voucher.issued",
            "points",
            member,
            "test",
            voucher_issued=events_pb2.VoucherIssued(
                voucher_code="SORRY-42",
                issue_reason=rewards_pb2.VOUCHER_REASON_COMPENSATION,
                reward_name={"vi": "Phiếu 100.000 ₫"},
                expires_at=bus.timestamp(valid_until),
                complaint_reference="CS-2026-0042",
            ),
        ),
    )

    mail = wait_for(
        lambda: (
            len(smtp_server.received("vip@example.vn")) >= 4
            and smtp_server.received("vip@example.vn")
        ),
        what="welcome, upgrade, reward and apology",
    )
    subjects = sorted(m["Subject"] for m in mail)
    assert "Chúc mừng Nguyễn Thị Lan đã lên hạng Vàng!" in subjects
    assert "Bạn đã đổi quà: Giảm 20%" in subjects
    assert "Lời xin lỗi gửi Nguyễn Thị Lan" in subjects
    bodies = {m["Subject"]: m.get_body(("plain",)).get_content() for m in mail}
    assert "Mã ưu đãi: LS7K-2QXD-9M" in bodies["Bạn đã đổi quà: Giảm 20%"]
    assert "Hạn sử dụng: 31/12/2026" in bodies["Bạn đã đổi quà: Giảm 20%"]
    assert "tích điểm x1.5" in bodies["Chúc mừng Nguyễn Thị Lan đã lên hạng Vàng!"]
    assert "mã SORRY-42" in bodies["Lời xin lỗi gửi Nguyễn Thị Lan"]
    assert "(yêu cầu CS-2026-0042)" in bodies["Lời xin lỗi gửi Nguyễn Thị Lan"]


def test_an_event_before_the_members_contact_waits_for_it(notifications, smtp_server):
    member = f"mem-{uuid.uuid4().hex[:6]}"
    gift = bus.envelope(
        "voucher.issued",
        "points",
        member,
        "test",
        voucher_issued=events_pb2.VoucherIssued(
            voucher_code="GIFT-1", issue_reason=rewards_pb2.VOUCHER_REASON_GIFT
        ),
    )
    # Left pending by the consumer, then reclaimed once the member is known.
    notifications.publish(bus.POINTS_STREAM, gift)
    wait_for(lambda: _pending(notifications.redis), what="the gift event held back")
    known_member(notifications, member, email="late@example.vn")

    mail = wait_for(
        lambda: [
            m
            for m in smtp_server.received("late@example.vn")
            if "GIFT-1" in m.get_body(("plain",)).get_content()
        ],
        timeout=15,
        what="the gift after the contact arrived",
    )
    assert len(mail) == 1


def test_an_erasure_forgets_the_contact_and_the_inbox(notifications):
    member = known_member(notifications, preferred=(INBOX,))
    wait_for(
        lambda: (
            notifications.inbox.GetUnreadCount(
                inbox_pb2.GetUnreadCountRequest(member_id=member)
            ).unread_count
        ),
        what="the welcome in the inbox",
    )
    erased = bus.envelope(
        "member.erased",
        "members",
        member,
        "test",
        member_erased=events_pb2.MemberErased(
            erased_at=bus.timestamp(clock.now()), member_version=2
        ),
    )
    notifications.publish(bus.MEMBERS_STREAM, erased)
    # A late copy of the enrolment (older version) must not bring the data back.
    notifications.publish(bus.MEMBERS_STREAM, enrolled(member, contact(), version=1))

    contacts = notifications.db["contacts"]
    wait_for(lambda: contacts.find_one({"_id": member}).get("erased"), what="the erasure")
    wait_for(  # handled to the end, not left pending to fail again
        lambda: group_caught_up(notifications.redis, bus.MEMBERS_STREAM, "notifications"),
        what="the erasure acknowledged",
    )
    count = notifications.inbox.GetUnreadCount(inbox_pb2.GetUnreadCountRequest(member_id=member))
    assert count.unread_count == 0
    doc = contacts.find_one({"_id": member})
    assert set(doc) == {"_id", "erased", "member_version", "updated_at"}
    for delivery in notifications.deliveries(member):
        assert (delivery.subject, delivery.address) == ("", "")
    welcome = notifications.db["messages"].find_one({"member_id": member})
    assert (welcome["variables"], welcome["plan"]) == ({}, [])  # no rendered text kept
    send = messages_pb2.SendMessageRequest(
        idempotency_key="after-erasure",
        member_id=member,
        message_type=types.MESSAGE_TYPE_GENERIC,
        category=types.MESSAGE_CATEGORY_TRANSACTIONAL,
        variables={"title": "x", "text": "y"},
        actor="crm:test",
    )
    with pytest.raises(grpc.RpcError) as refused:
        notifications.messages.SendMessage(send)
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert details_of(refused.value)[1]["reason"] == "MEMBER_ERASED"


def test_redelivered_events_after_a_long_gap_still_make_no_second_message(notifications):
    member = known_member(notifications, preferred=(INBOX,))
    settled(notifications, member)
    event = enrolled(member, contact(), version=1)
    later = clock.now() + timedelta(days=3)
    notifications.parts.triggers.clock = lambda: later
    notifications.publish(bus.MEMBERS_STREAM, event)
    notifications.publish(bus.MEMBERS_STREAM, event)
    wait_for(
        lambda: group_caught_up(notifications.redis, bus.MEMBERS_STREAM, "notifications"),
        what="the redeliveries consumed",
    )
    assert len(notifications.deliveries(member)) == 2  # the welcome of known_member + this one


def _pending(redis_client) -> int:
    try:
        return redis_client.xpending(bus.POINTS_STREAM, "notifications")["pending"]
    except redis.ResponseError:  # the group is not made yet
        return 0


def test_a_member_is_told_what_a_return_took_back_and_what_is_now_owed(notifications):
    member = known_member(notifications, preferred=(INBOX,))
    reversed_ = bus.envelope(
        "points.reversed",
        "points",
        member,
        "test",
        points_reversed=events_pb2.PointsReversed(
            return_id="RT-0042",
            points_to_reverse=100,
            reversed_points=100,
            balance=events_pb2.BalanceAfter(available=-80),
        ),
    )
    notifications.publish(bus.POINTS_STREAM, reversed_)

    def told():
        reply = notifications.inbox.ListInboxMessages(
            inbox_pb2.ListInboxMessagesRequest(member_id=member)
        )
        found = [m for m in reply.messages if m.message_type == types.MESSAGE_TYPE_POINTS_REVERSED]
        return found[0] if found else None

    message = wait_for(told, what="the return's message in the inbox")
    assert message.title == "100 điểm được trừ cho đơn trả hàng"
    assert "Đơn trả hàng RT-0042 đã trừ 100 điểm" in message.body
    assert "bạn đang nợ 80 điểm" in message.body
