"""A message: one communication to one member, created once per dedupe key, carrying the
plan of its deliveries (one per channel) as decided when it was created."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from datetime import datetime

from common.refusals import Refusal
from services.notifications.contacts.domain import Channel, Contact
from services.notifications.messages.domain import rules
from services.notifications.messages.domain.delivery import (
    Delivery,
    DeliveryReason,
    DeliveryStatus,
    deferred,
)
from services.notifications.messages.domain.rules import Decision
from services.notifications.templates.domain import catalogue
from services.notifications.templates.domain.catalogue import Category, MessageType

CHANNEL_NAMES = {channel: channel.name.lower() for channel in Channel}


@dataclasses.dataclass(frozen=True)
class Outgoing:
    """A message someone wants sent (a request, an event's trigger, a job, a bulk send)."""

    dedupe_key: str
    member_id: str
    message_type: MessageType
    actor: str
    variables: dict[str, str] = dataclasses.field(default_factory=dict)
    channels: tuple[Channel, ...] = ()
    category: Category = Category.UNSPECIFIED
    language: str = ""
    not_before: datetime | None = None
    to_phone: str = ""
    source_event_id: str = ""
    bulk_send_id: str = ""
    # A client's request: variables the template needs must be given.
    strict: bool = False
    # A resend: the message it sends again.
    resent_from: str = ""

    def fingerprint(self) -> str:
        fields = dataclasses.asdict(self)
        for ignored in ("actor", "strict", "source_event_id"):
            fields.pop(ignored)
        return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()

    @property
    def sign_in(self) -> bool:
        return self.message_type == MessageType.SIGN_IN_CODE


@dataclasses.dataclass(frozen=True)
class Message:
    message_id: str
    dedupe_key: str
    fingerprint: str
    member_id: str
    message_type: MessageType
    category: Category
    language: str
    variables: dict[str, str]
    source_event_id: str
    bulk_send_id: str
    actor: str
    created_at: datetime
    plan: tuple[Delivery, ...]
    # Set by the dispatcher's sweep once the plan is surely in the deliveries.
    materialised: bool = False
    resent_from: str = ""


def message_id_of(dedupe_key: str) -> str:
    return "m" + hashlib.sha256(dedupe_key.encode()).hexdigest()[:24]


def resend_of(
    original: Message, idempotency_key: str, actor: str, channels: tuple[Channel, ...]
) -> Outgoing:
    """The message `original` sent, to send again as a new message: its member, type,
    category, language and variables, on `channels` (each one the original went on;
    none: all of them). Rendering, consents and the cap are the new send's, as of now."""
    if original.message_type == MessageType.SIGN_IN_CODE:
        # A code is good once, for minutes: sending it again would only spread it.
        raise Refusal(
            "precondition", "SIGN_IN_CODE", "a sign-in code is never sent again", "message_id"
        )
    if not original.plan:
        # Only an erasure (or a sent sign-in code) empties a plan (store.FORGOTTEN_TEXT),
        # and with it the variables: there is nothing left to send again.
        raise Refusal(
            "precondition",
            "MEMBER_ERASED",
            "the member was erased: their messages' variables are forgotten",
            "message_id",
        )
    sent_on = tuple(dict.fromkeys(delivery.channel for delivery in original.plan))
    others = [CHANNEL_NAMES[channel].upper() for channel in channels if channel not in sent_on]
    if others:
        raise Refusal(
            "invalid",
            "CHANNEL_NOT_SENT",
            f"the message was not sent on {', '.join(others)}",
            "channels",
        )
    return Outgoing(
        # Derived from the original and the key: a retry of this resend is a replay.
        dedupe_key=f"resend:{original.message_id}:{idempotency_key}",
        member_id=original.member_id,
        message_type=original.message_type,
        actor=actor,
        variables=dict(original.variables),
        channels=tuple(dict.fromkeys(channels)) or sent_on,
        category=original.category,
        language=original.language,
        resent_from=original.message_id,
    )


def values_for(
    message_type: int,
    variables: Mapping[str, str],
    contact: Contact,
    language: str,
    now: datetime,
) -> dict[str, str]:
    """The values a template renders for the member (templates' catalogue)."""
    return catalogue.for_member(
        message_type,
        variables,
        name=contact.name,
        tier=contact.tier_name(language),
        language=language,
        time_zone=contact.time_zone,
        now=now,
    )


def decisions(out: Outgoing, contact: Contact, category: int) -> list[Decision]:
    """A sign-in code goes by SMS (to the phone given, if any); anything else as the
    delivery rules choose."""
    if out.sign_in:
        return [Decision(Channel.SMS, DeliveryStatus.QUEUED)]
    return rules.channels_for(contact, category, out.channels)


def planned(
    message_id: str,
    decision: Decision,
    out: Outgoing,
    category: Category,
    contact: Contact,
    now: datetime,
) -> Delivery:
    """The delivery `decision` makes, before its words and its timing."""
    return Delivery(
        delivery_id=f"{message_id}-{CHANNEL_NAMES[decision.channel]}",
        message_id=message_id,
        member_id=out.member_id,
        message_type=out.message_type,
        category=category,
        channel=decision.channel,
        status=decision.status,
        reason=decision.reason,
        created_at=now,
        updated_at=now,
        address=rules.mask(decision.channel, contact.address(decision.channel)),
        to=out.to_phone if out.sign_in else "",
        bulk_send_id=out.bulk_send_id,
    )


def without_template(delivery: Delivery, language: str) -> Delivery:
    return dataclasses.replace(
        delivery,
        status=DeliveryStatus.DEAD_LETTERED,
        reason=DeliveryReason.NO_TEMPLATE,
        detail=f"no template for this type in {language} or vi on this channel",
    )


def timed(
    delivery: Delivery, due: datetime, quiet_until: datetime | None, now: datetime
) -> Delivery:
    """Due now, or deferred: to the end of the member's quiet hours (`quiet_until`, when
    they hold the delivery back), or to the time the sender asked for (`due`)."""
    if quiet_until:
        return deferred(delivery, quiet_until, DeliveryReason.QUIET_HOURS)
    if due > now:
        return deferred(delivery, due, DeliveryReason.SCHEDULED)
    return dataclasses.replace(delivery, next_attempt_at=now)
