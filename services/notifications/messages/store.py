"""The messages' collections.

messages           one per message; `_id` derives from the dedupe key, so a message is
                   created once however often its event or request comes. It carries the
                   plan of its deliveries, copied into `deliveries` right after (again
                   on a replay, and by the dispatcher's sweep, which marks it
                   `materialised` once it is old enough that only a crash could have
                   left its copy unmade).
deliveries         one per message and channel: status, attempts, the attempt log, the
                   rendered subject and body, and a lease while an attempt runs.
marketing_days     the marketing messages counted against each member's local day.
birthday_vouchers  the code of each member's birthday voucher per year (VoucherIssued).
event_outbox       MessageDelivered events waiting for Redis (common.outbox).
bulk_sends         bulk sends and their progress (BulkSendStore).
settings           the delivery settings (SettingsStore).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from datetime import UTC, datetime

from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from common.outbox import insert_new, publish_queued, queue_events
from services.notifications.contacts.domain import Channel
from services.notifications.messages.domain.attempts import Settlement
from services.notifications.messages.domain.bulk import (
    ACTIVE,
    PROGRESS_FIELDS,
    BulkProgress,
    BulkRequest,
    BulkSend,
    BulkSendState,
)
from services.notifications.messages.domain.delivery import (
    DUE,
    Attempt,
    Delivery,
    DeliveryReason,
    DeliveryStatus,
)
from services.notifications.messages.domain.message import Message
from services.notifications.messages.domain.rules import DeliverySettings
from services.notifications.messages.domain.scheduled import BirthdayVoucher
from services.notifications.templates.domain.catalogue import Category, MessageType

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # "no lease"
# A message's variables and its plan (the rendered deliveries, addresses included):
# what an erasure or a sent sign-in code must not leave behind.
FORGOTTEN_TEXT = {"variables": {}, "plan": []}


class MessageStore:
    def __init__(self, db) -> None:
        self._messages = db["messages"]
        self._deliveries = db["deliveries"]
        self._marketing_days = db["marketing_days"]
        self._birthday_vouchers = db["birthday_vouchers"]
        self._event_outbox = db["event_outbox"]

    def ensure_indexes(self) -> None:
        # No index on dedupe_key: the _id derives from it, so the _id's uniqueness is the
        # dedupe (a second unique index only made every insert check it again).
        self._messages.create_index([("materialised", ASCENDING), ("created_at", ASCENDING)])
        self._messages.create_index("member_id")
        self._deliveries.create_index([("status", ASCENDING), ("next_attempt_at", ASCENDING)])
        self._deliveries.create_index("message_id")
        self._deliveries.create_index([("member_id", ASCENDING), ("created_at", DESCENDING)])
        self._deliveries.create_index("bulk_send_id", sparse=True)

    # Messages

    def message(self, message_id: str) -> Message | None:
        doc = self._messages.find_one({"_id": message_id})
        return _message(doc) if doc else None

    def add_message(self, message: Message) -> bool:
        """False when a message with this id (its dedupe key) exists."""
        try:
            self._messages.insert_one(_message_document(message))
            return True
        except DuplicateKeyError:
            return False

    def forget_text(self, message_id: str) -> None:
        """Drops what the message was rendered from and into (a sign-in code once sent)."""
        self._messages.update_one({"_id": message_id}, {"$set": FORGOTTEN_TEXT})

    def materialise(self, message: Message) -> None:
        """Copies the message's planned deliveries into `deliveries` (idempotent)."""
        insert_new(self._deliveries, [_delivery_document(d) for d in message.plan])

    def unmaterialised(self, older_than: datetime, limit: int) -> list[Message]:
        query = {"materialised": False, "created_at": {"$lte": older_than}}
        return [_message(doc) for doc in self._messages.find(query).limit(limit)]

    def materialise_all(self, messages: list[Message]) -> None:
        """Copies the plans of `messages` again (what is there already stays as it is)
        and marks them done: two round trips for the lot."""
        plans = [_delivery_document(d) for message in messages for d in message.plan]
        insert_new(self._deliveries, plans)
        ids = [message.message_id for message in messages]
        self._messages.update_many({"_id": {"$in": ids}}, {"$set": {"materialised": True}})

    # Deliveries

    def deliveries_of(self, message_id: str) -> list[Delivery]:
        found = self._deliveries.find({"message_id": message_id}).sort("channel", 1)
        return [_delivery(doc) for doc in found]

    def delivery(self, delivery_id: str) -> Delivery | None:
        doc = self._deliveries.find_one({"_id": delivery_id})
        return _delivery(doc) if doc else None

    def deliveries(
        self, member_id: str, message_id: str, statuses: Collection[int], skip: int, limit: int
    ) -> list[Delivery]:
        """A member's or a message's deliveries (in `statuses`, if any), newest first."""
        query: dict = {"member_id": member_id} if member_id else {"message_id": message_id}
        if statuses:
            query["status"] = {"$in": list(statuses)}
        return self._listed(query, DESCENDING, skip, limit)

    def dead_letters(self, channel: int, skip: int, limit: int) -> list[Delivery]:
        """Dead-lettered deliveries (on `channel`, if given), oldest first."""
        query: dict = {"status": DeliveryStatus.DEAD_LETTERED}
        if channel:
            query["channel"] = channel
        return self._listed(query, ASCENDING, skip, limit)

    def _listed(self, query: dict, order: int, skip: int, limit: int) -> list[Delivery]:
        found = self._deliveries.find(query).sort([("created_at", order), ("_id", order)])
        return [_delivery(doc) for doc in found.skip(skip).limit(limit)]

    def bulk_progress(self, bulk_send_id: str) -> BulkProgress:
        """The bulk send's deliveries per status, counted in one pass (counted status by
        status, a delivery sent between two counts was counted twice)."""
        counted = self._deliveries.aggregate(
            [
                {"$match": {"bulk_send_id": bulk_send_id}},
                {"$group": {"_id": "$status", "count": {"$sum": 1}}},
            ]
        )
        by_status = {doc["_id"]: doc["count"] for doc in counted}
        return BulkProgress(
            **{field: by_status.get(status, 0) for status, field in PROGRESS_FIELDS.items()}
        )

    def claim_due(
        self, as_of: datetime, now: datetime, lease_until: datetime, token: str, delivery_id=""
    ) -> Delivery | None:
        """Takes the next delivery due at `as_of` (or `delivery_id`, if it is due) for one
        attempt; no other dispatcher gets it until the lease ends on the wall clock (a
        dispatcher that dies mid-attempt frees it that way)."""
        named = {"_id": delivery_id} if delivery_id else {}
        doc = self._deliveries.find_one_and_update(
            {**named, **_due(as_of), "lease_until": {"$lte": now}},
            {"$set": {"lease_until": lease_until, "lease": token}},
            sort=[("next_attempt_at", ASCENDING)],
            return_document=ReturnDocument.AFTER,
        )
        return _delivery(doc) if doc else None

    def any_due(self, as_of: datetime) -> bool:
        return self._deliveries.count_documents(_due(as_of)) > 0

    def settle(self, delivery_id: str, token: str, settlement: Settlement, at: datetime) -> bool:
        """Records an attempt's outcome, if this dispatcher still holds the lease."""
        changes = {
            name: value
            for name, value in dataclasses.asdict(settlement).items()
            if value is not None and name not in ("outcome", "attempt")
        }
        entry = {
            "at": at,
            "attempt": settlement.attempt,
            "outcome": settlement.outcome,
            "detail": settlement.detail or "",
        }
        written = self._deliveries.update_one(
            {"_id": delivery_id, "lease": token},
            {
                "$set": {
                    **changes,
                    "next_attempt_at": settlement.next_attempt_at,
                    "updated_at": at,
                    "lease_until": EPOCH,
                },
                "$push": {"attempt_log": entry},
                "$unset": {"lease": ""},
            },
        )
        return written.matched_count == 1

    def requeue(self, delivery_id: str, when: datetime, detail: str) -> bool:
        """A dead letter back in the queue with a fresh attempt budget."""
        written = self._deliveries.update_one(
            {"_id": delivery_id, "status": DeliveryStatus.DEAD_LETTERED},
            {
                "$set": {
                    "status": DeliveryStatus.QUEUED,
                    "reason": DeliveryReason.UNSPECIFIED,
                    "attempts": 0,
                    "next_attempt_at": when,
                    "detail": detail,
                    "updated_at": when,
                },
                "$push": {
                    "attempt_log": {
                        "at": when,
                        "attempt": 0,
                        "outcome": "requeued",
                        "detail": detail,
                    }
                },
            },
        )
        return written.matched_count == 1

    # Daily marketing cap

    def count_marketing(self, member_id: str, day: str, message_id: str, cap: int) -> bool:
        """Counts the message against the member's day if under `cap` (counting the same
        message again is a no-op that answers True)."""
        if cap <= 0:
            return False
        key = f"{member_id}:{day}"
        room = {f"messages.{cap - 1}": {"$exists": False}}
        query = {"_id": key, "$or": [{"messages": message_id}, room]}
        try:
            written = self._marketing_days.update_one(
                query, {"$addToSet": {"messages": message_id}}, upsert=True
            )
        except DuplicateKeyError:  # the day exists and is full
            return False
        return written.matched_count == 1 or written.upserted_id is not None

    # Birthday vouchers

    def keep_birthday_voucher(self, member_id: str, year: int, voucher: BirthdayVoucher):
        self._birthday_vouchers.update_one(
            {"_id": f"{member_id}:{year}"},
            {"$set": {"member_id": member_id, **dataclasses.asdict(voucher)}},
            upsert=True,
        )

    def birthday_voucher(self, member_id: str, year: int) -> BirthdayVoucher | None:
        doc = self._birthday_vouchers.find_one({"_id": f"{member_id}:{year}"})
        if doc is None:
            return None
        return BirthdayVoucher(
            code=doc.get("code", ""),
            reward=doc.get("reward", ""),
            valid_until=doc.get("valid_until", ""),
        )

    # An erased member

    def forget_member(self, member_id: str, when: datetime) -> None:
        """Drops the member's birthday vouchers and every text of their messages, and
        suppresses what is still due for them."""
        self._birthday_vouchers.delete_many({"member_id": member_id})
        self._messages.update_many({"member_id": member_id}, {"$set": FORGOTTEN_TEXT})
        self._deliveries.update_many(
            {"member_id": member_id},
            {"$set": {"subject": "", "body": "", "address": "", "to": ""}},
        )
        self._deliveries.update_many(
            {"member_id": member_id, "status": {"$in": DUE}},
            {
                "$set": {
                    "status": DeliveryStatus.SUPPRESSED,
                    "reason": DeliveryReason.MEMBER_ERASED,
                    "updated_at": when,
                },
                "$unset": {"next_attempt_at": ""},
            },
        )

    # Events

    def queue_event(self, event_id: str, envelope: bytes, at: datetime) -> None:
        """Queues an event for the relay (a second time with the same id changes nothing)."""
        queue_events(self._event_outbox, [(event_id, envelope, at)])

    def publish_events(self, client, stream: str) -> int:
        """Publishes the queued events to the Redis `stream` (common.outbox)."""
        return publish_queued(self._event_outbox, client, stream)


class BulkSendStore:
    """bulk_sends: one document per bulk send, holding how far it got."""

    def __init__(self, db) -> None:
        self._bulk_sends = db["bulk_sends"]

    def ensure_indexes(self) -> None:
        self._bulk_sends.create_index("idempotency_key", unique=True)

    def get(self, bulk_send_id: str) -> BulkSend | None:
        doc = self._bulk_sends.find_one({"_id": bulk_send_id})
        return _bulk(doc) if doc else None

    def by_key(self, idempotency_key: str) -> BulkSend | None:
        doc = self._bulk_sends.find_one({"idempotency_key": idempotency_key})
        return _bulk(doc) if doc else None

    def add(self, bulk: BulkSend, idempotency_key: str) -> bool:
        """False when a bulk send with this idempotency key exists."""
        request = bulk.request
        try:
            self._bulk_sends.insert_one(
                {
                    "_id": bulk.bulk_send_id,
                    "idempotency_key": idempotency_key,
                    "fingerprint": bulk.fingerprint,
                    "name": request.name,
                    "segment_id": request.segment_id,
                    "message_type": request.message_type,
                    "category": request.category,
                    "channels": list(request.channels),
                    "variables": request.variables,
                    "rate_per_second": request.rate_per_second,
                    "scheduled_at": bulk.scheduled_at,
                    "actor": request.actor,
                    "reason": request.reason,
                    "computation_id": bulk.computation_id,
                    "state": bulk.state,
                    "members_total": bulk.members_total,
                    "members_processed": bulk.members_processed,
                    "cursor": bulk.cursor,
                    "error": bulk.error,
                    "created_at": bulk.created_at,
                    "started_at": bulk.started_at,
                    "finished_at": bulk.finished_at,
                    "lease_until": EPOCH,
                }
            )
            return True
        except DuplicateKeyError:
            return False

    def resume(self, bulk_send_id: str) -> None:
        """A FAILED bulk send running again."""
        self._bulk_sends.update_one(
            {"_id": bulk_send_id, "state": BulkSendState.FAILED},
            {"$set": {"state": BulkSendState.RUNNING, "error": ""}},
        )

    def listing(self, states: Collection[int], skip: int, limit: int) -> list[BulkSend]:
        """Bulk sends (in `states`, if any), newest first."""
        query = {"state": {"$in": list(states)}} if states else {}
        found = self._bulk_sends.find(query).sort([("created_at", -1), ("_id", -1)])
        return [_bulk(doc) for doc in found.skip(skip).limit(limit)]

    def cancel(self, bulk_send_id: str, actor: str, reason: str, when: datetime) -> BulkSend | None:
        """The bulk send cancelled; None unless it was scheduled or running."""
        doc = self._bulk_sends.find_one_and_update(
            {"_id": bulk_send_id, "state": {"$in": list(ACTIVE)}},
            {
                "$set": {
                    "state": BulkSendState.CANCELLED,
                    "finished_at": when,
                    "cancelled_by": actor,
                    "cancel_reason": reason,
                }
            },
            return_document=ReturnDocument.AFTER,
        )
        return _bulk(doc) if doc else None

    def state(self, bulk_send_id: str) -> BulkSendState:
        doc = self._bulk_sends.find_one({"_id": bulk_send_id}, {"state": 1})
        return BulkSendState(doc["state"])

    def claim(self, now: datetime, lease_until: datetime, token: str) -> BulkSend | None:
        """Takes the next bulk send due (running, or scheduled for now) for a page; no
        other runner gets it until the lease ends."""
        doc = self._bulk_sends.find_one_and_update(
            {
                "$or": [
                    {"state": BulkSendState.RUNNING},
                    {"state": BulkSendState.SCHEDULED, "scheduled_at": {"$lte": now}},
                ],
                "lease_until": {"$lte": now},
            },
            {"$set": {"lease_until": lease_until, "lease": token, "state": BulkSendState.RUNNING}},
            sort=[("scheduled_at", 1)],
            return_document=ReturnDocument.AFTER,
        )
        return _bulk(doc) if doc else None

    def started(self, bulk: BulkSend, when: datetime) -> None:
        self._update(bulk, {"started_at": when})

    def failed(self, bulk: BulkSend, error: str, when: datetime) -> None:
        """Stopped by an error; the lease ends at once (a new start resumes it)."""
        self._update(bulk, {"state": BulkSendState.FAILED, "error": error, "lease_until": when})

    def advanced(self, bulk: BulkSend, cursor: str, processed: int, when: datetime) -> None:
        """A page done: the next one is `cursor` (none: the send is complete)."""
        done = {"state": BulkSendState.COMPLETED, "finished_at": when}
        self._update(
            bulk,
            {
                "cursor": cursor,
                "members_processed": bulk.members_processed + processed,
                "lease_until": when,
                **({} if cursor else done),
            },
        )

    def _update(self, bulk: BulkSend, changes: dict) -> None:
        """Writes progress, unless the send was cancelled meanwhile (cancel wins)."""
        self._bulk_sends.update_one(
            {"_id": bulk.bulk_send_id, "lease": bulk.lease, "state": BulkSendState.RUNNING},
            {"$set": changes},
        )


class SettingsStore:
    """settings: the delivery settings, one document changed with a version check."""

    def __init__(self, db) -> None:
        self._settings = db["settings"]

    def delivery_settings(self) -> DeliverySettings:
        doc = self._settings.find_one({"_id": "delivery"}) or {}
        return DeliverySettings(**{k: v for k, v in doc.items() if k in SETTINGS_FIELDS})

    def replace_delivery_settings(
        self, settings: DeliverySettings, expected_version: int, actor: str, when: datetime
    ) -> bool:
        """Stores `settings` as the next version, if `expected_version` is the current."""
        doc = dataclasses.asdict(settings)
        doc.update(updated_at=when, updated_by=actor)
        doc.pop("version")
        if expected_version == 0:
            try:
                self._settings.insert_one({"_id": "delivery", **doc, "version": 1})
                return True
            except DuplicateKeyError:
                return False
        written = self._settings.update_one(
            {"_id": "delivery", "version": expected_version},
            {"$set": {**doc, "version": expected_version + 1}},
        )
        return written.matched_count == 1


SETTINGS_FIELDS = {field.name for field in dataclasses.fields(DeliverySettings)}


def _due(as_of: datetime) -> dict:
    return {"status": {"$in": list(DUE)}, "next_attempt_at": {"$lte": as_of}}


def _message_document(message: Message) -> dict:
    return {
        "_id": message.message_id,
        "dedupe_key": message.dedupe_key,
        "fingerprint": message.fingerprint,
        "member_id": message.member_id,
        "message_type": message.message_type,
        "category": message.category,
        "language": message.language,
        "variables": message.variables,
        "source_event_id": message.source_event_id,
        "bulk_send_id": message.bulk_send_id,
        "actor": message.actor,
        "created_at": message.created_at,
        "plan": [_delivery_document(delivery) for delivery in message.plan],
        "materialised": message.materialised,
        "resent_from": message.resent_from,
    }


def _message(doc: dict) -> Message:
    return Message(
        message_id=doc["_id"],
        dedupe_key=doc["dedupe_key"],
        fingerprint=doc["fingerprint"],
        member_id=doc["member_id"],
        message_type=MessageType(doc["message_type"]),
        category=Category(doc["category"]),
        language=doc["language"],
        variables=doc["variables"],
        source_event_id=doc["source_event_id"],
        bulk_send_id=doc["bulk_send_id"],
        actor=doc["actor"],
        created_at=doc["created_at"],
        plan=tuple(_delivery(delivery) for delivery in doc["plan"]),
        materialised=doc.get("materialised", False),
        resent_from=doc.get("resent_from", ""),
    )


def _delivery_document(delivery: Delivery) -> dict:
    return {
        "_id": delivery.delivery_id,
        "message_id": delivery.message_id,
        "member_id": delivery.member_id,
        "message_type": delivery.message_type,
        "category": delivery.category,
        "channel": delivery.channel,
        "status": delivery.status,
        "reason": delivery.reason,
        "detail": delivery.detail,
        "attempts": delivery.attempts,
        "next_attempt_at": delivery.next_attempt_at,
        "address": delivery.address,
        "to": delivery.to,
        "subject": delivery.subject,
        "body": delivery.body,
        "provider_message_id": delivery.provider_message_id,
        "created_at": delivery.created_at,
        "updated_at": delivery.updated_at,
        "sent_at": delivery.sent_at,
        "attempt_log": [dataclasses.asdict(entry) for entry in delivery.attempt_log],
        "lease_until": EPOCH,
        "bulk_send_id": delivery.bulk_send_id,
    }


def _delivery(doc: dict) -> Delivery:
    return Delivery(
        delivery_id=doc["_id"],
        message_id=doc["message_id"],
        member_id=doc["member_id"],
        message_type=MessageType(doc["message_type"]),
        category=Category(doc["category"]),
        channel=Channel(doc["channel"]),
        status=DeliveryStatus(doc["status"]),
        reason=DeliveryReason(doc["reason"]),
        created_at=doc["created_at"],
        updated_at=doc["updated_at"],
        detail=doc["detail"],
        attempts=doc["attempts"],
        next_attempt_at=doc.get("next_attempt_at"),
        address=doc["address"],
        to=doc.get("to", ""),
        subject=doc["subject"],
        body=doc["body"],
        provider_message_id=doc["provider_message_id"],
        sent_at=doc.get("sent_at"),
        attempt_log=tuple(Attempt(**entry) for entry in doc.get("attempt_log", [])),
        bulk_send_id=doc.get("bulk_send_id", ""),
    )


def _bulk(doc: dict) -> BulkSend:
    return BulkSend(
        bulk_send_id=doc["_id"],
        request=BulkRequest(
            name=doc["name"],
            segment_id=doc["segment_id"],
            message_type=MessageType(doc["message_type"]),
            category=Category(doc["category"]),
            channels=tuple(Channel(channel) for channel in doc["channels"]),
            variables=doc["variables"],
            rate_per_second=doc["rate_per_second"],
            scheduled_at=doc["scheduled_at"],
            actor=doc["actor"],
            reason=doc.get("reason", ""),
        ),
        fingerprint=doc["fingerprint"],
        computation_id=doc["computation_id"],
        state=BulkSendState(doc["state"]),
        scheduled_at=doc["scheduled_at"],
        created_at=doc["created_at"],
        members_total=doc["members_total"],
        members_processed=doc["members_processed"],
        cursor=doc["cursor"],
        error=doc["error"],
        started_at=doc.get("started_at"),
        finished_at=doc.get("finished_at"),
        lease=doc.get("lease", ""),
    )
