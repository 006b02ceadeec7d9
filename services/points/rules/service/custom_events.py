"""Custom events: the catalogue the CRM team defines, and a member's events, each paying
the bonus rules it meets within their caps.

Recording an event is a pipeline every step of which may run again: the event's document
(its id from the idempotency key) is written first, then announced (queued by id), then
each rule is settled (its counters take the event once, the budget takes it once, the
ledger pays it once by a key of the rule and the event), and the event is marked done. A
request retried, two replicas racing, or the recovery sweep finishing what a crash left
half done (`recover`) all end with the same awards; a point is never paid twice.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from common.refusals import Refusal, key_reused
from services.points.rules.domain import custom_events as rules
from services.points.rules.domain.custom_events import Caps, Periods, Trigger
from services.points.rules.store import CustomEventStore

log = logging.getLogger("loyalty.points.custom_events")
MAX_TYPES = 200
COUNTER_ATTEMPTS = 50  # version conflicts on one member's counters before giving up
RECOVER_AFTER = timedelta(seconds=30)
RECOVER_BATCH = 100


@dataclasses.dataclass(frozen=True)
class EventRequest:
    key: str
    member_id: str
    name: str
    attributes: dict[str, str]
    occurred_at: datetime | None
    source: str  # "app" or "partner"
    partner_id: str
    store_id: str
    fingerprint: str


@dataclasses.dataclass(frozen=True)
class Recorded:
    event: dict
    awards: list[dict]  # {"bonus_rule_id", "points", "entry_id", "withheld"}, by rule id
    replayed: bool

    @property
    def points(self) -> int:
        return sum(a["points"] for a in self.awards)


class CustomEvents:
    def __init__(
        self,
        store: CustomEventStore,
        book,
        ledger,
        announce: Callable[[dict], None],
        clock: Callable[[], datetime],
    ) -> None:
        self.store = store
        self.book = book
        self.ledger = ledger
        self.announce = announce  # queues custom_event.recorded for an event document
        self.clock = clock

    # The catalogue

    def define_type(self, doc: dict, expected_version: int, actor: str) -> dict:
        if expected_version == 0 and self.store.count_types() >= MAX_TYPES:
            raise Refusal(
                "precondition",
                "TOO_MANY_EVENT_TYPES",
                f"the catalogue holds at most {MAX_TYPES} types",
                "event_type.name",
            )
        stored = self.store.put_type(
            {**doc, "updated_at": self.clock(), "updated_by": actor}, expected_version
        )
        if stored is None:
            current = self.store.event_type(doc["_id"])
            raise Refusal(
                "aborted",
                "VERSION_MISMATCH",
                f"the type is at version {current['version'] if current else 0}",
                "expected_version",
            )
        return stored

    def types(self, enabled_only: bool) -> list[dict]:
        return self.store.event_types(enabled_only, MAX_TYPES)

    # Events

    def record(self, request: EventRequest) -> Recorded:
        event_id = "ce" + hashlib.sha256(request.key.encode()).hexdigest()[:30]
        earlier = self.store.event(event_id)
        if earlier is not None:
            return self._again(earlier, request)
        event_type = self.store.event_type(request.name)
        if event_type is None:
            raise Refusal("not_found", "EVENT_TYPE_NOT_FOUND", "no such custom event type", "name")
        if not event_type["enabled"]:
            raise Refusal("precondition", "EVENT_TYPE_DISABLED", "the type is disabled", "name")
        if request.source not in event_type["sources"]:
            raise Refusal(
                "precondition",
                "SOURCE_NOT_ALLOWED",
                f"{request.name} is not recorded from the {request.source}",
                "source",
            )
        account = self.ledger.accounts.load(request.member_id)  # NOT_FOUND if unknown
        if account.status != "active":
            raise Refusal(
                "precondition",
                f"MEMBER_{account.status.upper()}",
                f"the member is {account.status}",
                "member_id",
            )
        now = self.clock()
        doc = {
            "_id": event_id,
            "member_id": request.member_id,
            "name": request.name,
            "attributes": request.attributes,
            "occurred_at": request.occurred_at or now,
            "recorded_at": now,
            "source": request.source,
            "partner_id": request.partner_id,
            "store_id": request.store_id,
            "fingerprint": request.fingerprint,
            "state": "recorded",
            "awards": {},
        }
        twin = self.store.add_event(doc)
        if twin is not None:  # an identical request raced this one and stored first
            return self._again(twin, request)
        return Recorded(*self._settle(doc), replayed=False)

    def recover(self) -> int:
        """Finishes the events a crash left half done; returns how many."""
        done = 0
        for doc in self.store.unfinished(self.clock() - RECOVER_AFTER, RECOVER_BATCH):
            try:
                self._settle(doc)
                done += 1
            except Refusal as refusal:  # e.g. the member was erased meanwhile
                log.warning(
                    "custom event not settled: %s",
                    refusal.message,
                    extra={"event_id": doc["_id"]},
                )
                self.store.finish(doc["_id"])
        return done

    def _again(self, earlier: dict, request: EventRequest) -> Recorded:
        if earlier["fingerprint"] != request.fingerprint:
            raise key_reused("this idempotency key recorded another event")
        if earlier["state"] == "done":
            return Recorded(earlier, _listed(earlier["awards"]), replayed=True)
        event, awards = self._settle(earlier)  # a crash or a twin left it half done
        return Recorded(event, awards, replayed=True)

    def _settle(self, doc: dict) -> tuple[dict, list[dict]]:
        """Announces the event and settles every rule it meets; (the event, its awards)."""
        self.announce(doc)
        time_zone = self.ledger.programme.current().time_zone
        at = rules.periods(doc["occurred_at"], time_zone)
        awards = dict(doc["awards"])
        for rule in self.book.bonus_rules("custom_event"):
            if rule["_id"] in awards or not _meets(rule, doc):
                continue
            award = self._settle_rule(rule, doc, at)
            self.store.set_award(doc["_id"], rule["_id"], award)
            awards[rule["_id"]] = award
        self.store.finish(doc["_id"])
        return {**doc, "awards": awards, "state": "done"}, _listed(awards)

    def _settle_rule(self, rule: dict, doc: dict, at: Periods) -> dict:
        member_id, event_id = doc["member_id"], doc["_id"]
        withheld = {"bonus_rule_id": rule["_id"], "points": 0, "entry_id": ""}
        if rule["tier_codes"]:
            account = self.ledger.accounts.load(member_id)
            if account.tier_code not in rule["tier_codes"]:
                return {**withheld, "withheld": "TIER_OUT_OF_SCOPE"}
        trigger = trigger_of(rule)
        cap = self._count(rule["_id"], member_id, event_id, trigger.caps, at)
        if cap:
            return {**withheld, "withheld": cap}
        points = rule["points"]
        if not self.store.take_budget(rule["_id"], event_id, points, trigger.caps.points_budget):
            self._uncount(rule["_id"], member_id, event_id, at)
            return {**withheld, "withheld": "BUDGET_SPENT"}
        try:
            outcome = self.ledger.credits.award_bonus(
                member_id,
                points,
                occasion={
                    "trigger": "custom_event",
                    "bonus_rule_id": rule["_id"],
                    "name": rule.get("display_name") or {"vi": rule["name"]},
                    "reference": event_id,
                    "voucher_code": "",
                },
                counts_for_tier=rule["counts_for_tier"],
                expires_at=None,
                actor=f"system:bonus-rule/{rule['_id']}",
                idempotency_key=f"{rule['_id']}:{member_id}:{event_id}",
            )
        except Refusal:
            # Not paid: the award's place under the caps and budget is given back.
            self.store.give_back_budget(rule["_id"], event_id, points)
            self._uncount(rule["_id"], member_id, event_id, at)
            raise
        return {**withheld, "points": points, "entry_id": outcome.entry.entry_id, "withheld": ""}

    def _count(self, rule_id: str, member_id: str, event_id: str, caps: Caps, at: Periods) -> str:
        """Counts the event under the rule's member caps, once: "" when it fits (or was
        counted before), else the cap that withholds it."""
        for _ in range(COUNTER_ATTEMPTS):
            counters = self.store.member_counters(rule_id, member_id)
            if event_id in counters.counted:
                return ""
            cap = rules.withheld_by(counters, caps, at)
            if cap:
                return cap
            now = rules.counting(counters, event_id, at)
            if self.store.save_counters(rule_id, member_id, counters.version, now):
                return ""
        raise Refusal("aborted", "CONCURRENT_EVENTS", "too many events at once; retry")

    def _uncount(self, rule_id: str, member_id: str, event_id: str, at: Periods) -> None:
        for _ in range(COUNTER_ATTEMPTS):
            counters = self.store.member_counters(rule_id, member_id)
            if event_id not in counters.counted:
                return
            now = rules.uncounting(counters, event_id, at)
            if self.store.save_counters(rule_id, member_id, counters.version, now):
                return
        raise Refusal("aborted", "CONCURRENT_EVENTS", "too many events at once; retry")


def trigger_of(rule: dict) -> Trigger:
    kept = rule.get("custom_event") or {}
    return Trigger(
        event_name=kept.get("event_name", ""),
        attribute_equals=kept.get("attribute_equals", {}),
        caps=Caps(**kept.get("caps", {})),
    )


def _meets(rule: dict, doc: dict) -> bool:
    starts, ends = rule.get("starts_at"), rule.get("ends_at")
    at = doc["occurred_at"]
    in_window = (starts is None or starts <= at) and (ends is None or at < ends)
    return in_window and trigger_of(rule).meets(doc["name"], doc["attributes"])


def _listed(awards: dict) -> list[dict]:
    return [awards[rule_id] for rule_id in sorted(awards)]
