"""Who may call a route, and how often: the caller is authenticated for the route's
audience, authorised by role (staff) or store (partners), and counted against a
per-minute limit in Redis (429 with Retry-After and the RateLimit headers)."""

from __future__ import annotations

import logging
import time

import redis
from flask import current_app, g, request

from gateway.errors import ApiError, FieldViolation
from gateway.principals import Principal

log = logging.getLogger("loyalty.gateway.access")
ANONYMOUS = Principal("public")


def authenticate(route) -> Principal:
    auth = current_app.extensions["auth"]
    if route.audience == "public":
        who = ANONYMOUS
    elif route.audience == "member":
        who = auth.member(request.headers.get("Authorization", ""))
    else:
        key = request.headers.get("X-API-Key", "")
        if not key:
            raise ApiError(401, "unauthenticated", "send your API key in X-API-Key")
        who = auth.key(key)
        wanted = "partner" if route.audience == "partner" else "staff"
        if who.kind != wanted:
            raise ApiError(403, "permission_denied", f"this key is not a {wanted} key")
        if wanted == "staff" and not who.may(route.role):
            raise ApiError(403, "permission_denied", f"this needs the {route.role} role")
    count(who)
    return who


def count(who: Principal) -> None:
    """Fixed one-minute windows per key or member; Redis away means no limit (logged)."""
    if who is ANONYMOUS:
        key, limit = f"ip:{request.remote_addr}", current_app.config["PUBLIC_LIMIT"]
    else:
        key, limit = who.limit_key, current_app.config["RATE_LIMIT"]
    window = int(time.time() // 60)
    try:
        pipe = current_app.extensions["redis"].pipeline(transaction=False)
        pipe.incr(f"gateway:rate:{key}:{window}")
        pipe.expire(f"gateway:rate:{key}:{window}", 120)
        used = pipe.execute()[0]
    except redis.RedisError:
        log.warning("rate limit not applied: Redis unavailable")
        return
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


def own_store(who: Principal, message) -> None:
    """A partner key acts only at its partner's stores (the key may name fewer)."""
    store_id = getattr(message, "store_id", "")
    if store_id and not who.serves(store_id):
        raise ApiError(
            403,
            "permission_denied",
            "this key does not act for that store",
            [FieldViolation("store_id", "not one of this key's stores")],
        )
