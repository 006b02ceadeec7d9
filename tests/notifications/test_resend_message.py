"""ResendMessage: a message sent again as a new one, with the original's variables, for the
member as they are now; once per idempotency key; never a sign-in code."""

from __future__ import annotations

import grpc
import pytest

from common import clock
from common import events as bus
from common.grpc_errors import details_of
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.notifications.v1 import inbox_pb2
from loyalty.notifications.v1 import messages_pb2 as pb
from loyalty.notifications.v1 import templates_pb2 as types
from tests.support.notifications import EMAIL, INBOX, SMS, contact, known_member
from tests.support.waiting import wait_for

THANK_YOU = types.MESSAGE_TYPE_PURCHASE_THANK_YOU
STAFF = "staff:an@example.vn"


def resend(service, message_id: str, key: str = "again-1", channels=()) -> pb.ResendMessageResponse:
    return service.messages.ResendMessage(
        pb.ResendMessageRequest(
            message_id=message_id, idempotency_key=key, actor=STAFF, channels=channels
        )
    )


def refusal(service, message_id: str, **fields) -> tuple[grpc.StatusCode, dict, set[str]]:
    """(code, ErrorInfo, the fields named) of a refused resend."""
    with pytest.raises(grpc.RpcError) as refused:
        resend(service, message_id, **fields)
    violations, info = details_of(refused.value)
    return refused.value.code(), info, {v.field for v in violations}


def messages_of(service, member: str, message_type: int) -> set[str]:
    deliveries = service.deliveries(member)
    return {d.message_id for d in deliveries if d.message_type == message_type}


def thanked(service) -> tuple[str, str]:
    """(member, message id) of a purchase thank-you, in the member's inbox: its points,
    bill and balance came with the event, and only the stored message still knows them."""
    member = known_member(service, preferred=(INBOX,))
    earned = events_pb2.PointsEarned(
        points=1250,
        amount=common_pb2.Money(amount_minor=1_250_000, currency="VND"),
        balance=events_pb2.BalanceAfter(available=5300),
    )
    envelope = bus.envelope("points.earned", "points", member, "test", points_earned=earned)
    service.publish(bus.POINTS_STREAM, envelope)
    found = wait_for(lambda: messages_of(service, member, THANK_YOU), what="the thank-you")
    return member, found.pop()


def thank_yous_in_inbox(service, member: str) -> list:
    reply = service.inbox.ListInboxMessages(inbox_pb2.ListInboxMessagesRequest(member_id=member))
    return [m for m in reply.messages if m.message_type == THANK_YOU]


def test_an_event_s_message_is_sent_again_with_its_own_values_once_per_key(notifications):
    member, original = thanked(notifications)

    reply = resend(notifications, original)
    again = reply.message
    assert not reply.replayed
    assert again.message_id != original and again.resent_from == original
    assert (again.member_id, again.message_type, again.actor) == (member, THANK_YOU, STAFF)
    assert [d.channel for d in again.deliveries] == [INBOX]
    # The same words as the first time: the event's values were kept for it.
    inbox = wait_for(
        lambda: (found := thank_yous_in_inbox(notifications, member)) and len(found) == 2 and found,
        what="the thank-you twice in the inbox",
    )
    assert {m.title for m in inbox} == {"Cảm ơn Nguyễn Thị Lan! Bạn vừa nhận 1.250 điểm"}
    assert all("Hóa đơn 1.250.000 ₫ mang lại cho bạn 1.250 điểm" in m.body for m in inbox)
    assert inbox[0].body == inbox[1].body

    # A retry of the same resend (a double click, a timeout) is the same message.
    retried = resend(notifications, original)
    assert retried.replayed and retried.message.message_id == again.message_id
    assert messages_of(notifications, member, THANK_YOU) == {original, again.message_id}
    stored = notifications.messages.GetMessage(pb.GetMessageRequest(message_id=again.message_id))
    assert stored.message.resent_from == original and stored.message.actor == STAFF
    # Another key is another resend.
    third = resend(notifications, original, key="again-2").message
    assert third.message_id not in (original, again.message_id)
    assert len(messages_of(notifications, member, THANK_YOU)) == 3


def test_a_resend_follows_the_member_s_consents_now(notifications):
    member = known_member(notifications, preferred=(EMAIL,), consents=(EMAIL,))
    promo = notifications.messages.SendMessage(
        pb.SendMessageRequest(
            idempotency_key=f"promo-{member}",
            member_id=member,
            message_type=types.MESSAGE_TYPE_MARKETING,
            variables={"title": "Ưu đãi", "text": "Giảm 10%"},
            channels=[EMAIL],
            actor="crm:test",
        )
    ).message
    assert promo.deliveries[0].status != pb.DELIVERY_STATUS_SUPPRESSED
    withdrawn = events_pb2.MemberUpdated(
        contact=contact(preferred=(EMAIL,), consents=()),
        changed_fields=["consents"],
        member_version=2,
    )
    notifications.parts.contact_feed.on_members_event(
        bus.envelope("member.updated", "members", member, "test", member_updated=withdrawn)
    )

    again = resend(notifications, promo.message_id).message
    assert [(d.channel, d.status, d.reason) for d in again.deliveries] == [
        (EMAIL, pb.DELIVERY_STATUS_SUPPRESSED, pb.DELIVERY_REASON_NO_CONSENT)
    ]


def test_a_key_used_for_other_channels_is_refused(notifications):
    member = known_member(notifications, preferred=(EMAIL,))
    news = notifications.messages.SendMessage(
        pb.SendMessageRequest(
            idempotency_key=f"news-{member}",
            member_id=member,
            message_type=types.MESSAGE_TYPE_GENERIC,
            category=types.MESSAGE_CATEGORY_TRANSACTIONAL,
            variables={"title": "Tin mới", "text": "Cửa hàng mở cửa lại"},
            channels=[EMAIL, INBOX],
            actor="crm:test",
        )
    ).message
    both = resend(notifications, news.message_id, key="twice").message
    assert sorted(d.channel for d in both.deliveries) == [EMAIL, INBOX]
    inbox_only = resend(notifications, news.message_id, key="inbox", channels=[INBOX]).message
    assert [d.channel for d in inbox_only.deliveries] == [INBOX]

    status, info, fields = refusal(notifications, news.message_id, key="twice", channels=[INBOX])
    assert status == grpc.StatusCode.ALREADY_EXISTS and fields == {"idempotency_key"}
    assert info["reason"] == "IDEMPOTENCY_KEY_REUSED"
    assert len(messages_of(notifications, member, types.MESSAGE_TYPE_GENERIC)) == 3


def test_a_sign_in_code_is_never_sent_again(notifications):
    member = known_member(notifications, preferred=(EMAIL,))
    code = notifications.messages.SendMessage(
        pb.SendMessageRequest(
            idempotency_key=f"otp-{member}",
            member_id=member,
            message_type=types.MESSAGE_TYPE_SIGN_IN_CODE,
            variables={"code": "482913", "minutes": "5"},
            to_phone="+84987654321",
            actor="gateway",
        )
    ).message
    assert [d.channel for d in code.deliveries] == [SMS]

    status, info, fields = refusal(notifications, code.message_id)
    assert status == grpc.StatusCode.FAILED_PRECONDITION
    assert info["reason"] == "SIGN_IN_CODE" and fields == {"message_id"}
    assert len(notifications.deliveries(member)) == 2  # the welcome and the code, no more


def test_an_unknown_message_a_bad_request_and_other_channels_are_refused(notifications):
    status, info, fields = refusal(notifications, "m-nothing-like-it")
    assert status == grpc.StatusCode.NOT_FOUND and info["reason"] == "MESSAGE_NOT_FOUND"
    assert fields == {"message_id"}

    status, _info, fields = refusal(notifications, "", key="")
    assert status == grpc.StatusCode.INVALID_ARGUMENT
    assert fields == {"message_id", "idempotency_key"}
    status, _info, fields = refusal(notifications, "m1", key="k" * 129)
    assert status == grpc.StatusCode.INVALID_ARGUMENT and fields == {"idempotency_key"}

    member, original = thanked(notifications)
    status, info, fields = refusal(notifications, original, channels=[INBOX, SMS])
    assert status == grpc.StatusCode.INVALID_ARGUMENT and fields == {"channels"}
    assert info["reason"] == "CHANNEL_NOT_SENT"
    assert messages_of(notifications, member, THANK_YOU) == {original}


def test_an_erased_member_s_messages_are_not_sent_again(notifications):
    member, original = thanked(notifications)
    erasure = events_pb2.MemberErased(erased_at=bus.timestamp(clock.now()), member_version=2)
    notifications.parts.contact_feed.on_members_event(
        bus.envelope("member.erased", "members", member, "test", member_erased=erasure)
    )

    status, info, fields = refusal(notifications, original)
    assert status == grpc.StatusCode.FAILED_PRECONDITION
    assert info["reason"] == "MEMBER_ERASED" and fields == {"message_id"}
    assert messages_of(notifications, member, THANK_YOU) == {original}
