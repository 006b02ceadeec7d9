"""Sending: every due delivery gets one attempt at a time, whoever runs it.

A delivery is claimed with a lease (store.claim_due), attempted on its channel and
settled only by the holder of the lease, so two dispatchers (two pods, a job and the
loop) never attempt it at once. A failure is retried with backoff until max_attempts,
then dead-lettered for an operator. One gap remains by nature: a crash after the
provider accepted and before the outcome is recorded sends it again when the lease ends;
the delivery id travels as the e-mail's Message-ID and the webhook's Idempotency-Key so
the provider can drop that resend.
"""

from __future__ import annotations

import collections
import dataclasses
import logging
import random
import threading
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta

from prometheus_client import Counter

from common import clock
from common.clock import DEFAULT_TIME_ZONE, Clock
from common.loops import BackgroundLoop
from common.refusals import Refusal
from services.notifications.contacts.domain import Contact, Erased
from services.notifications.messages.domain import attempts, rules
from services.notifications.messages.domain.attempts import Delivered, GaveUp, Settlement
from services.notifications.messages.domain.delivery import (
    Delivery,
    DeliveryStatus,
    Outcome,
    Parcel,
    failed,
)
from services.notifications.messages.domain.message import CHANNEL_NAMES, values_for
from services.notifications.messages.domain.rules import DeliverySettings
from services.notifications.messages.domain.sources import Contacts, Sender, Templates
from services.notifications.messages.store import MessageStore
from services.notifications.templates.domain.catalogue import MessageType
from services.notifications.templates.domain.template import render

log = logging.getLogger("loyalty.notifications.dispatch")
ATTEMPTS = Counter(
    "loyalty_notification_attempts_total",
    "Delivery attempts, by channel and outcome",
    ["channel", "outcome"],
)
DEAD_LETTERS = Counter(
    "loyalty_notification_dead_letters_total",
    "Deliveries given up on (retries spent, no template), by channel",
    ["channel"],
)
LEASE = timedelta(minutes=2)
STRAGGLER_AGE = timedelta(seconds=30)
# How often a dispatcher sweeps for stragglers: every message passes through a sweep
# once, so a sweep handles the messages of this long in one go.
SWEEP_EVERY = timedelta(seconds=10)
SWEEP_BATCH = 500
DUE_QUERY_EVERY = timedelta(seconds=1)


@dataclasses.dataclass
class Tally:
    attempted: int = 0
    sent: int = 0
    deferred: int = 0
    failed: int = 0
    dead_lettered: int = 0
    more: bool = False


class Dispatcher:
    def __init__(
        self,
        store: MessageStore,
        contacts: Contacts,
        templates: Templates,
        channels: Mapping[int, Sender],
        settings: Callable[[], DeliverySettings],
        encode_delivered: Callable[[Delivered], tuple[str, bytes]],
        encode_failed: Callable[[GaveUp], tuple[str, bytes]],
        *,
        on_announced: Callable[[], None] = lambda: None,
        clock: Clock = clock.now,
        rng: random.Random | None = None,
        interval_seconds: float = 1.0,
    ) -> None:
        self.store = store
        self.contacts = contacts
        self.templates = templates  # to render a delivery that had no template when planned
        self.channels = channels
        self.settings = settings
        self.encode_delivered = encode_delivered  # (event id, envelope) of MessageDelivered
        self.encode_failed = encode_failed  # and of MessageFailed
        self.on_announced = on_announced  # an event is queued: the relay may take it
        self.clock = clock
        self.rng = rng or random.Random()  # noqa: S311 - jitter, not a secret
        self._sweep_lock = threading.Lock()
        self._next_sweep = datetime.min.replace(tzinfo=UTC)
        self._fresh: collections.deque[str] = collections.deque()
        self._next_due_query = datetime.min.replace(tzinfo=UTC)
        # The dispatcher run continuously: at once when a message is queued, and every
        # `interval_seconds` for the retries and deferrals that fall due.
        self.loop = BackgroundLoop(
            "dispatch", lambda kicked: self.run(kicked=kicked), interval_seconds=interval_seconds
        )

    def queued(self, delivery_ids: list[str]) -> None:
        """Deliveries just created in this process, attempted at once by the loop."""
        self.expect(delivery_ids)
        self.loop.kick()

    def expect(self, delivery_ids: list[str]) -> None:
        """Deliveries just created in this process: the next run claims each by its id
        (a read by key) before asking the store what else is due (a query over the queue,
        which then finds little), so a busy queue costs a key read per delivery."""
        self._fresh.extend(delivery_ids)

    def run(self, as_of: datetime | None = None, limit: int = 0, kicked: bool = False) -> Tally:
        """Attempts every delivery due at `as_of` (default now), at most `limit`.

        A run `kicked` (for new deliveries, which it claims by id) leaves the query over
        the queue (retries, deferrals) to a run at most DUE_QUERY_EVERY after the last
        one: under a steady stream of messages, one such query a second, not one per
        message."""
        now = self.clock()
        as_of = as_of or now
        self._sweep(now)
        tally = Tally()
        self._attempt_fresh(as_of, tally, limit)
        if kicked and now < self._next_due_query:
            return tally
        self._next_due_query = now + DUE_QUERY_EVERY
        while True:
            if limit and tally.attempted >= limit:
                tally.more = self.store.any_due(as_of)
                break
            token = uuid.uuid4().hex
            delivery = self.store.claim_due(as_of, self.clock(), self.clock() + LEASE, token)
            if delivery is None:
                break
            self._attempt(delivery, as_of, token, tally)
        return tally

    def _attempt_fresh(self, as_of: datetime, tally: Tally, limit: int) -> None:
        while self._fresh and not (limit and tally.attempted >= limit):
            delivery_id = self._fresh.popleft()
            token = uuid.uuid4().hex
            now = self.clock()
            # Due as of now, not as of the run's start: a message created while this run
            # works is due after that start, and would otherwise wait for the due query.
            due_by = max(as_of, now)
            delivery = self.store.claim_due(due_by, now, now + LEASE, token, delivery_id)
            # Not due (deferred) or another dispatcher's: the due query takes it in time.
            if delivery is not None:
                self._attempt(delivery, due_by, token, tally)

    def _sweep(self, now: datetime) -> None:
        """Copies the plans of messages older than STRAGGLER_AGE again, in case a crash
        fell between a message and its deliveries, and marks them done. Creating a
        message leaves that mark to this sweep: one write for many messages, instead of
        one more round trip for each. At most every SWEEP_EVERY per dispatcher."""
        with self._sweep_lock:
            if now < self._next_sweep:
                return
            self._next_sweep = now + SWEEP_EVERY
        while True:
            messages = self.store.unmaterialised(now - STRAGGLER_AGE, SWEEP_BATCH)
            if messages:
                self.store.materialise_all(messages)
            if len(messages) < SWEEP_BATCH:
                return

    def requeue(self, delivery_ids: list[str], actor: str, reason: str) -> list[Delivery]:
        """Dead letters back in the queue; all or none (NOT_FOUND, NOT_DEAD_LETTERED)."""
        found = {i: self.store.delivery(i) for i in delivery_ids}
        for delivery_id, delivery in found.items():
            if delivery is None:
                raise Refusal(
                    "not_found", "DELIVERY_NOT_FOUND", f"no delivery {delivery_id}", "delivery_ids"
                )
            if delivery.status != DeliveryStatus.DEAD_LETTERED:
                raise Refusal(
                    "precondition",
                    "NOT_DEAD_LETTERED",
                    f"delivery {delivery_id} is not dead-lettered",
                    "delivery_ids",
                )
        now = self.clock()
        detail = f"requeued by {actor}" + (f": {reason}" if reason else "")
        for delivery_id in delivery_ids:
            self.store.requeue(delivery_id, now, detail)
        self.expect(delivery_ids)
        requeued = [self.store.delivery(i) for i in delivery_ids]
        self.loop.kick()
        return requeued

    def _attempt(self, delivery: Delivery, as_of: datetime, token: str, tally: Tally) -> None:
        tally.attempted += 1
        settings = self.settings()
        try:
            # Usually the copy the message was created from a moment ago (contacts/service.py).
            contact = self.contacts.recent(delivery.member_id)
        except Erased:
            return self._settle(delivery, token, as_of, attempts.member_erased(delivery))
        if contact is None and not delivery.to:
            outcome = failed("no contact data")
            return self._record(delivery, token, as_of, outcome, None, settings, tally)
        time_zone = contact.time_zone if contact else DEFAULT_TIME_ZONE
        if rules.held_by_quiet_hours(delivery.category, delivery.channel):
            until = rules.quiet_until(settings, as_of, time_zone)
            if until:
                tally.deferred += 1
                return self._settle(delivery, token, as_of, attempts.held(delivery, until))
        content = None
        if not delivery.body:  # dead-lettered for want of a template, now retried
            content = self._content(delivery, contact, as_of)
            if content is None:
                tally.dead_lettered += 1
                return self._give_up(delivery, token, as_of, attempts.without_template(delivery))
        to = delivery.to or contact.address(delivery.channel)
        if not to:
            return self._settle(delivery, token, as_of, attempts.without_address(delivery))
        subject, body = content or (delivery.subject, delivery.body)
        outcome = self.channels[delivery.channel].send(
            Parcel(
                delivery.delivery_id, delivery.member_id, to, subject, body, delivery.message_type
            )
        )
        self._record(delivery, token, as_of, outcome, content, settings, tally)

    def _content(self, delivery: Delivery, contact: Contact | None, now: datetime):
        """(subject, body) for the delivery as its message is rendered now, or None
        without a template."""
        message = self.store.message(delivery.message_id)
        values = values_for(message.message_type, message.variables, contact, message.language, now)
        template = self.templates.resolve(message.message_type, message.language, delivery.channel)
        return render(template, values, delivery.channel) if template else None

    def _record(
        self,
        delivery: Delivery,
        token: str,
        as_of: datetime,
        outcome: Outcome,
        content: tuple[str, str] | None,
        settings: DeliverySettings,
        tally: Tally,
    ) -> None:
        channel = CHANNEL_NAMES[delivery.channel]
        ATTEMPTS.labels(channel, outcome.word).inc()
        settlement = attempts.attempted(delivery, outcome, content, settings, as_of, self.rng)
        if settlement.sent:
            tally.sent += 1
            if delivery.message_type == MessageType.SIGN_IN_CODE:
                self.store.forget_text(delivery.message_id)  # a code is a secret: not kept
            self._announce(
                Delivered(delivery, settlement.attempt, outcome.provider_message_id, as_of)
            )
        elif settlement.status == DeliveryStatus.DEAD_LETTERED:
            tally.dead_lettered += 1
        else:
            tally.failed += 1
        log.info(
            "delivery attempt",
            extra={
                "delivery_id": delivery.delivery_id,
                "channel": channel,
                "attempt": settlement.attempt,
                "outcome": outcome.word,
                "detail": outcome.detail,
            },
        )
        if settlement.status == DeliveryStatus.DEAD_LETTERED:
            self._give_up(delivery, token, as_of, settlement)
        else:
            self._settle(delivery, token, as_of, settlement)

    def _give_up(self, delivery: Delivery, token: str, as_of: datetime, settlement: Settlement):
        """MessageFailed, queued before the delivery is dead-lettered (as MessageDelivered
        before SENT), then the dead letter."""
        DEAD_LETTERS.labels(CHANNEL_NAMES[delivery.channel]).inc()
        gave_up = GaveUp(delivery, settlement.attempt, settlement.reason, as_of)
        event_id, envelope = self.encode_failed(gave_up)
        self.store.queue_event(event_id, envelope, as_of)
        self.on_announced()
        self._settle(delivery, token, as_of, settlement)

    def _settle(self, delivery: Delivery, token: str, as_of: datetime, settlement: Settlement):
        if not self.store.settle(delivery.delivery_id, token, settlement, as_of):
            log.warning("lease lost before settling", extra={"delivery_id": delivery.delivery_id})

    def _announce(self, delivered: Delivered) -> None:
        """MessageDelivered, queued before the delivery is marked SENT: a crash between
        the two resends (see the module comment) and the event id stays the same."""
        event_id, envelope = self.encode_delivered(delivered)
        self.store.queue_event(event_id, envelope, delivered.sent_at)
        self.on_announced()
