"""Custom events earning points through bonus rules (issue #22): capped per member per day,
per week, for ever and by the rule's budget; paid once however often an event is sent,
however many race; every bad field named with nothing recorded; the catalogue deciding
who may send what."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import grpc

from common import clock
from common import events as bus
from common.grpc_errors import details_of
from loyalty.events.v1 import events_pb2
from loyalty.points.v1 import custom_events_pb2 as ce
from loyalty.points.v1 import ledger_pb2
from loyalty.points.v1 import rules_pb2 as pb
from tests.support.custom_events import (
    APP,
    PARTNER,
    app_event,
    define_type,
    event_rule,
    events_stub,
    till_event,
)
from tests.support.refusals import reason, refused
from tests.support.waiting import wait_for

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def bonus_points(points, member_id: str) -> list[int]:
    entries = points.stub.ListEntries(ledger_pb2.ListEntriesRequest(member_id=member_id)).entries
    return [e.points for e in entries if e.type == ledger_pb2.ENTRY_TYPE_BONUS]


def fields_named(call, request) -> set[str]:
    return {v.field for v in details_of(refused(call, request))[0]}


def yesterday_noon(hour: int = 12) -> datetime:
    """An instant of yesterday, local time, whatever today is: within the 7 days a till may
    send late, never in the future, and all on one local day."""
    today = clock.now().astimezone(HCM).date()
    day = today - timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, tzinfo=HCM).astimezone(UTC)


def test_the_fourth_check_in_of_a_day_earns_nothing_and_a_replay_pays_once(points):
    define_type(points, "app_check_in", APP)
    rule = event_rule(points, "check-in-10", "app_check_in", 10, per_member_day=3)
    stub = events_stub(points)
    # An app's event happens when it is recorded; four in a row can straddle midnight, so a
    # run that did starts again with another member (two midnights in seconds cannot be).
    for attempt in range(2):
        member = f"m-check-{attempt}"
        points.seed(member)
        answers = [stub.RecordCustomEvent(app_event(member, f"{member}-{i}")) for i in range(4)]
        days = {a.event.recorded_at.ToDatetime(UTC).astimezone(HCM).date() for a in answers}
        if len(days) == 1:
            break
    assert [a.points for a in answers] == [10, 10, 10, 0]
    assert [a.awards[0].withheld for a in answers] == ["", "", "", "CAP_PER_MEMBER_DAY"]
    assert all(a.awards[0].bonus_rule_id == rule.bonus_rule_id for a in answers)
    # The first check-in sent again: the same answer, nothing paid again.
    again = stub.RecordCustomEvent(app_event(member, f"{member}-0"))
    assert again.replayed and again.points == 10
    assert again.awards[0].entry_id == answers[0].awards[0].entry_id
    assert again.event.event_id == answers[0].event.event_id
    assert bonus_points(points, member) == [10, 10, 10]
    assert points.balance(member).available == 30
    # The same key for another event is refused and records nothing.
    error = refused(stub.RecordCustomEvent, app_event(member, f"{member}-0", mood="happy"))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS
    assert reason(error) == "IDEMPOTENCY_KEY_REUSED"
    assert (
        points.rules.GetBonusRule(
            pb.GetBonusRuleRequest(bonus_rule_id=rule.bonus_rule_id)
        ).rule.points_awarded
        == 30
    )
    assert points.audit().clean


def test_events_racing_each_other_take_no_more_than_the_cap(points):
    define_type(points, "store_visit", PARTNER)
    event_rule(points, "visit-5", "store_visit", 5, per_member_day=3)
    points.seed("m-race")
    at = yesterday_noon()
    stub = events_stub(points)
    answers: list[ce.RecordCustomEventResponse] = []
    lock = threading.Lock()

    def send(i: int) -> None:
        # Every event twice at once, as a till retrying while the first is in flight.
        answer = stub.RecordCustomEvent(till_event("m-race", f"race-{i % 8}", "store_visit", at))
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    paid = {a.event.event_id for a in answers if a.points}
    assert len(paid) == 3
    assert bonus_points(points, "m-race") == [5, 5, 5]
    for event_id in {a.event.event_id for a in answers}:
        told = {a.points for a in answers if a.event.event_id == event_id}
        assert len(told) == 1, "both copies of an event must get the same answer"


def test_week_lifetime_and_budget_caps_and_attribute_conditions(points):
    define_type(points, "survey_answered", PARTNER)
    define_type(points, "review_written", APP, PARTNER)
    event_rule(points, "survey-week", "survey_answered", 7, per_member_week=2)
    event_rule(points, "review-budget", "review_written", 20, points_budget=50)
    event_rule(
        points,
        "five-star",
        "review_written",
        3,
        per_member_lifetime=1,
        attribute_equals={"rating": "5"},
    )
    points.seed("m-a", "m-b")
    stub = events_stub(points)
    at = yesterday_noon()
    # Three surveys in one week (yesterday, an hour apart): the third is withheld.
    surveys = [
        stub.RecordCustomEvent(
            till_event("m-a", f"s-{i}", "survey_answered", at + timedelta(minutes=i))
        )
        for i in range(3)
    ]
    assert [s.points for s in surveys] == [7, 7, 0]
    assert surveys[2].awards[0].withheld == "CAP_PER_MEMBER_WEEK"
    # The budget of 50 pays two reviews of 20 in all, across members; the five-star rule
    # pays a member once for ever and ignores reviews of another rating.
    reviews = [
        stub.RecordCustomEvent(till_event(member, f"r-{i}", "review_written", at, rating=rating))
        for i, (member, rating) in enumerate(
            [("m-a", "5"), ("m-b", "4"), ("m-a", "5"), ("m-b", "5")]
        )
    ]
    assert [r.points for r in reviews] == [23, 20, 3 - 3, 3]
    assert [sorted(a.withheld for a in r.awards) for r in reviews] == [
        ["", ""],
        [""],
        ["BUDGET_SPENT", "CAP_PER_MEMBER_LIFETIME"],
        ["", "BUDGET_SPENT"],
    ]
    assert sorted(bonus_points(points, "m-a")) == [3, 7, 7, 20]
    assert sorted(bonus_points(points, "m-b")) == [3, 20]


def test_the_catalogue_decides_who_sends_what(points):
    define_type(points, "store_visit", PARTNER)
    define_type(points, "old_promo", APP)
    kept = events_stub(points).ListCustomEventTypes(ce.ListCustomEventTypesRequest()).event_types
    disabled = kept[0]
    disabled.enabled = False
    events_stub(points).DefineCustomEventType(
        ce.DefineCustomEventTypeRequest(
            event_type=disabled, expected_version=1, actor="crm:mai", reason="over"
        )
    )
    points.seed("m-1")
    stub = events_stub(points)
    # An app may not record a till's event; unknown and disabled types are refused.
    error = refused(stub.RecordCustomEvent, app_event("m-1", "k1", "store_visit"))
    assert (error.code(), reason(error)) == (
        grpc.StatusCode.FAILED_PRECONDITION,
        "SOURCE_NOT_ALLOWED",
    )
    error = refused(stub.RecordCustomEvent, app_event("m-1", "k2", "no_such_event"))
    assert (error.code(), reason(error)) == (grpc.StatusCode.NOT_FOUND, "EVENT_TYPE_NOT_FOUND")
    error = refused(stub.RecordCustomEvent, app_event("m-1", "k3", "old_promo"))
    assert reason(error) == "EVENT_TYPE_DISABLED"
    error = refused(stub.RecordCustomEvent, till_event("m-nobody", "k4", "store_visit"))
    assert error.code() == grpc.StatusCode.NOT_FOUND
    # Defining a name that exists, without its version, is refused.
    error = refused(stub.DefineCustomEventType, _type_request("store_visit"))
    assert error.code() == grpc.StatusCode.ABORTED


def test_every_bad_field_is_named_and_nothing_is_recorded(points, redis_client):
    define_type(points, "app_check_in", APP)
    event_rule(points, "check-in", "app_check_in", 10)
    points.seed("m-1")
    stub = events_stub(points)
    bad = app_event("m-1", "", "App Check-In", **{"Bad Key": "x", "note": "y" * 201})
    bad.occurred_at.FromDatetime(clock.now())
    error = refused(stub.RecordCustomEvent, bad)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    named = {v.field for v in details_of(error)[0]}
    assert {"idempotency_key", "name", "attributes.Bad Key", "attributes.note"} <= named
    assert "occurred_at" in named
    too_many = app_event("m-1", "k", **{f"a{i}": "1" for i in range(17)})
    assert "attributes" in {
        v.field for v in details_of(refused(stub.RecordCustomEvent, too_many))[0]
    }
    future = till_event("m-1", "k", "app_check_in", clock.now() + timedelta(hours=1))
    assert {v.field for v in details_of(refused(stub.RecordCustomEvent, future))[0]} == {
        "occurred_at"
    }
    old = till_event("m-1", "k", "app_check_in", clock.now() - timedelta(days=8))
    assert {v.field for v in details_of(refused(stub.RecordCustomEvent, old))[0]} == {"occurred_at"}
    unsourced = app_event("m-1", "k")
    unsourced.source = ce.CUSTOM_EVENT_SOURCE_UNSPECIFIED
    assert "source" in {v.field for v in details_of(refused(stub.RecordCustomEvent, unsourced))[0]}
    # A bad rule: every field named.
    error = refused(
        points.rules.CreateBonusRule,
        pb.CreateBonusRuleRequest(
            idempotency_key="bad-rule",
            rule=pb.BonusRule(
                name="bad",
                trigger=pb.BONUS_TRIGGER_CUSTOM_EVENT,
                points=0,
                custom_event=pb.CustomEventTrigger(
                    event_name="Bad Name", caps=pb.CustomEventCaps(per_member_day=-1)
                ),
            ),
            actor="crm:mai",
            reason="test",
        ),
    )
    assert {v.field for v in details_of(error)[0]} >= {
        "rule.points",
        "rule.custom_event.event_name",
        "rule.custom_event.caps.per_member_day",
    }
    assert bonus_points(points, "m-1") == []
    assert points.store.db["custom_events"].count_documents({}) == 0


def test_an_event_is_announced_once_and_its_bonus_names_the_event(points, redis_client):
    define_type(points, "app_check_in", APP)
    event_rule(points, "check-in", "app_check_in", 10)
    points.seed("m-1")
    stub = events_stub(points)
    answer = stub.RecordCustomEvent(app_event("m-1", "once", venue="q1"))
    stub.RecordCustomEvent(app_event("m-1", "once", venue="q1"))

    def envelopes():
        points.relay.drain()
        return [
            events_pb2.Envelope.FromString(fields[b"envelope"])
            for _, fields in redis_client.xrange(bus.POINTS_STREAM)
        ]

    wait_for(lambda: any(e.type == "bonus.awarded" for e in envelopes()), what="the bonus's event")
    recorded = [e for e in envelopes() if e.type == "custom_event.recorded"]
    assert len(recorded) == 1
    assert recorded[0].event_id == answer.event.event_id
    assert recorded[0].custom_event_recorded.name == "app_check_in"
    assert dict(recorded[0].custom_event_recorded.attributes) == {"venue": "q1"}
    (bonus,) = [e for e in envelopes() if e.type == "bonus.awarded"]
    assert bonus.bonus_awarded.trigger == pb.BONUS_TRIGGER_CUSTOM_EVENT
    assert bonus.bonus_awarded.reference == answer.event.event_id


def test_recovery_finishes_an_event_a_crash_left_half_done(points):
    define_type(points, "app_check_in", APP)
    rule = event_rule(points, "check-in", "app_check_in", 10, per_member_day=1)
    points.seed("m-1")
    events = points.parts.rules.custom_events
    # The crash: the event recorded, counted under the cap, and not paid.
    answer = events_stub(points).RecordCustomEvent(app_event("m-1", "crash"))
    entry_id = answer.awards[0].entry_id
    collection = points.store.db["custom_events"]
    collection.update_one(
        {"_id": answer.event.event_id},
        {
            "$set": {
                "state": "recorded",
                "awards": {},
                "recorded_at": clock.now() - timedelta(minutes=5),
            }
        },
    )
    events.recover()  # (the service's own recovery sweep may have been first)
    done = wait_for(
        lambda: (d := collection.find_one({"_id": answer.event.event_id}))["state"] == "done" and d,
        what="the event settled",
    )
    # Counted once (the cap of 1 still lets it pay) and paid once, by the same entry.
    assert done["awards"][rule.bonus_rule_id]["entry_id"] == entry_id
    assert bonus_points(points, "m-1") == [10]


def _type_request(name: str) -> ce.DefineCustomEventTypeRequest:
    return ce.DefineCustomEventTypeRequest(
        event_type=ce.CustomEventType(name=name, sources=[PARTNER], enabled=True),
        actor="crm:mai",
        reason="again",
    )
