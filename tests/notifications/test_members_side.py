"""With the real members service: its events feed the contact copies; birthdays and
segments come from its API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import pytest

from common import clock
from common import events as bus
from common.grpc_errors import details_of
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import insights_pb2
from loyalty.notifications.v1 import messages_pb2 as pb
from loyalty.notifications.v1 import templates_pb2 as types
from loyalty.points.v1 import rewards_pb2
from tests.support.members import enrolment
from tests.support.notifications import DEAD_ADDRESS
from tests.support.waiting import wait_for

BIRTHDAY_NOON = datetime(2027, 3, 14, 5, 0, tzinfo=UTC)  # 12:00 on 14 March in HCM


@pytest.fixture
def upstream_addresses(members) -> tuple[str, str]:
    return DEAD_ADDRESS, members.address


def enrol(members, notifications, key: str, **profile) -> str:
    member = members.stub.EnrolMember(enrolment(key, **profile)).member
    wait_for(
        lambda: notifications.parts.contacts.copy_of(member.member_id), what="the contact copy"
    )
    return member.member_id


def test_a_real_enrolment_is_welcomed_once_by_email(members, notifications, smtp_server):
    enrol(members, notifications, "enrol-lan", email="lan@example.vn", phone="0912 000 001")

    mail = wait_for(lambda: smtp_server.received("lan@example.vn"), what="the welcome")
    assert mail[0]["Subject"] == "Chào mừng Nguyễn Thị Lan đến với chương trình thành viên"
    members.stub.EnrolMember(enrolment("enrol-lan", email="lan@example.vn", phone="0912 000 001"))
    notifications.dispatch()
    assert len(smtp_server.received("lan@example.vn")) == 1


def test_birthday_greetings_carry_the_birthday_voucher_once_a_year(
    members,
    notifications,
    smtp_server,
):
    member = enrol(members, notifications, "bday", email="bday@example.vn", birthday="1992-03-14")
    voucher = bus.envelope(
        "voucher.issued",
        "points",
        member,
        "test",
        occurred_at=BIRTHDAY_NOON - timedelta(hours=6),
        voucher_issued=events_pb2.VoucherIssued(
            voucher_code="HPBD-7K2Q",
            issue_reason=rewards_pb2.VOUCHER_REASON_BIRTHDAY,
            reward_name={"vi": "Giảm 20%"},
            expires_at=bus.timestamp(datetime(2027, 3, 31, 16, 59, tzinfo=UTC)),
        ),
    )
    notifications.publish(bus.POINTS_STREAM, voucher)
    wait_for(
        lambda: notifications.parts.message_store.birthday_voucher(member, 2027),
        what="the voucher kept",
    )
    run = pb.RunBirthdayGreetingsRequest(as_of=bus.timestamp(BIRTHDAY_NOON))

    first = notifications.messages.RunBirthdayGreetings(run)
    second = notifications.messages.RunBirthdayGreetings(run)

    assert (first.messages_created, first.with_voucher) == (1, 1)
    assert (second.messages_created, second.already_sent) == (0, 1)
    notifications.dispatch(BIRTHDAY_NOON)
    greeting = wait_for(
        lambda: [m for m in smtp_server.received("bday@example.vn") if "sinh nhật" in m["Subject"]],
        what="the greeting",
    )
    assert greeting[0]["Subject"] == "Chúc mừng sinh nhật Nguyễn Thị Lan!"
    body = greeting[0].get_body(("plain",)).get_content()
    assert "Tặng anh/chị Giảm 20% cho lần mua tới: mã HPBD-7K2Q, dùng đến 31/03/2027" in body


def test_a_bulk_send_reaches_the_segment_under_the_consent_rules(
    members,
    notifications,
    webhook_provider,
):
    consenting = [
        enrol(
            members, notifications, f"bulk-{n}", email=f"b{n}@example.vn", phone=f"0912 100 00{n}"
        )
        for n in range(4)
    ]
    refusing = []
    for n in range(2):
        request = enrolment(f"bulk-no-{n}", email=f"n{n}@example.vn", phone=f"0912 200 00{n}")
        del request.consents[:]
        member = members.stub.EnrolMember(request).member.member_id
        wait_for(lambda m=member: notifications.parts.contacts.copy_of(m), what="the copy")
        refusing.append(member)
    members.insights.RecomputeSegments(insights_pb2.RecomputeSegmentsRequest())
    start = pb.StartBulkSendRequest(
        idempotency_key="newsletter-06",
        name="Bản tin tháng 6",
        segment_id="behaviour.new",
        message_type=types.MESSAGE_TYPE_MARKETING,
        channels=[common_pb2.CHANNEL_EMAIL],
        variables={"title": "Bản tin tháng 6", "text": "Ưu đãi mới"},
        rate_per_second=20,
        actor="crm:mai",
    )

    started = notifications.messages.StartBulkSend(start)
    assert started.bulk_send.members_total == 6
    assert notifications.messages.StartBulkSend(start).replayed
    done = wait_for(
        lambda: (
            (
                b := notifications.messages.GetBulkSend(
                    pb.GetBulkSendRequest(bulk_send_id=started.bulk_send.bulk_send_id)
                ).bulk_send
            ).state
            == pb.BULK_SEND_STATE_COMPLETED
            and b
        ),
        timeout=20,
        what="the bulk send completed",
    )
    assert done.members_processed == 6
    assert (done.suppressed, done.deferred + done.queued + done.sent) == (2, 4)
    for member in refusing:
        (delivery,) = [
            d
            for d in notifications.deliveries(member)
            if d.message_id.startswith("m") and d.message_type == types.MESSAGE_TYPE_MARKETING
        ]
        assert delivery.reason == pb.DELIVERY_REASON_NO_CONSENT
    # Throttled: 6 members at 20 a second take at least a quarter of a second.
    took = done.finished_at.ToDatetime(UTC) - done.started_at.ToDatetime(UTC)
    assert took >= timedelta(seconds=5 / 20)

    with pytest.raises(grpc.RpcError) as finished:
        notifications.messages.CancelBulkSend(
            pb.CancelBulkSendRequest(
                bulk_send_id=done.bulk_send_id, actor="crm:mai", reason="too late"
            )
        )
    assert details_of(finished.value)[1]["reason"] == "BULK_SEND_FINISHED"
    assert len(consenting) == 4


def test_a_bulk_send_to_an_unknown_segment_is_refused(members, notifications):
    members.insights.RecomputeSegments(insights_pb2.RecomputeSegmentsRequest())
    with pytest.raises(grpc.RpcError) as refused:
        notifications.messages.StartBulkSend(
            pb.StartBulkSendRequest(
                idempotency_key="nowhere",
                name="x",
                segment_id="no.such.segment",
                message_type=types.MESSAGE_TYPE_MARKETING,
                variables={"title": "a", "text": "b"},
                actor="crm:mai",
            )
        )
    assert refused.value.code() == grpc.StatusCode.NOT_FOUND


def test_a_bulk_send_can_be_cancelled_before_it_starts(members, notifications):
    enrol(members, notifications, "cancel-1", email="c1@example.vn", phone="0912 300 001")
    members.insights.RecomputeSegments(insights_pb2.RecomputeSegmentsRequest())
    later = clock.now() + timedelta(days=2)
    started = notifications.messages.StartBulkSend(
        pb.StartBulkSendRequest(
            idempotency_key="later",
            name="Later",
            segment_id="behaviour.new",
            message_type=types.MESSAGE_TYPE_WIN_BACK,
            variables={"title": "a", "text": "b"},
            scheduled_at=bus.timestamp(later),
            actor="crm:mai",
        )
    ).bulk_send
    assert started.state == pb.BULK_SEND_STATE_SCHEDULED
    cancelled = notifications.messages.CancelBulkSend(
        pb.CancelBulkSendRequest(bulk_send_id=started.bulk_send_id, actor="crm:mai", reason="typo")
    ).bulk_send
    assert cancelled.state == pb.BULK_SEND_STATE_CANCELLED
    assert cancelled.members_processed == 0


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        (
            {"variables": {"title": "Quà", "text": "Chào {name}, bạn có quà"}},
            "variables[text]",
            "{name} would be sent as typed",
        ),
        ({"variables": {"title": "Quà", "text": "x" * 2001}}, "variables[text]", "over 2000"),
        (
            {"variables": {f"v{n}": "x" for n in range(51)}},
            "variables",
            "at most 50 variables",
        ),
        ("yesterday", "scheduled_at", "is in the past"),
    ],
    ids=["a placeholder", "too long", "too many", "in the past"],
)
def test_a_bulk_send_that_would_reach_members_wrong_is_refused_naming_the_field(
    members, notifications, change, field, reason
):
    """A value is not a template: {name} in a bulk send's text reached every member as
    typed; and a send is scheduled from now on. Refused before anything is sent."""
    members.insights.RecomputeSegments(insights_pb2.RecomputeSegmentsRequest())
    request = pb.StartBulkSendRequest(
        idempotency_key=f"wrong-{field}",
        name="Tháng 12",
        segment_id="behaviour.new",
        message_type=types.MESSAGE_TYPE_MARKETING,
        variables={"title": "Quà", "text": "Bạn có quà tháng 12"},
        actor="crm:mai",
    )
    if change == "yesterday":
        request.scheduled_at.FromDatetime(clock.now() - timedelta(days=1))
    else:
        request.variables.clear()
        request.variables.update(change["variables"])
    with pytest.raises(grpc.RpcError) as refused:
        notifications.messages.StartBulkSend(request)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    (violation,) = details_of(refused.value)[0]
    assert violation.field == field and reason in violation.description
    listed = notifications.messages.ListBulkSends(pb.ListBulkSendsRequest()).bulk_sends
    assert not [b for b in listed if b.name == "Tháng 12"]
