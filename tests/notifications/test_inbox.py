"""The in-app inbox: list, unread count (cached, never stale), mark read."""

from __future__ import annotations

import grpc
import pytest

from common.grpc_errors import details_of
from loyalty.notifications.v1 import inbox_pb2 as pb
from loyalty.notifications.v1 import messages_pb2
from loyalty.notifications.v1 import templates_pb2 as types
from tests.support.notifications import INBOX, known_member
from tests.support.waiting import wait_for


def unread(service, member: str) -> int:
    return service.inbox.GetUnreadCount(pb.GetUnreadCountRequest(member_id=member)).unread_count


def post(service, member: str, key: str, title: str) -> None:
    service.messages.SendMessage(
        messages_pb2.SendMessageRequest(
            idempotency_key=key,
            member_id=member,
            message_type=types.MESSAGE_TYPE_GENERIC,
            category=types.MESSAGE_CATEGORY_TRANSACTIONAL,
            channels=[INBOX],
            variables={"title": title, "text": f"Nội dung {title}"},
            actor="crm:test",
        )
    )


def test_the_inbox_lists_newest_first_and_counts_unread(notifications):
    member = known_member(notifications, preferred=(INBOX,))  # the welcome lands here
    assert unread(notifications, member) == 1
    for n in range(3):
        post(notifications, member, f"inbox-{n}", f"Tin {n}")
    wait_for(lambda: unread(notifications, member) == 4, what="four unread")

    listed = notifications.inbox.ListInboxMessages(pb.ListInboxMessagesRequest(member_id=member))
    assert [m.title for m in listed.messages[:3]] == ["Tin 2", "Tin 1", "Tin 0"]
    assert listed.unread_count == 4
    assert listed.messages[0].body == "Xin chào Nguyễn Thị Lan,\n\nNội dung Tin 2"

    first_page = notifications.inbox.ListInboxMessages(
        pb.ListInboxMessagesRequest(member_id=member, page={"page_size": 2})
    )
    rest = notifications.inbox.ListInboxMessages(
        pb.ListInboxMessagesRequest(
            member_id=member, page={"page_size": 2, "cursor": first_page.page_info.next_cursor}
        )
    )
    assert len(first_page.messages) + len(rest.messages) == 4
    assert not rest.page_info.next_cursor


def test_marking_read_is_idempotent_and_the_count_follows_at_once(notifications):
    member = known_member(notifications, preferred=(INBOX,))
    post(notifications, member, "mark-1", "Một")
    wait_for(lambda: unread(notifications, member) == 2, what="two unread")
    newest = notifications.inbox.ListInboxMessages(
        pb.ListInboxMessagesRequest(member_id=member)
    ).messages[0]

    marked = notifications.inbox.MarkInboxRead(
        pb.MarkInboxReadRequest(member_id=member, inbox_message_ids=[newest.inbox_message_id])
    )
    assert (marked.marked, marked.unread_count) == (1, 1)
    assert unread(notifications, member) == 1  # the cached count moved with the write
    again = notifications.inbox.MarkInboxRead(
        pb.MarkInboxReadRequest(member_id=member, inbox_message_ids=[newest.inbox_message_id])
    )
    assert (again.marked, again.unread_count) == (0, 1)
    everything = notifications.inbox.MarkInboxRead(
        pb.MarkInboxReadRequest(member_id=member, all=True)
    )
    assert (everything.marked, everything.unread_count) == (1, 0)
    assert unread(notifications, member) == 0
    only_unread = notifications.inbox.ListInboxMessages(
        pb.ListInboxMessagesRequest(member_id=member, unread_only=True)
    )
    assert list(only_unread.messages) == []


def test_a_member_cannot_mark_another_members_message(notifications):
    owner = known_member(notifications, preferred=(INBOX,))
    other = known_member(notifications, preferred=(INBOX,))
    owned = notifications.inbox.ListInboxMessages(
        pb.ListInboxMessagesRequest(member_id=owner)
    ).messages[0]

    with pytest.raises(grpc.RpcError) as refused:
        notifications.inbox.MarkInboxRead(
            pb.MarkInboxReadRequest(member_id=other, inbox_message_ids=[owned.inbox_message_id])
        )
    assert refused.value.code() == grpc.StatusCode.NOT_FOUND
    assert unread(notifications, owner) == 1
    assert unread(notifications, other) == 1


def test_bad_inbox_requests_name_the_field(notifications):
    with pytest.raises(grpc.RpcError) as refused:
        notifications.inbox.MarkInboxRead(pb.MarkInboxReadRequest(member_id="m"))
    fields = [v.field for v in details_of(refused.value)[0]]
    assert fields == ["inbox_message_ids"]
    with pytest.raises(grpc.RpcError) as empty:
        notifications.inbox.GetUnreadCount(pb.GetUnreadCountRequest())
    assert [v.field for v in details_of(empty.value)[0]] == ["member_id"]
    assert unread(notifications, "nobody") == 0
