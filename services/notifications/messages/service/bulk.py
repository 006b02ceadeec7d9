"""Bulk sends by the CRM team: one message to every member of a segment, throttled.

A bulk send is a document that records how far it got (the segment page cursor and the
members processed); a runner works through it page by page. Each member's message has the
dedupe key "bulk:<id>:<member>", so a runner that crashed mid-page and a resumed
FAILED send pick up where they were and never send anyone the message twice. Consent,
caps and quiet hours are the Messenger's, as for any message.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
import uuid
from collections.abc import Callable
from datetime import timedelta

from common import clock
from common.clock import Clock
from common.loops import BackgroundLoop
from common.refusals import Refusal, key_reused
from services.notifications.messages.domain.bulk import (
    BulkProgress,
    BulkRequest,
    BulkSend,
    BulkSendState,
    bulk_send_id_of,
    dedupe_key,
)
from services.notifications.messages.domain.message import Outgoing
from services.notifications.messages.domain.rules import DeliverySettings
from services.notifications.messages.domain.sources import Upstream
from services.notifications.messages.service.sending import Messenger
from services.notifications.messages.store import BulkSendStore, MessageStore

log = logging.getLogger("loyalty.notifications.bulk")
LEASE = timedelta(minutes=2)
PAGE = 100


class BulkSends:
    def __init__(
        self,
        store: BulkSendStore,
        messages: MessageStore,
        messenger: Messenger,
        upstream: Upstream,
        settings: Callable[[], DeliverySettings],
        clock: Clock = clock.now,
        *,
        interval_seconds: float = 2.0,
    ) -> None:
        self.store = store
        self.messages = messages
        self.messenger = messenger
        self.upstream = upstream
        self.settings = settings
        self.clock = clock
        # Bulk sends worked through in the background: at once when one starts, and
        # every `interval_seconds` for scheduled ones that come due.
        self.runner = BackgroundLoop(
            "bulk-sends",
            lambda kicked: self.run_due(self.runner.stopping),
            interval_seconds=interval_seconds,
        )

    def start(self, request: BulkRequest, idempotency_key: str) -> tuple[BulkSend, bool]:
        """(the bulk send, replayed); a FAILED one started again with its key resumes.
        A rate of 0 is the delivery settings' bulk_rate_per_second."""
        if not request.rate_per_second:
            rate = self.settings().bulk_rate_per_second
            request = dataclasses.replace(request, rate_per_second=rate)
        fingerprint = request.fingerprint()
        existing = self.store.by_key(idempotency_key)
        if existing is None:
            page = self.upstream.segment_page(request.segment_id, "", "", 1)
            now = self.clock()
            bulk = BulkSend(
                bulk_send_id=bulk_send_id_of(idempotency_key),
                request=request,
                fingerprint=fingerprint,
                computation_id=page.computation_id,
                state=BulkSendState.SCHEDULED,
                scheduled_at=request.scheduled_at or now,
                created_at=now,
                members_total=page.total,
            )
            if not self.store.add(bulk, idempotency_key):
                # A twin request inserted it first: answer like it.
                return self.start(request, idempotency_key)
            self.runner.kick()
            return bulk, False
        if existing.fingerprint != fingerprint:
            raise key_reused("this idempotency key started a different bulk send")
        if existing.state == BulkSendState.FAILED:
            self.store.resume(existing.bulk_send_id)
            self.runner.kick()
        return self.get(existing.bulk_send_id), True

    def get(self, bulk_send_id: str) -> BulkSend:
        found = self.store.get(bulk_send_id)
        if found is None:
            raise Refusal("not_found", "BULK_SEND_NOT_FOUND", "no such bulk send", "bulk_send_id")
        return found

    def listing(self, states: list[int], skip: int, limit: int) -> list[BulkSend]:
        return self.store.listing(states, skip, limit)

    def progress(self, bulk_send_id: str) -> BulkProgress:
        """Deliveries of the bulk send per status."""
        return self.messages.bulk_progress(bulk_send_id)

    def cancel(self, bulk_send_id: str, actor: str, reason: str) -> BulkSend:
        cancelled = self.store.cancel(bulk_send_id, actor, reason, self.clock())
        if cancelled is None:
            self.get(bulk_send_id)  # NOT_FOUND if it does not exist
            raise Refusal(
                "precondition",
                "BULK_SEND_FINISHED",
                "the bulk send has already finished",
                "bulk_send_id",
            )
        return cancelled

    # The runner's side

    def run_due(self, stopping: threading.Event) -> int:
        """Works through every bulk send due now; returns the members processed."""
        processed = 0
        while not stopping.is_set() and (claimed := self._claim()):
            processed += self._run_page(claimed, stopping)
        return processed

    def _claim(self) -> BulkSend | None:
        now = self.clock()
        return self.store.claim(now, now + LEASE, uuid.uuid4().hex)

    def _run_page(self, bulk: BulkSend, stopping: threading.Event) -> int:
        if bulk.started_at is None:
            self.store.started(bulk, self.clock())
        try:
            page = self.upstream.segment_page(
                bulk.request.segment_id, bulk.computation_id, bulk.cursor, PAGE
            )
            self._send_page(bulk, page.member_ids, stopping)
        except Refusal as refusal:
            log.warning("bulk send failed", extra={"bulk_send_id": bulk.bulk_send_id})
            self.store.failed(bulk, refusal.message, self.clock())
            return 0
        if stopping.is_set():
            return 0  # the page is redone by whoever runs next; its dedupe keys hold
        self.store.advanced(bulk, page.next_cursor, len(page.member_ids), self.clock())
        return len(page.member_ids)

    def _send_page(self, bulk: BulkSend, member_ids: list[str], stopping: threading.Event):
        request = bulk.request
        started = time.monotonic()
        for index, member_id in enumerate(member_ids):
            # Throttle: member i goes no sooner than i / rate seconds into the page.
            stopping.wait(max(0.0, started + index / request.rate_per_second - time.monotonic()))
            if stopping.is_set() or (index % 10 == 9 and self._cancelled(bulk)):
                return
            out = Outgoing(
                dedupe_key=dedupe_key(bulk.bulk_send_id, member_id),
                member_id=member_id,
                message_type=request.message_type,
                actor=request.actor,
                variables=request.variables,
                channels=request.channels,
                category=request.category,
                bulk_send_id=bulk.bulk_send_id,
            )
            try:
                self.messenger.send(out, self.clock())
            except Refusal as refusal:  # unknown or erased member: nothing to send them
                log.info("bulk send skipped a member: %s", refusal.reason)

    def _cancelled(self, bulk: BulkSend) -> bool:
        return self.store.state(bulk.bulk_send_id) == BulkSendState.CANCELLED
