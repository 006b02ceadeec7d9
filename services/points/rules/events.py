"""The custom events' announcement (loyalty.events.v1.CustomEventRecorded), queued in the
points service's event outbox under the custom event's id, so a step run again (a retry,
the recovery sweep) queues one event."""

from __future__ import annotations

from collections.abc import Callable

from common import events as bus
from common.outbox import queue_events
from loyalty.events.v1 import events_pb2
from loyalty.points.v1 import custom_events_pb2 as pb
from services.points.rules.store import CustomEventStore

SOURCES = {"app": pb.CUSTOM_EVENT_SOURCE_APP, "partner": pb.CUSTOM_EVENT_SOURCE_PARTNER}


class CustomEventAnnouncer:
    def __init__(self, store: CustomEventStore, on_queued: Callable[[], None]) -> None:
        self.store = store
        self.on_queued = on_queued

    def recorded(self, doc: dict) -> None:
        event = bus.envelope(
            "custom_event.recorded",
            "points",
            doc["member_id"],
            f"custom-event:{doc['_id']}",
            occurred_at=doc["recorded_at"],
            event_id=doc["_id"],
            custom_event_recorded=events_pb2.CustomEventRecorded(
                custom_event_id=doc["_id"],
                name=doc["name"],
                attributes=doc["attributes"],
                occurred_at=bus.timestamp(doc["occurred_at"]),
                source=SOURCES[doc["source"]],
                partner_id=doc["partner_id"],
                store_id=doc["store_id"],
            ),
        )
        queue_events(
            self.store.event_outbox, [(doc["_id"], event.SerializeToString(), doc["recorded_at"])]
        )
        self.on_queued()
