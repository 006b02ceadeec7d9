"""The store keeps MongoDB's promises over the wire, on whatever server the tests use
(the development store by default, MONGODB_URI otherwise): one update of one document is
atomic, unique indexes refuse a second copy, and an update by _id honours every other
condition of its filter."""

from __future__ import annotations

import threading

import pymongo
import pytest
from pymongo.errors import DuplicateKeyError

from common.embedded_mongo import EmbeddedMongo


def test_version_checked_updates_never_lose_a_write(mongo_db):
    collection = mongo_db["counters"]
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

    threads = [threading.Thread(target=increment, args=(50,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = collection.find_one({"_id": "c"})
    assert (final["version"], final["count"]) == (400, 400)
    assert conflicts  # the threads did race: the version check is what kept them exact


def test_one_winner_per_version_when_racing_find_one_and_update(mongo_db):
    collection = mongo_db["accounts"]
    collection.insert_one({"_id": "a", "version": 0})
    winners = []
    barrier = threading.Barrier(8)

    def race(me: int) -> None:
        barrier.wait()
        if collection.find_one_and_update(
            {"_id": "a", "version": 0}, {"$set": {"version": 1, "by": me}}
        ):
            winners.append(me)

    threads = [threading.Thread(target=race, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(winners) == 1
    assert collection.find_one({"_id": "a"})["by"] == winners[0]


def test_an_update_by_id_honours_every_other_condition(mongo_db):
    collection = mongo_db["members"]
    collection.insert_many(
        [{"_id": f"m{n}", "tier": "gold" if n % 2 else "silver"} for n in range(50)]
    )
    assert (
        collection.find_one_and_update({"_id": "m3", "tier": "silver"}, {"$set": {"x": 1}}) is None
    )
    assert (
        collection.find_one_and_update(
            {"_id": "m3", "$or": [{"tier": "gold"}, {"tier": "none"}]},
            {"$set": {"x": 1}},
            return_document=pymongo.ReturnDocument.AFTER,
        )["x"]
        == 1
    )
    assert collection.count_documents({"x": 1}) == 1


def test_a_unique_index_refuses_a_second_copy(mongo_db):
    collection = mongo_db["vouchers"]
    collection.create_index("code", unique=True)
    collection.insert_one({"code": "HPBD-7K2Q"})
    with pytest.raises(DuplicateKeyError):
        collection.insert_one({"code": "HPBD-7K2Q"})


def test_the_development_store_keeps_its_data_across_a_restart(tmp_path):
    with EmbeddedMongo(tmp_path) as server:
        with pymongo.MongoClient(server.uri) as client:
            client.kept.members.insert_one({"_id": "lan", "points": 150})
        server.process.kill()  # kill -9 at once: no shutdown of its own
        server.process.wait()
    with EmbeddedMongo(tmp_path) as server, pymongo.MongoClient(server.uri) as client:
        assert client.kept.members.find_one({"_id": "lan"}) == {"_id": "lan", "points": 150}
