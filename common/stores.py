"""Connections to the service's own MongoDB database and to Redis.

Every process reaches MongoDB over the wire: production's replica set, or outside
production the development store (common/embedded_mongo.py) when MONGODB_URI is empty.
Each service holds a client of its own, so closing one (a test stopping one of two
services in one process, a service restarting) never closes another's.

MongoDB applies one update of one document atomically against concurrent writers; the
ledger relies on it, and its race tests prove it on the real server.
"""

from __future__ import annotations

import pymongo
import redis
from pymongo.database import Database
from redis.backoff import NoBackoff
from redis.retry import Retry

MONGO_TIMEOUT_MS = 2000
REDIS_TIMEOUT_SECONDS = 0.5
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


def connect_mongo(uri: str, db: str) -> Database:
    """The database `db` through a client of its own (`.client`; close it to end it).

    The client connects lazily: a server that does not answer yet fails the first
    operation, within MONGO_TIMEOUT_MS, not this call."""
    client = pymongo.MongoClient(
        uri,
        serverSelectionTimeoutMS=MONGO_TIMEOUT_MS,
        connectTimeoutMS=MONGO_TIMEOUT_MS,
        tz_aware=True,
        uuidRepresentation="standard",
    )
    return client[db]


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
