"""MessagesService over gRPC: checks and translates; sending, dispatching, bulk sends and
jobs are the domain's."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import datetime

from common import events as bus
from common.grpc_errors import answering_refusals
from common.paging import next_offset, offset_page
from common.refusals import Refusal
from common.validation import Checks
from loyalty.common.v1 import common_pb2
from loyalty.notifications.v1 import messages_pb2 as pb
from loyalty.notifications.v1 import messages_pb2_grpc
from loyalty.notifications.v1 import templates_pb2 as types
from services.notifications.bulk import BulkSends
from services.notifications.contacts import ContactBook, Erased
from services.notifications.delivery.policy import DeliveryPolicy
from services.notifications.delivery.rules import DeliverySettings, parse_clock
from services.notifications.dispatch import Dispatcher
from services.notifications.jobs import ScheduledSends
from services.notifications.sending import Messenger, Outgoing
from services.notifications.storage import NotificationStore
from services.notifications.templates import catalogue
from services.notifications.wire import (
    bulk_message,
    contact_message,
    delivery_message,
    message_message,
    settings_message,
)

DOMAIN = "loyalty.notifications.v1"
E164 = re.compile(r"\+[1-9][0-9]{7,14}\Z")
CHANNELS = {
    common_pb2.CHANNEL_EMAIL,
    common_pb2.CHANNEL_SMS,
    common_pb2.CHANNEL_PUSH,
    common_pb2.CHANNEL_INBOX,
}
BULK_TYPES = {types.MESSAGE_TYPE_MARKETING, types.MESSAGE_TYPE_WIN_BACK, types.MESSAGE_TYPE_GENERIC}
CATEGORIES = {types.MESSAGE_CATEGORY_TRANSACTIONAL, types.MESSAGE_CATEGORY_MARKETING}
rpc = answering_refusals(DOMAIN)


@dataclasses.dataclass
class MessagesParts:
    store: NotificationStore
    messenger: Messenger
    dispatcher: Dispatcher
    contacts: ContactBook
    policy: DeliveryPolicy
    bulk: BulkSends
    scheduled: ScheduledSends
    kick: Callable[[], None]
    clock: Callable[[], datetime]


class MessagesServicer(messages_pb2_grpc.MessagesServiceServicer):
    def __init__(self, parts: MessagesParts) -> None:
        self.parts = parts

    @rpc
    def SendMessage(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("idempotency_key", request.idempotency_key)
        checks.text("member_id", request.member_id)
        checks.text("actor", request.actor)
        _check_kind(checks, request.message_type, request.category)
        _check_channels(checks, request.channels)
        if request.to_phone and checks.check(
            request.message_type == types.MESSAGE_TYPE_SIGN_IN_CODE,
            "to_phone",
            "is only for SIGN_IN_CODE messages",
        ):
            checks.check(bool(E164.match(request.to_phone)), "to_phone", "is not E.164")
        checks.check(len(request.variables) <= 50, "variables", "at most 50 variables")
        for name, value in request.variables.items():
            checks.check(len(value) <= 2000, f"variables[{name}]", "is over 2000 characters")
        checks.check(request.language in ("", "vi", "en"), "language", 'must be "vi" or "en"')
        checks.done()
        out = Outgoing(
            dedupe_key=f"key:{request.idempotency_key}",
            member_id=request.member_id,
            message_type=request.message_type,
            actor=request.actor,
            variables=dict(request.variables),
            channels=tuple(request.channels),
            category=request.category,
            language=request.language,
            not_before=bus.instant(request, "not_before"),
            to_phone=request.to_phone,
            strict=True,
        )
        message, deliveries, replayed = self.parts.messenger.send(out, self.parts.clock())
        return pb.SendMessageResponse(
            message=message_message(message, deliveries), replayed=replayed
        )

    @rpc
    def GetMessage(self, request, context):
        message = self.parts.store.message(request.message_id)
        if message is None:
            raise Refusal("not_found", "MESSAGE_NOT_FOUND", "no such message", "message_id")
        deliveries = self.parts.store.deliveries_of(message["_id"])
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
        query = {subject: getattr(request, subject)}
        if request.statuses:
            query["status"] = {"$in": list(request.statuses)}
        found = self.parts.store.list_deliveries(query, -1, skip, size + 1)
        return pb.ListDeliveriesResponse(
            deliveries=[delivery_message(d) for d in found[:size]],
            page_info=next_offset(found, skip, size),
        )

    @rpc
    def ListDeadLetters(self, request, context):
        checks = Checks(DOMAIN)
        skip, size = offset_page(checks, request.page)
        checks.done()
        query = {"status": pb.DELIVERY_STATUS_DEAD_LETTERED}
        if request.channel:
            query["channel"] = request.channel
        found = self.parts.store.list_deliveries(query, 1, skip, size + 1)
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
        requeued = self.parts.dispatcher.requeue(
            list(dict.fromkeys(request.delivery_ids)), request.actor, request.reason
        )
        self.parts.kick()
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
        checks.done()
        rate = request.rate_per_second or self.parts.policy.current().bulk_rate_per_second
        bulk, replayed = self.parts.bulk.start(
            {
                "name": request.name,
                "segment_id": request.segment_id,
                "message_type": request.message_type,
                "category": catalogue.category_of(request.message_type, request.category),
                "channels": list(request.channels),
                "variables": dict(request.variables),
                "rate_per_second": rate,
                "scheduled_at": bus.instant(request, "scheduled_at"),
                "actor": request.actor,
                "reason": request.reason,
            },
            request.idempotency_key,
        )
        return pb.StartBulkSendResponse(bulk_send=self._bulk(bulk), replayed=replayed)

    @rpc
    def GetBulkSend(self, request, context):
        return pb.GetBulkSendResponse(
            bulk_send=self._bulk(self.parts.bulk.get(request.bulk_send_id))
        )

    @rpc
    def ListBulkSends(self, request, context):
        checks = Checks(DOMAIN)
        skip, size = offset_page(checks, request.page)
        checks.done()
        found = self.parts.bulk.listing(list(request.states), skip, size + 1)
        return pb.ListBulkSendsResponse(
            bulk_sends=[self._bulk(b) for b in found[:size]],
            page_info=next_offset(found, skip, size),
        )

    @rpc
    def CancelBulkSend(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("bulk_send_id", request.bulk_send_id)
        checks.text("actor", request.actor)
        checks.text("reason", request.reason, max_length=500)
        checks.done()
        bulk = self.parts.bulk.cancel(request.bulk_send_id, request.actor, request.reason)
        return pb.CancelBulkSendResponse(bulk_send=self._bulk(bulk))

    @rpc
    def RunExpiryReminders(self, request, context):
        checks = Checks(DOMAIN)
        checks.check(0 <= request.days_ahead <= 90, "days_ahead", "must be 0..90")
        checks.done()
        now = self.parts.clock()
        days = request.days_ahead or self.parts.policy.current().expiry_reminder_days
        tally = self.parts.scheduled.expiry_reminders(
            bus.instant(request, "as_of") or now, days, now
        )
        return pb.RunExpiryRemindersResponse(
            messages_created=tally.created, already_sent=tally.already_sent, skipped=tally.skipped
        )

    @rpc
    def RunBirthdayGreetings(self, request, context):
        now = self.parts.clock()
        tally = self.parts.scheduled.birthday_greetings(bus.instant(request, "as_of") or now, now)
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
        tally = self.parts.dispatcher.run(bus.instant(request, "as_of"), request.limit)
        return pb.DispatchDueResponse(**dataclasses.asdict(tally))

    @rpc
    def GetMemberContact(self, request, context):
        try:
            found = self.parts.contacts.get(request.member_id)
        except Erased:
            found = None
        if found is None:
            raise Refusal("not_found", "MEMBER_UNKNOWN", "no contact copy for this member")
        doc = self.parts.contacts.raw(request.member_id)
        return pb.GetMemberContactResponse(
            member_id=request.member_id,
            contact=contact_message(doc),
            member_version=doc["member_version"],
            updated_at=bus.timestamp(doc.get("updated_at")),
        )

    @rpc
    def GetDeliverySettings(self, request, context):
        return pb.GetDeliverySettingsResponse(
            settings=settings_message(self.parts.policy.current())
        )

    @rpc
    def UpdateDeliverySettings(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("actor", request.actor)
        checks.text("reason", request.reason, max_length=500)
        settings = _checked_settings(checks, request.settings)
        checks.done()
        stored = self.parts.policy.replace(
            settings, request.expected_version, request.actor, self.parts.clock()
        )
        return pb.UpdateDeliverySettingsResponse(settings=settings_message(stored))

    def _bulk(self, doc: dict) -> pb.BulkSend:
        return bulk_message(doc, self.parts.bulk.progress(doc["_id"]))


def _check_kind(checks: Checks, message_type: int, category: int) -> None:
    if not checks.check(message_type in catalogue.OFFERED, "message_type", "is required"):
        return
    if message_type == types.MESSAGE_TYPE_GENERIC:
        checks.check(category in CATEGORIES, "category", "is required for GENERIC messages")
    else:
        checks.check(not category, "category", "is only for GENERIC messages")


def _check_channels(checks: Checks, channels) -> None:
    for index, channel in enumerate(channels):
        checks.check(channel in CHANNELS, f"channels[{index}]", "is not EMAIL, SMS, PUSH or INBOX")


def _checked_settings(checks: Checks, given) -> DeliverySettings:
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
