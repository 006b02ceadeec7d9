"""The partners' collections: partners, stores and API keys. The only code here that
touches MongoDB; it hands out the domain's values."""

from __future__ import annotations

import dataclasses

from pymongo import DESCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from services.points.partners.domain import ApiKey, Partner, Store


class Taken(Exception):
    """An insert met a document with the same id; `existing` is that document's value."""

    def __init__(self, existing) -> None:
        super().__init__("taken")
        self.existing = existing


class PartnerStore:
    def __init__(self, db) -> None:
        self._partners = db["partners"]
        self._stores = db["stores"]
        self._keys = db["api_keys"]

    def ensure_indexes(self) -> None:
        self._keys.create_index([("created_at", DESCENDING)])
        self._stores.create_index([("partner_id", 1), ("_id", 1)])

    # Partners and stores

    def insert_partner(self, partner: Partner) -> None:
        _insert(self._partners, _doc(partner, "partner_id"), _partner)

    def insert_store(self, store: Store) -> None:
        _insert(self._stores, _doc(store, "store_id"), _store)

    def partner(self, partner_id: str) -> Partner | None:
        doc = self._partners.find_one({"_id": partner_id})
        return _partner(doc) if doc else None

    def store(self, store_id: str) -> Store | None:
        doc = self._stores.find_one({"_id": store_id})
        return _store(doc) if doc else None

    def partners(self, after: str, limit: int) -> list[Partner]:
        query = {"_id": {"$gt": after}} if after else {}
        return [_partner(d) for d in self._partners.find(query).sort("_id", 1).limit(limit)]

    def stores(self, partner_id: str, after: str, limit: int) -> list[Store]:
        query = {"partner_id": partner_id, **({"_id": {"$gt": after}} if after else {})}
        return [_store(d) for d in self._stores.find(query).sort("_id", 1).limit(limit)]

    def update_partner(self, partner_id: str, changes: dict, version: int) -> Partner | None:
        doc = _update(self._partners, partner_id, changes, version)
        return _partner(doc) if doc else None

    def update_store(self, store_id: str, changes: dict, version: int) -> Store | None:
        doc = _update(self._stores, store_id, changes, version)
        return _store(doc) if doc else None

    # API keys

    def upsert_key(self, key: ApiKey, *, keep_created: bool) -> None:
        """Writes `key`; with `keep_created`, an existing record keeps its name, owner,
        creation and revocation (the bootstrap key written again at every start)."""
        doc = _doc(key, "key_id")
        kept = ("name", "partner_id", "store_ids", "created_at", "created_by")
        # A revocation is never undone by a restart: the record keeps it.
        kept += ("revoked_at", "revoked_by")
        fixed = {k: doc.pop(k) for k in kept} if keep_created else {}
        self._keys.update_one(
            {"_id": key.key_id}, {"$set": doc, "$setOnInsert": fixed}, upsert=True
        )

    def insert_key(self, key: ApiKey) -> None:
        self._keys.insert_one(_doc(key, "key_id"))

    def key(self, key_id: str) -> ApiKey | None:
        doc = self._keys.find_one({"_id": key_id})
        return _key(doc) if doc else None

    def keys(self, partner_id: str, include_revoked: bool) -> list[ApiKey]:
        query: dict = {} if include_revoked else {"revoked_at": None}
        if partner_id:
            query["partner_id"] = partner_id
        return [_key(d) for d in self._keys.find(query).sort("created_at", -1)]

    def revoke_key(self, key_id: str, at, actor: str) -> None:
        self._keys.update_one(
            {"_id": key_id, "revoked_at": None},
            {"$set": {"revoked_at": at, "revoked_by": actor}},
        )


def _doc(value, id_field: str) -> dict:
    doc = dataclasses.asdict(value)
    doc["_id"] = doc.pop(id_field)
    return doc


def _insert(collection, doc: dict, read) -> None:
    try:
        collection.insert_one(doc)
    except DuplicateKeyError:
        raise Taken(read(collection.find_one({"_id": doc["_id"]}))) from None


def _update(collection, key: str, changes: dict, version: int) -> dict | None:
    return collection.find_one_and_update(
        {"_id": key, "version": version},
        {"$set": changes, "$inc": {"version": 1}},
        return_document=ReturnDocument.AFTER,
    )


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


def _key(doc: dict) -> ApiKey:
    return ApiKey(
        key_id=doc["_id"],
        secret_sha256=doc["secret_sha256"],
        name=doc["name"],
        role=doc["role"],
        partner_id=doc["partner_id"],
        store_ids=tuple(doc["store_ids"]),
        created_at=doc["created_at"],
        created_by=doc["created_by"],
        revoked_at=doc.get("revoked_at"),
        revoked_by=doc.get("revoked_by", ""),
    )
