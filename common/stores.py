"""Connections to the service's own MongoDB database and to Redis.

MONGODB_URI chooses the store: a real MongoDB, or (empty) the in-process store that
mongomock provides: non-durable, single-process, for trying the suite, demos and tests.
Both are reached through the same mongoengine connection and pymongo calls, so no
business code knows which one is underneath.

MongoDB applies one update of one document atomically against concurrent writers, and
the ledger relies on it. mongomock does not (its find_one_and_update finds, then updates
by _id: two threads can both match the same version). So the in-process store runs
every collection operation under one lock, which gives it the same guarantee.
"""

from __future__ import annotations

import functools
import threading
import uuid

import bson
import mongoengine
import mongomock
import mongomock.collection
import redis
from mongomock.filtering import filter_applies
from redis.backoff import NoBackoff
from redis.retry import Retry

MONGO_TIMEOUT_MS = 2000
REDIS_TIMEOUT_SECONDS = 0.5


def connect_mongo(uri: str, db: str):
    """Register the default mongoengine connection and return its database."""
    mongoengine.disconnect()
    if uri:
        mongoengine.connect(
            db=db,
            host=uri,
            serverSelectionTimeoutMS=MONGO_TIMEOUT_MS,
            connectTimeoutMS=MONGO_TIMEOUT_MS,
            tz_aware=True,
            uuidRepresentation="standard",
        )
    else:
        _serialise_in_process_store()
        mongoengine.connect(
            db=db,
            host="mongodb://localhost",
            mongo_client_class=mongomock.MongoClient,
            tz_aware=True,
            uuidRepresentation="standard",
        )
    return mongoengine.get_db()


_IN_PROCESS_LOCK = threading.RLock()
# Collection methods that are each one round trip to a MongoDB server.
ROUND_TRIP_METHODS = frozenset(
    {
        "find_one",
        "insert_one",
        "insert_many",
        "update_one",
        "update_many",
        "replace_one",
        "delete_one",
        "delete_many",
        "find_one_and_update",
        "find_one_and_replace",
        "find_one_and_delete",
        "bulk_write",
        "count_documents",
        "estimated_document_count",
        "distinct",
        "aggregate",
    }
)
_SERIALISED_METHODS = ROUND_TRIP_METHODS | {"create_index", "create_indexes", "drop"}


def _serialise_in_process_store() -> None:
    """Make each mongomock operation atomic (idempotent: patches once per process)."""
    if getattr(mongomock.collection.Collection, "_loyalty_serialised", False):
        return
    for name in _SERIALISED_METHODS:
        _wrap(mongomock.collection.Collection, name)
    # Queries are evaluated lazily by the cursor: evaluate them under the lock too.
    _wrap(mongomock.collection.Cursor, "_compute_results")
    _index_ids(mongomock.collection.Collection)
    mongomock.collection.Collection._loyalty_serialised = True


def _index_ids(cls) -> None:
    """A query naming its _ids ({"_id": x}, {"_id": {"$in": [...]}}) reads those
    documents, as MongoDB's _id index does.

    mongomock tests every document of the collection against every query, so without
    this each read or write by _id costs as much as the collection is large, and the
    in-process store slows down with every document it holds.
    """
    scan = cls._iter_documents

    @functools.wraps(scan)
    def iter_documents(self, filter):
        ids = _named_ids(filter)
        if ids is None:
            return scan(self, filter)
        found = []
        for each in ids:
            try:
                document = self._store[each]
            except KeyError:
                continue
            if filter_applies(filter, document):
                found.append(document)
        return iter(found)

    cls._iter_documents = iter_documents


# _id values a dictionary lookup finds exactly as MongoDB's equality would.
_PLAIN_IDS = (str, int, bytes, bson.ObjectId, uuid.UUID)


def _named_ids(filter) -> list | None:
    """The _ids `filter` names outright, or None when it must be scanned for."""
    wanted = filter.get("_id") if isinstance(filter, dict) else None
    named_in = isinstance(wanted, dict) and list(wanted) == ["$in"]
    candidates = wanted["$in"] if named_in else [wanted]
    if not isinstance(candidates, list | tuple):
        return None
    if not all(isinstance(each, _PLAIN_IDS) for each in candidates):
        return None
    return list(dict.fromkeys(candidates))


def _wrap(cls, name: str) -> None:
    original = getattr(cls, name)

    @functools.wraps(original)
    def serialised(*args, **kwargs):
        with _IN_PROCESS_LOCK:
            return original(*args, **kwargs)

    setattr(cls, name, serialised)


def ping_mongo() -> None:
    """Raises when the database does not answer."""
    mongoengine.get_db().command("ping")


def connect_redis(url: str) -> redis.Redis:
    """A client that gives up fast: Redis is a cache and a bus here, and callers fall back
    (to the store, or to the outbox) rather than wait out redis-py's default retries."""
    return redis.Redis.from_url(
        url,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        health_check_interval=30,
        retry=Retry(NoBackoff(), 1),
    )
