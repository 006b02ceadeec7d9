"""Delivery settings and the checks on what clients send."""

from __future__ import annotations

import grpc
import pytest

from common import events as bus
from common.grpc_errors import details_of
from loyalty.notifications.v1 import messages_pb2 as pb
from loyalty.notifications.v1 import templates_pb2 as types
from tests.support.notifications import contact, enrolled, known_member
from tests.support.waiting import group_caught_up, wait_for


def test_delivery_settings_are_versioned_and_checked(notifications):
    current = notifications.messages.GetDeliverySettings(pb.GetDeliverySettingsRequest()).settings
    assert (current.quiet_hours_start, current.quiet_hours_end, current.version) == (
        "21:00",
        "08:00",
        0,
    )

    changed = pb.DeliverySettings()
    changed.CopyFrom(current)
    changed.marketing_daily_cap = 1
    stored = notifications.messages.UpdateDeliverySettings(
        pb.UpdateDeliverySettingsRequest(
            settings=changed, expected_version=0, actor="crm:mai", reason="fewer promotions"
        )
    ).settings
    assert (stored.marketing_daily_cap, stored.version, stored.updated_by) == (1, 1, "crm:mai")

    with pytest.raises(grpc.RpcError) as stale:
        notifications.messages.UpdateDeliverySettings(
            pb.UpdateDeliverySettingsRequest(
                settings=changed, expected_version=0, actor="crm:mai", reason="again"
            )
        )
    assert stale.value.code() == grpc.StatusCode.ABORTED

    bad = pb.DeliverySettings()
    bad.CopyFrom(current)
    bad.quiet_hours_start, bad.max_attempts, bad.retry_max_delay_seconds = "9pm", 0, 1
    with pytest.raises(grpc.RpcError) as refused:
        notifications.messages.UpdateDeliverySettings(
            pb.UpdateDeliverySettingsRequest(settings=bad, expected_version=1, actor="crm:mai")
        )
    assert {v.field for v in details_of(refused.value)[0]} == {
        "settings.quiet_hours_start",
        "settings.max_attempts",
        "settings.retry_max_delay_seconds",
        "reason",
    }


def test_a_bad_send_names_every_field_and_creates_nothing(notifications):
    member = known_member(notifications)
    before = len(notifications.deliveries(member))
    with pytest.raises(grpc.RpcError) as refused:
        notifications.messages.SendMessage(
            pb.SendMessageRequest(
                member_id=member,
                message_type=types.MESSAGE_TYPE_WELCOME,
                category=types.MESSAGE_CATEGORY_MARKETING,
                channels=[9],
                to_phone="0912",
                language="fr",
            )
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert {v.field for v in details_of(refused.value)[0]} == {
        "idempotency_key",
        "actor",
        "category",
        "channels[0]",
        "to_phone",
        "language",
    }
    assert len(notifications.deliveries(member)) == before


def test_a_template_variable_the_sender_must_give_is_asked_for(notifications):
    member = known_member(notifications)

    def refused_redeem(points: str) -> list:
        with pytest.raises(grpc.RpcError) as refused:
            notifications.messages.SendMessage(
                pb.SendMessageRequest(
                    idempotency_key="no-code",
                    member_id=member,
                    message_type=types.MESSAGE_TYPE_REWARD_REDEEMED,
                    variables={"reward": "Giảm 20%", "points": points},
                    actor="crm:test",
                )
            )
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        return details_of(refused.value)[0]

    (bad,) = refused_redeem("abc")
    assert bad.field == "variables[points]"
    assert bad.description == "variables[points]: 'abc' is not a whole number of points"
    (violation,) = refused_redeem("2000")
    assert violation.field == "variables"
    assert "{code}" in violation.description and "{valid_until}" in violation.description


def test_an_unknown_member_is_a_clear_precondition(notifications):
    with pytest.raises(grpc.RpcError) as refused:
        notifications.messages.SendMessage(
            pb.SendMessageRequest(
                idempotency_key="who",
                member_id="mem-nobody",
                message_type=types.MESSAGE_TYPE_GENERIC,
                category=types.MESSAGE_CATEGORY_TRANSACTIONAL,
                variables={"title": "a", "text": "b"},
                actor="crm:test",
            )
        )
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert details_of(refused.value)[1]["reason"] == "MEMBER_UNKNOWN"
    with pytest.raises(grpc.RpcError) as contact:
        notifications.messages.GetMemberContact(pb.GetMemberContactRequest(member_id="mem-nobody"))
    assert contact.value.code() == grpc.StatusCode.NOT_FOUND


def test_the_contact_copy_follows_the_newest_member_version(notifications):
    member = known_member(notifications, email="old@example.vn")
    newer = bus.envelope(
        "member.updated",
        "members",
        member,
        "test",
        member_updated=bus.events_pb2.MemberUpdated(
            contact=contact(email="new@example.vn"), changed_fields=["email"], member_version=3
        ),
    )
    notifications.publish(bus.MEMBERS_STREAM, newer, enrolled(member, contact(), version=2))
    wait_for(lambda: group_caught_up(notifications.redis, bus.MEMBERS_STREAM, "notifications"))
    copy = notifications.messages.GetMemberContact(pb.GetMemberContactRequest(member_id=member))
    assert (copy.contact.email, copy.member_version) == ("new@example.vn", 3)
