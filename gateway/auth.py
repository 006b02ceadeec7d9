"""Authentication: members by access token (after signing in with a code sent by SMS),
partners' tills and staff by API key.

Sign-in: a six-digit code, kept hashed in Redis for five minutes with at most five tries,
is sent through the notifications service (SIGN_IN_CODE, by SMS to the member's phone).
The right code gives a short-lived access token (a JWT signed with GATEWAY_JWT_SECRET)
and a refresh token (random, kept hashed in Redis for 30 days, replaced on every use).
Losing Redis signs members out and drops codes in flight; it never touches a point.

API keys are the points service's (ApiKeysService). Each process keeps a verified key
for a minute under the key epoch that revoking bumps in Redis (read with the rate count,
in the same round trip), so a revoked key stops at once everywhere; while Redis is away,
every request asks the points service again.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import threading
import time
import uuid

import jwt
import redis

from gateway.calls import call
from gateway.downstream import Downstream
from gateway.errors import ApiError
from gateway.principals import Principal
from loyalty.members.v1 import members_pb2
from loyalty.notifications.v1 import messages_pb2, templates_pb2
from loyalty.points.v1 import partners_pb2

log = logging.getLogger("loyalty.gateway.auth")
CODE_SECONDS, CODE_TRIES = 300, 5
REFRESH_SECONDS = 30 * 86400
KEY_CACHE_SECONDS = 60
EPOCH = "gateway:key-epoch"
ROLES = {
    partners_pb2.API_KEY_ROLE_PARTNER: "partner",
    partners_pb2.API_KEY_ROLE_VIEWER: "viewer",
    partners_pb2.API_KEY_ROLE_OPERATOR: "operator",
    partners_pb2.API_KEY_ROLE_ADMIN: "admin",
}


def unauthenticated(message: str = "sign in first") -> ApiError:
    return ApiError(401, "unauthenticated", message, headers={"WWW-Authenticate": "Bearer"})


class Authenticator:
    def __init__(self, downstream: Downstream, store: redis.Redis, secret: str, ttl: int) -> None:
        self.downstream = downstream
        self.store = store
        self.secret = secret
        self.ttl = ttl
        self._keys: dict[str, tuple[float, int, Principal]] = {}
        self._lock = threading.Lock()

    # Members

    def member(self, header: str) -> Principal:
        token = header.removeprefix("Bearer ").strip()
        try:
            claims = jwt.decode(
                token, self.secret, algorithms=["HS256"], options={"require": ["exp", "sub"]}
            )
        except jwt.PyJWTError:
            raise unauthenticated("the access token is missing, expired or not ours") from None
        if claims.get("typ") != "access":
            raise unauthenticated("not an access token")
        return Principal("member", member_id=claims["sub"])

    def tokens(self, member_id: str) -> dict:
        now = int(time.time())
        access = jwt.encode(
            {
                "sub": member_id,
                "typ": "access",
                "iat": now,
                "exp": now + self.ttl,
                "jti": uuid.uuid4().hex,
            },
            self.secret,
            algorithm="HS256",
        )
        refresh = secrets.token_urlsafe(32)
        self.store.set(f"gateway:refresh:{_digest(refresh)}", member_id, ex=REFRESH_SECONDS)
        return {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": self.ttl,
            "refresh_token": refresh,
        }

    def refresh(self, token: str) -> dict:
        member_id = self.store.getdel(f"gateway:refresh:{_digest(token)}")
        if member_id is None:
            raise unauthenticated("the refresh token is unknown, used or expired")
        return self.tokens(member_id.decode())

    def send_code(self, phone: str) -> None:
        """Sends a code to the member with this phone; an unknown phone gets the same
        answer (and nothing), so the API does not tell who is a member."""
        member = self._member_by_phone(phone)
        if member is None:
            return
        code = f"{secrets.randbelow(10**6):06d}"
        self.store.set(f"gateway:code:{member.member_id}", f"{_digest(code)}:0", ex=CODE_SECONDS)
        call(
            self.downstream,
            "notifications",
            "loyalty.notifications.v1.MessagesService/SendMessage",
            messages_pb2.SendMessageRequest(
                idempotency_key=f"sign-in:{uuid.uuid4().hex}",
                member_id=member.member_id,
                message_type=templates_pb2.MESSAGE_TYPE_SIGN_IN_CODE,
                variables={"code": code, "minutes": str(CODE_SECONDS // 60)},
                to_phone=member.phone,
                actor="gateway",
            ),
        )

    def check_code(self, phone: str, code: str) -> dict:
        member = self._member_by_phone(phone)
        key = f"gateway:code:{member.member_id if member else 'none'}"
        stored = self.store.get(key)
        if member is None or stored is None:
            raise unauthenticated("no code was sent to this phone, or it expired")
        digest, tries = stored.decode().rsplit(":", 1)
        if int(tries) + 1 >= CODE_TRIES:
            self.store.delete(key)  # the last try: right or wrong, the code is spent
        else:
            self.store.set(key, f"{digest}:{int(tries) + 1}", keepttl=True)
        if not hmac.compare_digest(digest, _digest(code)):
            raise unauthenticated("the code is wrong")
        self.store.delete(key)
        return self.tokens(member.member_id)

    def _member_by_phone(self, phone: str):
        try:
            reply = call(
                self.downstream,
                "members",
                "loyalty.members.v1.MembersService/FindMember",
                members_pb2.FindMemberRequest(phone=phone),
                read=True,
            )
        except ApiError as error:
            if error.status == 404:
                return None
            raise
        return reply.member

    # API keys

    def key(self, raw: str, epoch: int | None) -> Principal:
        """Who the key is; `epoch` is the key epoch just read (None when Redis could not
        say, and then the points service is asked every time)."""
        with self._lock:
            kept = self._keys.get(raw)
        if (
            kept
            and epoch is not None
            and kept[1] == epoch
            and time.monotonic() - kept[0] < KEY_CACHE_SECONDS
        ):
            return kept[2]
        try:
            reply = call(
                self.downstream,
                "points",
                "loyalty.points.v1.ApiKeysService/VerifyApiKey",
                partners_pb2.VerifyApiKeyRequest(key=raw),
                read=True,
            )
        except ApiError as error:
            if error.status == 401:
                raise unauthenticated("the API key is not valid") from None
            raise
        found = reply.key
        role = ROLES[found.role]
        principal = Principal(
            "partner" if role == "partner" else "staff",
            key_id=found.key_id,
            partner_id=found.partner_id,
            store_ids=tuple(found.store_ids),
            role="" if role == "partner" else role,
        )
        if epoch is not None:
            with self._lock:
                self._keys[raw] = (time.monotonic(), epoch, principal)
        return principal

    def key_revoked(self) -> None:
        """Every process forgets the keys it verified (called after a revocation)."""
        try:
            self.store.incr(EPOCH)
        except redis.RedisError:
            log.warning("key epoch not bumped: Redis unavailable")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
