"""MessagesService over gRPC: checks and translates; sending, dispatching, bulk sends and
jobs are the use cases' (messages/service), the contact copy the contacts'."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import datetime, timedelta

from common import events as bus
from common.grpc_errors import answering_refusals
from common.paging import next_offset, offset_page
from common.refusals import Refusal
from common.validation import Checks
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import members_pb2
from loyalty.notifications.v1 import messages_pb2 as pb
from loyalty.notifications.v1 import messages_pb2_grpc
from services.notifications.contacts.domain import Channel, ContactCopy
from services.notifications.contacts.service import ContactBook
from services.notifications.messages.domain.bulk import BulkRequest, BulkSend
from services.notifications.messages.domain.delivery import Delivery
from services.notifications.messages.domain.message import Message, Outgoing
from services.notifications.messages.domain.rules import DeliverySettings, parse_clock
from services.notifications.messages.service.bulk import BulkSends
from services.notifications.messages.service.dispatch import Dispatcher
from services.notifications.messages.service.log import DeliveryLog
from services.notifications.messages.service.policy import DeliveryPolicy
from services.notifications.messages.service.scheduled import ScheduledSends
from services.notifications.messages.service.sending import Messenger
from services.notifications.templates.domain import catalogue
from services.notifications.templates.domain.catalogue import Category, MessageType

DOMAIN = "loyalty.notifications.v1"
E164 = re.compile(r"\+[1-9][0-9]{7,14}\Z")
CHANNELS = set(Channel)
BULK_TYPES = {MessageType.MARKETING, MessageType.WIN_BACK, MessageType.GENERIC}
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}")  # a template's {name}, {points} ...
# A bulk send scheduled a little before now (a form filled slowly, clocks apart) goes now.
SCHEDULE_GRACE = timedelta(minutes=5)
CATEGORIES = {Category.TRANSACTIONAL, Category.MARKETING}
rpc = answering_refusals(DOMAIN)


class MessagesServicer(messages_pb2_grpc.MessagesServiceServicer):
    def __init__(
        self,
        *,
        messenger: Messenger,
        log: DeliveryLog,
        dispatcher: Dispatcher,
        bulk: BulkSends,
        scheduled: ScheduledSends,
        policy: DeliveryPolicy,
        contacts: ContactBook,
        clock: Callable[[], datetime],
    ) -> None:
        self.messenger = messenger
        self.log = log
        self.dispatcher = dispatcher
        self.bulk = bulk
        self.scheduled = scheduled
        self.policy = policy
        self.contacts = contacts
        self.clock = clock

    @rpc
    def SendMessage(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("idempotency_key", request.idempotency_key)
        checks.text("member_id", request.member_id)
        checks.text("actor", request.actor)
        _check_kind(checks, request.message_type, request.category)
        _check_channels(checks, request.channels)
        if request.to_phone and checks.check(
            request.message_type == MessageType.SIGN_IN_CODE,
            "to_phone",
            "is only for SIGN_IN_CODE messages",
        ):
            checks.check(bool(E164.match(request.to_phone)), "to_phone", "is not E.164")
        _check_variables(checks, request.variables)
        checks.check(request.language in ("", "vi", "en"), "language", 'must be "vi" or "en"')
        checks.done()
        out = Outgoing(
            dedupe_key=f"key:{request.idempotency_key}",
            member_id=request.member_id,
            message_type=MessageType(request.message_type),
            actor=request.actor,
            variables=dict(request.variables),
            channels=tuple(Channel(channel) for channel in request.channels),
            category=Category(request.category),
            language=request.language,
            not_before=bus.instant(request, "not_before"),
            to_phone=request.to_phone,
            strict=True,
        )
        message, deliveries, replayed = self.messenger.send(out, self.clock())
        return pb.SendMessageResponse(
            message=message_message(message, deliveries), replayed=replayed
        )

    @rpc
    def ResendMessage(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("message_id", request.message_id)
        checks.text("idempotency_key", request.idempotency_key)
        checks.text("actor", request.actor)
        _check_channels(checks, request.channels)
        checks.done()
        message, deliveries, replayed = self.messenger.resend(
            request.message_id,
            request.idempotency_key,
            request.actor,
            tuple(Channel(channel) for channel in request.channels),
            self.clock(),
        )
        return pb.ResendMessageResponse(
            message=message_message(message, deliveries), replayed=replayed
        )

    @rpc
    def GetMessage(self, request, context):
        message, deliveries = self.log.message(request.message_id)
        return pb.GetMessageResponse(message=message_message(message, deliveries))

    @rpc
    def ListDeliveries(self, request, context):
        checks = Checks(DOMAIN)
        subject = request.WhichOneof("subject")
        checks.check(
            bool(subject and getattr(request, subject)), "subject", "give message_id or member_id"
        )
        skip, size = offset_page(checks, request.page)
        checks.done()
        found = self.log.deliveries(
            request.member_id, request.message_id, list(request.statuses), skip, size + 1
        )
        return pb.ListDeliveriesResponse(
            deliveries=[delivery_message(d) for d in found[:size]],
            page_info=next_offset(found, skip, size),
        )

    @rpc
    def ListDeadLetters(self, request, context):
        checks = Checks(DOMAIN)
        skip, size = offset_page(checks, request.page)
        checks.done()
        found = self.log.dead_letters(request.channel, skip, size + 1)
        return pb.ListDeadLettersResponse(
            deliveries=[delivery_message(d) for d in found[:size]],
            page_info=next_offset(found, skip, size),
        )

    @rpc
    def RetryDeadLetters(self, request, context):
        checks = Checks(DOMAIN)
        checks.check(1 <= len(request.delivery_ids) <= 500, "delivery_ids", "give 1 to 500 ids")
        checks.text("actor", request.actor)
        checks.done()
        requeued = self.dispatcher.requeue(
            list(dict.fromkeys(request.delivery_ids)), request.actor, request.reason
        )
        return pb.RetryDeadLettersResponse(deliveries=[delivery_message(d) for d in requeued])

    @rpc
    def StartBulkSend(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("idempotency_key", request.idempotency_key)
        checks.text("name", request.name, max_length=200)
        checks.text("segment_id", request.segment_id)
        checks.text("actor", request.actor)
        checks.check(
            request.message_type in BULK_TYPES,
            "message_type",
            "must be MARKETING, WIN_BACK or GENERIC",
        )
        _check_kind(checks, request.message_type, request.category)
        _check_channels(checks, request.channels)
        checks.check(0 <= request.rate_per_second <= 1000, "rate_per_second", "must be 0..1000")
        _check_variables(checks, request.variables)
        scheduled_at = bus.instant(request, "scheduled_at")
        checks.check(
            scheduled_at is None or scheduled_at >= self.clock() - SCHEDULE_GRACE,
            "scheduled_at",
            "is in the past (leave it unset to send now)",
        )
        checks.done()
        bulk, replayed = self.bulk.start(
            BulkRequest(
                name=request.name,
                segment_id=request.segment_id,
                message_type=MessageType(request.message_type),
                category=catalogue.category_of(request.message_type, request.category),
                channels=tuple(Channel(channel) for channel in request.channels),
                variables=dict(request.variables),
                rate_per_second=request.rate_per_second,
                scheduled_at=scheduled_at,
                actor=request.actor,
                reason=request.reason,
            ),
            request.idempotency_key,
        )
        return pb.StartBulkSendResponse(bulk_send=self._bulk(bulk), replayed=replayed)

    @rpc
    def GetBulkSend(self, request, context):
        return pb.GetBulkSendResponse(bulk_send=self._bulk(self.bulk.get(request.bulk_send_id)))

    @rpc
    def ListBulkSends(self, request, context):
        checks = Checks(DOMAIN)
        skip, size = offset_page(checks, request.page)
        checks.done()
        found = self.bulk.listing(list(request.states), skip, size + 1)
        return pb.ListBulkSendsResponse(
            bulk_sends=[self._bulk(b) for b in found[:size]],
            page_info=next_offset(found, skip, size),
        )

    @rpc
    def CancelBulkSend(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("bulk_send_id", request.bulk_send_id)
        checks.who_and_why(request)
        checks.done()
        bulk = self.bulk.cancel(request.bulk_send_id, request.actor, request.reason)
        return pb.CancelBulkSendResponse(bulk_send=self._bulk(bulk))

    @rpc
    def RunExpiryReminders(self, request, context):
        checks = Checks(DOMAIN)
        checks.check(0 <= request.days_ahead <= 90, "days_ahead", "must be 0..90")
        checks.done()
        now = self.clock()
        tally = self.scheduled.expiry_reminders(
            bus.instant(request, "as_of") or now, request.days_ahead, now
        )
        return pb.RunExpiryRemindersResponse(
            messages_created=tally.created, already_sent=tally.already_sent, skipped=tally.skipped
        )

    @rpc
    def RunBirthdayGreetings(self, request, context):
        now = self.clock()
        tally = self.scheduled.birthday_greetings(bus.instant(request, "as_of") or now, now)
        return pb.RunBirthdayGreetingsResponse(
            messages_created=tally.created,
            with_voucher=tally.with_voucher,
            already_sent=tally.already_sent,
            skipped=tally.skipped,
        )

    @rpc
    def DispatchDue(self, request, context):
        checks = Checks(DOMAIN)
        checks.check(request.limit >= 0, "limit", "must not be negative")
        checks.done()
        tally = self.dispatcher.run(bus.instant(request, "as_of"), request.limit)
        return pb.DispatchDueResponse(**dataclasses.asdict(tally))

    @rpc
    def GetMemberContact(self, request, context):
        copy = self.contacts.copy_of(request.member_id)
        if copy is None:
            raise Refusal("not_found", "MEMBER_UNKNOWN", "no contact copy for this member")
        return pb.GetMemberContactResponse(
            member_id=request.member_id,
            contact=contact_message(copy),
            member_version=copy.member_version,
            updated_at=bus.timestamp(copy.updated_at),
        )

    @rpc
    def GetDeliverySettings(self, request, context):
        return pb.GetDeliverySettingsResponse(settings=settings_message(self.policy.current()))

    @rpc
    def UpdateDeliverySettings(self, request, context):
        checks = Checks(DOMAIN)
        checks.who_and_why(request)
        settings = _checked_settings(checks, request.settings)
        checks.done()
        stored = self.policy.replace(
            settings, request.expected_version, request.actor, self.clock()
        )
        return pb.UpdateDeliverySettingsResponse(settings=settings_message(stored))

    def _bulk(self, bulk: BulkSend) -> pb.BulkSend:
        progress = self.bulk.progress(bulk.bulk_send_id)
        return bulk_message(bulk, dataclasses.asdict(progress))


def _check_kind(checks: Checks, message_type: int, category: int) -> None:
    if not checks.check(message_type in catalogue.OFFERED, "message_type", "is required"):
        return
    if message_type == MessageType.GENERIC:
        checks.check(category in CATEGORIES, "category", "is required for GENERIC messages")
    else:
        checks.check(not category, "category", "is only for GENERIC messages")


def _check_variables(checks: Checks, variables) -> None:
    """At most 50, each at most 2,000 characters, and values only: a template fills the
    member's {name}, {tier} ... in its own text, never inside a value given to it, so a
    value holding one would reach members exactly as typed."""
    checks.check(len(variables) <= 50, "variables", "at most 50 variables")
    for name, value in variables.items():
        field = f"variables[{name}]"
        if checks.check(len(value) <= 2000, field, "is over 2000 characters"):
            placeholder = PLACEHOLDER.search(value)
            checks.check(
                placeholder is None,
                field,
                f"{placeholder and placeholder.group()} would be sent as typed: a value is "
                "not a template (the message's template greets the member by name)",
            )


def _check_channels(checks: Checks, channels) -> None:
    for index, channel in enumerate(channels):
        checks.check(channel in CHANNELS, f"channels[{index}]", "is not EMAIL, SMS, PUSH or INBOX")


def _checked_settings(checks: Checks, given: pb.DeliverySettings) -> DeliverySettings:
    for field in ("quiet_hours_start", "quiet_hours_end"):
        checks.check(parse_clock(getattr(given, field)), f"settings.{field}", 'is not "HH:MM"')
    checks.check(given.marketing_daily_cap >= 0, "settings.marketing_daily_cap", "must be >= 0")
    checks.check(1 <= given.max_attempts <= 20, "settings.max_attempts", "must be 1..20")
    checks.check(
        given.retry_base_delay_seconds >= 1, "settings.retry_base_delay_seconds", "must be >= 1"
    )
    checks.check(
        given.retry_max_delay_seconds >= given.retry_base_delay_seconds,
        "settings.retry_max_delay_seconds",
        "must be >= retry_base_delay_seconds",
    )
    checks.check(
        1 <= given.expiry_reminder_days <= 90, "settings.expiry_reminder_days", "must be 1..90"
    )
    checks.check(
        1 <= given.bulk_rate_per_second <= 1000, "settings.bulk_rate_per_second", "must be 1..1000"
    )
    return DeliverySettings(
        quiet_hours_start=given.quiet_hours_start,
        quiet_hours_end=given.quiet_hours_end,
        marketing_daily_cap=given.marketing_daily_cap,
        max_attempts=given.max_attempts,
        retry_base_delay_seconds=given.retry_base_delay_seconds,
        retry_max_delay_seconds=given.retry_max_delay_seconds,
        expiry_reminder_days=given.expiry_reminder_days,
        bulk_rate_per_second=given.bulk_rate_per_second,
    )


# The domain's values as loyalty.notifications.v1 messages


def delivery_message(delivery: Delivery) -> pb.Delivery:
    return pb.Delivery(
        delivery_id=delivery.delivery_id,
        message_id=delivery.message_id,
        member_id=delivery.member_id,
        message_type=delivery.message_type,
        channel=delivery.channel,
        status=delivery.status,
        reason=delivery.reason,
        detail=delivery.detail,
        attempts=delivery.attempts,
        next_attempt_at=bus.timestamp(delivery.next_attempt_at),
        address=delivery.address,
        subject=delivery.subject,
        provider_message_id=delivery.provider_message_id,
        created_at=bus.timestamp(delivery.created_at),
        updated_at=bus.timestamp(delivery.updated_at),
        sent_at=bus.timestamp(delivery.sent_at),
        attempt_log=[
            pb.DeliveryAttempt(
                at=bus.timestamp(entry.at),
                attempt=entry.attempt,
                outcome=entry.outcome,
                detail=entry.detail,
            )
            for entry in delivery.attempt_log
        ],
    )


def message_message(message: Message, deliveries: list[Delivery]) -> pb.Message:
    return pb.Message(
        message_id=message.message_id,
        member_id=message.member_id,
        message_type=message.message_type,
        category=message.category,
        language=message.language,
        dedupe_key=message.dedupe_key,
        source_event_id=message.source_event_id,
        bulk_send_id=message.bulk_send_id,
        actor=message.actor,
        created_at=bus.timestamp(message.created_at),
        deliveries=[delivery_message(d) for d in deliveries],
        resent_from=message.resent_from,
    )


def settings_message(settings: DeliverySettings) -> pb.DeliverySettings:
    return pb.DeliverySettings(
        quiet_hours_start=settings.quiet_hours_start,
        quiet_hours_end=settings.quiet_hours_end,
        marketing_daily_cap=settings.marketing_daily_cap,
        max_attempts=settings.max_attempts,
        retry_base_delay_seconds=settings.retry_base_delay_seconds,
        retry_max_delay_seconds=settings.retry_max_delay_seconds,
        expiry_reminder_days=settings.expiry_reminder_days,
        bulk_rate_per_second=settings.bulk_rate_per_second,
        version=settings.version,
        updated_at=bus.timestamp(settings.updated_at),
        updated_by=settings.updated_by,
    )


def bulk_message(bulk: BulkSend, progress: dict[str, int]) -> pb.BulkSend:
    request = bulk.request
    return pb.BulkSend(
        bulk_send_id=bulk.bulk_send_id,
        name=request.name,
        segment_id=request.segment_id,
        computation_id=bulk.computation_id,
        message_type=request.message_type,
        category=request.category,
        channels=request.channels,
        variables=request.variables,
        state=bulk.state,
        rate_per_second=request.rate_per_second,
        scheduled_at=bus.timestamp(bulk.scheduled_at),
        members_total=bulk.members_total,
        members_processed=bulk.members_processed,
        error=bulk.error,
        actor=request.actor,
        created_at=bus.timestamp(bulk.created_at),
        started_at=bus.timestamp(bulk.started_at),
        finished_at=bus.timestamp(bulk.finished_at),
        **progress,
    )


def contact_message(copy: ContactCopy) -> events_pb2.MemberContact:
    details = copy.details
    return events_pb2.MemberContact(
        name=details.name,
        phone=details.phone,
        email=details.email,
        language=details.language,
        time_zone=details.time_zone,
        preferred_channels=details.preferred_channels,
        consents=[members_pb2.Consent(channel=c, granted=True) for c in details.consents],
        status=details.status,
    )
