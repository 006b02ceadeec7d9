"""The points service's MongoDB collections, and the few atomic writes the ledger makes.

accounts   one document per member: balances, open lots and holds, idempotency records,
           returns so far, and the outbox (entries and events not yet relayed). Every
           change is one version-checked update of this one document.
purchases  one document per (partner, transaction): claimed before the account changes,
           so a transaction id earns once across all members. Marked applied by the relay.
entries    the append-only history, copied from account outboxes by the relay.
lots       lots that left the account (spent, expired, reversed), for history and refunds.
holds      resolved holds.
event_outbox  events waiting for Redis, so a Redis outage never holds up the ledger.
settings   the programme settings (one document).

No transaction spans two documents: a crash between two writes leaves a state that the
next retry or the recovery sweep completes (see ledger_service.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import logging
import time
from collections.abc import Iterable, Iterator
from datetime import datetime

from pymongo import MongoClient, ReplaceOne, ReturnDocument
from pymongo.errors import BulkWriteError, ConnectionFailure, CursorNotFound, DuplicateKeyError

from common.outbox import DUPLICATE_KEY, insert_new, queue_events
from services.points.ledger import faults
from services.points.ledger.domain.model import Account, Entry, Hold, Lot, Operation
from services.points.ledger.domain.operations import Change
from services.points.ledger.domain.programme import BaseRate, Programme
from services.points.ledger.domain.purchases import (
    Purchase,
    PurchaseClaim,
    PurchaseLine,
    purchase_key,
)

HAS_OUTBOX = {"outbox.entry._id": {"$exists": True}}
# Entries a round trip when the audit reads a batch's history (a batch of accounts has
# a few entries each, so a few round trips a batch).
ENTRIES_BATCH = 2000
# Times in a row the audit's read resumes after a connection failure, and the wait before
# the first resume (doubling after).
AUDIT_RETRIES = 3
AUDIT_RETRY_SECONDS = 1.0

# How long the audit job's client waits for the server (connecting, and its monitor's
# checks): see audit_database.
AUDIT_SERVER_WAIT_MS = 120_000

log = logging.getLogger("loyalty.points.ledger")


def audit_database(uri: str, name: str):
    """The database `name` for the audit job, through a client of its own that waits up
    to AUDIT_SERVER_WAIT_MS for the server. The services' clients give up after 2 s
    (common/stores.py), right for a request; but a server busy answering the audit's
    first read may not answer the client's monitor for longer (SecantusDB reads the whole
    collection for a cursor's first batch: 23 s at 200,000 accounts, answering nothing
    else), and a monitor that gives up cancels the read in flight. Otherwise as
    stores.connect_mongo makes them."""
    client = MongoClient(
        uri,
        serverSelectionTimeoutMS=AUDIT_SERVER_WAIT_MS,
        connectTimeoutMS=AUDIT_SERVER_WAIT_MS,
        tz_aware=True,
        uuidRepresentation="standard",
    )
    return client[name]


class LedgerStore:
    def __init__(self, db) -> None:
        self.db = db
        self.accounts = db["accounts"]
        self.purchases = db["purchases"]
        self.returns = db["returns"]
        self.entries = db["entries"]
        self.lots = db["lots"]
        self.holds = db["holds"]
        self.event_outbox = db["event_outbox"]
        self.settings = db["settings"]
        self.audit_retry_seconds = AUDIT_RETRY_SECONDS

    def ensure_indexes(self) -> None:
        self.accounts.create_index("holds.hold_id")
        self.accounts.create_index("outbox.entry._id", sparse=True)
        self.entries.create_index([("member_id", 1), ("seq", -1)])
        self.entries.create_index([("created_at", 1)])
        self.purchases.create_index([("applied", 1), ("claimed_at", 1)])
        # A partner's idempotency key names one purchase (only earns that send one).
        self.purchases.create_index("idempotency", unique=True, sparse=True)

    # Accounts

    def load(self, member_id: str) -> Account | None:
        doc = self.accounts.find_one({"_id": member_id}, {"outbox": 0})
        return account_from_doc(doc) if doc else None

    def load_by_hold(self, hold_id: str) -> Account | None:
        doc = self.accounts.find_one({"holds.hold_id": hold_id}, {"outbox": 0})
        return account_from_doc(doc) if doc else None

    def save(self, account: Account, change: Change, events: list[bytes]) -> bool:
        """Writes the account if nobody changed it since it was read; False if someone did.

        The entries and their events join the outbox in the same update, so a change and
        its announcement can never part.
        """
        expected = account.version
        account.version += 1
        outbox = []
        for index, (entry, event) in enumerate(zip(change.entries, events, strict=True)):
            outbox.append(
                {
                    "entry": entry_to_doc(account.member_id, entry),
                    "event": event,
                    "closed_lots": [lot_to_doc(lot) for lot in change.closed_lots]
                    if index == 0
                    else [],
                    "holds": [hold_to_doc(h) for h in change.resolved_holds] if index == 0 else [],
                }
            )
        result = self.accounts.update_one(
            {"_id": account.member_id, "version": expected},
            {
                "$set": account_to_doc(account),
                "$push": {"outbox": {"$each": outbox}},
            },
        )
        if result.matched_count == 0:
            account.version = expected
            return False
        faults.point("account-saved")
        return True

    def upsert_member(self, member_id: str, fields: dict, guard: str, value) -> None:
        """Applies a members-service fact unless a newer one (by `guard`) was applied.

        The version bump makes any write that read the account before this fact retry.
        """
        with contextlib.suppress(DuplicateKeyError):  # a newer fact is there already
            self.accounts.update_one(
                {"_id": member_id, "$or": [{guard: {"$lt": value}}, {guard: None}]},
                {
                    "$set": {**fields, guard: value},
                    "$inc": {"version": 1},
                    "$setOnInsert": _new_account_fields(member_id, {**fields, guard: value}),
                },
                upsert=True,
            )

    def set_tier_multiplier(self, tier_code: str, multiplier_bp: int) -> None:
        """The version bump makes writes that read the old multiplier retry."""
        self.accounts.update_many(
            {"tier_code": tier_code, "earn_multiplier_bp": {"$ne": multiplier_bp}},
            {"$set": {"earn_multiplier_bp": multiplier_bp}, "$inc": {"version": 1}},
        )

    def insert_accounts(self, accounts: Iterable[Account]) -> None:
        """Bulk creation (seeding benchmarks and tests)."""
        docs = [{"_id": a.member_id, **account_to_doc(a), "outbox": []} for a in accounts]
        if docs:
            self.accounts.insert_many(docs)

    def insert_new_accounts(
        self, opened: list[tuple[Account, Change | None, list[bytes]]]
    ) -> set[str]:
        """New accounts, each with its first change's entries and events in the outbox (a
        bulk import's opening balances), in one round trip; the ids of those that existed
        already, which are left as they were."""
        docs = [
            {
                "_id": account.member_id,
                **account_to_doc(account),
                "outbox": [
                    {
                        "entry": entry_to_doc(account.member_id, e),
                        "event": event,
                        "closed_lots": [],
                        "holds": [],
                    }
                    for e, event in zip(change.entries if change else [], events, strict=True)
                ],
            }
            for account, change, events in opened
        ]
        try:
            self.accounts.insert_many(docs, ordered=False)
        except BulkWriteError as exc:
            failed = exc.details["writeErrors"]
            if any(error["code"] != DUPLICATE_KEY for error in failed):
                raise
            return {docs[error["index"]]["_id"] for error in failed}
        return set()

    # Purchase claims

    def claim_purchase(self, claim: PurchaseClaim) -> PurchaseClaim | None:
        """Inserts the claim; returns the claim that already holds its transaction id or
        its idempotency key instead."""
        doc = claim_to_doc(claim)
        existing = _claim(self.purchases, doc)
        if existing is None:
            faults.point("purchase-claimed")
            return None
        return claim_from_doc(
            existing or self.purchases.find_one({"idempotency": doc["idempotency"]})
        )

    def claim_return(self, claim: dict) -> dict | None:
        """Inserts a return's claim; returns the existing one if its return id is taken."""
        return _claim(self.returns, claim) or None

    def withdraw_return(self, key: str) -> None:
        self.returns.delete_one({"_id": key})

    def purchase(self, key: str) -> PurchaseClaim | None:
        doc = self.purchases.find_one({"_id": key})
        return claim_from_doc(doc) if doc else None

    def unapplied_purchases(self, claimed_before: datetime) -> list[PurchaseClaim]:
        query = {"applied": False, "claimed_at": {"$lt": claimed_before}}
        return [claim_from_doc(doc) for doc in self.purchases.find(query)]

    # Reading history

    def outbox(self, member_id: str) -> list[dict]:
        doc = self.accounts.find_one({"_id": member_id}, {"outbox": 1})
        return doc.get("outbox", []) if doc else []

    def entry(self, member_id: str, entry_id: str) -> Entry | None:
        for item in self.outbox(member_id):
            if item["entry"]["_id"] == entry_id:
                return entry_from_doc(item["entry"])
        doc = self.entries.find_one({"_id": entry_id, "member_id": member_id})
        return entry_from_doc(doc) if doc else None

    def entries_page(
        self, member_id: str, before_seq: int | None, limit: int, types: list[str]
    ) -> list[Entry]:
        """The member's newest entries (of `types`, when named) before `before_seq`: the
        relayed ones and those still waiting in the account's outbox alike (the outbox
        read first, as in all_entries_of, so an entry on its way is in one of them)."""
        waiting = [item["entry"] for item in self.outbox(member_id)]
        relayed: dict = {"member_id": member_id}
        if types:
            relayed["type"] = {"$in": types}
        if before_seq is not None:
            relayed["seq"] = {"$lt": before_seq}
        docs = list(self.entries.find(relayed).sort("seq", -1).limit(limit))
        seen = {doc["_id"] for doc in docs}
        for doc in waiting:
            if doc["_id"] in seen or (types and doc["type"] not in types):
                continue
            if before_seq is None or doc["seq"] < before_seq:
                docs.append(doc)
        docs.sort(key=lambda doc: doc["seq"], reverse=True)
        return [entry_from_doc(doc) for doc in docs[:limit]]

    def archived_lots(self, lot_ids: Iterable[str], member_id: str = "") -> dict[str, Lot]:
        """Closed lots, relayed or (for `member_id`) still in the account's outbox: a
        refund right after a redeem finds the lots the redeem closed before the relay ran."""
        wanted = set(lot_ids)
        # The outbox first: the relay copies a closed lot into `lots` before it takes it
        # out of the outbox, so read in this order a lot on its way is found in one.
        found = {}
        for item in self.outbox(member_id) if member_id else []:
            for lot in item.get("closed_lots", []):
                if lot["lot_id"] in wanted:
                    found[lot["lot_id"]] = lot_from_doc(lot)
        missing = list(wanted - set(found))
        if missing:
            for doc in self.lots.find({"_id": {"$in": missing}}):
                found[doc["_id"]] = lot_from_doc(doc)
        return found

    def resolved_hold(self, hold_id: str) -> tuple[str, Hold] | None:
        """A captured, released or expired hold, relayed or still in its account's outbox."""
        doc = self.holds.find_one({"_id": hold_id})
        if doc:
            return doc["member_id"], hold_from_doc(doc)
        account = self.accounts.find_one({"outbox.holds.hold_id": hold_id}, {"outbox": 1})
        for item in account["outbox"] if account else []:
            for hold in item["holds"]:
                if hold["hold_id"] == hold_id:
                    return account["_id"], hold_from_doc(hold)
        return None

    # The relay's writes

    def accounts_with_outbox(self, limit: int = 500) -> list[str]:
        return [doc["_id"] for doc in self.accounts.find(HAS_OUTBOX, {"_id": 1}).limit(limit)]

    def relay(self, member_ids: Iterable[str]) -> int:
        """Copies the outboxes of these accounts into the history collections and the event
        outbox, then removes what it copied: a handful of round trips for the whole batch.
        Every step is idempotent (keyed by ids), so a crash anywhere here is mended by
        running it again."""
        outboxes = {
            doc["_id"]: doc["outbox"]
            for doc in self.accounts.find(
                {"_id": {"$in": list(member_ids)}, **HAS_OUTBOX}, {"outbox": 1}
            )
        }
        items = [(member_id, item) for member_id, box in outboxes.items() for item in box]
        if not items:
            return 0
        entries = [item["entry"] for _, item in items]
        insert_new(self.entries, entries)
        queue_events(
            self.event_outbox,
            [
                (entry["_id"], item["event"], entry["created_at"])
                for entry, (_, item) in zip(entries, items, strict=True)
            ],
        )
        faults.point("relay-copied")
        for collection, key, field in (
            (self.lots, "lot_id", "closed_lots"),
            (self.holds, "hold_id", "holds"),
        ):
            _archive(
                collection,
                key,
                [(m, item["entry"]["seq"], doc) for m, item in items for doc in item[field]],
            )
        earned = [e["purchase_key"] for e in entries if e.get("purchase_key")]
        if earned:
            self.purchases.update_many({"_id": {"$in": earned}}, {"$set": {"applied": True}})
        # Entry ids are unique, so one pull of all of them removes exactly what was copied.
        self.accounts.update_many(
            {"_id": {"$in": list(outboxes)}},
            {"$pull": {"outbox": {"entry._id": {"$in": [e["_id"] for e in entries]}}}},
        )
        return len(entries)

    # Programme settings

    def programme(self) -> Programme:
        doc = self.settings.find_one({"_id": "programme"})
        return programme_from_doc(doc) if doc else Programme()

    def replace_programme(self, programme: Programme, expected_version: int) -> bool:
        doc = programme_to_doc(programme)
        if expected_version == 0:
            try:
                self.settings.insert_one({"_id": "programme", **doc})
                return True
            except DuplicateKeyError:
                return False
        updated = self.settings.find_one_and_update(
            {"_id": "programme", "version": expected_version},
            {"$set": doc},
            return_document=ReturnDocument.AFTER,
        )
        return updated is not None

    # Audit and reports

    def all_accounts(self) -> Iterable[Account]:
        for doc in self.accounts.find({}, {"outbox": 0}):
            yield account_from_doc(doc)

    def all_entries_of(self, member_id: str) -> list[Entry]:
        """Every entry of the account, relayed or still in its outbox. The outbox is read
        first: the relay copies an entry to `entries` before taking it out of the outbox,
        so one it moves between the two reads is found in `entries` (read the other way
        round, it was in neither, and an audit of the member saw a drift that was not)."""
        waiting = [item["entry"] for item in self.outbox(member_id)]
        docs = {doc["_id"]: doc for doc in self.entries.find({"member_id": member_id})}
        for entry in waiting:
            docs.setdefault(entry["_id"], entry)
        return _in_account_order(docs)

    def audit_batches(self, batch_size: int) -> Iterator[list[tuple[Account, list[Entry]]]]:
        """Every account with all its entries (relayed, or still in its outbox), in batches
        of `batch_size` accounts in _id order: one cursor over the accounts that fetches a
        batch a round trip, and one query a batch for the batch's relayed entries. Only the
        batch being read is held, whatever the number of accounts.

        A long read outlives a connection now and then (a failed heartbeat of the server
        cancels the operations in flight, a cursor times out): the read then resumes after
        the last account handed out, AUDIT_RETRIES times in a row at most, so each account
        is handed out once."""
        after = None  # the _id of the last account handed out
        failures = 0
        while True:
            query = {} if after is None else {"_id": {"$gt": after}}
            cursor = self.accounts.find(query).sort("_id", 1).batch_size(batch_size)
            try:
                while docs := _next_batch(cursor, batch_size):
                    batch = self._with_history(docs)
                    after, failures = docs[-1]["_id"], 0
                    del docs
                    yield batch
                return
            except (ConnectionFailure, CursorNotFound) as exc:
                failures += 1
                if failures > AUDIT_RETRIES:
                    raise
                log.warning("the audit's read failed (%s); resuming after %s", exc, after)
                time.sleep(self.audit_retry_seconds * 2 ** (failures - 1))
            finally:
                cursor.close()

    def _with_history(self, docs: list[dict]) -> list[tuple[Account, list[Entry]]]:
        """Each of these accounts (with their outboxes) with all its entries: the relayed
        ones in one query. Read after the accounts: the relay copies an entry into
        `entries` before it takes it out of the outbox, so every entry is in one or the
        other."""
        ids = [doc["_id"] for doc in docs]
        relayed: dict[str, dict] = {member_id: {} for member_id in ids}
        query = {"member_id": {"$in": ids}}
        for doc in self.entries.find(query).batch_size(ENTRIES_BATCH):
            relayed[doc["member_id"]][doc["_id"]] = doc
        batch = []
        for doc in docs:
            entries = relayed.pop(doc["_id"])
            for item in doc.get("outbox", []):
                entries.setdefault(item["entry"]["_id"], item["entry"])
            batch.append((account_from_doc(doc), _in_account_order(entries)))
        return batch

    def drop_unapplied_claim(self, key: str) -> None:
        """A purchase refused on a fresh read: its claim goes, so a retry is judged afresh."""
        self.purchases.delete_one({"_id": key, "applied": False})

    def entries_between(self, start: datetime, end: datetime) -> list[dict]:
        return list(self.entries.find({"created_at": {"$gte": start, "$lt": end}}))

    def accounts_with_pending_due(self, as_of: datetime, limit: int) -> list[str]:
        """Members with pending points spendable by `as_of` (at most `limit`; 0: all)."""
        due = {"pending": True, "available_at": {"$lte": as_of}}
        return self._due({"lots": {"$elemMatch": due}}, limit)

    def accounts_with_lots_expired(self, as_of: datetime, limit: int) -> list[str]:
        due = {"expires_at": {"$lte": as_of}, "remaining": {"$gt": 0}}
        return self._due({"lots": {"$elemMatch": due}}, limit)

    def accounts_with_holds_expired(self, as_of: datetime, limit: int) -> list[str]:
        return self._due({"holds": {"$elemMatch": {"expires_at": {"$lte": as_of}}}}, limit)

    def _due(self, query: dict, limit: int) -> list[str]:
        return [d["_id"] for d in self.accounts.find(query, {"_id": 1}).limit(limit or 0)]


def _next_batch(cursor, size: int) -> list[dict]:
    return list(itertools.islice(cursor, size))


def _in_account_order(docs: dict[str, dict]) -> list[Entry]:
    return sorted((entry_from_doc(d) for d in docs.values()), key=lambda e: e.account_version)


def _archive(collection, key: str, docs: list[tuple[str, int, dict]]) -> None:
    """Stores the latest state of closed lots or resolved holds: a refund can reopen and
    close a lot again, so a newer state (by the account version that closed it) replaces
    an older one, never the other way round, whichever relay writes first."""
    if not docs:
        return
    latest: dict[str, tuple[str, int, dict]] = {}
    for member, seq, doc in docs:
        if doc[key] not in latest or latest[doc[key]][1] <= seq:
            latest[doc[key]] = (member, seq, doc)
    writes = [
        ReplaceOne(
            {"_id": doc[key], "$or": [{"closed_seq": {"$lte": seq}}, {"closed_seq": None}]},
            {**doc, "_id": doc[key], "member_id": member, "closed_seq": seq},
            upsert=True,
        )
        for member, seq, doc in latest.values()
    ]
    try:
        collection.bulk_write(writes, ordered=False)
    except BulkWriteError as exc:  # a duplicate key: a newer state is there already
        if any(error["code"] != DUPLICATE_KEY for error in exc.details["writeErrors"]):
            raise


def _claim(collection, claim: dict) -> dict | None:
    """None when `claim` was inserted; else the document holding its _id ({} when another
    unique key than _id is taken)."""
    try:
        collection.insert_one(claim)
    except DuplicateKeyError:
        return collection.find_one({"_id": claim["_id"]}) or {}
    return None


def _new_account_fields(member_id: str, updated: dict) -> dict:
    """An empty account's fields, less those the same update sets or increments."""
    taken = {*updated, "version"}
    fresh = account_to_doc(Account(member_id))
    return {k: v for k, v in fresh.items() if k not in taken} | {"outbox": []}


# Documents <-> domain objects


def account_to_doc(account: Account) -> dict:
    return {
        "version": account.version,
        "status": account.status,
        "tier_code": account.tier_code,
        "earn_multiplier_bp": account.earn_multiplier_bp,
        "member_version": account.member_version,
        "lots": [lot_to_doc(lot) for lot in account.lots],
        "holds": [hold_to_doc(hold) for hold in account.holds],
        "debt": account.debt,
        "issued": account.issued,
        "redeemed": account.redeemed,
        "expired": account.expired,
        "reversed": account.reversed,
        "shortfall": account.shortfall,
        "purchases": account.purchases,
        "operations": {
            k: [op.fingerprint, op.entry_id, op.at] for k, op in account.operations.items()
        },
        "returns": account.returns,
        "refunded": account.refunded,
        "earned_by_period": account.earned_by_period,
        # Derived, stored for reports and the audit to compare against.
        "available": account.available,
        "pending": account.pending,
        "held": account.held,
    }


def account_from_doc(doc: dict) -> Account:
    return Account(
        member_id=doc["_id"],
        version=doc["version"],
        status=doc["status"],
        tier_code=doc["tier_code"],
        earn_multiplier_bp=doc["earn_multiplier_bp"],
        member_version=doc["member_version"],
        lots=[lot_from_doc(d) for d in doc["lots"]],
        holds=[hold_from_doc(d) for d in doc["holds"]],
        debt=doc["debt"],
        issued=doc["issued"],
        redeemed=doc["redeemed"],
        expired=doc["expired"],
        reversed=doc["reversed"],
        shortfall=doc["shortfall"],
        purchases=doc["purchases"],
        operations={k: Operation(*v) for k, v in doc["operations"].items()},
        returns=doc["returns"],
        refunded=doc["refunded"],
        earned_by_period=doc.get("earned_by_period", {}),
    )


_LOT_FIELDS = frozenset(f.name for f in dataclasses.fields(Lot))
_HOLD_FIELDS = frozenset(f.name for f in dataclasses.fields(Hold))
_ENTRY_FIELDS = frozenset(f.name for f in dataclasses.fields(Entry)) - {"entry_id"}

# Shallow copies: dataclasses.asdict deep-copies every value, and these run on every write.


def lot_to_doc(lot: Lot) -> dict:
    return dict(vars(lot))


def lot_from_doc(doc: dict) -> Lot:
    return Lot(**{k: v for k, v in doc.items() if k in _LOT_FIELDS})


def hold_to_doc(hold: Hold) -> dict:
    return {**vars(hold), "allocations": dict(hold.allocations)}


def hold_from_doc(doc: dict) -> Hold:
    return Hold(**{k: v for k, v in doc.items() if k in _HOLD_FIELDS})


def entry_to_doc(member_id: str, entry: Entry) -> dict:
    doc = dict(vars(entry))
    doc["_id"] = doc.pop("entry_id")
    doc["member_id"] = member_id
    doc["seq"] = entry.account_version
    if entry.type == "earn":
        doc["purchase_key"] = purchase_key(entry.partner_id, entry.transaction_id)
    return doc


def entry_from_doc(doc: dict) -> Entry:
    values = {k: v for k, v in doc.items() if k in _ENTRY_FIELDS}
    return Entry(entry_id=doc["_id"], **values)


def claim_to_doc(claim: PurchaseClaim) -> dict:
    purchase = claim.purchase
    doc = {
        "_id": claim.key,
        "fingerprint": claim.fingerprint,
        "member_id": purchase.member_id,
        "partner_id": purchase.partner_id,
        "store_id": purchase.store_id,
        "transaction_id": purchase.transaction_id,
        "amount_minor": purchase.amount_minor,
        "currency": purchase.currency,
        "lines": {
            line.line_id: {
                "sku": line.sku,
                "category": line.category,
                "quantity": line.quantity,
                "amount_minor": line.amount_minor,
            }
            for line in purchase.lines
        },
        "entry_id": claim.entry_id,
        "lot_id": claim.lot_id,
        "occurred_at": purchase.occurred_at,
        "available_at": claim.available_at,
        "expires_at": claim.expires_at,
        "applied": claim.applied,
        "claimed_at": claim.claimed_at,
    }
    if purchase.idempotency_key:
        doc["idempotency"] = f"{purchase.partner_id}/{purchase.idempotency_key}"
    return doc


def claim_from_doc(doc: dict) -> PurchaseClaim:
    idempotency = doc.get("idempotency", "")
    purchase = Purchase(
        member_id=doc["member_id"],
        partner_id=doc["partner_id"],
        store_id=doc["store_id"],
        transaction_id=doc["transaction_id"],
        amount_minor=doc["amount_minor"],
        currency=doc["currency"],
        occurred_at=doc["occurred_at"],
        lines=tuple(
            PurchaseLine(
                line_id,
                line.get("sku", ""),
                line.get("category", ""),
                line.get("quantity", 0),
                line["amount_minor"],
            )
            for line_id, line in doc["lines"].items()
        ),
        idempotency_key=idempotency.split("/", 1)[1] if idempotency else "",
    )
    return PurchaseClaim(
        purchase=purchase,
        fingerprint=doc["fingerprint"],
        entry_id=doc["entry_id"],
        lot_id=doc["lot_id"],
        available_at=doc["available_at"],
        expires_at=doc["expires_at"],
        claimed_at=doc["claimed_at"],
        applied=doc["applied"],
    )


def programme_to_doc(programme: Programme) -> dict:
    doc = dataclasses.asdict(programme)
    doc["base_rates"] = {
        c: [r.spend_unit_minor, r.points_per_unit] for c, r in programme.base_rates.items()
    }
    return doc


def programme_from_doc(doc: dict) -> Programme:
    values = {k: v for k, v in doc.items() if k != "_id"}
    values["base_rates"] = {c: BaseRate(*r) for c, r in values["base_rates"].items()}
    return Programme(**values)
