"""The gateway's API keys, kept with the partners they act for.

A key is "lsk_<key_id>_<secret>": the id finds the record, the secret (32 random bytes)
is checked against its SHA-256 (a fast hash is right for a random secret of that size;
passwords would need a slow one). A staff key can be bootstrapped from the environment
(BOOTSTRAP_ADMIN_KEY) so that a new installation has someone to create the others.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from datetime import datetime

from pymongo import DESCENDING

from common.refusals import Refusal

KEY = re.compile(r"lsk_([a-z0-9]{8,32})_([A-Za-z0-9_-]{20,64})\Z")
PARTNER, VIEWER, OPERATOR, ADMIN = "partner", "viewer", "operator", "admin"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiKeys:
    def __init__(self, db, partners, clock: Callable[[], datetime]) -> None:
        self.keys = db["api_keys"]
        self.partners = partners
        self.clock = clock

    def ensure_indexes(self) -> None:
        self.keys.create_index([("created_at", DESCENDING)])

    def bootstrap(self, key: str) -> None:
        """Makes the environment's admin key valid (idempotent; a malformed one is ignored)."""
        match = KEY.match(key)
        if not match:
            return
        key_id, secret = match.groups()
        self.keys.update_one(
            {"_id": key_id},
            {
                "$set": {"secret_sha256": digest(secret), "role": ADMIN, "revoked_at": None},
                "$setOnInsert": {
                    "name": "bootstrap admin",
                    "partner_id": "",
                    "store_ids": [],
                    "created_at": self.clock(),
                    "created_by": "system:bootstrap",
                    "revoked_by": "",
                },
            },
            upsert=True,
        )

    def create(self, name: str, role: str, partner_id: str, store_ids: list[str], actor: str):
        """(the record, the whole key to hand over once)."""
        if role == PARTNER:
            partner = self.partners.partner(partner_id)  # NOT_FOUND for an unknown one
            for store_id in store_ids:
                store = self.partners.store(store_id)
                if store.partner_id != partner.partner_id:
                    raise Refusal(
                        "invalid",
                        "STORE_NOT_PARTNERS",
                        f"store {store_id} is not the partner's",
                        "store_ids",
                    )
        key_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
        doc = {
            "_id": key_id,
            "secret_sha256": digest(secret),
            "name": name,
            "role": role,
            "partner_id": partner_id,
            "store_ids": store_ids,
            "created_at": self.clock(),
            "created_by": actor,
            "revoked_at": None,
            "revoked_by": "",
        }
        self.keys.insert_one(doc)
        return doc, f"lsk_{key_id}_{secret}"

    def listing(self, partner_id: str, include_revoked: bool) -> list[dict]:
        query = {} if include_revoked else {"revoked_at": None}
        if partner_id:
            query["partner_id"] = partner_id
        return list(self.keys.find(query).sort("created_at", -1))

    def revoke(self, key_id: str, actor: str) -> dict:
        self.keys.update_one(
            {"_id": key_id, "revoked_at": None},
            {"$set": {"revoked_at": self.clock(), "revoked_by": actor}},
        )
        found = self.keys.find_one({"_id": key_id})
        if found is None:
            raise Refusal("not_found", "API_KEY_NOT_FOUND", "no such key", "key_id")
        return found

    def verify(self, key: str) -> dict:
        match = KEY.match(key)
        found = self.keys.find_one({"_id": match.group(1)}) if match else None
        if (
            found is None
            or found["revoked_at"] is not None
            or not hmac.compare_digest(found["secret_sha256"], digest(match.group(2)))
        ):
            raise Refusal("unauthenticated", "BAD_API_KEY", "the key is not valid")
        return found
