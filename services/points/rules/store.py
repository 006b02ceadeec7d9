"""The rules' MongoDB collections (in the points service's database).

earning_rules   one document per earning rule (archived ones stay: entries refer to them)
bonus_rules     one document per bonus rule
rule_requests   idempotency records of create requests
gift_grants     one document per gift grant and its progress
"""

from __future__ import annotations

from pymongo import ASCENDING, ReturnDocument

from common.request_records import RequestRecords


class RuleStore:
    def __init__(self, db) -> None:
        self.earning_rules = db["earning_rules"]
        self.bonus_rules = db["bonus_rules"]
        self.requests = RequestRecords(db["rule_requests"])
        self.gift_grants = db["gift_grants"]

    def ensure_indexes(self) -> None:
        self.earning_rules.create_index([("priority", ASCENDING), ("_id", ASCENDING)])
        self.bonus_rules.create_index("trigger")

    def rules(
        self,
        collection: str,
        *,
        include_archived: bool = False,
        only_enabled: bool = False,
        kinds: list[str] = (),
        triggers: list[str] = (),
    ) -> list[dict]:
        """The rules of `collection` ("earning" or "bonus") that match every filter given."""
        query: dict = {} if include_archived else {"archived": False}
        if only_enabled:
            query["enabled"] = True
        if kinds:
            query["kind"] = {"$in": list(kinds)}
        if triggers:
            query["trigger"] = {"$in": list(triggers)}
        return list(self[collection].find(query))

    def get(self, collection: str, rule_id: str) -> dict | None:
        return self[collection].find_one({"_id": rule_id})

    def insert(self, collection: str, doc: dict) -> None:
        self[collection].insert_one(doc)

    def replace(self, collection: str, rule_id: str, version: int, fields: dict) -> dict | None:
        """The rule after the change, or None when its version moved (or it is archived)."""
        return self[collection].find_one_and_update(
            {"_id": rule_id, "version": version, "archived": False},
            {"$set": {**fields, "version": version + 1}},
            return_document=ReturnDocument.AFTER,
        )

    # Gift grants

    def grant(self, grant_id: str) -> dict | None:
        return self.gift_grants.find_one({"_id": grant_id})

    def insert_grant(self, grant: dict) -> None:
        self.gift_grants.insert_one(grant)

    def update_grant(self, grant_id: str, changes: dict) -> None:
        self.gift_grants.update_one({"_id": grant_id}, {"$set": changes})

    def running_segment_grants(self, running: str) -> list[dict]:
        return list(self.gift_grants.find({"state": running, "segment_id": {"$ne": ""}}))

    def __getitem__(self, collection: str):
        return {"earning": self.earning_rules, "bonus": self.bonus_rules}[collection]
