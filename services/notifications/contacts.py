"""This service's copy of members' contact data, kept from the members' events.

The newest member_version wins, so events arriving late or twice change nothing; an
erasure leaves a tombstone and deletes everything personal this service holds.
"""

from __future__ import annotations

from datetime import UTC, datetime

from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import members_pb2
from services.notifications.delivery.rules import Contact
from services.notifications.storage import NotificationStore

BLOCKED = members_pb2.MEMBER_STATUS_BLOCKED
ACTIVE = members_pb2.MEMBER_STATUS_ACTIVE


class Erased(Exception):
    """The member asked to be forgotten."""


class ContactBook:
    def __init__(self, store: NotificationStore, on_erased=lambda member_id: None) -> None:
        self.store = store
        self.on_erased = on_erased

    def get(self, member_id: str) -> Contact | None:
        """The copy; None when there is none yet; Erased after an erasure."""
        doc = self.store.contact(member_id)
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
            time_zone=doc.get("time_zone") or "Asia/Ho_Chi_Minh",
            preferred_channels=tuple(doc.get("preferred_channels", ())),
            consents=frozenset(doc.get("consents", ())),
            blocked=doc.get("status") == BLOCKED,
            tier=doc.get("tier", {}),
        )

    def raw(self, member_id: str) -> dict | None:
        return self.store.contact(member_id)

    def on_member_event(self, event: events_pb2.Envelope) -> None:
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
