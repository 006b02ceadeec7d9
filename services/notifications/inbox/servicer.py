"""InboxService over gRPC: checks and translates; the inbox keeps the messages."""

from __future__ import annotations

from common import events as bus
from common.grpc_errors import answering_refusals
from common.paging import offset_page, page_of
from common.validation import Checks
from loyalty.notifications.v1 import inbox_pb2, inbox_pb2_grpc
from services.notifications.inbox.domain import InboxMessage
from services.notifications.inbox.service import Inbox

DOMAIN = "loyalty.notifications.v1"
rpc = answering_refusals(DOMAIN)


class InboxServicer(inbox_pb2_grpc.InboxServiceServicer):
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    @rpc
    def ListInboxMessages(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("member_id", request.member_id)
        skip, size = offset_page(checks, request.page)
        checks.done()
        messages, unread = self.inbox.listing(request.member_id, request.unread_only)
        shown, page_info = page_of(messages, skip, size)
        return inbox_pb2.ListInboxMessagesResponse(
            messages=[inbox_message(request.member_id, m) for m in shown],
            unread_count=unread,
            page_info=page_info,
        )

    @rpc
    def GetUnreadCount(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("member_id", request.member_id)
        checks.done()
        return inbox_pb2.GetUnreadCountResponse(unread_count=self.inbox.unread(request.member_id))

    @rpc
    def MarkInboxRead(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("member_id", request.member_id)
        checks.check(
            request.all or bool(request.inbox_message_ids),
            "inbox_message_ids",
            "give message ids or all",
        )
        checks.check(len(request.inbox_message_ids) <= 500, "inbox_message_ids", "at most 500")
        checks.done()
        marked, unread = self.inbox.mark_read(
            request.member_id, list(request.inbox_message_ids), request.all
        )
        return inbox_pb2.MarkInboxReadResponse(marked=marked, unread_count=unread)


def inbox_message(member_id: str, message: InboxMessage) -> inbox_pb2.InboxMessage:
    return inbox_pb2.InboxMessage(
        inbox_message_id=message.inbox_message_id,
        member_id=member_id,
        message_id=message.message_id,
        message_type=message.message_type,
        title=message.title,
        body=message.body,
        created_at=bus.timestamp(message.created_at),
        read_at=bus.timestamp(message.read_at),
    )
