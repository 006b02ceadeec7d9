"""The partner registry: the businesses and stores that award and take points.

The ledger asks `check_till` on every till operation. Partners and stores change rarely,
so each instance keeps what it read for a few seconds (a suspension takes effect within
that time on every instance, at once on the one that made it) instead of adding a store
round trip to every earn.
"""

from __future__ import annotations

import dataclasses
import re
import threading
import time
from datetime import datetime

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from common import clock
from common.clock import Clock
from services.points.ledger.model import LedgerError, refuse

ACTIVE, SUSPENDED = "active", "suspended"
REGISTRY_REFRESH_SECONDS = 5.0
ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")


@dataclasses.dataclass(frozen=True)
class Partner:
    partner_id: str
    name: str
    currency: str
    status: str
    created_at: datetime
    version: int


@dataclasses.dataclass(frozen=True)
class Store:
    store_id: str
    partner_id: str
    name: str
    time_zone: str
    status: str
    created_at: datetime
    version: int


class Partners:
    def __init__(self, db, clock: Clock = clock.now) -> None:
        self.partners = db["partners"]
        self.stores = db["stores"]
        self.clock = clock
        self._seen: dict[str, tuple[float, dict | None]] = {}
        self._lock = threading.Lock()

    # The ledger's check

    def check_till(self, partner_id: str, store_id: str = "") -> None:
        """Refuses an unknown or suspended partner, or a store that is unknown, closed or
        another partner's."""
        partner = self._recent("partners", partner_id)
        if partner is None:
            raise LedgerError(
                "not_found", "PARTNER_NOT_FOUND", "no such partner", field="partner_id"
            )
        if partner["status"] != ACTIVE:
            raise refuse("PARTNER_SUSPENDED", "the partner is suspended", partner_id=partner_id)
        if not store_id:
            return
        store = self._recent("stores", store_id)
        if store is None or store["partner_id"] != partner_id:
            raise LedgerError(
                "not_found", "STORE_NOT_FOUND", "no such store of this partner", field="store_id"
            )
        if store["status"] != ACTIVE:
            raise refuse("STORE_CLOSED", "the store is closed", store_id=store_id)

    def _recent(self, collection: str, key: str) -> dict | None:
        now = time.monotonic()
        with self._lock:
            seen = self._seen.get(f"{collection}/{key}")
        if seen is not None and now - seen[0] <= REGISTRY_REFRESH_SECONDS:
            return seen[1]
        doc = getattr(self, collection).find_one({"_id": key})
        self._remember(collection, key, doc)
        return doc

    def _remember(self, collection: str, key: str, doc: dict | None) -> None:
        with self._lock:
            self._seen[f"{collection}/{key}"] = (time.monotonic(), doc)

    # Partners

    def create_partner(self, partner_id: str, name: str, currency: str) -> tuple[Partner, bool]:
        doc = {
            "_id": partner_id,
            "name": name,
            "currency": currency,
            "status": ACTIVE,
            "created_at": self.clock(),
            "version": 1,
        }
        stored, replayed = self._create(self.partners, doc, ("name", "currency"), "partner_id")
        return _partner(stored), replayed

    def partner(self, partner_id: str) -> Partner:
        return _partner(self._get(self.partners, partner_id, "partner_id"))

    def list_partners(self, after: str, limit: int) -> list[Partner]:
        query = {"_id": {"$gt": after}} if after else {}
        return [_partner(d) for d in self.partners.find(query).sort("_id", 1).limit(limit)]

    def update_partner(self, partner_id: str, name: str, status: str, version: int) -> Partner:
        doc = self._update(
            self.partners, partner_id, "partner_id", {"name": name, "status": status}, version
        )
        return _partner(doc)

    # Stores

    def create_store(
        self, store_id: str, partner_id: str, name: str, time_zone: str
    ) -> tuple[Store, bool]:
        self.partner(partner_id)  # NOT_FOUND for an unknown partner
        doc = {
            "_id": store_id,
            "partner_id": partner_id,
            "name": name,
            "time_zone": time_zone,
            "status": ACTIVE,
            "created_at": self.clock(),
            "version": 1,
        }
        stored, replayed = self._create(
            self.stores, doc, ("partner_id", "name", "time_zone"), "store_id"
        )
        return _store(stored), replayed

    def store(self, store_id: str) -> Store:
        return _store(self._get(self.stores, store_id, "store_id"))

    def list_stores(self, partner_id: str, after: str, limit: int) -> list[Store]:
        self.partner(partner_id)
        query = {"partner_id": partner_id, **({"_id": {"$gt": after}} if after else {})}
        return [_store(d) for d in self.stores.find(query).sort("_id", 1).limit(limit)]

    def update_store(
        self, store_id: str, name: str, status: str, time_zone: str, version: int
    ) -> Store:
        doc = self._update(
            self.stores,
            store_id,
            "store_id",
            {"name": name, "status": status, "time_zone": time_zone},
            version,
        )
        return _store(doc)

    # Shared steps

    def _create(
        self, collection, doc: dict, identity: tuple[str, ...], field: str
    ) -> tuple[dict, bool]:
        """Inserts `doc`; the same request again is a replay, a different one is taken."""
        try:
            collection.insert_one(doc)
            return doc, False
        except DuplicateKeyError:
            existing = collection.find_one({"_id": doc["_id"]})
        if all(existing[key] == doc[key] for key in identity):
            return existing, True
        raise LedgerError(
            "exists", f"{field.upper()}_TAKEN", f"{field} {doc['_id']!r} is taken", field=field
        )

    def _get(self, collection, key: str, field: str) -> dict:
        doc = collection.find_one({"_id": key})
        if doc is None:
            raise LedgerError(
                "not_found", f"{field.upper()}_NOT_FOUND", f"no such {field[:-3]}", field=field
            )
        return doc

    def _update(self, collection, key: str, field: str, changes: dict, version: int) -> dict:
        changes = {name: value for name, value in changes.items() if value}
        doc = collection.find_one_and_update(
            {"_id": key, "version": version},
            {"$set": changes, "$inc": {"version": 1}},
            return_document=ReturnDocument.AFTER,
        )
        if doc is None:
            current = self._get(collection, key, field)
            raise LedgerError(
                "aborted",
                "VERSION_MISMATCH",
                f"the {field[:-3]} is at version {current['version']}",
                field="version",
            )
        self._remember(collection.name, key, doc)
        return doc


def _partner(doc: dict) -> Partner:
    return Partner(
        doc["_id"], doc["name"], doc["currency"], doc["status"], doc["created_at"], doc["version"]
    )


def _store(doc: dict) -> Store:
    return Store(
        doc["_id"],
        doc["partner_id"],
        doc["name"],
        doc["time_zone"],
        doc["status"],
        doc["created_at"],
        doc["version"],
    )
