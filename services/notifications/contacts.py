"""This service's copy of members' contact data, kept from the members' events.

The newest member_version wins, so events arriving late or twice change nothing; an
erasure leaves a tombstone and deletes everything personal this service holds.

A message reads the copy when it is created (consent, channels, language) and its
first attempt follows a moment later: the dispatcher takes the copy read within the
last REUSE_SECONDS in this process (`recent`) rather than reading it again. A members'
event handled here forgets it at once; one handled by another process is seen by the
next read, and an erasure there also suppresses every delivery still due.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime

from common.clock import DEFAULT_TIME_ZONE
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import members_pb2
from services.notifications.delivery.rules import Contact
from services.notifications.storage import NotificationStore

BLOCKED = members_pb2.MEMBER_STATUS_BLOCKED
ACTIVE = members_pb2.MEMBER_STATUS_ACTIVE
REUSE_SECONDS = 2.0


class Erased(Exception):
    """The member asked to be forgotten."""


class ContactBook:
    def __init__(
        self,
        store: NotificationStore,
        on_erased=lambda member_id: None,
        reuse_seconds: float = REUSE_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.on_erased = on_erased
        self.reuse_seconds = reuse_seconds
        self.monotonic = monotonic
        self._lock = threading.Lock()
        self._read: OrderedDict[str, tuple[float, Contact]] = OrderedDict()  # oldest first
        # Bumped by every members' event: a read that began before one is not kept.
        self._generation = 0

    def get(self, member_id: str) -> Contact | None:
        """The copy, read now; None when there is none yet; Erased after an erasure."""
        with self._lock:
            generation = self._generation
        contact = _contact(member_id, self.store.contact(member_id))
        if contact is not None:
            self._keep(member_id, contact, generation)
        return contact

    def recent(self, member_id: str) -> Contact | None:
        """The copy read here within `reuse_seconds` (by the message's creation, as a
        rule), else `get`."""
        with self._lock:
            kept = self._read.get(member_id)
        if kept and self.monotonic() - kept[0] < self.reuse_seconds:
            return kept[1]
        return self.get(member_id)

    def _keep(self, member_id: str, contact: Contact, generation: int) -> None:
        now = self.monotonic()
        with self._lock:
            if generation != self._generation:
                return
            self._read[member_id] = (now, contact)
            self._read.move_to_end(member_id)
            while self._read and now - next(iter(self._read.values()))[0] >= self.reuse_seconds:
                self._read.popitem(last=False)

    def _forget(self, member_id: str) -> None:
        with self._lock:
            self._generation += 1
            self._read.pop(member_id, None)

    def raw(self, member_id: str) -> dict | None:
        return self.store.contact(member_id)

    def on_member_event(self, event: events_pb2.Envelope) -> None:
        # Forgotten before the write (none of it is used while it runs) and after (no
        # read of the old copy made meanwhile is kept).
        self._forget(event.member_id)
        try:
            self._apply(event)
        finally:
            self._forget(event.member_id)

    def _apply(self, event: events_pb2.Envelope) -> None:
        kind = event.WhichOneof("payload")
        payload = getattr(event, kind) if kind else None
        when = event.occurred_at.ToDatetime(UTC)
        if kind in ("member_enrolled", "member_updated", "consent_changed"):
            self._copy(event.member_id, payload.member_version, payload.contact, when)
        elif kind in ("member_blocked", "member_unblocked"):
            status = BLOCKED if kind == "member_blocked" else ACTIVE
            self.store.put_contact(
                event.member_id, payload.member_version, {"status": status, "updated_at": when}
            )
        elif kind == "member_erased":
            self.store.erase_contact(event.member_id, payload.member_version, when)
            self.on_erased(event.member_id)
        elif kind == "tier_changed":
            names = dict(payload.to_tier.name) or {"vi": payload.to_tier.code}
            # Tier changes carry no member version: the newest effective change wins.
            self.store.contacts.update_one(
                {
                    "_id": event.member_id,
                    "erased": {"$ne": True},
                    "$or": [{"tier_at": {"$exists": False}}, {"tier_at": {"$lte": when}}],
                },
                {"$set": {"tier": names, "tier_at": when}},
            )

    def _copy(self, member_id: str, version: int, contact, when: datetime) -> None:
        self.store.put_contact(
            member_id,
            version,
            {
                "name": contact.name,
                "phone": contact.phone,
                "email": contact.email,
                "language": contact.language,
                "time_zone": contact.time_zone,
                "preferred_channels": list(contact.preferred_channels),
                "consents": [c.channel for c in contact.consents if c.granted],
                "status": contact.status,
                "updated_at": when,
            },
        )


def _contact(member_id: str, doc: dict | None) -> Contact | None:
    if doc is None or ("name" not in doc and not doc.get("erased")):
        return None
    if doc.get("erased"):
        raise Erased(member_id)
    return Contact(
        member_id=member_id,
        name=doc["name"],
        phone=doc.get("phone", ""),
        email=doc.get("email", ""),
        language=doc.get("language") or "vi",
        time_zone=doc.get("time_zone") or DEFAULT_TIME_ZONE,
        preferred_channels=tuple(doc.get("preferred_channels", ())),
        consents=frozenset(doc.get("consents", ())),
        blocked=doc.get("status") == BLOCKED,
        tier=doc.get("tier", {}),
    )
