"""A member's inbox: their messages, newest last, at most KEEP of them; a message is
read once its read_at is set."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime

from common.refusals import Refusal
from services.notifications.messages.domain.delivery import Parcel
from services.notifications.templates.domain.catalogue import MessageType

KEEP = 500  # newest messages kept per member; the oldest fall off


@dataclasses.dataclass(frozen=True)
class InboxMessage:
    inbox_message_id: str
    message_id: str
    message_type: MessageType
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None = None


def delivered(parcel: Parcel, now: datetime) -> InboxMessage:
    """The message a delivery on the inbox channel puts there (its id is the delivery's)."""
    return InboxMessage(
        inbox_message_id=parcel.delivery_id,
        message_id=parcel.delivery_id.rsplit("-", 1)[0],
        message_type=parcel.message_type,
        title=parcel.subject,
        body=parcel.body,
        created_at=now,
    )


def added(messages: Sequence[InboxMessage], item: InboxMessage) -> tuple[list[InboxMessage], int]:
    """(the messages with `item`, 1); (as they were, 0) when it is there already (a
    retried attempt delivers once only)."""
    if any(m.inbox_message_id == item.inbox_message_id for m in messages):
        return list(messages), 0
    return [*messages, item][-KEEP:], 1


def marked(
    messages: Sequence[InboxMessage], ids: Sequence[str], everything: bool, when: datetime
) -> tuple[list[InboxMessage], int]:
    """(the messages with those read, how many were unread); INBOX_MESSAGE_NOT_FOUND
    names an id that is not in them (unless `everything` is marked)."""
    known = {m.inbox_message_id for m in messages}
    unknown = [i for i in ids if i not in known]
    if unknown and not everything:
        raise Refusal(
            "not_found",
            "INBOX_MESSAGE_NOT_FOUND",
            f"not in this member's inbox: {unknown[0]}",
            "inbox_message_ids",
        )
    wanted = known if everything else set(ids)
    count = 0
    changed = []
    for message in messages:
        if message.inbox_message_id in wanted and message.read_at is None:
            message = dataclasses.replace(message, read_at=when)
            count += 1
        changed.append(message)
    return changed, count


def unread(messages: Sequence[InboxMessage]) -> int:
    return sum(1 for m in messages if m.read_at is None)
