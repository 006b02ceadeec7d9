"""The rule book: earning and bonus rules as the CRM team keeps them, and as the engine
reads them on every earn.

Rules change rarely and are read on every purchase, so each process keeps the rules it
read for a few seconds (a change takes effect within REFRESH_SECONDS on every instance,
at once on the one that made it) instead of a store round trip per earn.
"""

from __future__ import annotations

import dataclasses
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime

from common.refusals import Refusal
from common.request_records import same_request
from services.points.rules.domain.model import Caps, Rule, RuleRate, Schedule, Scope
from services.points.rules.store import RuleStore

REFRESH_SECONDS = 5.0
LABELS = {"earning": "earning rule", "bonus": "bonus rule"}


class RuleBook:
    def __init__(self, store: RuleStore, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.clock = clock
        self._kept: dict[str, tuple[float, list]] = {}
        self._lock = threading.Lock()

    # The CRM team's side: "earning" or "bonus" rules as documents

    def create(
        self, collection: str, doc: dict, key: str, fingerprint: str, actor: str, dry: bool
    ) -> tuple[dict, bool]:
        """(the stored rule, replayed)."""
        request_key = f"{collection}:{key}"
        previous = self.store.requests.get(request_key)
        if previous:
            return self.get(collection, same_request(previous, fingerprint)), True
        now = self.clock()
        stored = {
            **doc,
            "_id": uuid.uuid4().hex[:16],
            "version": 1,
            "archived": False,
            "created_at": now,
            "updated_at": now,
            "updated_by": actor,
        }
        if dry:
            return stored, False
        record = self.store.requests.remember(request_key, fingerprint, stored["_id"])
        if record["result_id"] != stored["_id"]:  # a twin request stored first
            return self.get(collection, same_request(record, fingerprint)), True
        self.store.insert(collection, stored)
        self._forget(collection)
        return stored, False

    def update(
        self, collection: str, rule_id: str, doc: dict, expected_version: int, actor: str, dry: bool
    ) -> dict:
        current = self.get(collection, rule_id)
        if current["archived"]:
            raise Refusal("precondition", "RULE_ARCHIVED", f"the {LABELS[collection]} is archived")
        if current["version"] != expected_version:
            raise Refusal(
                "aborted",
                "VERSION_MISMATCH",
                f"the rule is at version {current['version']}",
                "expected_version",
            )
        fields = {**doc, "updated_at": self.clock(), "updated_by": actor}
        if dry:
            return {**current, **fields, "version": expected_version + 1}
        stored = self.store.replace(collection, rule_id, expected_version, fields)
        if stored is None:
            raise Refusal(
                "aborted", "VERSION_MISMATCH", "the rule changed meanwhile", "expected_version"
            )
        self._forget(collection)
        return stored

    def archive(self, collection: str, rule_id: str, actor: str) -> dict:
        current = self.get(collection, rule_id)
        if current["archived"]:
            return current
        stored = self.store.replace(
            collection,
            rule_id,
            current["version"],
            {"archived": True, "updated_at": self.clock(), "updated_by": actor},
        )
        self._forget(collection)
        return stored or self.get(collection, rule_id)

    def get(self, collection: str, rule_id: str) -> dict:
        found = self.store.get(collection, rule_id)
        if found is None:
            raise Refusal(
                "not_found",
                "RULE_NOT_FOUND",
                f"no such {LABELS[collection]}",
                "rule_id" if collection == "earning" else "bonus_rule_id",
            )
        return found

    def find(self, collection: str, rule_id: str) -> dict | None:
        """The rule, or None (for a caller that names the field itself)."""
        return self.store.get(collection, rule_id) if rule_id else None

    def listing(self, collection: str, **filters) -> list[dict]:
        return self.store.rules(collection, **filters)

    # The engine's side

    def earning_rules(self) -> list[Rule]:
        """The rules that can apply (enabled, not archived), as the engine takes them."""
        return self._recent(
            "earning",
            lambda: [rule_from_doc(doc) for doc in self.store.rules("earning", only_enabled=True)],
        )

    def earning_rules_with(self, drafts: list[Rule]) -> list[Rule]:
        """The rules that can apply, plus `drafts` as if published (a simulation trying a
        rule before publishing it); a draft replaces its own stored copy, never doubles."""
        tried = {draft.rule_id: dataclasses.replace(draft, enabled=True) for draft in drafts}
        kept = [rule for rule in self.earning_rules() if rule.rule_id not in tried]
        return [*kept, *tried.values()]

    def bonus_rules(self, trigger: str) -> list[dict]:
        """Read from the store each time, never kept: an occasion handled by another
        replica than the one a rule was saved on must see it (a welcome handled with a
        stale copy would be acknowledged and never paid). Occasions are rare next to
        earns, so this costs one query per enrolment, referral and first purchase."""
        return self.store.rules("bonus", only_enabled=True, triggers=[trigger])

    def _recent(self, collection: str, read) -> list:
        now = time.monotonic()
        with self._lock:
            kept = self._kept.get(collection)
        if kept and now - kept[0] < REFRESH_SECONDS:
            return kept[1]
        value = read()
        with self._lock:
            self._kept[collection] = (now, value)
        return value

    def _forget(self, collection: str) -> None:
        with self._lock:
            self._kept.pop(collection, None)


def rule_from_doc(doc: dict) -> Rule:
    scope, schedule, caps = doc["scope"], doc["schedule"], doc["caps"]
    rate = doc.get("base_rate")
    return Rule(
        rule_id=doc["_id"],
        kind=doc["kind"],
        name=doc["name"],
        display_name=doc.get("display_name", {}),
        enabled=doc["enabled"],
        archived=doc["archived"],
        priority=doc["priority"],
        stacking=doc["stacking"],
        stop_further_rules=doc["stop_further_rules"],
        scope=Scope(**scope),
        schedule=Schedule(**schedule),
        multiplier_bp=doc["multiplier_bp"],
        fixed_points=doc["fixed_points"],
        base_rate=RuleRate(**rate) if rate else None,
        minimum_spend_minor=doc["minimum_spend_minor"],
        caps=Caps(**caps),
        max_points_per_transaction=doc["max_points_per_transaction"],
        excluded_from_tier=doc["excluded_from_tier"],
    )
