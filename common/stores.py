"""Connections to the service's own MongoDB database and to Redis.

MONGODB_URI chooses the store: a real MongoDB, or (empty) the in-process store that
mongomock provides: non-durable, single-process, for trying the suite, demos and tests.
Both are reached through the same mongoengine documents, so no business code knows
which one is underneath.
"""

from __future__ import annotations

import mongoengine
import mongomock
import redis

MONGO_TIMEOUT_MS = 2000
REDIS_TIMEOUT_SECONDS = 2.0


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
        )
    else:
        mongoengine.connect(
            db=db,
            host="mongodb://localhost",
            mongo_client_class=mongomock.MongoClient,
            tz_aware=True,
        )
    return mongoengine.get_db()


def ping_mongo() -> None:
    """Raises when the database does not answer."""
    mongoengine.get_db().command("ping")


def connect_redis(url: str) -> redis.Redis:
    return redis.Redis.from_url(
        url,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        health_check_interval=30,
    )
