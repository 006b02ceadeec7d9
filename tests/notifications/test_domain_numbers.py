"""The domain's own enums carry the contracts' numbers: the servicers and the events
translate them by value, and the stored documents keep the numbers they always had."""

from __future__ import annotations

import enum

import pytest

from loyalty.common.v1 import common_pb2
from loyalty.members.v1 import members_pb2
from loyalty.notifications.v1 import messages_pb2, templates_pb2
from services.notifications.contacts.domain import Channel, MemberStatus
from services.notifications.messages.domain.bulk import BulkSendState
from services.notifications.messages.domain.delivery import DeliveryReason, DeliveryStatus
from services.notifications.templates.domain.catalogue import Category, MessageType


@pytest.mark.parametrize(
    ("domain", "contract", "prefix"),
    [
        (Channel, common_pb2.Channel, "CHANNEL_"),
        (MemberStatus, members_pb2.MemberStatus, "MEMBER_STATUS_"),
        (MessageType, templates_pb2.MessageType, "MESSAGE_TYPE_"),
        (Category, templates_pb2.MessageCategory, "MESSAGE_CATEGORY_"),
        (DeliveryStatus, messages_pb2.DeliveryStatus, "DELIVERY_STATUS_"),
        (DeliveryReason, messages_pb2.DeliveryReason, "DELIVERY_REASON_"),
        (BulkSendState, messages_pb2.BulkSendState, "BULK_SEND_STATE_"),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_every_domain_value_is_the_contracts_value_of_that_name(domain, contract, prefix):
    ours = {member.name: member.value for member in domain}
    theirs = {name.removeprefix(prefix): value for name, value in contract.items()}
    assert issubclass(domain, enum.IntEnum)
    assert ours == {name: value for name, value in theirs.items() if value or name in ours}
