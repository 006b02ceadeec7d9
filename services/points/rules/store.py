"""The rules' MongoDB collections (in the points service's database).

earning_rules   one document per earning rule (archived ones stay: entries refer to them)
bonus_rules     one document per bonus rule
rule_requests   idempotency records of create requests
gift_grants     one document per gift grant and its progress
custom_event_types     the catalogue of custom events (key: the name)
custom_events          one document per custom event (key: its id, from the idempotency
                       key), with what each bonus rule gave for it
custom_event_counters  one document per custom event rule and member: its awards per day,
                       week and for ever, and the events lately counted
custom_event_budgets   one document per custom event rule: the points it awarded in all
                       and the events lately counted
"""

from __future__ import annotations

from datetime import datetime

from pymongo import ASCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from common.request_records import RequestRecords
from services.points.rules.domain.custom_events import Counters

BUDGET_REMEMBERED = 1_000  # event ids a budget document keeps, to count each event once


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


class CustomEventStore:
    """The custom events' collections. Each change is one atomic update of one document."""

    def __init__(self, db) -> None:
        self.types = db["custom_event_types"]
        self.events = db["custom_events"]
        self.counters = db["custom_event_counters"]
        self.budgets = db["custom_event_budgets"]
        self.event_outbox = db["event_outbox"]  # shared with the ledger's relay

    def ensure_indexes(self) -> None:
        self.events.create_index([("state", ASCENDING), ("recorded_at", ASCENDING)])

    # The catalogue

    def event_type(self, name: str) -> dict | None:
        return self.types.find_one({"_id": name})

    def event_types(self, enabled_only: bool, limit: int) -> list[dict]:
        query = {"enabled": True} if enabled_only else {}
        return list(self.types.find(query).sort("_id", ASCENDING).limit(limit))

    def count_types(self) -> int:
        return self.types.count_documents({})

    def put_type(self, doc: dict, expected_version: int) -> dict | None:
        """The type after the change, or None when the stored version is not the one
        expected (0: the name must be new)."""
        if expected_version == 0:
            try:
                self.types.insert_one({**doc, "version": 1})
            except DuplicateKeyError:
                return None
            return self.event_type(doc["_id"])
        return self.types.find_one_and_update(
            {"_id": doc["_id"], "version": expected_version},
            {"$set": {**doc, "version": expected_version + 1}},
            return_document=ReturnDocument.AFTER,
        )

    # Events

    def add_event(self, doc: dict) -> dict | None:
        """Records the event; if its id is taken, the event recorded under it instead."""
        try:
            self.events.insert_one(doc)
            return None
        except DuplicateKeyError:
            return self.events.find_one({"_id": doc["_id"]})

    def event(self, event_id: str) -> dict | None:
        return self.events.find_one({"_id": event_id})

    def set_award(self, event_id: str, rule_id: str, award: dict) -> None:
        self.events.update_one({"_id": event_id}, {"$set": {f"awards.{rule_id}": award}})

    def finish(self, event_id: str) -> None:
        self.events.update_one({"_id": event_id}, {"$set": {"state": "done"}})

    def unfinished(self, before: datetime, limit: int) -> list[dict]:
        """Events a crash left half done (recorded before `before`), oldest first."""
        query = {"state": "recorded", "recorded_at": {"$lt": before}}
        return list(self.events.find(query).sort("recorded_at", ASCENDING).limit(limit))

    # A rule's counters for one member

    def member_counters(self, rule_id: str, member_id: str) -> Counters:
        doc = self.counters.find_one({"_id": f"{rule_id}:{member_id}"})
        if doc is None:
            return Counters()
        return Counters(
            days=doc["days"],
            weeks=doc["weeks"],
            lifetime=doc["lifetime"],
            counted=tuple(doc["counted"]),
            version=doc["version"],
        )

    def save_counters(self, rule_id: str, member_id: str, was: int, now: Counters) -> bool:
        """Writes the counters if they are still at version `was`; False if they moved."""
        fields = {
            "days": dict(now.days),
            "weeks": dict(now.weeks),
            "lifetime": now.lifetime,
            "counted": list(now.counted),
            "version": now.version,
        }
        key = f"{rule_id}:{member_id}"
        if was == 0:
            try:
                self.counters.insert_one({"_id": key, **fields})
                return True
            except DuplicateKeyError:
                return False
        done = self.counters.update_one({"_id": key, "version": was}, {"$set": fields})
        return done.modified_count == 1

    # A rule's budget

    def take_budget(self, rule_id: str, event_id: str, points: int, budget: int) -> bool:
        """Counts the event's points against the rule's budget (0: none) once; False when
        they do not fit."""
        self.budgets.update_one(
            {"_id": rule_id}, {"$setOnInsert": {"spent": 0, "counted": []}}, upsert=True
        )
        query: dict = {"_id": rule_id, "counted": {"$ne": event_id}}
        if budget:
            query["spent"] = {"$lte": budget - points}
        taken = self.budgets.update_one(
            query,
            {
                "$inc": {"spent": points},
                "$push": {"counted": {"$each": [event_id], "$slice": -BUDGET_REMEMBERED}},
            },
        )
        if taken.modified_count == 1:
            return True
        return self.budgets.count_documents({"_id": rule_id, "counted": event_id}) == 1

    def give_back_budget(self, rule_id: str, event_id: str, points: int) -> None:
        self.budgets.update_one(
            {"_id": rule_id, "counted": event_id},
            {"$inc": {"spent": -points}, "$pull": {"counted": event_id}},
        )

    def spent(self, rule_ids: list[str]) -> dict[str, int]:
        """Points each rule awarded in all."""
        found = self.budgets.find({"_id": {"$in": rule_ids}}, {"spent": 1})
        return {doc["_id"]: doc["spent"] for doc in found}
