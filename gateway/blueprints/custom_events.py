"""Custom events (issue #22): the member's app records app events (a check-in), a till
records partner events (a store visit, a survey), the CRM team keeps the catalogue and the
segments made of them. Which source may send which event is the catalogue's to say
(loyalty.points.v1.CustomEventsService); the caller's identity sets the source, the member
or the partner, never the body."""

from __future__ import annotations

from flask import Blueprint

from gateway.access import own_store
from gateway.api import Route

blueprint = Blueprint("custom_events", __name__)
EVENTS = "loyalty.points.v1.CustomEventsService"
INSIGHTS = "loyalty.members.v1.InsightsService"


def _member(who):
    return {"member_id": who.member_id, "source": "CUSTOM_EVENT_SOURCE_APP"}


def _partner(who):
    return {"partner_id": who.partner_id, "source": "CUSTOM_EVENT_SOURCE_PARTNER"}


def _staff(method, path, summary, service, rpc, role="viewer", **options) -> Route:
    return Route(method, path, summary, "staff", service, rpc, role=role, **options)


ROUTES = [
    Route(
        "POST",
        "/v1/me/events",
        "Record something I did in the app (e.g. a check-in); it may earn bonus points",
        "member",
        "points",
        f"{EVENTS}/RecordCustomEvent",
        inject=_member,
        idempotency="required",
    ),
    Route(
        "POST",
        "/v1/partner/events",
        "Record something a member did at the store (a visit, a survey); it may earn bonus points",
        "partner",
        "points",
        f"{EVENTS}/RecordCustomEvent",
        inject=_partner,
        idempotency="required",
        check=own_store,
    ),
    _staff(
        "GET",
        "/v1/admin/custom-event-types",
        "The catalogue of custom events",
        "points",
        f"{EVENTS}/ListCustomEventTypes",
        query=("enabled_only",),
    ),
    _staff(
        "PUT",
        "/v1/admin/custom-event-types/<name>",
        "Define a custom event (who may send it), or change its definition",
        "points",
        f"{EVENTS}/DefineCustomEventType",
        role="admin",
        path_map={"name": "event_type.name"},
    ),
    _staff(
        "GET",
        "/v1/admin/event-segments",
        "The custom event segments",
        "members",
        f"{INSIGHTS}/ListEventSegments",
    ),
    _staff(
        "POST",
        "/v1/admin/event-segments",
        "Define a segment of the members who did an event N times in D days",
        "members",
        f"{INSIGHTS}/DefineEventSegment",
        role="operator",
    ),
    _staff(
        "DELETE",
        "/v1/admin/event-segments/<segment_id>",
        "Remove a custom event segment",
        "members",
        f"{INSIGHTS}/DeleteEventSegment",
        role="operator",
    ),
]
