"""The in-app inbox: a channel (its `send` stores the message in the member's inbox) and
the member's side (list, count, mark read). An inbox changes with a version check, and
its unread count is cached by that version."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from services.notifications.inbox import domain
from services.notifications.inbox.cache import UnreadCounts
from services.notifications.inbox.domain import InboxMessage
from services.notifications.inbox.store import InboxStore
from services.notifications.messages.domain.delivery import Outcome, Parcel, accepted

Change = Callable[[list[InboxMessage]], tuple[list[InboxMessage], int]]


class Inbox:
    def __init__(
        self, store: InboxStore, unread_counts: UnreadCounts, clock: Callable[[], datetime]
    ) -> None:
        self.store = store
        self.unread_counts = unread_counts
        self.clock = clock

    # The channel

    def send(self, parcel: Parcel) -> Outcome:
        item = domain.delivered(parcel, self.clock())
        self._change(parcel.member_id, lambda messages: domain.added(messages, item))
        return accepted(parcel.delivery_id, "stored in the inbox")

    # The member's side

    def listing(self, member_id: str, unread_only: bool) -> tuple[list[InboxMessage], int]:
        """(the member's messages, newest first, only the unread ones if asked; how many
        are unread)."""
        messages = list(reversed(self.store.inbox(member_id).messages))
        unread = domain.unread(messages)
        if unread_only:
            messages = [m for m in messages if m.read_at is None]
        return messages, unread

    def unread(self, member_id: str) -> int:
        cached = self.unread_counts.get(member_id)
        if cached is not None:
            return cached
        found = self.store.unread(member_id)
        if found is None:
            return 0
        version, count = found
        self.unread_counts.put(member_id, version, count)
        return count

    def mark_read(self, member_id: str, ids: list[str], everything: bool) -> tuple[int, int]:
        """(newly marked, unread left); NOT_FOUND names an id that is not this member's."""
        when = self.clock()
        marked, messages = self._change(
            member_id, lambda messages: domain.marked(messages, ids, everything, when)
        )
        return marked, domain.unread(messages)

    def erase(self, member_id: str, when: datetime) -> None:
        """The member was erased (at `when`): their inbox goes."""
        self.store.delete(member_id)
        self.unread_counts.erase(member_id)

    def _change(self, member_id: str, change: Change) -> tuple[int, list[InboxMessage]]:
        """Applies `change(messages) -> (messages, how many changed)` with a version check."""
        while True:
            stored = self.store.inbox(member_id)
            messages, count = change(stored.messages)
            if not count:
                return 0, messages
            if self.store.write(member_id, stored.version, messages):
                self.unread_counts.put(member_id, stored.version + 1, domain.unread(messages))
                return count, messages
