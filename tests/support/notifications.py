"""The notifications service as the tests drive it: a handle on a running instance, the
channels, a member's contact as the members' events carry it, a member the service knows,
their settled deliveries, and a count of the store's round trips."""

from __future__ import annotations

import collections
import threading
import uuid
from datetime import datetime

from common import clock
from common import events as bus
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import members_pb2
from loyalty.notifications.v1 import (
    inbox_pb2_grpc,
    messages_pb2,
    messages_pb2_grpc,
    templates_pb2_grpc,
)
from services.notifications.bootstrap import NotificationsParts
from tests.support.service_handle import ServiceHandle
from tests.support.waiting import wait_for

EMAIL, SMS, PUSH, INBOX = (
    common_pb2.CHANNEL_EMAIL,
    common_pb2.CHANNEL_SMS,
    common_pb2.CHANNEL_PUSH,
    common_pb2.CHANNEL_INBOX,
)
DEAD_ADDRESS = "127.0.0.1:9"  # the discard port: nothing answers gRPC there


class NotificationsService(ServiceHandle):
    """One running instance, started as `python -m services.notifications` starts it."""

    @property
    def parts(self) -> NotificationsParts:
        return self.running.wiring

    @property
    def messages(self) -> messages_pb2_grpc.MessagesServiceStub:
        return messages_pb2_grpc.MessagesServiceStub(self.channel)

    @property
    def templates(self) -> templates_pb2_grpc.TemplatesServiceStub:
        return templates_pb2_grpc.TemplatesServiceStub(self.channel)

    @property
    def inbox(self) -> inbox_pb2_grpc.InboxServiceStub:
        return inbox_pb2_grpc.InboxServiceStub(self.channel)

    def publish(self, stream: str, *envelopes: events_pb2.Envelope) -> None:
        bus.publish(self.redis, stream, [e.SerializeToString() for e in envelopes])

    def deliveries(self, member_id: str) -> list:
        request = messages_pb2.ListDeliveriesRequest(member_id=member_id)
        return list(self.messages.ListDeliveries(request).deliveries)

    def dispatch(self, as_of: datetime | None = None) -> messages_pb2.DispatchDueResponse:
        return self.messages.DispatchDue(
            messages_pb2.DispatchDueRequest(as_of=bus.timestamp(as_of))
        )


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
    wait_for(lambda: service.parts.contacts.copy_of(member_id), what="the contact copy")
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


def count_round_trips(monkeypatch, *stores) -> RoundTrips:
    """Counts the calls to every collection of `stores`, by the collection's name (a
    cursor's find counts once)."""
    trips = RoundTrips()
    for store in stores:
        for attribute, value in list(vars(store).items()):
            if hasattr(value, "find_one"):
                counted = CountedCollection(value, value.name, trips)
                monkeypatch.setattr(store, attribute, counted)
    return trips


def collection(store, name: str):
    """The collection `name` a store keeps (to spy on its calls)."""
    return next(v for v in vars(store).values() if getattr(v, "name", None) == name)
