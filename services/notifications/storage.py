"""The notifications service's MongoDB collections.

templates          one document per template version, keyed "<type>:<lang>:<channel>".
contacts           the copy of each member's contact data, fed by the members' events;
                   an erased member leaves a tombstone (no contact data) so that an
                   older event redelivered later cannot bring the data back.
messages           one per message; `_id` derives from the dedupe key, so a message is
                   created once however often its event or request comes. It carries the
                   plan of its deliveries, copied into `deliveries` right after (again
                   on a replay, and by the dispatcher's sweep, which marks it
                   `materialised` once it is old enough that only a crash could have
                   left its copy unmade).
deliveries         one per message and channel: status, attempts, the attempt log, the
                   rendered subject and body, and a lease while an attempt runs.
marketing_days     the marketing messages counted against each member's local day.
inboxes            one document per member: messages and the unread count, changed
                   together with a version check.
birthday_vouchers  the code of each member's birthday voucher per year (VoucherIssued).
bulk_sends         bulk sends and their progress.
settings           the delivery settings.
event_outbox       MessageDelivered events waiting for Redis (common.outbox).
"""

from __future__ import annotations

from datetime import UTC, datetime

from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from common.outbox import insert_new
from loyalty.notifications.v1 import messages_pb2 as pb

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # "no lease"
DUE = [pb.DELIVERY_STATUS_QUEUED, pb.DELIVERY_STATUS_DEFERRED, pb.DELIVERY_STATUS_FAILED]
# A message's variables and its plan (the rendered deliveries, addresses included):
# what an erasure or a sent sign-in code must not leave behind.
FORGOTTEN_TEXT = {"variables": {}, "plan": []}


class NotificationStore:
    def __init__(self, db) -> None:
        self.templates = db["templates"]
        self.contacts = db["contacts"]
        self.messages = db["messages"]
        self.deliveries = db["deliveries"]
        self.marketing_days = db["marketing_days"]
        self.inboxes = db["inboxes"]
        self.birthday_vouchers = db["birthday_vouchers"]
        self.bulk_sends = db["bulk_sends"]
        self.settings = db["settings"]
        self.event_outbox = db["event_outbox"]

    def ensure_indexes(self) -> None:
        self.templates.create_index([("key", ASCENDING), ("version", DESCENDING)])
        # No index on dedupe_key: the _id derives from it, so the _id's uniqueness is the
        # dedupe (a second unique index only made every insert check it again).
        self.messages.create_index([("materialised", ASCENDING), ("created_at", ASCENDING)])
        self.messages.create_index("member_id")
        self.deliveries.create_index([("status", ASCENDING), ("next_attempt_at", ASCENDING)])
        self.deliveries.create_index("message_id")
        self.deliveries.create_index([("member_id", ASCENDING), ("created_at", DESCENDING)])
        self.deliveries.create_index("bulk_send_id", sparse=True)
        self.bulk_sends.create_index("idempotency_key", unique=True)

    # Templates

    def current_template(self, key: str) -> dict | None:
        return next(iter(self.templates.find({"key": key}).sort("version", -1).limit(1)), None)

    def template_version(self, key: str, version: int) -> dict | None:
        return self.templates.find_one({"key": key, "version": version})

    def add_template(self, doc: dict) -> bool:
        """Stores a new version; False when that version exists (a concurrent save)."""
        try:
            self.templates.insert_one({"_id": f"{doc['key']}:{doc['version']}", **doc})
            return True
        except DuplicateKeyError:
            return False

    def current_templates(self) -> list[dict]:
        """The current version of every template, in one query."""
        newest: dict[str, dict] = {}
        for doc in self.templates.find().sort([("key", 1), ("version", -1)]):
            newest.setdefault(doc["key"], doc)
        return list(newest.values())

    # Contacts

    def contact(self, member_id: str) -> dict | None:
        return self.contacts.find_one({"_id": member_id})

    def put_contact(self, member_id: str, version: int, fields: dict) -> bool:
        """Writes the copy if `version` is newer than the stored one; an erased member's
        tombstone refuses everything."""
        try:
            written = self.contacts.update_one(
                {"_id": member_id, "member_version": {"$lt": version}, "erased": {"$ne": True}},
                {"$set": {**fields, "member_version": version}},
                upsert=True,
            )
        except DuplicateKeyError:  # the copy exists and is newer (or erased)
            return False
        return written.matched_count == 1 or written.upserted_id is not None

    def erase_contact(self, member_id: str, version: int, when: datetime) -> None:
        self.contacts.replace_one(
            {"_id": member_id},
            {"_id": member_id, "erased": True, "member_version": version, "updated_at": when},
            upsert=True,
        )
        self.inboxes.delete_one({"_id": member_id})
        self.birthday_vouchers.delete_many({"member_id": member_id})
        self.messages.update_many({"member_id": member_id}, {"$set": FORGOTTEN_TEXT})
        self.deliveries.update_many(
            {"member_id": member_id},
            {"$set": {"subject": "", "body": "", "address": "", "to": ""}},
        )
        self.deliveries.update_many(
            {"member_id": member_id, "status": {"$in": DUE}},
            {
                "$set": {
                    "status": pb.DELIVERY_STATUS_SUPPRESSED,
                    "reason": pb.DELIVERY_REASON_MEMBER_ERASED,
                    "updated_at": when,
                },
                "$unset": {"next_attempt_at": ""},
            },
        )

    # Messages and deliveries

    def message(self, message_id: str) -> dict | None:
        return self.messages.find_one({"_id": message_id})

    def add_message(self, doc: dict) -> bool:
        """False when a message with this id (its dedupe key) exists."""
        try:
            self.messages.insert_one(doc)
            return True
        except DuplicateKeyError:
            return False

    def forget_text(self, message_id: str) -> None:
        """Drops what the message was rendered from and into (a sign-in code once sent)."""
        self.messages.update_one({"_id": message_id}, {"$set": FORGOTTEN_TEXT})

    def materialise(self, message: dict) -> None:
        """Copies the message's planned deliveries into `deliveries` (idempotent)."""
        insert_new(self.deliveries, message["plan"])

    def unmaterialised(self, older_than: datetime, limit: int) -> list[dict]:
        query = {"materialised": False, "created_at": {"$lte": older_than}}
        return list(self.messages.find(query).limit(limit))

    def materialise_all(self, messages: list[dict]) -> None:
        """Copies the plans of `messages` again (what is there already stays as it is)
        and marks them done: two round trips for the lot."""
        insert_new(self.deliveries, [delivery for m in messages for delivery in m["plan"]])
        ids = [m["_id"] for m in messages]
        self.messages.update_many({"_id": {"$in": ids}}, {"$set": {"materialised": True}})

    def deliveries_of(self, message_id: str) -> list[dict]:
        return list(self.deliveries.find({"message_id": message_id}).sort("channel", 1))

    def delivery(self, delivery_id: str) -> dict | None:
        return self.deliveries.find_one({"_id": delivery_id})

    def claim_due(
        self, as_of: datetime, now: datetime, lease_until: datetime, token: str, delivery_id=""
    ) -> dict | None:
        """Takes the next delivery due at `as_of` (or `delivery_id`, if it is due) for one
        attempt; no other dispatcher gets it until the lease ends on the wall clock (a
        dispatcher that dies mid-attempt frees it that way)."""
        named = {"_id": delivery_id} if delivery_id else {}
        return self.deliveries.find_one_and_update(
            {
                **named,
                "status": {"$in": DUE},
                "next_attempt_at": {"$lte": as_of},
                "lease_until": {"$lte": now},
            },
            {"$set": {"lease_until": lease_until, "lease": token}},
            sort=[("next_attempt_at", ASCENDING)],
            return_document=ReturnDocument.AFTER,
        )

    def settle(self, delivery_id: str, token: str, changes: dict, log_entry: dict) -> bool:
        """Records an attempt's outcome, if this dispatcher still holds the lease."""
        written = self.deliveries.update_one(
            {"_id": delivery_id, "lease": token},
            {
                "$set": {**changes, "lease_until": EPOCH},
                "$push": {"attempt_log": log_entry},
                "$unset": {"lease": ""},
            },
        )
        return written.matched_count == 1

    def requeue(self, delivery_id: str, when: datetime, log_entry: dict) -> bool:
        """A dead letter back in the queue with a fresh attempt budget."""
        written = self.deliveries.update_one(
            {"_id": delivery_id, "status": pb.DELIVERY_STATUS_DEAD_LETTERED},
            {
                "$set": {
                    "status": pb.DELIVERY_STATUS_QUEUED,
                    "reason": pb.DELIVERY_REASON_UNSPECIFIED,
                    "attempts": 0,
                    "next_attempt_at": when,
                    "detail": log_entry["detail"],
                    "updated_at": when,
                },
                "$push": {"attempt_log": log_entry},
            },
        )
        return written.matched_count == 1

    def list_deliveries(self, query: dict, sort: int, skip: int, limit: int) -> list[dict]:
        found = self.deliveries.find(query).sort([("created_at", sort), ("_id", sort)])
        return list(found.skip(skip).limit(limit))

    def count_deliveries(self, query: dict) -> int:
        return self.deliveries.count_documents(query)

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
            written = self.marketing_days.update_one(
                query, {"$addToSet": {"messages": message_id}}, upsert=True
            )
        except DuplicateKeyError:  # the day exists and is full
            return False
        return written.matched_count == 1 or written.upserted_id is not None

    # Birthday vouchers

    def keep_birthday_voucher(self, member_id: str, year: int, voucher: dict) -> None:
        self.birthday_vouchers.update_one(
            {"_id": f"{member_id}:{year}"},
            {"$set": {"member_id": member_id, **voucher}},
            upsert=True,
        )

    def birthday_voucher(self, member_id: str, year: int) -> dict | None:
        return self.birthday_vouchers.find_one({"_id": f"{member_id}:{year}"})

    # Settings

    def delivery_settings(self) -> dict | None:
        return self.settings.find_one({"_id": "delivery"})

    def replace_delivery_settings(self, doc: dict, expected_version: int) -> bool:
        if expected_version == 0:
            try:
                self.settings.insert_one({"_id": "delivery", **doc, "version": 1})
                return True
            except DuplicateKeyError:
                return False
        written = self.settings.update_one(
            {"_id": "delivery", "version": expected_version},
            {"$set": {**doc, "version": expected_version + 1}},
        )
        return written.matched_count == 1
