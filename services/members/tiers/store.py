"""The tier ladder's MongoDB document: settings/tier_ladder, replaced with a version check,
the events announcing its change in it (relayed with the members', directory/store.py)."""

from __future__ import annotations

import dataclasses

from pymongo.errors import DuplicateKeyError

from services.members.tiers.domain import Ladder, Tier

LADDER_ID = "tier_ladder"  # the document's id, and the relay's key for its outbox


class LadderStore:
    def __init__(self, db) -> None:
        self.settings = db["settings"]

    def ladder(self) -> Ladder | None:
        doc = self.settings.find_one({"_id": LADDER_ID}, {"outbox": 0})
        return None if doc is None else _ladder(doc)

    def replace(
        self, ladder: Ladder, expected_version: int, events: list[tuple[str, bytes]]
    ) -> bool:
        """Stores `ladder` (at its version) if the stored one is still at
        `expected_version` (0: none yet); False if it is not."""
        doc = dataclasses.asdict(ladder)
        outbox = [{"_id": event_id, "event": event} for event_id, event in events]
        if expected_version == 0:
            try:
                self.settings.insert_one({"_id": LADDER_ID, **doc, "outbox": outbox})
                return True
            except DuplicateKeyError:
                return False
        written = self.settings.update_one(
            {"_id": LADDER_ID, "version": expected_version},
            {"$set": doc, "$push": {"outbox": {"$each": outbox}}},
        )
        return written.matched_count == 1


def _ladder(doc: dict) -> Ladder:
    values = {k: v for k, v in doc.items() if k not in ("_id", "outbox")}
    values["tiers"] = tuple(
        Tier(**{**tier, "flags": tuple(tier.get("flags", ()))}) for tier in values["tiers"]
    )
    return Ladder(**values)
