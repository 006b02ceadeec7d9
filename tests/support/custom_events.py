"""Custom events as the tests send them: the catalogue's types, custom event bonus rules,
events from an app or a till."""

from __future__ import annotations

from datetime import datetime

from loyalty.points.v1 import custom_events_pb2 as ce
from loyalty.points.v1 import custom_events_pb2_grpc
from loyalty.points.v1 import rules_pb2 as pb
from tests.support.protos import timestamp

APP, PARTNER = ce.CUSTOM_EVENT_SOURCE_APP, ce.CUSTOM_EVENT_SOURCE_PARTNER


def events_stub(points) -> custom_events_pb2_grpc.CustomEventsServiceStub:
    return custom_events_pb2_grpc.CustomEventsServiceStub(points.channel)


def define_type(points, name: str, *sources: int) -> ce.CustomEventType:
    return (
        events_stub(points)
        .DefineCustomEventType(
            ce.DefineCustomEventTypeRequest(
                event_type=ce.CustomEventType(
                    name=name, sources=list(sources) or [APP], enabled=True
                ),
                actor="crm:mai",
                reason="the catalogue",
            )
        )
        .event_type
    )


def event_rule(points, key: str, event_name: str, bonus: int, **caps) -> pb.BonusRule:
    """A CUSTOM_EVENT bonus rule paying `bonus` points for `event_name`, with `caps`
    (per_member_day=3, points_budget=100, attribute_equals={...} ...)."""
    attributes = caps.pop("attribute_equals", {})
    return points.rules.CreateBonusRule(
        pb.CreateBonusRuleRequest(
            idempotency_key=key,
            rule=pb.BonusRule(
                name=key,
                trigger=pb.BONUS_TRIGGER_CUSTOM_EVENT,
                enabled=True,
                points=bonus,
                custom_event=pb.CustomEventTrigger(
                    event_name=event_name,
                    attribute_equals=attributes,
                    caps=pb.CustomEventCaps(**caps),
                ),
            ),
            actor="crm:mai",
            reason="custom events earn",
        )
    ).rule


def app_event(member_id: str, key: str, name: str = "app_check_in", **attributes: str):
    return ce.RecordCustomEventRequest(
        idempotency_key=key, member_id=member_id, name=name, attributes=attributes, source=APP
    )


def till_event(
    member_id: str,
    key: str,
    name: str,
    occurred_at: datetime | None = None,
    partner_id: str = "sen-mart",
    **attributes: str,
):
    return ce.RecordCustomEventRequest(
        idempotency_key=key,
        member_id=member_id,
        name=name,
        attributes=attributes,
        occurred_at=timestamp(occurred_at) if occurred_at else None,
        source=PARTNER,
        partner_id=partner_id,
    )
