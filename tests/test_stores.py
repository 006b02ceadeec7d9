"""The in-process store keeps MongoDB's promise: one update of one document is atomic."""

from __future__ import annotations

import re
import threading
import uuid

from common import stores


def test_version_checked_updates_never_lose_a_write_in_the_in_process_store():
    collection = stores.connect_mongo("", f"atomic_{uuid.uuid4().hex[:8]}")["counters"]
    collection.insert_one({"_id": "c", "version": 0, "count": 0})
    conflicts = []

    def increment(times: int) -> None:
        for _ in range(times):
            while True:
                doc = collection.find_one({"_id": "c"})
                written = collection.update_one(
                    {"_id": "c", "version": doc["version"]},
                    {"$set": {"version": doc["version"] + 1, "count": doc["count"] + 1}},
                )
                if written.matched_count:
                    break
                conflicts.append(1)

    threads = [threading.Thread(target=increment, args=(300,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = collection.find_one({"_id": "c"})
    assert (final["version"], final["count"]) == (2400, 2400)
    assert conflicts  # the threads did race: the version check is what kept them exact


def test_a_query_by_id_answers_as_a_scan_would_without_testing_other_documents(monkeypatch):
    import mongomock.filtering

    collection = stores.connect_mongo("", f"ids_{uuid.uuid4().hex[:8]}")["members"]
    collection.insert_many(
        [{"_id": f"m{n}", "tier": "gold" if n % 2 else "silver"} for n in range(50)]
        + [{"_id": 7, "tier": "gold"}]
    )
    tested = []
    applies = mongomock.filtering.filter_applies
    monkeypatch.setattr(stores, "filter_applies", lambda f, d: tested.append(d) or applies(f, d))
    assert collection.find_one({"_id": "m3"})["tier"] == "gold"
    assert collection.find_one({"_id": "m3", "tier": "silver"}) is None  # every condition holds
    assert collection.find_one({"_id": "nobody"}) is None
    assert collection.find_one({"_id": 7})["tier"] == "gold"
    assert collection.update_one({"_id": "m4"}, {"$set": {"tier": "gold"}}).modified_count == 1
    assert collection.find_one({"_id": "m4"})["tier"] == "gold"
    ids = {d["_id"] for d in collection.find({"_id": {"$in": ["m1", "m2", "m1", "none"]}})}
    assert ids == {"m1", "m2"}
    assert (
        collection.update_many({"_id": {"$in": ["m1", "m2"]}}, {"$set": {"x": 1}}).modified_count
        == 2
    )
    assert len(tested) <= 12  # the named documents only, never the other 50
    # What the shortcut does not take (other operators, patterns) still scans, and answers.
    assert collection.count_documents({"_id": {"$in": [re.compile("^m4")]}}) == 11
    assert collection.count_documents({"_id": {"$gt": "m8"}}) == 1  # "m9" (strings compare)
