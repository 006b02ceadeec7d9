"""The in-app inbox: one document per member holding their messages and unread count,
changed with a version check so the count is always the messages' own; the count is
cached in Redis by that version (common.versioned_cache), so a read after a delivery or
a mark-read never sees an older count."""

from __future__ import annotations

from pymongo.errors import DuplicateKeyError

from common.refusals import Refusal
from common.versioned_cache import VersionedCache
from services.notifications.channels import Outcome, Parcel, accepted

KEEP = 500  # newest messages kept per member; the oldest fall off


class Inbox:
    def __init__(self, collection, cache: VersionedCache, clock) -> None:
        self.inboxes = collection
        self.cache = cache
        self.clock = clock

    # The channel

    def send(self, parcel: Parcel) -> Outcome:
        item = {
            "inbox_message_id": parcel.delivery_id,
            "message_id": parcel.delivery_id.rsplit("-", 1)[0],
            "message_type": parcel.message_type,
            "title": parcel.subject,
            "body": parcel.body,
            "created_at": self.clock(),
            "read_at": None,
        }

        def add(messages):
            if any(m["inbox_message_id"] == item["inbox_message_id"] for m in messages):
                return messages, 0  # delivered before (a retried attempt): once only
            return ([*messages, item])[-KEEP:], 1

        self._change(parcel.member_id, add)
        return accepted(parcel.delivery_id, "stored in the inbox")

    # The member's side

    def messages(self, member_id: str) -> list[dict]:
        doc = self.inboxes.find_one({"_id": member_id})
        return list(reversed(doc["messages"])) if doc else []

    def unread(self, member_id: str) -> int:
        cached = self.cache.get(member_id)
        if cached is not None:
            return cached["unread"]
        doc = self.inboxes.find_one({"_id": member_id}, {"version": 1, "messages.read_at": 1})
        if doc is None:
            return 0
        count = _unread(doc["messages"])
        self.cache.put(member_id, doc["version"], {"unread": count})
        return count

    def mark_read(self, member_id: str, ids: list[str], everything: bool) -> tuple[int, int]:
        """(newly marked, unread left); NOT_FOUND names an id that is not this member's."""
        when = self.clock()

        def mark(messages):
            known = {m["inbox_message_id"] for m in messages}
            unknown = [i for i in ids if i not in known]
            if unknown and not everything:
                raise Refusal(
                    "not_found",
                    "INBOX_MESSAGE_NOT_FOUND",
                    f"not in this member's inbox: {unknown[0]}",
                    "inbox_message_ids",
                )
            wanted = known if everything else set(ids)
            marked = 0
            changed = []
            for message in messages:
                if message["inbox_message_id"] in wanted and message["read_at"] is None:
                    message = {**message, "read_at": when}
                    marked += 1
                changed.append(message)
            return changed, marked

        marked, messages = self._change(member_id, mark)
        return marked, _unread(messages)

    def erase(self, member_id: str) -> None:
        self.inboxes.delete_one({"_id": member_id})
        # The highest version the cache takes (2**62 was refused, failing every erasure):
        # no count read before the erasure can be cached after it.
        self.cache.put(member_id, 2**53 - 1, {"unread": 0})

    def _change(self, member_id: str, change) -> tuple[int, list[dict]]:
        """Applies `change(messages) -> (messages, how many changed)` with a version check."""
        while True:
            doc = self.inboxes.find_one({"_id": member_id}) or {"version": 0, "messages": []}
            messages, count = change(doc["messages"])
            if not count:
                return 0, messages
            version = doc["version"] + 1
            if self._write(member_id, doc["version"], version, messages):
                self.cache.put(member_id, version, {"unread": _unread(messages)})
                return count, messages

    def _write(self, member_id: str, expected: int, version: int, messages: list[dict]) -> bool:
        if expected == 0:
            try:
                self.inboxes.insert_one({"_id": member_id, "version": 1, "messages": messages})
                return True
            except DuplicateKeyError:  # created meanwhile: read it and go again
                return False
        written = self.inboxes.update_one(
            {"_id": member_id, "version": expected},
            {"$set": {"version": version, "messages": messages}},
        )
        return written.matched_count == 1


def _unread(messages: list[dict]) -> int:
    return sum(1 for m in messages if m.get("read_at") is None)
