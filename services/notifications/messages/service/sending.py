"""Creating a message: who gets it on which channel, when, and in which words.

A message is created once per dedupe key: its id derives from the key, its insert is the
one atomic step (and the dedupe check: a message already there refuses it), and
everything decided before it (channels, deferrals, the daily cap, rendering) is stored
in it as the plan of its deliveries. Sending is the dispatcher's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime

from common.refusals import Refusal, key_reused
from services.notifications.contacts.domain import Channel, Contact, Erased
from services.notifications.messages.domain import message as plans
from services.notifications.messages.domain import rules
from services.notifications.messages.domain.delivery import (
    Delivery,
    DeliveryReason,
    DeliveryStatus,
    suppressed,
)
from services.notifications.messages.domain.message import Message, Outgoing, message_id_of
from services.notifications.messages.domain.rules import Decision, DeliverySettings
from services.notifications.messages.domain.sources import Contacts, Templates
from services.notifications.messages.store import MessageStore
from services.notifications.templates.domain import catalogue
from services.notifications.templates.domain.catalogue import Category
from services.notifications.templates.domain.template import check_given, render


class Messenger:
    def __init__(
        self,
        store: MessageStore,
        contacts: Contacts,
        templates: Templates,
        settings: Callable[[], DeliverySettings],
        on_queued: Callable[[list[str]], None],
    ) -> None:
        self.store = store
        self.contacts = contacts
        self.templates = templates
        self.settings = settings
        self.on_queued = on_queued  # the ids of the deliveries just planned

    def send(self, out: Outgoing, now: datetime) -> tuple[Message, list[Delivery], bool]:
        """(message, deliveries, replayed)."""
        message_id = message_id_of(out.dedupe_key)
        category = catalogue.category_of(out.message_type, out.category)
        if category == Category.MARKETING:
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
        self.on_queued([delivery.delivery_id for delivery in message.plan])
        return message, list(message.plan), False

    def resend(
        self,
        message_id: str,
        idempotency_key: str,
        actor: str,
        channels: tuple[Channel, ...],
        now: datetime,
    ) -> tuple[Message, list[Delivery], bool]:
        """The message sent again as a new one, through `send` (so today's template, the
        member's contact and consents now, the daily cap); (message, deliveries, replayed)."""
        original = self.store.message(message_id)
        if original is None:
            raise Refusal("not_found", "MESSAGE_NOT_FOUND", "no such message", "message_id")
        out = plans.resend_of(original, idempotency_key, actor, channels)
        message, deliveries, replayed = self.send(out, now)
        if replayed and message.fingerprint != out.fingerprint():
            raise key_reused("this idempotency key resent this message on other channels")
        return message, deliveries, replayed

    def _message(self, message_id: str, out: Outgoing, category: Category, now: datetime):
        """The message, its deliveries planned for the member as they are now."""
        contact = self._contact(out)
        language = out.language or contact.language
        values = plans.values_for(out.message_type, out.variables, contact, language, now)
        plan = [
            self._delivery(message_id, decision, out, category, contact, language, values, now)
            for decision in plans.decisions(out, contact, category)
        ]
        if category == Category.MARKETING:
            plan = self._under_daily_cap(plan, contact, message_id)
        return Message(
            message_id=message_id,
            dedupe_key=out.dedupe_key,
            fingerprint=out.fingerprint(),
            member_id=out.member_id,
            message_type=out.message_type,
            category=category,
            language=language,
            variables=out.variables,
            source_event_id=out.source_event_id,
            bulk_send_id=out.bulk_send_id,
            actor=out.actor,
            created_at=now,
            plan=tuple(plan),
            resent_from=out.resent_from,
        )

    def _replay(self, existing: Message, out: Outgoing):
        if out.strict and existing.fingerprint != out.fingerprint():
            raise key_reused("this idempotency key was used for a different message")
        if not existing.materialised:  # a crash may have come before its deliveries
            self.store.materialise(existing)
        return existing, self.store.deliveries_of(existing.message_id), True

    def _contact(self, out: Outgoing) -> Contact:
        try:
            contact = self.contacts.get(out.member_id)
        except Erased:
            raise Refusal("precondition", "MEMBER_ERASED", "the member was erased") from None
        if out.sign_in and out.to_phone:
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

    def _delivery(
        self,
        message_id: str,
        decision: Decision,
        out: Outgoing,
        category: Category,
        contact: Contact,
        language: str,
        values: dict[str, str],
        now: datetime,
    ) -> Delivery:
        delivery = plans.planned(message_id, decision, out, category, contact, now)
        if delivery.status != DeliveryStatus.QUEUED:
            return delivery
        if category == Category.MARKETING and contact.blocked:
            return suppressed(delivery, DeliveryReason.MEMBER_BLOCKED)
        template = self.templates.resolve(out.message_type, language, decision.channel)
        if template is None:
            return plans.without_template(delivery, language)
        if out.strict:
            check_given(template, values)
        subject, body = render(template, values, decision.channel)
        delivery = dataclasses.replace(delivery, subject=subject, body=body)
        due = max(now, out.not_before or now)
        until = None
        if rules.held_by_quiet_hours(category, decision.channel):
            until = rules.quiet_until(self.settings(), due, contact.time_zone)
        return plans.timed(delivery, due, until, now)

    def _under_daily_cap(self, plan: list[Delivery], contact: Contact, message_id: str):
        day = rules.capped_day(plan, contact.time_zone)
        if day is None:
            return plan
        cap = self.settings().marketing_daily_cap
        if self.store.count_marketing(contact.member_id, day, message_id, cap):
            return plan
        return rules.over_cap(plan, cap, day)
