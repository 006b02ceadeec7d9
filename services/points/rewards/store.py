"""The catalogue's MongoDB collections (in the points service's database).

rewards         one document per reward; limited stock is `stock_remaining` with the ids
                of the redemptions holding a unit (`stock_holders`), so taking and
                giving back a unit are single conditional updates that never go below
                zero and are idempotent per redemption.
reward_limits   per member and reward, the redemptions counted against per_member_limit.
redemptions     one per redemption, its id derived from the member and idempotency key;
                `state` "started" until every step is done (recovery finishes it).
vouchers        one per voucher; `code` unique; a batch's codes carry its `batch_id`.
voucher_batches one per voucher batch: its used and cancelled codes are counted from
                its vouchers until it is void and settled, then stored
                (`final_counts`); while GENERATING, `generated` is how many codes its
                generator has put in (noted after each chunk); `lease`/`lease_until` name
                the generator at work while it is GENERATING (the lease pattern of the
                notifications service's webhook lanes: claimed with one conditional
                update, renewed while working, run out on the wall clock when its
                holder dies).
reward_requests idempotency records of admin requests (create, stock changes, issues).
catalogue       the catalogue's version, bumped by every change members can see.
event_outbox    shared with the ledger: events waiting for Redis.
"""

from __future__ import annotations

from datetime import datetime

from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.errors import BulkWriteError, DuplicateKeyError

from common.leases import Lease
from common.request_records import RequestRecords

DUPLICATE_KEY = 11000
GENERATOR = Lease("lease", "lease_until")  # the worker generating a batch's codes


class RewardStore:
    def __init__(self, db) -> None:
        self.rewards = db["rewards"]
        self.reward_limits = db["reward_limits"]
        self.redemptions = db["redemptions"]
        self.vouchers = db["vouchers"]
        self.voucher_batches = db["voucher_batches"]
        self.requests = RequestRecords(db["reward_requests"])
        self.catalogue = db["catalogue"]
        self.event_outbox = db["event_outbox"]

    def ensure_indexes(self) -> None:
        self.rewards.create_index([("status", ASCENDING), ("points_cost", ASCENDING)])
        self.vouchers.create_index("code", unique=True)
        self.vouchers.create_index([("member_id", ASCENDING), ("expires_at", ASCENDING)])
        self.redemptions.create_index([("member_id", ASCENDING), ("created_at", DESCENDING)])
        self.redemptions.create_index([("state", ASCENDING), ("created_at", ASCENDING)])
        self.reward_limits.create_index("member_id")
        self.vouchers.create_index([("batch_id", ASCENDING), ("_id", ASCENDING)])
        self.voucher_batches.create_index([("created_at", DESCENDING), ("_id", DESCENDING)])
        # A batch's counts: its codes grouped by state, from this index alone (an ACTIVE
        # batch's by their used and cancelled codes only).
        self.vouchers.create_index([("batch_id", ASCENDING), ("state", ASCENDING)])
        # The sweep's question: batches generating, or void and unsettled, whose lease ran out.
        self.voucher_batches.create_index([("state", ASCENDING), ("lease_until", ASCENDING)])

    # Rewards

    def reward(self, reward_id: str) -> dict | None:
        return self.rewards.find_one({"_id": reward_id}, {"stock_holders": 0})

    def insert_reward(self, doc: dict) -> None:
        self.rewards.insert_one({**doc, "stock_holders": []})

    def replace_reward(self, reward_id: str, version: int, fields: dict) -> dict | None:
        return self.rewards.find_one_and_update(
            {"_id": reward_id, "version": version},
            {"$set": {**fields, "version": version + 1}},
            {"stock_holders": 0},
            return_document=ReturnDocument.AFTER,
        )

    def listing(self, query: dict, skip: int, limit: int) -> list[dict]:
        found = self.rewards.find(query, {"stock_holders": 0})
        return list(found.sort([("points_cost", 1), ("_id", 1)]).skip(skip).limit(limit))

    def take_unit(self, reward_id: str, holder: str) -> bool:
        """One unit for `holder` if there is one (True also when it already holds one)."""
        if self.rewards.count_documents({"_id": reward_id, "stock_holders": holder}, limit=1):
            return True
        written = self.rewards.update_one(
            {"_id": reward_id, "stock_remaining": {"$gt": 0}, "stock_holders": {"$ne": holder}},
            {"$inc": {"stock_remaining": -1}, "$push": {"stock_holders": holder}},
        )
        return written.modified_count == 1

    def give_back_unit(self, reward_id: str, holder: str) -> bool:
        written = self.rewards.update_one(
            {"_id": reward_id, "stock_holders": holder},
            {"$inc": {"stock_remaining": 1}, "$pull": {"stock_holders": holder}},
        )
        return written.modified_count == 1

    def adjust_stock(self, reward_id: str, delta: int) -> dict | None:
        """Adds or removes units; None when removing would go below zero."""
        query = {"_id": reward_id}
        if delta < 0:
            query["stock_remaining"] = {"$gte": -delta}
        return self.rewards.find_one_and_update(
            query,
            {"$inc": {"stock_remaining": delta, "stock_total": delta, "version": 1}},
            {"stock_holders": 0},
            return_document=ReturnDocument.AFTER,
        )

    # Per-member limits

    def count_for_member(self, member_id: str, reward_id: str, holder: str, limit: int) -> bool:
        """Counts `holder` against the member's limit if there is room (or it already is)."""
        key = f"{member_id}:{reward_id}"
        room = {f"holders.{limit - 1}": {"$exists": False}}
        try:
            written = self.reward_limits.update_one(
                {"_id": key, "$or": [{"holders": holder}, room]},
                {"$addToSet": {"holders": holder}, "$set": {"member_id": member_id}},
                upsert=True,
            )
        except DuplicateKeyError:  # exists and full
            return False
        return written.matched_count == 1 or written.upserted_id is not None

    def uncount_for_member(self, member_id: str, reward_id: str, holder: str) -> None:
        self.reward_limits.update_one(
            {"_id": f"{member_id}:{reward_id}"}, {"$pull": {"holders": holder}}
        )

    def counted_for_member(self, member_id: str) -> dict[str, int]:
        """Redemptions counted per reward for the member."""
        docs = self.reward_limits.find({"member_id": member_id})
        return {doc["_id"].split(":", 1)[1]: len(doc.get("holders", [])) for doc in docs}

    # Redemptions

    def redemption(self, redemption_id: str) -> dict | None:
        return self.redemptions.find_one({"_id": redemption_id})

    def start_redemption(self, doc: dict) -> bool:
        try:
            self.redemptions.insert_one(doc)
            return True
        except DuplicateKeyError:
            return False

    def update_redemption(self, redemption_id: str, expect: dict, changes: dict) -> dict | None:
        return self.redemptions.find_one_and_update(
            {"_id": redemption_id, **expect},
            {"$set": changes},
            return_document=ReturnDocument.AFTER,
        )

    def drop_redemption(self, redemption_id: str) -> None:
        self.redemptions.delete_one({"_id": redemption_id, "state": "started"})

    def stalled_redemptions(self, started_before: datetime, limit: int = 100) -> list[dict]:
        query = {"state": "started", "created_at": {"$lte": started_before}}
        return list(self.redemptions.find(query).limit(limit))

    def member_redemptions(self, member_id: str, skip: int, limit: int) -> list[dict]:
        found = self.redemptions.find({"member_id": member_id, "state": {"$ne": "started"}})
        return list(found.sort([("created_at", -1), ("_id", -1)]).skip(skip).limit(limit))

    # Vouchers

    def voucher(self, voucher_id: str) -> dict | None:
        return self.vouchers.find_one({"_id": voucher_id})

    def voucher_by_code(self, code: str) -> dict | None:
        return self.vouchers.find_one({"code": code})

    def vouchers_by_codes(self, codes: list[str]) -> dict[str, str]:
        """The ids of the vouchers holding `codes`, by code."""
        found = self.vouchers.find({"code": {"$in": codes}}, {"code": 1})
        return {doc["code"]: doc["_id"] for doc in found}

    def insert_voucher(self, doc: dict) -> str:
        """'inserted', 'exists' (same id: an earlier attempt) or 'code taken'."""
        try:
            self.vouchers.insert_one(doc)
            return "inserted"
        except DuplicateKeyError:
            return "exists" if self.vouchers.count_documents({"_id": doc["_id"]}) else "code taken"

    def update_voucher(self, voucher_id: str, expect: dict, changes: dict) -> dict | None:
        return self.vouchers.find_one_and_update(
            {"_id": voucher_id, **expect},
            {"$set": changes},
            return_document=ReturnDocument.AFTER,
        )

    def member_vouchers(self, query: dict, skip: int, limit: int) -> list[dict]:
        found = self.vouchers.find(query)
        return list(found.sort([("expires_at", 1), ("_id", 1)]).skip(skip).limit(limit))

    # Voucher batches

    def batch(self, batch_id: str) -> dict | None:
        return self.voucher_batches.find_one({"_id": batch_id})

    def insert_batch(self, doc: dict) -> bool:
        """False when the batch exists (an earlier or concurrent attempt made it)."""
        try:
            self.voucher_batches.insert_one(doc)
            return True
        except DuplicateKeyError:
            return False

    def update_batch(self, batch_id: str, expect: dict, changes: dict) -> dict | None:
        return self.voucher_batches.find_one_and_update(
            {"_id": batch_id, **expect},
            {"$set": changes},
            return_document=ReturnDocument.AFTER,
        )

    def batches(self, query: dict, skip: int, limit: int) -> list[dict]:
        found = self.voucher_batches.find(query)
        return list(found.sort([("created_at", -1), ("_id", -1)]).skip(skip).limit(limit))

    def insert_vouchers(self, docs: list[dict]) -> None:
        """Inserts what it can; a voucher whose id exists, or whose code another voucher
        holds, is left out (the caller reads which are missing)."""
        if not docs:
            return
        try:
            self.vouchers.insert_many(docs, ordered=False)
        except BulkWriteError as error:
            if any(e.get("code") != DUPLICATE_KEY for e in error.details["writeErrors"]):
                raise

    def batch_voucher_ids(self, batch_id: str, among: list[str] | None = None) -> set[str]:
        """The ids of the batch's vouchers (only those `among` these, if given)."""
        query: dict = {"batch_id": batch_id}
        if among is not None:
            query["_id"] = {"$in": among}
        return {doc["_id"] for doc in self.vouchers.find(query, {"_id": 1})}

    def batch_vouchers(self, batch_id: str, from_id: str, limit: int) -> list[dict]:
        """The batch's vouchers from `from_id` on, in id order (a range on the index, not a
        skip over the first ones: the last page of 10,000 codes is as quick as the first)."""
        found = self.vouchers.find({"batch_id": batch_id, "_id": {"$gte": from_id}})
        return list(found.sort([("batch_id", 1), ("_id", 1)]).limit(limit))

    def batch_states(self, batch_id: str, every_code: bool = True) -> dict[str, int]:
        """The batch's vouchers per stored state: of every code, or (when all its codes
        are in, so the rest are active) only of the used and cancelled ones. One
        aggregate on the (batch_id, state) index: an ACTIVE batch's active codes are
        not read at all. (Not one aggregate for a page's batches: a `batch_id: {$in}`
        match is served by that index in MongoDB but scans every voucher in the test
        store, SecantusDB, whose plans use an index for an equality only.)"""
        match: dict = {"batch_id": batch_id}
        if not every_code:
            match["state"] = {"$in": ["used", "cancelled"]}
        counted = self.vouchers.aggregate(
            [{"$match": match}, {"$group": {"_id": "$state", "n": {"$sum": 1}}}]
        )
        return {doc["_id"]: doc["n"] for doc in counted}

    def settle_batch(
        self, batch_id: str, final_counts: dict, now: datetime, voided_before: datetime
    ) -> bool:
        """Stores a void batch's final counts, if it was voided before `voided_before`
        and no generator holds its lease (else a later sweep settles it)."""
        written = self.voucher_batches.update_one(
            {
                "_id": batch_id,
                "state": "void",
                "voided_at": {"$lte": voided_before},
                **GENERATOR.free(now),
            },
            {"$set": {"final_counts": final_counts}},
        )
        return written.matched_count == 1

    # The generator's lease

    def claim_batch(self, batch_id: str, owner: str, now: datetime, until: datetime) -> dict | None:
        """The batch, leased to `owner` until `until`, if it is still generating and its
        lease is free or already `owner`'s; None otherwise (finished, void, another's)."""
        return GENERATOR.claim(
            self.voucher_batches, batch_id, owner, now, until, state="generating"
        )

    def release_batch(self, batch_id: str, owner: str) -> None:
        GENERATOR.release(self.voucher_batches, batch_id, owner)

    def abandoned_batches(self, now: datetime, voided_before: datetime, limit: int) -> list[dict]:
        """Batches nobody works on that need work: generating ones (their generator
        stopped), and void ones voided before `voided_before` and not settled (a
        generator stopped before cancelling the codes it made after the void, or a void
        stopped before counting)."""
        unsettled = {"state": "void", "final_counts": None, "voided_at": {"$lte": voided_before}}
        found = self.voucher_batches.find(
            {"$and": [{"$or": [{"state": "generating"}, unsettled]}, GENERATOR.free(now)]}
        )
        return list(found.limit(limit))

    def cancel_batch_vouchers(self, batch_id: str, changes: dict) -> None:
        """Every unused voucher of the batch -> cancelled, each atomically (a till using
        one at this moment either used it first or finds it cancelled)."""
        self.vouchers.update_many(
            {"batch_id": batch_id, "state": "active"}, {"$set": {"state": "cancelled", **changes}}
        )

    def take_units(self, reward_id: str, holder: str, units: int) -> bool:
        """`units` of stock for `holder` at once, if there are so many (True also when it
        already holds them)."""
        if self.rewards.count_documents({"_id": reward_id, "stock_holders": holder}, limit=1):
            return True
        written = self.rewards.update_one(
            {
                "_id": reward_id,
                "stock_remaining": {"$gte": units},
                "stock_holders": {"$ne": holder},
            },
            {"$inc": {"stock_remaining": -units}, "$push": {"stock_holders": holder}},
        )
        return written.modified_count == 1

    def give_back_units(self, reward_id: str, holder: str, units: int) -> None:
        """Gives back `units` of what `holder` holds, once (it then holds nothing)."""
        self.rewards.update_one(
            {"_id": reward_id, "stock_holders": holder},
            {"$inc": {"stock_remaining": units}, "$pull": {"stock_holders": holder}},
        )

    # The catalogue version

    def catalogue_version(self) -> int:
        doc = self.catalogue.find_one({"_id": "catalogue"})
        return doc["version"] if doc else 0

    def bump_catalogue(self) -> None:
        self.catalogue.update_one({"_id": "catalogue"}, {"$inc": {"version": 1}}, upsert=True)
