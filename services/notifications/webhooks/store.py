"""The webhooks' collections.

webhook_subscriptions  one per subscription: endpoint, event types, secrets (the service
                       signs with them, so they are kept, never shown again), policy, the
                       breaker as last recorded, and the lease of the lane sending for it
                       (one replica at a time: order and rate hold across replicas).
webhook_deliveries     one per subscription and event (`_id` "<subscription>:<event id>",
                       so an event read twice makes one delivery): the body, the status,
                       the attempt log. Kept RETENTION after creation, then removed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from datetime import datetime, timedelta

from pymongo import ASCENDING, DESCENDING

from common.leases import EPOCH, Lease
from common.outbox import insert_new
from services.notifications.webhooks.domain.delivery import (
    DUE,
    REPLAYABLE,
    Attempt,
    Delivery,
    Settlement,
    Status,
)
from services.notifications.webhooks.domain.subscription import (
    Circuit,
    Policy,
    Secret,
    State,
    Subscription,
)

LANE = Lease("lane_owner", "lane_until")  # the replica sending a subscription's deliveries
RETENTION = timedelta(days=30)


class SubscriptionStore:
    def __init__(self, db) -> None:
        self._subscriptions = db["webhook_subscriptions"]

    def ensure_indexes(self) -> None:
        self._subscriptions.create_index([("event_types", ASCENDING), ("state", ASCENDING)])
        self._subscriptions.create_index("created_at")

    def add(self, subscription: Subscription) -> None:
        self._subscriptions.insert_one(
            {**_subscription_document(subscription), "lane_owner": "", "lane_until": EPOCH}
        )

    def count(self) -> int:
        return self._subscriptions.count_documents({})

    def get(self, subscription_id: str) -> Subscription | None:
        doc = self._subscriptions.find_one({"_id": subscription_id})
        return _subscription(doc) if doc else None

    def listing(self, skip: int, limit: int) -> list[Subscription]:
        found = self._subscriptions.find().sort([("created_at", ASCENDING), ("_id", ASCENDING)])
        return [_subscription(doc) for doc in found.skip(skip).limit(limit)]

    def event_types_by_subscription(self) -> dict[str, frozenset[str]]:
        """Every subscription (active or paused) with the event types it takes."""
        found = self._subscriptions.find({}, {"_id": 1, "event_types": 1})
        return {doc["_id"]: frozenset(doc.get("event_types", ())) for doc in found}

    def active_ids(self) -> list[str]:
        return [doc["_id"] for doc in self._subscriptions.find({"state": State.ACTIVE}, {"_id": 1})]

    def replace(self, subscription: Subscription, expected_version: int) -> bool:
        """Writes `subscription` (its version already the next), if the stored one is at
        `expected_version`."""
        written = self._subscriptions.update_one(
            {"_id": subscription.subscription_id, "version": expected_version},
            {"$set": _subscription_document(subscription)},
        )
        return written.matched_count == 1

    def delete(self, subscription_id: str) -> bool:
        return self._subscriptions.delete_one({"_id": subscription_id}).deleted_count == 1

    def record_circuit(self, subscription_id: str, circuit: Circuit) -> None:
        self._subscriptions.update_one(
            {"_id": subscription_id}, {"$set": {"circuit": dataclasses.asdict(circuit)}}
        )

    # The lane's lease

    def claim_lane(
        self, subscription_id: str, owner: str, now: datetime, until: datetime
    ) -> Subscription | None:
        """The subscription, leased to `owner` until `until`, if it is active and its lane
        is free or already `owner`'s; None otherwise (paused, deleted, another's)."""
        doc = LANE.claim(
            self._subscriptions, subscription_id, owner, now, until, state=State.ACTIVE
        )
        return _subscription(doc) if doc else None

    def release_lane(self, subscription_id: str, owner: str) -> None:
        LANE.release(self._subscriptions, subscription_id, owner)


class DeliveryStore:
    def __init__(self, db) -> None:
        self._deliveries = db["webhook_deliveries"]

    def ensure_indexes(self) -> None:
        self._deliveries.create_index(
            [("subscription_id", ASCENDING), ("status", ASCENDING), ("next_attempt_at", ASCENDING)]
        )
        self._deliveries.create_index(
            [("subscription_id", ASCENDING), ("member_id", ASCENDING), ("order", ASCENDING)]
        )
        self._deliveries.create_index([("subscription_id", ASCENDING), ("created_at", DESCENDING)])
        self._deliveries.create_index([("status", ASCENDING), ("updated_at", ASCENDING)])
        self._deliveries.create_index(
            "created_at", expireAfterSeconds=int(RETENTION.total_seconds()), name="retention"
        )

    def add(self, deliveries: list[Delivery]) -> None:
        """Adds the deliveries not made before (an event read again makes none)."""
        insert_new(self._deliveries, [_delivery_document(d) for d in deliveries])

    def get(self, delivery_id: str) -> Delivery | None:
        doc = self._deliveries.find_one({"_id": delivery_id})
        return _delivery(doc) if doc else None

    def of_subscription(
        self, subscription_id: str, statuses: Collection[int], skip: int, limit: int
    ) -> list[Delivery]:
        query: dict = {"subscription_id": subscription_id}
        if statuses:
            query["status"] = {"$in": list(statuses)}
        found = self._deliveries.find(query).sort([("created_at", DESCENDING), ("_id", DESCENDING)])
        return [_delivery(doc) for doc in found.skip(skip).limit(limit)]

    def dead_letters(self, subscription_id: str, skip: int, limit: int) -> list[Delivery]:
        query: dict = {"status": Status.DEAD_LETTERED}
        if subscription_id:
            query["subscription_id"] = subscription_id
        found = self._deliveries.find(query).sort([("updated_at", ASCENDING), ("_id", ASCENDING)])
        return [_delivery(doc) for doc in found.skip(skip).limit(limit)]

    def remove_subscription(self, subscription_id: str) -> int:
        return self._deliveries.delete_many({"subscription_id": subscription_id}).deleted_count

    # The lane

    def due(self, subscription_id: str, now: datetime, limit: int) -> list[Delivery]:
        """The subscription's deliveries due at `now`, in event order."""
        found = self._deliveries.find(
            {
                "subscription_id": subscription_id,
                "status": {"$in": list(DUE)},
                "next_attempt_at": {"$lte": now},
            }
        ).sort("order", ASCENDING)
        return [_delivery(doc) for doc in found.limit(limit)]

    def next_due_at(self, subscription_id: str) -> datetime | None:
        doc = self._deliveries.find_one(
            {"subscription_id": subscription_id, "status": {"$in": list(DUE)}},
            {"next_attempt_at": 1},
            sort=[("next_attempt_at", ASCENDING)],
        )
        return doc["next_attempt_at"] if doc else None

    def ahead_of(self, delivery: Delivery) -> Delivery | None:
        """The member's earliest delivery still to make before `delivery`, if any."""
        doc = self._deliveries.find_one(
            {
                "subscription_id": delivery.subscription_id,
                "member_id": delivery.member_id,
                "status": {"$in": list(DUE)},
                "order": {"$lt": delivery.order},
            },
            sort=[("order", ASCENDING)],
        )
        return _delivery(doc) if doc else None

    def postpone(self, delivery_id: str, until: datetime) -> None:
        """Waits behind an earlier delivery of the same member (until its next attempt)."""
        self._deliveries.update_one(
            {"_id": delivery_id, "status": {"$in": list(DUE)}},
            {"$set": {"next_attempt_at": until, "waiting": True}},
        )

    def release_waiting(self, subscription_id: str, member_id: str, now: datetime) -> None:
        """The member's deliveries that waited behind one now settled are due at once."""
        self._deliveries.update_many(
            {
                "subscription_id": subscription_id,
                "member_id": member_id,
                "waiting": True,
                "status": {"$in": list(DUE)},
            },
            {"$set": {"next_attempt_at": now, "waiting": False}},
        )

    def settle(self, delivery: Delivery, settlement: Settlement, now: datetime) -> bool:
        """Records an attempt, if nobody changed the delivery meanwhile."""
        attempt = dataclasses.asdict(settlement.attempt)
        written = self._deliveries.update_one(
            {
                "_id": delivery.delivery_id,
                "attempts": delivery.attempts,
                "status": {"$in": list(DUE)},
            },
            {
                "$set": {
                    "status": settlement.status,
                    "attempts": settlement.attempt.attempt,
                    "next_attempt_at": settlement.next_attempt_at,
                    "last_error": settlement.last_error,
                    "delivered_at": settlement.delivered_at,
                    "updated_at": now,
                    "waiting": False,
                },
                "$push": {"attempt_log": attempt},
            },
        )
        return written.matched_count == 1

    # Replays

    def replayable(self, delivery_ids: list[str]) -> dict[str, Delivery]:
        found = self._deliveries.find({"_id": {"$in": delivery_ids}})
        return {doc["_id"]: _delivery(doc) for doc in found}

    def in_range(
        self,
        subscription_id: str,
        start: datetime,
        end: datetime,
        statuses: Collection[int],
        limit: int,
    ) -> list[str]:
        found = self._deliveries.find(
            {
                "subscription_id": subscription_id,
                "created_at": {"$gte": start, "$lt": end},
                "status": {"$in": [s for s in statuses if s in REPLAYABLE]},
            },
            {"_id": 1},
        ).sort("created_at", ASCENDING)
        return [doc["_id"] for doc in found.limit(limit)]

    def replay(self, delivery_ids: list[str], now: datetime, note: str) -> int:
        """Final deliveries due again at once, with a fresh attempt budget; the attempt
        log notes it (attempt 0)."""
        mark = dataclasses.asdict(Attempt(0, now, 0, note, 0))
        written = self._deliveries.update_many(
            {"_id": {"$in": delivery_ids}, "status": {"$in": list(REPLAYABLE)}},
            {
                "$set": {
                    "status": Status.PENDING,
                    "attempts": 0,
                    "next_attempt_at": now,
                    "updated_at": now,
                    "last_error": "",
                    "waiting": False,
                },
                "$inc": {"replays": 1},
                "$push": {"attempt_log": mark},
            },
        )
        return written.modified_count


def _policy_document(policy: Policy) -> dict:
    return dataclasses.asdict(policy)


def _subscription_document(subscription: Subscription) -> dict:
    return {
        "_id": subscription.subscription_id,
        "url": subscription.url,
        "description": subscription.description,
        "event_types": list(subscription.event_types),
        "state": subscription.state,
        "policy": _policy_document(subscription.policy),
        "secrets": [dataclasses.asdict(secret) for secret in subscription.secrets],
        "circuit": dataclasses.asdict(subscription.circuit),
        "version": subscription.version,
        "created_by": subscription.created_by,
        "created_at": subscription.created_at,
        "updated_at": subscription.updated_at,
    }


def _subscription(doc: dict) -> Subscription:
    return Subscription(
        subscription_id=doc["_id"],
        url=doc["url"],
        description=doc["description"],
        event_types=tuple(doc["event_types"]),
        state=State(doc["state"]),
        policy=Policy(**doc["policy"]),
        secrets=tuple(Secret(**secret) for secret in doc["secrets"]),
        circuit=Circuit(**doc.get("circuit", {})),
        version=doc["version"],
        created_by=doc["created_by"],
        created_at=doc["created_at"],
        updated_at=doc["updated_at"],
    )


def _delivery_document(delivery: Delivery) -> dict:
    return {
        "_id": delivery.delivery_id,
        "subscription_id": delivery.subscription_id,
        "event_id": delivery.event_id,
        "event_type": delivery.event_type,
        "member_id": delivery.member_id,
        "occurred_at": delivery.occurred_at,
        "order": delivery.order,
        "payload": delivery.payload,
        "status": delivery.status,
        "attempts": delivery.attempts,
        "next_attempt_at": delivery.next_attempt_at,
        "last_error": delivery.last_error,
        "delivered_at": delivery.delivered_at,
        "replays": delivery.replays,
        "attempt_log": [dataclasses.asdict(attempt) for attempt in delivery.attempt_log],
        "created_at": delivery.created_at,
        "updated_at": delivery.updated_at,
        "waiting": False,
    }


def _delivery(doc: dict) -> Delivery:
    return Delivery(
        delivery_id=doc["_id"],
        subscription_id=doc["subscription_id"],
        event_id=doc["event_id"],
        event_type=doc["event_type"],
        member_id=doc["member_id"],
        occurred_at=doc["occurred_at"],
        order=doc["order"],
        payload=doc["payload"],
        status=Status(doc["status"]),
        attempts=doc["attempts"],
        next_attempt_at=doc.get("next_attempt_at"),
        last_error=doc.get("last_error", ""),
        delivered_at=doc.get("delivered_at"),
        replays=doc.get("replays", 0),
        attempt_log=tuple(Attempt(**attempt) for attempt in doc.get("attempt_log", [])),
        created_at=doc["created_at"],
        updated_at=doc["updated_at"],
    )
