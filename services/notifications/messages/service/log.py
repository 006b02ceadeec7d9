"""The delivery log: messages and their deliveries as support and the CRM read them."""

from __future__ import annotations

from collections.abc import Collection

from common.refusals import Refusal
from services.notifications.messages.domain.delivery import Delivery
from services.notifications.messages.domain.message import Message
from services.notifications.messages.store import MessageStore


class DeliveryLog:
    def __init__(self, store: MessageStore) -> None:
        self.store = store

    def message(self, message_id: str) -> tuple[Message, list[Delivery]]:
        message = self.store.message(message_id)
        if message is None:
            raise Refusal("not_found", "MESSAGE_NOT_FOUND", "no such message", "message_id")
        return message, self.store.deliveries_of(message.message_id)

    def deliveries(
        self, member_id: str, message_id: str, statuses: Collection[int], skip: int, limit: int
    ) -> list[Delivery]:
        """A member's (or else a message's) deliveries, newest first."""
        return self.store.deliveries(member_id, message_id, statuses, skip, limit)

    def dead_letters(self, channel: int, skip: int, limit: int) -> list[Delivery]:
        """Dead-lettered deliveries (on `channel`, if given), oldest first."""
        return self.store.dead_letters(channel, skip, limit)
