"""A notifications service on a real gRPC socket over the in-process store and a real
Redis, sending to a real local SMTP server and a local HTTP provider."""

from __future__ import annotations

import collections
import dataclasses
import threading
import uuid
from datetime import datetime

import grpc
import pytest

from cli.local_providers import SmtpCatcher, WebhookCatcher
from common import clock, stores
from common import events as bus
from common.grpc_client import open_channel
from common.grpc_server import create_server
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import members_pb2
from loyalty.notifications.v1 import (
    inbox_pb2_grpc,
    messages_pb2,
    messages_pb2_grpc,
    templates_pb2_grpc,
)
from services.notifications.channels.mail import SmtpSettings
from services.notifications.server import NotificationsParts, Providers, build_notifications
from services.notifications.upstream import Upstream
from tests.conftest import wait_for

EMAIL, SMS, PUSH, INBOX = (
    common_pb2.CHANNEL_EMAIL,
    common_pb2.CHANNEL_SMS,
    common_pb2.CHANNEL_PUSH,
    common_pb2.CHANNEL_INBOX,
)
DEAD_ADDRESS = "127.0.0.1:9"  # the discard port: nothing answers gRPC there


@dataclasses.dataclass
class NotificationsService:
    parts: NotificationsParts
    server: object
    channel: grpc.Channel
    messages: messages_pb2_grpc.MessagesServiceStub
    templates: templates_pb2_grpc.TemplatesServiceStub
    inbox: inbox_pb2_grpc.InboxServiceStub
    consumers: list
    redis: object
    address: str

    def publish(self, stream: str, *envelopes: events_pb2.Envelope) -> None:
        bus.publish(self.redis, stream, [e.SerializeToString() for e in envelopes])

    def deliveries(self, member_id: str) -> list:
        request = messages_pb2.ListDeliveriesRequest(member_id=member_id)
        return list(self.messages.ListDeliveries(request).deliveries)

    def dispatch(self, as_of: datetime | None = None) -> messages_pb2.DispatchDueResponse:
        return self.messages.DispatchDue(
            messages_pb2.DispatchDueRequest(as_of=bus.timestamp(as_of))
        )

    def stop(self) -> None:
        for worker in [*self.consumers, *self.parts.workers()]:
            worker.stop()
        self.channel.close()
        self.server.stop(grace=1)


@pytest.fixture(scope="session")
def smtp_server():
    server = SmtpCatcher()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def webhook_provider():
    with WebhookCatcher() as provider:
        yield provider


@pytest.fixture
def upstream_addresses() -> tuple[str, str]:
    """(points, members) addresses: nowhere, unless a test starts the services."""
    return DEAD_ADDRESS, DEAD_ADDRESS


@pytest.fixture
def notifications(redis_client, smtp_server, webhook_provider, upstream_addresses):
    smtp_server.clear()
    webhook_provider.reset()
    db = stores.connect_mongo("", f"notifications_{uuid.uuid4().hex[:8]}")
    providers = Providers(
        smtp=SmtpSettings("127.0.0.1", smtp_server.port, "loyalty@example.vn", "Sen Mart"),
        sms_url=webhook_provider.url("/sms"),
        push_url=webhook_provider.url("/push"),
        webhook_secret="test-secret",
        timeout_seconds=5,
    )
    parts = build_notifications(db, redis_client, providers, Upstream(*upstream_addresses))
    server, port = create_server(parts.registrations(), 0, address="127.0.0.1", max_workers=16)
    server.start()
    for worker in parts.workers():
        worker.start()
    consumers = [c.start() for c in parts.consumers(redis_client, "notifications-test")]
    channel = open_channel(f"127.0.0.1:{port}", default_timeout=10)
    service = NotificationsService(
        parts,
        server,
        channel,
        messages_pb2_grpc.MessagesServiceStub(channel),
        templates_pb2_grpc.TemplatesServiceStub(channel),
        inbox_pb2_grpc.InboxServiceStub(channel),
        consumers,
        redis_client,
        f"127.0.0.1:{port}",
    )
    yield service
    service.stop()


def contact(
    name: str = "Nguyễn Thị Lan",
    phone: str = "+84912345678",
    email: str = "lan.nguyen@example.vn",
    language: str = "vi",
    preferred: tuple[int, ...] = (EMAIL,),
    consents: tuple[int, ...] = (EMAIL,),
    time_zone: str = "Asia/Ho_Chi_Minh",
) -> events_pb2.MemberContact:
    return events_pb2.MemberContact(
        name=name,
        phone=phone,
        email=email,
        language=language,
        time_zone=time_zone,
        preferred_channels=preferred,
        consents=[members_pb2.Consent(channel=c, granted=True) for c in consents],
        status=members_pb2.MEMBER_STATUS_ACTIVE,
    )


def enrolled(member_id: str, snapshot: events_pb2.MemberContact, version: int = 1):
    return bus.envelope(
        "member.enrolled",
        "members",
        member_id,
        "test",
        member_enrolled=events_pb2.MemberEnrolled(
            member_number="100000042",
            contact=snapshot,
            tier_code="MEMBER",
            referral_code="LAN42X",
            enrolled_at=bus.timestamp(clock.now()),
            member_version=version,
        ),
    )


def known_member(service: NotificationsService, member_id: str = "", **details) -> str:
    """A member whose contact copy the service holds (their enrolment event consumed and
    its welcome sent)."""
    member_id = member_id or f"mem-{uuid.uuid4().hex[:8]}"
    service.publish(bus.MEMBERS_STREAM, enrolled(member_id, contact(**details)))
    wait_for(lambda: service.parts.contacts.raw(member_id), what="the contact copy")
    settled(service, member_id)  # the welcome is out of the way of what the test sends
    return member_id


def settled(service: NotificationsService, member_id: str, count: int = 1) -> list:
    """The member's deliveries once `count` of them exist and none is still queued."""

    def ready():
        found = service.deliveries(member_id)
        queued = [d for d in found if d.status == messages_pb2.DELIVERY_STATUS_QUEUED]
        return found if len(found) >= count and not queued else None

    return wait_for(ready, what=f"{count} settled deliveries")


class CountedCollection:
    """A collection that counts each call of its methods as "<collection>.<method>"."""

    def __init__(self, collection, name: str, counts: RoundTrips) -> None:
        self._collection = collection
        self._name = name
        self._counts = counts

    def __getattr__(self, method: str):
        attribute = getattr(self._collection, method)
        if not callable(attribute):
            return attribute

        def counted(*args, **kwargs):
            self._counts.add(f"{self._name}.{method}")
            return attribute(*args, **kwargs)

        return counted


class RoundTrips:
    """The store calls made since `count_round_trips`, from every thread."""

    def __init__(self) -> None:
        self._counts: collections.Counter[str] = collections.Counter()
        self._lock = threading.Lock()

    def add(self, call: str) -> None:
        with self._lock:
            self._counts[call] += 1

    def __getitem__(self, call: str) -> int:
        with self._lock:
            return self._counts[call]


def count_round_trips(monkeypatch, store) -> RoundTrips:
    """Counts the calls to every collection of `store` (a cursor's find counts once)."""
    trips = RoundTrips()
    for name, value in list(vars(store).items()):
        if hasattr(value, "find_one"):
            monkeypatch.setattr(store, name, CountedCollection(value, name, trips))
    return trips
