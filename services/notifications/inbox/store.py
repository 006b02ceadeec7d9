"""The inboxes' collection.

inboxes  one document per member: their messages and a version, changed together with a
         version check so that the unread count is always the messages' own.
"""

from __future__ import annotations

import dataclasses

from pymongo.errors import DuplicateKeyError

from services.notifications.inbox.domain import InboxMessage
from services.notifications.templates.domain.catalogue import MessageType


@dataclasses.dataclass(frozen=True)
class StoredInbox:
    version: int  # 0: none stored yet
    messages: list[InboxMessage]  # oldest first


class InboxStore:
    def __init__(self, db) -> None:
        self._inboxes = db["inboxes"]

    def inbox(self, member_id: str) -> StoredInbox:
        doc = self._inboxes.find_one({"_id": member_id})
        if doc is None:
            return StoredInbox(0, [])
        return StoredInbox(doc["version"], [_message(item) for item in doc["messages"]])

    def unread(self, member_id: str) -> tuple[int, int] | None:
        """(version, unread count), reading only the read marks; None without an inbox."""
        doc = self._inboxes.find_one({"_id": member_id}, {"version": 1, "messages.read_at": 1})
        if doc is None:
            return None
        return doc["version"], sum(1 for m in doc["messages"] if m.get("read_at") is None)

    def write(self, member_id: str, expected: int, messages: list[InboxMessage]) -> bool:
        """Stores the messages as version `expected` + 1, if `expected` is still the
        stored version (0: none is stored yet)."""
        items = [_item(message) for message in messages]
        if expected == 0:
            try:
                self._inboxes.insert_one({"_id": member_id, "version": 1, "messages": items})
                return True
            except DuplicateKeyError:  # created meanwhile
                return False
        written = self._inboxes.update_one(
            {"_id": member_id, "version": expected},
            {"$set": {"version": expected + 1, "messages": items}},
        )
        return written.matched_count == 1

    def delete(self, member_id: str) -> None:
        self._inboxes.delete_one({"_id": member_id})


def _item(message: InboxMessage) -> dict:
    return {
        "inbox_message_id": message.inbox_message_id,
        "message_id": message.message_id,
        "message_type": message.message_type,
        "title": message.title,
        "body": message.body,
        "created_at": message.created_at,
        "read_at": message.read_at,
    }


def _message(item: dict) -> InboxMessage:
    return InboxMessage(
        inbox_message_id=item["inbox_message_id"],
        message_id=item["message_id"],
        message_type=MessageType(item["message_type"]),
        title=item["title"],
        body=item["body"],
        created_at=item["created_at"],
        read_at=item.get("read_at"),
    )
