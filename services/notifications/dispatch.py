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
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from prometheus_client import Counter

from common import clock
from common import events as bus
from common.clock import DEFAULT_TIME_ZONE, Clock
from common.loops import BackgroundLoop
from common.outbox import queue_events
from common.refusals import Refusal
from loyalty.events.v1 import events_pb2
from loyalty.notifications.v1 import messages_pb2 as pb
from loyalty.notifications.v1 import templates_pb2
from services.notifications.channels import Outcome, Parcel
from services.notifications.contacts import ContactBook, Erased
from services.notifications.delivery import rules
from services.notifications.delivery.rules import DeliverySettings
from services.notifications.sending import CHANNEL_NAMES, Messenger, deferred, suppressed
from services.notifications.storage import DUE, NotificationStore

log = logging.getLogger("loyalty.notifications.dispatch")
ATTEMPTS = Counter(
    "loyalty_notification_attempts_total",
    "Delivery attempts, by channel and outcome",
    ["channel", "outcome"],
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
        store: NotificationStore,
        contacts: ContactBook,
        messenger: Messenger,
        channels: dict[int, object],
        settings: Callable[[], DeliverySettings],
        *,
        on_delivered: Callable[[], None] = lambda: None,
        clock: Clock = clock.now,
        rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self.contacts = contacts
        self.messenger = messenger
        self.channels = channels
        self.settings = settings
        self.on_delivered = on_delivered
        self.clock = clock
        self.rng = rng or random.Random()  # noqa: S311 - jitter, not a secret
        self._sweep_lock = threading.Lock()
        self._next_sweep = datetime.min.replace(tzinfo=UTC)
        self._fresh: collections.deque[str] = collections.deque()
        self._next_due_query = datetime.min.replace(tzinfo=UTC)

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
                tally.more = self.store.count_deliveries(_due(as_of)) > 0
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

    def requeue(self, delivery_ids: list[str], actor: str, reason: str) -> list[dict]:
        """Dead letters back in the queue; all or none (NOT_FOUND, NOT_DEAD_LETTERED)."""
        found = {i: self.store.delivery(i) for i in delivery_ids}
        for delivery_id, doc in found.items():
            if doc is None:
                raise Refusal(
                    "not_found", "DELIVERY_NOT_FOUND", f"no delivery {delivery_id}", "delivery_ids"
                )
            if doc["status"] != pb.DELIVERY_STATUS_DEAD_LETTERED:
                raise Refusal(
                    "precondition",
                    "NOT_DEAD_LETTERED",
                    f"delivery {delivery_id} is not dead-lettered",
                    "delivery_ids",
                )
        now = self.clock()
        detail = f"requeued by {actor}" + (f": {reason}" if reason else "")
        for delivery_id in delivery_ids:
            entry = {"at": now, "attempt": 0, "outcome": "requeued", "detail": detail}
            self.store.requeue(delivery_id, now, entry)
        self.expect(delivery_ids)
        return [self.store.delivery(i) for i in delivery_ids]

    def _attempt(self, delivery: dict, as_of: datetime, token: str, tally: Tally) -> None:
        tally.attempted += 1
        settings = self.settings()
        try:
            # Usually the copy the message was created from a moment ago (contacts.py).
            contact = self.contacts.recent(delivery["member_id"])
        except Erased:
            return self._settle(
                delivery,
                token,
                as_of,
                "suppressed",
                {**suppressed(pb.DELIVERY_REASON_MEMBER_ERASED), "subject": "", "body": ""},
            )
        if contact is None and not delivery["to"]:
            return self._retry(delivery, token, as_of, "no contact data", settings, tally)
        time_zone = contact.time_zone if contact else DEFAULT_TIME_ZONE
        if rules.held_by_quiet_hours(delivery["category"], delivery["channel"]):
            until = rules.quiet_until(settings, as_of, time_zone)
            if until:
                tally.deferred += 1
                return self._settle(
                    delivery,
                    token,
                    as_of,
                    "deferred",
                    deferred(until, pb.DELIVERY_REASON_QUIET_HOURS),
                )
        content = {}
        if not delivery["body"]:  # dead-lettered for want of a template, now retried
            rendered = self.messenger.content(
                self.store.message(delivery["message_id"]), delivery["channel"], contact, as_of
            )
            if rendered is None:
                tally.dead_lettered += 1
                return self._settle(
                    delivery, token, as_of, "no template", _dead(pb.DELIVERY_REASON_NO_TEMPLATE)
                )
            content = dict(zip(("subject", "body"), rendered, strict=True))
        to = delivery["to"] or contact.address(delivery["channel"])
        if not to:
            return self._settle(
                delivery, token, as_of, "no address", suppressed(pb.DELIVERY_REASON_NO_ADDRESS)
            )
        outcome = self.channels[delivery["channel"]].send(
            Parcel(
                delivery["_id"],
                delivery["member_id"],
                to,
                content.get("subject", delivery["subject"]),
                content.get("body", delivery["body"]),
                delivery["message_type"],
            )
        )
        self._record(delivery, token, as_of, outcome, content, settings, tally)

    def _record(self, delivery, token, as_of, outcome: Outcome, content, settings, tally):
        ATTEMPTS.labels(CHANNEL_NAMES[delivery["channel"]], _word(outcome)).inc()
        attempts = delivery["attempts"] + 1
        changes = {**content, "attempts": attempts, "detail": outcome.detail}
        if outcome.sent:
            tally.sent += 1
            changes.update(
                status=pb.DELIVERY_STATUS_SENT,
                reason=pb.DELIVERY_REASON_UNSPECIFIED,
                sent_at=as_of,
                next_attempt_at=None,
                provider_message_id=outcome.provider_message_id,
            )
            if delivery["message_type"] == templates_pb2.MESSAGE_TYPE_SIGN_IN_CODE:
                changes.update(body="", to="")  # a sign-in code is a secret: not kept
                self.store.forget_text(delivery["message_id"])
            self._announce(delivery, attempts, outcome, as_of)
        elif outcome.permanent:
            tally.dead_lettered += 1
            changes.update(_dead(pb.DELIVERY_REASON_PROVIDER_REJECTED))
        elif attempts >= settings.max_attempts:
            tally.dead_lettered += 1
            changes.update(_dead(pb.DELIVERY_REASON_MAX_ATTEMPTS))
        else:
            tally.failed += 1
            changes.update(
                status=pb.DELIVERY_STATUS_FAILED,
                reason=pb.DELIVERY_REASON_PROVIDER_ERROR,
                next_attempt_at=as_of + rules.retry_delay(settings, attempts, self.rng),
            )
        log.info(
            "delivery attempt",
            extra={
                "delivery_id": delivery["_id"],
                "channel": CHANNEL_NAMES[delivery["channel"]],
                "attempt": attempts,
                "outcome": _word(outcome),
                "detail": outcome.detail,
            },
        )
        self._settle(delivery, token, as_of, _word(outcome), changes, attempts)

    def _retry(self, delivery, token, as_of, detail, settings, tally) -> None:
        self._record(delivery, token, as_of, Outcome(False, detail), {}, settings, tally)

    def _settle(self, delivery, token, as_of, outcome, changes, attempt=None) -> None:
        entry = {
            "at": as_of,
            "attempt": attempt or delivery["attempts"],
            "outcome": outcome,
            "detail": changes.get("detail", ""),
        }
        if not self.store.settle(delivery["_id"], token, {**changes, "updated_at": as_of}, entry):
            log.warning("lease lost before settling", extra={"delivery_id": delivery["_id"]})

    def _announce(self, delivery: dict, attempts: int, outcome: Outcome, as_of: datetime):
        """MessageDelivered, queued before the delivery is marked SENT: a crash between
        the two resends (see the module comment) and the event id stays the same."""
        event = bus.envelope(
            "message.delivered",
            "notifications",
            delivery["member_id"],
            f"delivery:{delivery['_id']}",
            occurred_at=as_of,
            event_id=f"delivered-{delivery['_id']}",
            message_delivered=events_pb2.MessageDelivered(
                message_id=delivery["message_id"],
                delivery_id=delivery["_id"],
                channel=delivery["channel"],
                message_type=delivery["message_type"],
                category=delivery["category"],
                attempts=attempts,
                provider_message_id=outcome.provider_message_id,
                sent_at=bus.timestamp(as_of),
            ),
        )
        queue_events(self.store.event_outbox, [(event.event_id, event.SerializeToString(), as_of)])
        self.on_delivered()


def _dead(reason: int) -> dict:
    return {"status": pb.DELIVERY_STATUS_DEAD_LETTERED, "reason": reason, "next_attempt_at": None}


def _word(outcome: Outcome) -> str:
    return "sent" if outcome.sent else "rejected" if outcome.permanent else "failed"


def _due(as_of: datetime) -> dict:
    return {"status": {"$in": DUE}, "next_attempt_at": {"$lte": as_of}}


def dispatch_loop(dispatcher: Dispatcher, interval_seconds: float = 1.0) -> BackgroundLoop:
    """The dispatcher, run continuously: at once when a message is queued, and every
    `interval_seconds` for the retries and deferrals that fall due."""
    return BackgroundLoop(
        "dispatch", lambda kicked: dispatcher.run(kicked=kicked), interval_seconds=interval_seconds
    )
