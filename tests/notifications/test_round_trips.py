"""Round trips to the store per message: each one the guarantees need, and no more."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from common import clock
from common import events as bus
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.notifications.v1 import messages_pb2 as pb
from services.notifications.contacts.consumers import ContactFeed
from services.notifications.contacts.domain import Erased
from services.notifications.contacts.service import ContactBook
from services.notifications.messages.domain import rules
from services.notifications.messages.domain.message import Outgoing, message_id_of
from services.notifications.messages.service.dispatch import DUE_QUERY_EVERY, SWEEP_EVERY
from services.notifications.templates.domain.catalogue import MessageType
from services.notifications.templates.service import TemplateLibrary
from tests.support.notifications import (
    EMAIL,
    INBOX,
    collection,
    contact,
    count_round_trips,
    known_member,
)
from tests.support.waiting import wait_for

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
THANK_YOU = MessageType.PURCHASE_THANK_YOU
GENERIC = MessageType.GENERIC


def points_earned(member_id: str) -> events_pb2.Envelope:
    return bus.envelope(
        "points.earned",
        "points",
        member_id,
        "test",
        points_earned=events_pb2.PointsEarned(
            points=120,
            amount=common_pb2.Money(amount_minor=120_000, currency="VND"),
            balance=events_pb2.BalanceAfter(available=900),
        ),
    )


def members_event(member_id: str, kind: str, **payload) -> events_pb2.Envelope:
    return bus.envelope(kind.replace("_", "."), "members", member_id, "test", **payload)


def updated(member_id: str, email: str, version: int) -> events_pb2.Envelope:
    change = events_pb2.MemberUpdated(
        contact=contact(email=email), changed_fields=["email"], member_version=version
    )
    return members_event(member_id, "member_updated", member_updated=change)


def erased(member_id: str, version: int) -> events_pb2.Envelope:
    erasure = events_pb2.MemberErased(erased_at=bus.timestamp(clock.now()), member_version=version)
    return members_event(member_id, "member_erased", member_erased=erasure)


def test_a_thank_you_reads_the_contact_once_and_checks_no_dedupe_before_its_insert(
    notifications, monkeypatch
):
    member = known_member(notifications, preferred=(INBOX,))
    parts = notifications.parts
    trips = count_round_trips(monkeypatch, parts.contact_store, parts.message_store)
    notifications.publish(bus.POINTS_STREAM, points_earned(member))

    def sent():
        query = {"member_id": member, "message_type": THANK_YOU}
        found = notifications.db["deliveries"].find_one(query)
        return found and found["status"] == pb.DELIVERY_STATUS_SENT

    wait_for(sent, what="the thank-you sent")
    assert trips["contacts.find_one"] == 1  # by the message, then passed to its attempt
    assert trips["messages.find_one"] == 0  # the insert is the dedupe check
    assert trips["messages.insert_one"] == 1
    assert trips["deliveries.insert_many"] == 1
    assert trips["messages.update_one"] == 0  # marked later, with others, by the sweep


def test_templates_are_read_once_per_refresh_and_at_once_after_a_save_here(
    notifications, monkeypatch
):
    store, contacts = notifications.parts.templates, notifications.parts.contacts
    ticks = [1000.0]
    here = TemplateLibrary(store, contacts.known, monotonic=lambda: ticks[0])
    # Another process's library.
    elsewhere = TemplateLibrary(store, contacts.known, monotonic=lambda: ticks[0])
    trips = count_round_trips(monkeypatch, store)

    original = here.resolve(THANK_YOU, "en", EMAIL)
    assert here.resolve(THANK_YOU, "vi", INBOX).language == "vi"
    assert elsewhere.resolve(THANK_YOU, "en", EMAIL) == original
    assert trips["templates.find"] == 2  # one query each, for every template

    draft = dataclasses.replace(original, body="Thanks, {name}!", version=0, template_id="")
    here.save(draft, 0, "crm:test", clock.now())
    assert here.resolve(THANK_YOU, "en", EMAIL).body == "Thanks, {name}!"
    ticks[0] += 4.9
    assert elsewhere.resolve(THANK_YOU, "en", EMAIL) == original  # within its 5 s
    ticks[0] += 0.1
    assert elsewhere.resolve(THANK_YOU, "en", EMAIL).body == "Thanks, {name}!"


def test_a_contact_read_serves_the_next_moment_and_a_members_event_here_forgets_it(
    notifications, monkeypatch
):
    member = known_member(notifications, email="before@example.vn")
    ticks = [1000.0]
    book = ContactBook(notifications.parts.contact_store, monotonic=lambda: ticks[0])
    feed = ContactFeed(book)
    trips = count_round_trips(monkeypatch, notifications.parts.contact_store)

    assert book.get(member).email == "before@example.vn"
    ticks[0] += 1.9
    assert book.recent(member).email == "before@example.vn"
    assert trips["contacts.find_one"] == 1
    ticks[0] += 0.1
    book.recent(member)
    assert trips["contacts.find_one"] == 2  # too old to pass on: read again

    feed.on_members_event(updated(member, "after@example.vn", version=5))
    assert book.recent(member).email == "after@example.vn"
    feed.on_members_event(erased(member, version=6))
    with pytest.raises(Erased):
        book.recent(member)


def test_a_replay_answers_with_its_message_even_after_the_member_was_erased(notifications):
    member = known_member(notifications, preferred=(INBOX,))
    messenger = notifications.parts.messenger
    out = Outgoing(
        "key:kept", member, GENERIC, "crm:test", {"title": "Tin", "text": "Mới"}, strict=True
    )
    first, _deliveries, replayed = messenger.send(out, clock.now())
    assert not replayed
    notifications.parts.contact_feed.on_members_event(erased(member, version=2))

    again, deliveries, replayed = messenger.send(out, clock.now())
    assert replayed and again.message_id == first.message_id
    assert [d.channel for d in deliveries] == [INBOX]


def test_a_marketing_replay_on_another_day_is_not_counted_against_that_day(notifications):
    member = known_member(notifications, consents=(EMAIL,))
    noon = (clock.now().astimezone(HCM) + timedelta(days=1)).replace(hour=12, minute=0, second=0)
    out = Outgoing(
        "key:promo-twice",
        member,
        MessageType.MARKETING,
        "crm:test",
        {"title": "Ưu đãi", "text": "Giảm 10%"},
        channels=(EMAIL,),
    )
    notifications.parts.messenger.send(out, noon)
    next_noon = noon + timedelta(days=1)
    _message, _deliveries, replayed = notifications.parts.messenger.send(out, next_noon)

    assert replayed
    day = f"{member}:{rules.local_day(next_noon, 'Asia/Ho_Chi_Minh')}"
    assert notifications.db["marketing_days"].find_one({"_id": day}) is None


def test_the_sweep_marks_many_messages_at_once_and_not_on_every_run(notifications, monkeypatch):
    members = [known_member(notifications, preferred=(INBOX,)) for _ in range(3)]
    notifications.parts.dispatcher.loop.stop()  # only the runs below dispatch
    store = notifications.parts.message_store
    ids = [message_id_of(f"{member}:sweep") for member in members]
    for member in members:
        out = Outgoing(f"{member}:sweep", member, GENERIC, "crm:test", {})
        notifications.parts.messenger.send(out, clock.now())
    assert not any(store.message(i).materialised for i in ids)

    dispatcher = notifications.parts.dispatcher
    later = clock.now() + timedelta(minutes=1)
    dispatcher.clock = lambda: later
    trips = count_round_trips(monkeypatch, store)
    dispatcher.run()
    dispatcher.run()  # within SWEEP_EVERY: no sweep
    assert all(store.message(i).materialised for i in ids)
    assert trips["messages.update_many"] == 1
    assert trips["messages.find"] == 1

    dispatcher.clock = lambda: later + SWEEP_EVERY
    dispatcher.run()
    assert trips["messages.find"] == 2
    assert trips["messages.update_many"] == 1  # nothing left to mark


def test_new_deliveries_are_claimed_by_id_and_the_due_query_runs_once_per_run(
    notifications, monkeypatch
):
    members = [known_member(notifications, preferred=(INBOX,)) for _ in range(4)]
    dispatcher = notifications.parts.dispatcher
    dispatcher.loop.stop()  # only the runs below dispatch
    deliveries = collection(notifications.parts.message_store, "deliveries")
    # The messages and the runs below at one instant of the dispatcher's clock: "within a
    # second of the due query" must not depend on how long the store took on this machine
    # (on a loaded machine the first run's four sends and the second burst can take more
    # than a second).
    now = clock.now()
    dispatcher.clock = lambda: now

    def burst(tag: str) -> None:
        for member in members:
            out = Outgoing(f"{member}:{tag}", member, GENERIC, "crm:test", {})
            notifications.parts.messenger.send(out, now)

    burst("first")
    claims = []
    claim = deliveries.find_one_and_update

    def spied(query, *args, **kwargs):
        claims.append("by id" if "_id" in query else "due query")
        return claim(query, *args, **kwargs)

    monkeypatch.setattr(deliveries, "find_one_and_update", spied)
    # A run that began before these messages were made still claims them by id.
    assert dispatcher.run(as_of=now - timedelta(seconds=1)).sent == 4
    assert claims == ["by id"] * 4 + ["due query"]  # the last one finds nothing left

    claims.clear()
    burst("second")  # within a second of that query: the kicked run makes none
    assert dispatcher.run(kicked=True).sent == 4
    assert claims == ["by id"] * 4
    dispatcher.clock = lambda: now + DUE_QUERY_EVERY
    assert dispatcher.run(kicked=True).sent == 0
    assert claims == ["by id"] * 4 + ["due query"]  # retries and deferrals still get theirs
