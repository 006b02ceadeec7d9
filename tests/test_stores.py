"""The in-process store keeps MongoDB's promise: one update of one document is atomic."""

from __future__ import annotations

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
