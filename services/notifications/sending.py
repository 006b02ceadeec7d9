"""Creating a message: who gets it on which channel, when, and in which words.

A message is created once per dedupe key: its id derives from the key, its insert is the
one atomic step (and the dedupe check: a message already there refuses it), and
everything decided before it (channels, deferrals, the daily cap, rendering) is stored
in it as the plan of its deliveries. Sending is the dispatcher's.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from datetime import datetime

from common.refusals import Refusal
from loyalty.common.v1 import common_pb2
from loyalty.notifications.v1 import messages_pb2 as pb
from loyalty.notifications.v1 import templates_pb2
from services.notifications.contacts import ContactBook, Erased
from services.notifications.delivery import rules
from services.notifications.delivery.rules import Contact, DeliverySettings
from services.notifications.library import TemplateLibrary, render, required_variables
from services.notifications.storage import EPOCH
from services.notifications.templates import catalogue

SIGN_IN = templates_pb2.MESSAGE_TYPE_SIGN_IN_CODE
CHANNEL_NAMES = {
    value: name.removeprefix("CHANNEL_").lower() for name, value in common_pb2.Channel.items()
}


@dataclasses.dataclass(frozen=True)
class Outgoing:
    """A message someone wants sent (a request, an event's trigger, a job, a bulk send)."""

    dedupe_key: str
    member_id: str
    message_type: int
    actor: str
    variables: dict[str, str] = dataclasses.field(default_factory=dict)
    channels: tuple[int, ...] = ()
    category: int = 0
    language: str = ""
    not_before: datetime | None = None
    to_phone: str = ""
    source_event_id: str = ""
    bulk_send_id: str = ""
    # A client's request: variables the template needs must be given.
    strict: bool = False

    def fingerprint(self) -> str:
        fields = dataclasses.asdict(self)
        for ignored in ("actor", "strict", "source_event_id"):
            fields.pop(ignored)
        return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def message_id_of(dedupe_key: str) -> str:
    return "m" + hashlib.sha256(dedupe_key.encode()).hexdigest()[:24]


class Messenger:
    def __init__(
        self,
        contacts: ContactBook,
        library: TemplateLibrary,
        settings: Callable[[], DeliverySettings],
        on_queued: Callable[[list[str]], None] = lambda delivery_ids: None,
    ) -> None:
        self.contacts = contacts
        self.library = library
        self.settings = settings
        self.on_queued = on_queued
        self.store = library.store

    def send(self, out: Outgoing, now: datetime) -> tuple[dict, list[dict], bool]:
        """(message, deliveries, replayed)."""
        message_id = message_id_of(out.dedupe_key)
        category = catalogue.category_of(out.message_type, out.category)
        if category == rules.MARKETING:
            # Its plan counts it against the member's daily cap: a replay (perhaps on
            # another day) must be found before that, not counted again.
            existing = self.store.message(message_id)
            if existing is not None:
                return self._replay(existing, out)
        try:
            message = self._message(message_id, out, category, now)
        except Refusal:
            # A replay answers with its message, whatever would refuse a new one now (the
            # member erased since, a template now asking for more).
            existing = self.store.message(message_id)
            if existing is None:
                raise
            return self._replay(existing, out)
        # The insert is the dedupe check: the id derives from the dedupe key, so a
        # message already there (a replay or a concurrent twin) refuses it.
        if not self.store.add_message(message):
            return self._replay(self.store.message(message_id), out)
        self.store.materialise(message)
        self.on_queued([delivery["_id"] for delivery in message["plan"]])
        return message, message["plan"], False

    def _message(self, message_id: str, out: Outgoing, category: int, now: datetime) -> dict:
        """The message document, its deliveries planned for the member as they are now."""
        contact = self._contact(out)
        language = out.language or contact.language
        values = self.values(out, contact, language, now)
        plan = [
            self._delivery(message_id, decision, out, category, contact, language, values, now)
            for decision in self._decisions(out, contact, category)
        ]
        if category == rules.MARKETING:
            self._apply_daily_cap(plan, contact, message_id)
        return {
            "_id": message_id,
            "dedupe_key": out.dedupe_key,
            "fingerprint": out.fingerprint(),
            "member_id": out.member_id,
            "message_type": out.message_type,
            "category": category,
            "language": language,
            "variables": out.variables,
            "source_event_id": out.source_event_id,
            "bulk_send_id": out.bulk_send_id,
            "actor": out.actor,
            "created_at": now,
            "plan": plan,
            # Set by the dispatcher's sweep once the plan is surely in `deliveries`.
            "materialised": False,
        }

    def content(self, message: dict, channel: int, contact: Contact, now: datetime):
        """(subject, body) for a delivery of `message`, or None without a template."""
        out = Outgoing("", message["member_id"], message["message_type"], "", message["variables"])
        values = self.values(out, contact, message["language"], now)
        template = self.library.resolve(message["message_type"], message["language"], channel)
        return render(template, values, channel) if template else None

    def _replay(self, existing: dict, out: Outgoing):
        if out.strict and existing["fingerprint"] != out.fingerprint():
            raise Refusal(
                "exists",
                "IDEMPOTENCY_KEY_REUSED",
                "this idempotency key was used for a different message",
                "idempotency_key",
            )
        if not existing.get("materialised"):  # a crash may have come before its deliveries
            self.store.materialise(existing)
        return existing, self.store.deliveries_of(existing["_id"]), True

    def _contact(self, out: Outgoing) -> Contact:
        try:
            contact = self.contacts.get(out.member_id)
        except Erased:
            raise Refusal("precondition", "MEMBER_ERASED", "the member was erased") from None
        if out.message_type == SIGN_IN and out.to_phone:
            base = contact or Contact(member_id=out.member_id)
            return dataclasses.replace(base, phone=out.to_phone)
        if contact is None:
            raise Refusal(
                "precondition",
                "MEMBER_UNKNOWN",
                "no contact data for this member yet (their enrolment event has not arrived)",
                "member_id",
            )
        return contact

    def values(self, out: Outgoing, contact: Contact, language: str, now: datetime):
        member_data = {
            "name": contact.name,
            "tier": contact.tier.get(language) or contact.tier.get("vi", ""),
            "today": rules.local_day(now, contact.time_zone),
        }
        try:
            return catalogue.formatted(
                out.message_type, {**out.variables, **member_data}, language, contact.time_zone
            )
        except ValueError as exc:
            field = str(exc).split(":", 1)[0]
            raise Refusal("invalid", "BAD_VARIABLE", str(exc), field) from None

    def _decisions(self, out: Outgoing, contact: Contact, category: int):
        if out.message_type == SIGN_IN:
            return [rules.Decision(rules.SMS, pb.DELIVERY_STATUS_QUEUED)]
        return rules.channels_for(contact, category, out.channels)

    def _delivery(self, message_id, decision, out, category, contact, language, values, now):
        doc = {
            "_id": f"{message_id}-{CHANNEL_NAMES[decision.channel]}",
            "message_id": message_id,
            "member_id": out.member_id,
            "message_type": out.message_type,
            "category": category,
            "channel": decision.channel,
            "status": decision.status,
            "reason": decision.reason,
            "detail": "",
            "attempts": 0,
            "next_attempt_at": None,
            "address": rules.mask(decision.channel, contact.address(decision.channel)),
            "to": out.to_phone if out.message_type == SIGN_IN else "",
            "subject": "",
            "body": "",
            "provider_message_id": "",
            "created_at": now,
            "updated_at": now,
            "sent_at": None,
            "attempt_log": [],
            "lease_until": EPOCH,
            "bulk_send_id": out.bulk_send_id,
        }
        if decision.status != pb.DELIVERY_STATUS_QUEUED:
            return doc
        if category == rules.MARKETING and contact.blocked:
            return {**doc, **suppressed(pb.DELIVERY_REASON_MEMBER_BLOCKED)}
        template = self.library.resolve(out.message_type, language, decision.channel)
        if template is None:
            return {
                **doc,
                "status": pb.DELIVERY_STATUS_DEAD_LETTERED,
                "reason": pb.DELIVERY_REASON_NO_TEMPLATE,
                "detail": f"no template for this type in {language} or vi on this channel",
            }
        if out.strict:
            _check_given(template, values)
        doc["subject"], doc["body"] = render(template, values, decision.channel)
        return {**doc, **self._timing(out, category, decision.channel, contact, now)}

    def _timing(self, out: Outgoing, category: int, channel: int, contact: Contact, now):
        due = max(now, out.not_before or now)
        if rules.held_by_quiet_hours(category, channel):
            until = rules.quiet_until(self.settings(), due, contact.time_zone)
            if until:
                return deferred(until, pb.DELIVERY_REASON_QUIET_HOURS)
        if due > now:
            return deferred(due, pb.DELIVERY_REASON_SCHEDULED)
        return {"next_attempt_at": now}

    def _apply_daily_cap(self, plan: list[dict], contact: Contact, message_id: str) -> None:
        live = [d for d in plan if d["next_attempt_at"] is not None]
        if not live:
            return
        day = rules.local_day(min(d["next_attempt_at"] for d in live), contact.time_zone)
        cap = self.settings().marketing_daily_cap
        if not self.store.count_marketing(contact.member_id, day, message_id, cap):
            for delivery in live:
                delivery.update(suppressed(pb.DELIVERY_REASON_DAILY_CAP))
                delivery["detail"] = f"{cap} marketing messages already on {day}"


def suppressed(reason: int) -> dict:
    return {"status": pb.DELIVERY_STATUS_SUPPRESSED, "reason": reason, "next_attempt_at": None}


def deferred(until: datetime, reason: int) -> dict:
    return {"status": pb.DELIVERY_STATUS_DEFERRED, "reason": reason, "next_attempt_at": until}


def _check_given(template: dict, values: dict[str, str]) -> None:
    missing = sorted(name for name in required_variables(template) if not values.get(name))
    if missing:
        raise Refusal(
            "invalid",
            "VARIABLES_MISSING",
            "the template needs " + ", ".join(f"{{{name}}}" for name in missing),
            "variables",
        )
