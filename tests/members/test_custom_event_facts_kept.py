"""The members' custom event facts are not kept for ever: MongoDB deletes each once it is
older than any segment can look back from a computation of the past year (a TTL index on
when the event happened)."""

from __future__ import annotations

from datetime import timedelta

import pymongo

from services.members.insights.domain import MAX_EVENT_DAYS
from services.members.insights.store import InsightsStore


def test_custom_event_facts_expire_after_twice_the_longest_segment_window(mongo_uri, databases):
    with pymongo.MongoClient(mongo_uri) as client:
        db = client[databases("facts_kept")]
        InsightsStore(db).ensure_indexes()
        InsightsStore(db).ensure_indexes()  # every start makes them; the second changes nothing
        kept = db["custom_event_facts"].index_information()["kept"]
    assert kept["key"] == [("at", 1)]
    # A segment looks back MAX_EVENT_DAYS from its computation's instant, which may be a
    # year ago: facts that young are all still there.
    lifetime = timedelta(seconds=kept["expireAfterSeconds"])
    assert lifetime >= timedelta(days=MAX_EVENT_DAYS) * 2
    assert lifetime <= timedelta(days=800)  # and not kept for ever
