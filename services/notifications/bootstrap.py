"""The notifications service: what it offers over gRPC and what runs beside it, wired
from its parts (templates, messages, inbox, contacts)."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from datetime import datetime

import redis

from common import clock
from common import events as bus
from common.grpc_server import Registration
from loyalty.notifications.v1 import (
    inbox_pb2,
    inbox_pb2_grpc,
    messages_pb2,
    messages_pb2_grpc,
    templates_pb2,
    templates_pb2_grpc,
    webhooks_pb2,
    webhooks_pb2_grpc,
)
from services.notifications.config import NotificationsSettings
from services.notifications.contacts.consumers import ContactFeed
from services.notifications.contacts.domain import Channel
from services.notifications.contacts.service import ContactBook, TierNames
from services.notifications.contacts.store import ContactStore
from services.notifications.inbox.cache import UnreadCounts
from services.notifications.inbox.service import Inbox
from services.notifications.inbox.servicer import InboxServicer
from services.notifications.inbox.store import InboxStore
from services.notifications.messages import events
from services.notifications.messages.channels import EmailChannel, WebhookChannel
from services.notifications.messages.consumers import Triggers
from services.notifications.messages.domain.sources import Sender
from services.notifications.messages.service.bulk import BulkSends
from services.notifications.messages.service.dispatch import Dispatcher
from services.notifications.messages.service.log import DeliveryLog
from services.notifications.messages.service.policy import DeliveryPolicy
from services.notifications.messages.service.scheduled import ScheduledSends
from services.notifications.messages.service.sending import Messenger
from services.notifications.messages.servicer import MessagesServicer
from services.notifications.messages.store import BulkSendStore, MessageStore, SettingsStore
from services.notifications.messages.upstream import Upstream
from services.notifications.templates.service import TemplateLibrary
from services.notifications.templates.servicer import TemplatesServicer
from services.notifications.templates.store import TemplateStore
from services.notifications.webhooks.consumers import GROUP as WEBHOOKS_GROUP
from services.notifications.webhooks.consumers import WebhookFeed
from services.notifications.webhooks.domain.subscription import UrlRules
from services.notifications.webhooks.sender import HttpSender
from services.notifications.webhooks.service.intake import Intake
from services.notifications.webhooks.service.lanes import Lanes
from services.notifications.webhooks.service.log import DeliveryLog as WebhookLog
from services.notifications.webhooks.service.subscriptions import Subscriptions
from services.notifications.webhooks.servicer import WebhooksServicer
from services.notifications.webhooks.store import DeliveryStore as WebhookDeliveryStore
from services.notifications.webhooks.store import SubscriptionStore


@dataclasses.dataclass
class NotificationsParts:
    """The service wired: its stores, its use cases and their entry points (common.service
    runs `prepare`, serves `registrations` and starts `workers`)."""

    templates: TemplateStore
    contact_store: ContactStore
    message_store: MessageStore
    bulk_store: BulkSendStore
    library: TemplateLibrary
    contacts: ContactBook
    contact_feed: ContactFeed
    inbox: Inbox
    policy: DeliveryPolicy
    messenger: Messenger
    dispatcher: Dispatcher
    relay: events.NotificationsRelay
    log: DeliveryLog
    bulk: BulkSends
    scheduled: ScheduledSends
    triggers: Triggers
    clock: Callable[[], datetime]
    redis: redis.Redis
    webhooks: WebhooksParts
    event_retry_ms: int = 10_000
    _workers: list = dataclasses.field(default_factory=list)

    def migrate(self) -> None:
        """Once per deployment (`python -m services.notifications migrate`, or at every
        start with MIGRATE_AT_START): the indexes, and the default templates where none is
        installed yet."""
        for store in (self.templates, self.message_store, self.bulk_store):
            store.ensure_indexes()
        self.webhooks.ensure_indexes()
        self.library.install_defaults(overwrite=False, actor="system:install", when=self.clock())

    def prepare(self) -> None:
        """Nothing at each start."""

    def registrations(self) -> list[Registration]:
        messages = MessagesServicer(
            messenger=self.messenger,
            log=self.log,
            dispatcher=self.dispatcher,
            bulk=self.bulk,
            scheduled=self.scheduled,
            policy=self.policy,
            contacts=self.contacts,
            clock=self.clock,
        )
        return [
            Registration.of(
                templates_pb2,
                templates_pb2_grpc,
                "TemplatesService",
                TemplatesServicer(self.library, self.clock),
            ),
            Registration.of(messages_pb2, messages_pb2_grpc, "MessagesService", messages),
            Registration.of(inbox_pb2, inbox_pb2_grpc, "InboxService", InboxServicer(self.inbox)),
            self.webhooks.registration(),
        ]

    def consumers(self, client: redis.Redis, name: str) -> list[bus.StreamConsumer]:
        """The members' and the ledger's events (group notifications): the members' keep
        the contact copy, then make their messages."""

        def on_members_event(event) -> None:
            self.contact_feed.on_members_event(event)
            self.triggers.on_members_event(event)

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
                (bus.MEMBERS_STREAM, on_members_event),
                (bus.POINTS_STREAM, self.triggers.on_points_event),
            )
        ]

    def workers(self) -> list:
        """The relay, the dispatcher's loop, the bulk sends' runner and the consumers."""
        if not self._workers:
            name = f"notifications-{uuid.uuid4().hex[:8]}"
            self._workers = [
                self.relay,
                self.dispatcher.loop,
                self.bulk.runner,
                *self.consumers(self.redis, name),
                self.webhooks.lanes,
                *self.webhooks.consumers(self.redis, name, self.event_retry_ms),
            ]
        return self._workers


def bootstrap(
    settings: NotificationsSettings,
    db,
    redis_client: redis.Redis,
    cache_client: redis.Redis | None = None,
) -> NotificationsParts:
    """The notifications service as `python -m services.notifications` runs it: streams
    on `redis_client` (REDIS_URL), the inbox's unread counts on `cache_client`
    (REDIS_CACHE_URL, by default the same)."""
    templates = TemplateStore(db)
    contact_store = ContactStore(db)
    message_store = MessageStore(db)
    bulk_store = BulkSendStore(db)
    inbox = Inbox(InboxStore(db), UnreadCounts(cache_client or redis_client), clock.now)
    # An erasure: the tombstone first, then each part forgets the member.
    contacts = ContactBook(contact_store, forget=(inbox.erase, message_store.forget_member))
    library = TemplateLibrary(templates, contacts.known)
    policy = DeliveryPolicy(SettingsStore(db))
    relay = events.NotificationsRelay(message_store, redis_client)
    dispatcher = Dispatcher(
        message_store,
        contacts,
        library,
        _channels(settings, inbox),
        policy.current,
        events.message_delivered,
        events.message_failed,
        on_announced=lambda: relay.kick("announced"),
    )
    messenger = Messenger(message_store, contacts, library, policy.current, dispatcher.queued)
    upstream = Upstream(settings.points_addr, settings.members_addr)
    scheduled = ScheduledSends(messenger, message_store, upstream, policy.current)
    return NotificationsParts(
        templates=templates,
        contact_store=contact_store,
        message_store=message_store,
        bulk_store=bulk_store,
        library=library,
        contacts=contacts,
        contact_feed=ContactFeed(contacts, TierNames(upstream.tier_names)),
        inbox=inbox,
        policy=policy,
        messenger=messenger,
        dispatcher=dispatcher,
        relay=relay,
        log=DeliveryLog(message_store),
        bulk=BulkSends(bulk_store, message_store, messenger, upstream, policy.current),
        scheduled=scheduled,
        triggers=Triggers(contacts, messenger, scheduled),
        clock=clock.now,
        redis=redis_client,
        webhooks=_webhooks(settings, db),
        event_retry_ms=int(settings.event_retry_seconds * 1000),
    )


def _channels(settings: NotificationsSettings, inbox: Inbox) -> dict[Channel, Sender]:
    """Where each channel goes out: the providers, and the inbox."""

    def webhook(name: str, url: str) -> WebhookChannel:
        return WebhookChannel(name, url, settings.webhook_secret, settings.provider_timeout_seconds)

    return {
        Channel.EMAIL: EmailChannel(settings.smtp()),
        Channel.SMS: webhook("sms", settings.sms_webhook_url),
        Channel.PUSH: webhook("push", settings.push_webhook_url),
        Channel.INBOX: inbox,
    }


@dataclasses.dataclass
class WebhooksParts:
    """Outbound webhooks (services/notifications/webhooks): subscriptions, the lanes that
    send, the feed that queues the streams' events for them."""

    subscription_store: SubscriptionStore
    delivery_store: WebhookDeliveryStore
    subscriptions: Subscriptions
    log: WebhookLog
    lanes: Lanes
    feed: WebhookFeed
    rules: UrlRules

    def ensure_indexes(self) -> None:
        self.subscription_store.ensure_indexes()
        self.delivery_store.ensure_indexes()

    def registration(self) -> Registration:
        servicer = WebhooksServicer(self.subscriptions, self.log, self.rules)
        return Registration.of(webhooks_pb2, webhooks_pb2_grpc, "WebhooksService", servicer)

    def consumers(self, client: redis.Redis, name: str, retry_ms: int) -> list:
        """Every stream, with a consumer group of the webhooks' own."""
        return [
            bus.StreamConsumer(
                client, stream, WEBHOOKS_GROUP, name, self.feed.on_event, reclaim_idle_ms=retry_ms
            )
            for stream in (bus.MEMBERS_STREAM, bus.POINTS_STREAM, bus.NOTIFICATIONS_STREAM)
        ]


def _webhooks(settings: NotificationsSettings, db) -> WebhooksParts:
    subscription_store = SubscriptionStore(db)
    delivery_store = WebhookDeliveryStore(db)
    rules = UrlRules(production=settings.environment == "production")
    lanes = Lanes(subscription_store, delivery_store, HttpSender(rules), clock.now)
    intake = Intake(subscription_store, delivery_store, clock.now, lanes.kick)

    def changed(subscription_id: str) -> None:
        intake.forget(subscription_id)
        lanes.changed(subscription_id)

    return WebhooksParts(
        subscription_store=subscription_store,
        delivery_store=delivery_store,
        subscriptions=Subscriptions(
            subscription_store, delivery_store, clock.now, on_change=changed
        ),
        log=WebhookLog(delivery_store, clock.now, on_replayed=lanes.kick),
        lanes=lanes,
        feed=WebhookFeed(intake),
        rules=rules,
    )
