"""The contacts' collection.

contacts  the copy of each member's contact data, fed by the members' events; an erased
          member leaves a tombstone (no contact data) so that an older event redelivered
          later cannot bring the data back.
"""

from __future__ import annotations

import contextlib
from datetime import datetime

from pymongo.errors import DuplicateKeyError

from services.notifications.contacts.domain import ContactCopy, Details, Erased, MemberStatus


class ContactStore:
    def __init__(self, db) -> None:
        self._contacts = db["contacts"]

    def copy(self, member_id: str) -> ContactCopy | None:
        """The copy; None before the member's contact data arrived; Erased after an
        erasure."""
        doc = self._contacts.find_one({"_id": member_id})
        if doc is None:
            return None
        if doc.get("erased"):
            raise Erased(member_id)
        if "name" not in doc:  # only a status change came before the enrolment
            return None
        return ContactCopy(
            member_id=member_id,
            details=Details(
                name=doc["name"],
                phone=doc.get("phone", ""),
                email=doc.get("email", ""),
                language=doc.get("language", ""),
                time_zone=doc.get("time_zone", ""),
                preferred_channels=tuple(doc.get("preferred_channels", ())),
                consents=tuple(doc.get("consents", ())),
                status=doc.get("status", MemberStatus.UNSPECIFIED),
            ),
            member_version=doc["member_version"],
            updated_at=doc.get("updated_at"),
            tier=doc.get("tier", {}),
        )

    def put_details(self, member_id: str, version: int, details: Details, when: datetime):
        self._put(
            member_id,
            version,
            {
                "name": details.name,
                "phone": details.phone,
                "email": details.email,
                "language": details.language,
                "time_zone": details.time_zone,
                "preferred_channels": list(details.preferred_channels),
                "consents": list(details.consents),
                "status": details.status,
                "updated_at": when,
            },
        )

    def put_status(self, member_id: str, version: int, status: MemberStatus, when: datetime):
        self._put(member_id, version, {"status": status, "updated_at": when})

    def _put(self, member_id: str, version: int, fields: dict) -> None:
        """Writes the copy if `version` is newer than the stored one; an erased member's
        tombstone refuses everything."""
        with contextlib.suppress(DuplicateKeyError):  # the copy is newer (or erased)
            self._contacts.update_one(
                {"_id": member_id, "member_version": {"$lt": version}, "erased": {"$ne": True}},
                {"$set": {**fields, "member_version": version}},
                upsert=True,
            )

    def put_tier(self, member_id: str, names: dict[str, str], when: datetime) -> None:
        """The tier's names, unless a change effective later is there already."""
        self._contacts.update_one(
            {
                "_id": member_id,
                "erased": {"$ne": True},
                "$or": [{"tier_at": {"$exists": False}}, {"tier_at": {"$lte": when}}],
            },
            {"$set": {"tier": names, "tier_at": when}},
        )

    def erase(self, member_id: str, version: int, when: datetime) -> None:
        """Leaves the tombstone in place of the copy."""
        self._contacts.replace_one(
            {"_id": member_id},
            {"_id": member_id, "erased": True, "member_version": version, "updated_at": when},
            upsert=True,
        )
