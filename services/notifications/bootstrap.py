"""The notifications service: what it offers over gRPC and what runs beside it."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from datetime import datetime

import redis

from common import clock
from common import events as bus
from common.clock import Clock
from common.grpc_server import Registration
from common.loops import BackgroundLoop
from common.versioned_cache import VersionedCache
from loyalty.common.v1 import common_pb2
from loyalty.notifications.v1 import (
    inbox_pb2,
    inbox_pb2_grpc,
    messages_pb2,
    messages_pb2_grpc,
    templates_pb2,
    templates_pb2_grpc,
)
from services.notifications.bulk import BulkSends, bulk_runner
from services.notifications.channels.mail import EmailChannel, SmtpSettings
from services.notifications.channels.webhook import WebhookChannel
from services.notifications.config import NotificationsSettings
from services.notifications.contacts import ContactBook
from services.notifications.delivery.policy import DeliveryPolicy
from services.notifications.dispatch import Dispatcher, dispatch_loop
from services.notifications.inbox import Inbox
from services.notifications.inbox_servicer import InboxServicer
from services.notifications.jobs import ScheduledSends
from services.notifications.library import TemplateLibrary
from services.notifications.messages_servicer import MessagesParts, MessagesServicer
from services.notifications.relay import NotificationsRelay
from services.notifications.sending import Messenger
from services.notifications.storage import NotificationStore
from services.notifications.templates_servicer import TemplatesServicer
from services.notifications.triggers import Triggers
from services.notifications.upstream import Upstream


@dataclasses.dataclass(frozen=True)
class Providers:
    """Where each channel goes out."""

    smtp: SmtpSettings
    sms_url: str = ""
    push_url: str = ""
    webhook_secret: str = ""
    timeout_seconds: float = 10.0


@dataclasses.dataclass
class NotificationsParts:
    store: NotificationStore
    library: TemplateLibrary
    contacts: ContactBook
    messenger: Messenger
    dispatcher: Dispatcher
    loop: BackgroundLoop
    relay: NotificationsRelay
    inbox: Inbox
    bulk: BulkSends
    runner: BackgroundLoop
    triggers: Triggers
    policy: DeliveryPolicy
    scheduled: ScheduledSends
    clock: Callable[[], datetime]
    redis: redis.Redis
    event_retry_ms: int = 10_000
    _workers: list = dataclasses.field(default_factory=list)

    def prepare(self) -> None:
        """Indexes, and the default templates where none is installed yet."""
        self.store.ensure_indexes()
        self.library.install_defaults(overwrite=False, actor="system:install", when=self.clock())

    def registrations(self) -> list[Registration]:
        messages = MessagesParts(
            self.store,
            self.messenger,
            self.dispatcher,
            self.contacts,
            self.policy,
            self.bulk,
            self.scheduled,
            self.loop.kick,
            self.clock,
        )
        return [
            Registration.of(
                templates_pb2,
                templates_pb2_grpc,
                "TemplatesService",
                TemplatesServicer(self.library, self.contacts, self.messenger, self.clock),
            ),
            Registration.of(
                messages_pb2, messages_pb2_grpc, "MessagesService", MessagesServicer(messages)
            ),
            Registration.of(inbox_pb2, inbox_pb2_grpc, "InboxService", InboxServicer(self.inbox)),
        ]

    def consumers(self, client: redis.Redis, name: str) -> list[bus.StreamConsumer]:
        """The triggers reading the members' and the ledger's events (group notifications)."""
        return [
            bus.StreamConsumer(
                client,
                stream,
                "notifications",
                name,
                handle,
                reclaim_idle_ms=self.event_retry_ms,
            )
            for stream, handle in (
                (bus.MEMBERS_STREAM, self.triggers.on_members_event),
                (bus.POINTS_STREAM, self.triggers.on_points_event),
            )
        ]

    def workers(self) -> list:
        """The relay, the dispatcher's loop, the bulk sends' runner and the triggers."""
        if not self._workers:
            name = f"notifications-{uuid.uuid4().hex[:8]}"
            self._workers = [
                self.relay,
                self.loop,
                self.runner,
                *self.consumers(self.redis, name),
            ]
        return self._workers


def bootstrap(settings: NotificationsSettings, db, redis_client: redis.Redis) -> NotificationsParts:
    """The notifications service as `python -m services.notifications` runs it."""
    providers = Providers(
        smtp=settings.smtp(),
        sms_url=settings.sms_webhook_url,
        push_url=settings.push_webhook_url,
        webhook_secret=settings.webhook_secret,
        timeout_seconds=settings.provider_timeout_seconds,
    )
    return build_notifications(
        db,
        redis_client,
        providers,
        Upstream(settings.points_addr, settings.members_addr),
        event_retry_ms=int(settings.event_retry_seconds * 1000),
    )


def build_notifications(
    db,
    redis_client: redis.Redis,
    providers: Providers,
    upstream: Upstream,
    clock: Clock = clock.now,
    *,
    event_retry_ms: int = 10_000,
) -> NotificationsParts:
    store = NotificationStore(db)
    library = TemplateLibrary(store)
    policy = DeliveryPolicy(store)
    inbox = Inbox(store.inboxes, VersionedCache(redis_client, "notifications:unread", 3600), clock)
    contacts = ContactBook(store, on_erased=inbox.erase)
    messenger = Messenger(contacts, library, policy.current)
    relay = NotificationsRelay(store, redis_client)
    dispatcher = Dispatcher(
        store,
        contacts,
        messenger,
        _channels(providers, inbox),
        policy.current,
        on_delivered=lambda: relay.kick("delivered"),
        clock=clock,
    )
    loop = dispatch_loop(dispatcher)

    def queued(delivery_ids: list[str]) -> None:
        dispatcher.expect(delivery_ids)
        loop.kick()

    messenger.on_queued = queued
    bulk = BulkSends(store, messenger, upstream, clock)
    return NotificationsParts(
        store=store,
        library=library,
        contacts=contacts,
        messenger=messenger,
        dispatcher=dispatcher,
        loop=loop,
        relay=relay,
        inbox=inbox,
        bulk=bulk,
        runner=bulk_runner(bulk),
        triggers=Triggers(contacts, messenger, store, clock),
        policy=policy,
        scheduled=ScheduledSends(messenger, store, upstream),
        clock=clock,
        redis=redis_client,
        event_retry_ms=event_retry_ms,
    )


def _channels(providers: Providers, inbox: Inbox) -> dict[int, object]:
    def webhook(name: str, url: str) -> WebhookChannel:
        return WebhookChannel(name, url, providers.webhook_secret, providers.timeout_seconds)

    return {
        common_pb2.CHANNEL_EMAIL: EmailChannel(providers.smtp),
        common_pb2.CHANNEL_SMS: webhook("sms", providers.sms_url),
        common_pb2.CHANNEL_PUSH: webhook("push", providers.push_url),
        common_pb2.CHANNEL_INBOX: inbox,
    }
