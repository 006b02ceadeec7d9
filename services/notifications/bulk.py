"""Bulk sends by the CRM team: one message to every member of a segment, throttled.

A bulk send is a document that records how far it got (the segment page cursor and the
members processed); a runner works through it page by page. Each member's message has the
dedupe key "bulk:<id>:<member>", so a runner that crashed mid-page and a resumed
FAILED send pick up where they were and never send anyone the message twice. Consent,
caps and quiet hours are the Messenger's, as for any message.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import uuid
from collections.abc import Callable
from datetime import timedelta

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from common import clock
from common.clock import Clock
from common.loops import BackgroundLoop
from common.refusals import Refusal
from loyalty.notifications.v1 import messages_pb2 as pb
from services.notifications.sending import Messenger, Outgoing
from services.notifications.storage import EPOCH, NotificationStore
from services.notifications.upstream import Upstream

log = logging.getLogger("loyalty.notifications.bulk")
ACTIVE = [pb.BULK_SEND_STATE_SCHEDULED, pb.BULK_SEND_STATE_RUNNING]
LEASE = timedelta(minutes=2)
PAGE = 100
STATUS_FIELDS = {
    pb.DELIVERY_STATUS_QUEUED: "queued",
    pb.DELIVERY_STATUS_SENT: "sent",
    pb.DELIVERY_STATUS_DEFERRED: "deferred",
    pb.DELIVERY_STATUS_SUPPRESSED: "suppressed",
    pb.DELIVERY_STATUS_FAILED: "failed",
    pb.DELIVERY_STATUS_DEAD_LETTERED: "dead_lettered",
}


class BulkSends:
    def __init__(
        self,
        store: NotificationStore,
        messenger: Messenger,
        upstream: Upstream,
        clock: Clock = clock.now,
    ) -> None:
        self.store = store
        self.bulk_sends = store.bulk_sends
        self.messenger = messenger
        self.upstream = upstream
        self.clock = clock
        self.on_start: Callable[[], None] = lambda: None

    def start(self, request: dict, idempotency_key: str) -> tuple[dict, bool]:
        """(the bulk send, replayed); a FAILED one started again with its key resumes."""
        fingerprint = _fingerprint(request)
        existing = self.bulk_sends.find_one({"idempotency_key": idempotency_key})
        if existing is None:
            computation, _ids, total, _next = self.upstream.segment_page(
                request["segment_id"], "", "", 1
            )
            now = self.clock()
            doc = {
                "_id": "b" + hashlib.sha256(idempotency_key.encode()).hexdigest()[:20],
                "idempotency_key": idempotency_key,
                "fingerprint": fingerprint,
                **request,
                "computation_id": computation,
                "state": pb.BULK_SEND_STATE_SCHEDULED,
                "scheduled_at": request.get("scheduled_at") or now,
                "members_total": total,
                "members_processed": 0,
                "cursor": "",
                "error": "",
                "created_at": now,
                "started_at": None,
                "finished_at": None,
                "lease_until": EPOCH,
            }
            try:
                self.bulk_sends.insert_one(doc)
            except DuplicateKeyError:  # a twin request inserted it first: answer like it
                return self.start(request, idempotency_key)
            self.on_start()
            return doc, False
        if existing["fingerprint"] != fingerprint:
            raise Refusal(
                "exists",
                "IDEMPOTENCY_KEY_REUSED",
                "this idempotency key started a different bulk send",
                "idempotency_key",
            )
        if existing["state"] == pb.BULK_SEND_STATE_FAILED:
            self.bulk_sends.update_one(
                {"_id": existing["_id"], "state": pb.BULK_SEND_STATE_FAILED},
                {"$set": {"state": pb.BULK_SEND_STATE_RUNNING, "error": ""}},
            )
            self.on_start()
        return self.get(existing["_id"]), True

    def get(self, bulk_send_id: str) -> dict:
        doc = self.bulk_sends.find_one({"_id": bulk_send_id})
        if doc is None:
            raise Refusal("not_found", "BULK_SEND_NOT_FOUND", "no such bulk send", "bulk_send_id")
        return doc

    def listing(self, states: list[int], skip: int, limit: int) -> list[dict]:
        query = {"state": {"$in": states}} if states else {}
        found = self.bulk_sends.find(query).sort([("created_at", -1), ("_id", -1)])
        return list(found.skip(skip).limit(limit))

    def progress(self, bulk_send_id: str) -> dict[str, int]:
        """Deliveries of the bulk send per status, as the BulkSend fields name them."""
        return {
            field: self.store.count_deliveries({"bulk_send_id": bulk_send_id, "status": status})
            for status, field in STATUS_FIELDS.items()
        }

    def cancel(self, bulk_send_id: str, actor: str, reason: str) -> dict:
        doc = self.bulk_sends.find_one_and_update(
            {"_id": bulk_send_id, "state": {"$in": ACTIVE}},
            {
                "$set": {
                    "state": pb.BULK_SEND_STATE_CANCELLED,
                    "finished_at": self.clock(),
                    "cancelled_by": actor,
                    "cancel_reason": reason,
                }
            },
            return_document=ReturnDocument.AFTER,
        )
        if doc is None:
            self.get(bulk_send_id)  # NOT_FOUND if it does not exist
            raise Refusal(
                "precondition",
                "BULK_SEND_FINISHED",
                "the bulk send has already finished",
                "bulk_send_id",
            )
        return doc

    # The runner's side

    def run_due(self, stopping: threading.Event) -> int:
        """Works through every bulk send due now; returns the members processed."""
        processed = 0
        while not stopping.is_set() and (claimed := self._claim()):
            processed += self._run_page(claimed, stopping)
        return processed

    def _claim(self) -> dict | None:
        now = self.clock()
        return self.bulk_sends.find_one_and_update(
            {
                "$or": [
                    {"state": pb.BULK_SEND_STATE_RUNNING},
                    {"state": pb.BULK_SEND_STATE_SCHEDULED, "scheduled_at": {"$lte": now}},
                ],
                "lease_until": {"$lte": now},
            },
            {
                "$set": {
                    "lease_until": now + LEASE,
                    "lease": uuid.uuid4().hex,
                    "state": pb.BULK_SEND_STATE_RUNNING,
                }
            },
            sort=[("scheduled_at", 1)],
            return_document=ReturnDocument.AFTER,
        )

    def _run_page(self, bulk: dict, stopping: threading.Event) -> int:
        if bulk["started_at"] is None:
            self._update(bulk, {"started_at": self.clock()})
        try:
            _c, member_ids, _t, next_cursor = self.upstream.segment_page(
                bulk["segment_id"], bulk["computation_id"], bulk["cursor"], PAGE
            )
            self._send_page(bulk, member_ids, stopping)
        except Refusal as refusal:
            log.warning("bulk send failed", extra={"bulk_send_id": bulk["_id"]})
            self._update(
                bulk,
                {
                    "state": pb.BULK_SEND_STATE_FAILED,
                    "error": refusal.message,
                    "lease_until": self.clock(),
                },
            )
            return 0
        if stopping.is_set():
            return 0  # the page is redone by whoever runs next; its dedupe keys hold
        done = {"state": pb.BULK_SEND_STATE_COMPLETED, "finished_at": self.clock()}
        self._update(
            bulk,
            {
                "cursor": next_cursor,
                "members_processed": bulk["members_processed"] + len(member_ids),
                "lease_until": self.clock(),
                **({} if next_cursor else done),
            },
        )
        return len(member_ids)

    def _send_page(self, bulk: dict, member_ids: list[str], stopping: threading.Event) -> None:
        started = time.monotonic()
        for index, member_id in enumerate(member_ids):
            # Throttle: member i goes no sooner than i / rate seconds into the page.
            stopping.wait(max(0.0, started + index / bulk["rate_per_second"] - time.monotonic()))
            if stopping.is_set() or (index % 10 == 9 and self._cancelled(bulk)):
                return
            out = Outgoing(
                dedupe_key=f"bulk:{bulk['_id']}:{member_id}",
                member_id=member_id,
                message_type=bulk["message_type"],
                actor=bulk["actor"],
                variables=bulk["variables"],
                channels=tuple(bulk["channels"]),
                category=bulk["category"],
                bulk_send_id=bulk["_id"],
            )
            try:
                self.messenger.send(out, self.clock())
            except Refusal as refusal:  # unknown or erased member: nothing to send them
                log.info("bulk send skipped a member: %s", refusal.reason)

    def _cancelled(self, bulk: dict) -> bool:
        doc = self.bulk_sends.find_one({"_id": bulk["_id"]}, {"state": 1})
        return doc["state"] == pb.BULK_SEND_STATE_CANCELLED

    def _update(self, bulk: dict, changes: dict) -> None:
        """Writes progress, unless the send was cancelled meanwhile (cancel wins)."""
        self.bulk_sends.update_one(
            {"_id": bulk["_id"], "lease": bulk["lease"], "state": pb.BULK_SEND_STATE_RUNNING},
            {"$set": changes},
        )


def _fingerprint(request: dict) -> str:
    return hashlib.sha256(repr(sorted(request.items())).encode()).hexdigest()


def bulk_runner(bulk_sends: BulkSends, interval_seconds: float = 2.0) -> BackgroundLoop:
    """Bulk sends worked through in the background: at once when one starts, and every
    `interval_seconds` for scheduled ones that come due."""
    loop = BackgroundLoop(
        "bulk-sends",
        lambda kicked: bulk_sends.run_due(loop.stopping),
        interval_seconds=interval_seconds,
    )
    bulk_sends.on_start = loop.kick
    return loop
