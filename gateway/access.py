"""Who may call a route, and how often: the caller is authenticated for the route's
audience, authorised by role (staff) or store (partners), and counted against a
per-minute limit in Redis (429 with Retry-After and the RateLimit headers)."""

from __future__ import annotations

import logging
import time

import redis
from flask import current_app, g, request

from gateway.auth import EPOCH
from gateway.calls import call
from gateway.errors import ApiError, FieldViolation
from gateway.principals import Principal
from loyalty.points.v1 import partners_pb2

log = logging.getLogger("loyalty.gateway.access")
ANONYMOUS = Principal("public")


def authenticate(route) -> Principal:
    """The caller, checked for the route, and counted (one Redis round trip for both the
    count and the key epoch)."""
    auth = current_app.extensions["auth"]
    if route.audience == "public":
        count(ANONYMOUS)
        return ANONYMOUS
    if route.audience == "member":
        who = auth.member(request.headers.get("Authorization", ""))
        count(who)
        return who
    key = request.headers.get("X-API-Key", "")
    if not key:
        raise ApiError(401, "unauthenticated", "send your API key in X-API-Key")
    # The key's id is readable before the key is checked: count it with the epoch read.
    epoch = count(Principal("partner", key_id=key_id_of(key)), with_epoch=True)
    who = auth.key(key, epoch)
    wanted = "partner" if route.audience == "partner" else "staff"
    if who.kind != wanted:
        raise ApiError(403, "permission_denied", f"this key is not a {wanted} key")
    if wanted == "staff" and not who.may(route.role):
        raise ApiError(403, "permission_denied", f"this needs the {route.role} role")
    return who


def key_id_of(key: str) -> str:
    parts = key.split("_")
    return parts[1][:32] if len(parts) >= 3 and parts[0] == "lsk" else "malformed"


def count(who: Principal, with_epoch: bool = False) -> int | None:
    """Fixed one-minute windows per key or member; Redis away means no limit (logged).
    With `with_epoch`, the API keys' epoch read in the same round trip (None: unknown)."""
    if who is ANONYMOUS:
        key, limit = f"ip:{request.remote_addr}", current_app.config["PUBLIC_LIMIT"]
    else:
        key, limit = who.limit_key, current_app.config["RATE_LIMIT"]
    window = int(time.time() // 60)
    pipe = current_app.extensions["redis"].pipeline(transaction=False)
    pipe.incr(f"gateway:rate:{key}:{window}")
    pipe.expire(f"gateway:rate:{key}:{window}", 120)
    if with_epoch:
        pipe.get(EPOCH)
    try:
        replies = current_app.extensions["redis_breaker"].call(pipe.execute)
    except redis.RedisError:
        log.warning("rate limit not applied: Redis unavailable")
        return None
    used = replies[0]
    reset = 60 - int(time.time()) % 60
    g.rate_headers = {
        "RateLimit-Limit": str(limit),
        "RateLimit-Remaining": str(max(0, limit - used)),
        "RateLimit-Reset": str(reset),
    }
    if used > limit:
        raise ApiError(
            429,
            "resource_exhausted",
            "too many requests; slow down",
            headers={**g.rate_headers, "Retry-After": str(reset)},
        )
    return int(replies[2] or 0) if with_epoch else None


def own_store(who: Principal, message) -> None:
    """A partner key acts only at its partner's stores (the key may name fewer), and a
    key that names stores says at which one on every till call."""
    store_id = getattr(message, "store_id", "")
    if not store_id and who.store_ids:
        raise ApiError(
            400,
            "invalid_argument",
            "this key is for some stores only: name the store",
            [FieldViolation("store_id", f"is required with this key ({', '.join(who.store_ids)})")],
        )
    if store_id and not (who.serves(store_id) and _partner_of(store_id) == who.partner_id):
        raise ApiError(
            403,
            "permission_denied",
            "this key does not act for that store",
            [FieldViolation("store_id", "not one of this key's stores")],
        )


def _partner_of(store_id: str) -> str:
    """The partner a store belongs to (a store never changes partner, so each app
    remembers what it read; an unknown store is asked again next time)."""
    known = current_app.extensions["store_partners"]
    if store_id not in known:
        try:
            reply = call(
                current_app.extensions["downstream"],
                "points",
                "loyalty.points.v1.PartnersService/GetStore",
                partners_pb2.GetStoreRequest(store_id=store_id),
                read=True,
            )
        except ApiError as error:
            if error.status != 404:
                raise
            return ""
        known[store_id] = reply.store.partner_id
    return known[store_id]
