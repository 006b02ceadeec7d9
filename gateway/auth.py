"""Authentication: members by access token (after signing in with a code sent by SMS),
partners' tills and staff by API key.

Sign-in: a six-digit code, kept hashed in Redis for five minutes, is sent through the
notifications service (SIGN_IN_CODE, by SMS to the member's phone). Codes are counted per
phone (members' or not, so a refusal tells nothing) and per client address. Each check
takes one of the code's five tries atomically, so concurrent guesses cannot share one;
a wrong code, a spent one and an unknown phone get one answer after the same work.
The right code gives a short-lived access token (a JWT signed with GATEWAY_JWT_SECRET)
and a refresh token (random, kept hashed in Redis for 30 days, replaced on every use,
indexed per member so that they can all be forgotten at once).
Every member request and every refresh asks the members service whether the member is
still active: blocking or erasing ends their sessions at once, whatever Redis did.
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
import phonenumbers
import redis

from gateway.calls import call
from gateway.config import GatewaySettings
from gateway.downstream import Downstream
from gateway.errors import ApiError
from gateway.principals import Principal
from loyalty.members.v1 import members_pb2
from loyalty.notifications.v1 import messages_pb2, templates_pb2
from loyalty.points.v1 import partners_pb2

log = logging.getLogger("loyalty.gateway.auth")
CODE_SECONDS, CODE_TRIES = 300, 5
WRONG_CODE = "the code is wrong or has expired"
NO_CODE = "gateway:sign-in-code:nobody"  # what an unknown phone's check reads
UNMATCHABLE = hashlib.sha256(secrets.token_bytes(32)).hexdigest()  # the digest of no code
REFRESH_SECONDS = 30 * 86400
KEY_CACHE_SECONDS = 60
EPOCH = "gateway:key-epoch"
EPOCH_RETRY_SECONDS = 0.05
ROLES = {
    partners_pb2.API_KEY_ROLE_PARTNER: "partner",
    partners_pb2.API_KEY_ROLE_VIEWER: "viewer",
    partners_pb2.API_KEY_ROLE_OPERATOR: "operator",
    partners_pb2.API_KEY_ROLE_ADMIN: "admin",
}
# One try at a code, taken atomically (concurrent guesses each use one of their own): the
# code's digest while it has tries left, else nothing.
TAKE_TRY = """
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
if redis.call('HINCRBY', KEYS[1], 'tries', 1) > tonumber(ARGV[1]) then return false end
return redis.call('HGET', KEYS[1], 'digest')
"""
# One send counted in every window (KEYS[i] allows ARGV[2i-1] sends per ARGV[2i] seconds,
# from its first), or in none when one is full: then the seconds until it empties. A
# refused send is not counted, so a flood does not keep a phone locked out for longer.
COUNT_SEND = """
local wait = 0
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[2 * i - 1]) then
    wait = math.max(wait, redis.call('TTL', key), 1)
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('EXPIRE', key, ARGV[2 * i]) end
end
return 0
"""
TEN_MINUTES, DAY = 600, 86400
PHONE_REGION = "VN"  # the members service reads national numbers in it too


def unauthenticated(message: str = "sign in first") -> ApiError:
    return ApiError(401, "unauthenticated", message, headers={"WWW-Authenticate": "Bearer"})


class Authenticator:
    def __init__(self, downstream: Downstream, store: redis.Redis, secret: str, ttl: int) -> None:
        self.downstream = downstream
        self.store = store
        self.secret = secret
        self.ttl = ttl
        self._take_try = store.register_script(TAKE_TRY)
        self._count_send = store.register_script(COUNT_SEND)
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
        self._still_active(claims["sub"])
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
        sessions = _sessions(member_id)
        pipe = self.store.pipeline()
        pipe.set(_refresh_key(_digest(refresh)), member_id, ex=REFRESH_SECONDS)
        pipe.sadd(sessions, _digest(refresh))
        pipe.expire(sessions, REFRESH_SECONDS)
        pipe.execute()
        return {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": self.ttl,
            "refresh_token": refresh,
        }

    def refresh(self, token: str) -> dict:
        digest = _digest(token)
        member_id = self.store.getdel(_refresh_key(digest))
        if member_id is None:
            raise unauthenticated("the refresh token is unknown, used or expired")
        member_id = member_id.decode()
        self.store.srem(_sessions(member_id), digest)
        self._still_active(member_id)
        return self.tokens(member_id)

    def end_sessions(self, member_id: str) -> None:
        """Forgets the member's refresh tokens. Best effort: the status check refuses them
        anyway, this only keeps Redis from holding tokens nobody may use."""
        sessions = _sessions(member_id)
        try:
            digests = self.store.smembers(sessions)
            self.store.delete(sessions, *(_refresh_key(d.decode()) for d in digests))
        except redis.RedisError:
            log.warning("refresh tokens of an inactive member not deleted: Redis unavailable")

    def send_code(self, phone: str, client: str, settings: GatewaySettings) -> None:
        """Sends a code to the active member with this phone. An unknown phone is counted
        the same and gets the same answer (and nothing), so the API does not tell who is
        a member; past a limit, both get 429."""
        self._count(phone, client, settings)
        member = self._member_by_phone(phone)
        if member is None:
            return
        code = f"{secrets.randbelow(10**6):06d}"
        key = _code_key(member.member_id)
        pipe = self.store.pipeline()
        pipe.hset(key, mapping={"digest": _digest(code), "tries": 0})
        pipe.expire(key, CODE_SECONDS)
        pipe.execute()
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
        """Tokens for the right code, which it spends. A wrong code, a spent or expired one
        and an unknown phone get one answer after the same work (one lookup, one script
        on Redis, one comparison), so neither answer nor timing tells who is a member."""
        member = self._member_by_phone(phone)
        key = _code_key(member.member_id) if member else NO_CODE
        stored = self._take_try(keys=[key], args=[CODE_TRIES])
        digest = stored.decode() if stored else UNMATCHABLE
        # Only the first of concurrent right guesses deletes the code, and signs in.
        if not hmac.compare_digest(digest, _digest(code)) or not self.store.delete(key):
            raise unauthenticated(WRONG_CODE)
        return self.tokens(member.member_id)

    def _count(self, phone: str, client: str, settings: GatewaySettings) -> None:
        """One send counted per phone and per client address, or 429 past a limit."""
        counted = _phone_key(phone)
        windows = {  # key: (most sends, per seconds)
            f"phone:{counted}:{TEN_MINUTES}": (settings.codes_per_phone_10_minutes, TEN_MINUTES),
            f"phone:{counted}:{DAY}": (settings.codes_per_phone_day, DAY),
            f"address:{client}:{TEN_MINUTES}": (settings.codes_per_address_10_minutes, TEN_MINUTES),
        }
        wait = self._count_send(
            keys=[f"gateway:sends:{key}" for key in windows],
            args=[number for window in windows.values() for number in window],
        )
        if wait:
            raise ApiError(
                429,
                "resource_exhausted",
                "too many sign-in codes were asked for; try again later",
                headers={"Retry-After": str(wait)},
            )

    def _member_by_phone(self, phone: str):
        """The active member with this phone, or None: a blocked member does not sign in
        (their session would end at its first request)."""
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
        return reply.member if reply.member.status == members_pb2.MEMBER_STATUS_ACTIVE else None

    def _still_active(self, member_id: str) -> None:
        """Refuses a member blocked or erased since signing in. The members service is
        asked every time, never a cache: a block ends the session at once, and does not
        depend on any write to Redis having worked."""
        try:
            reply = call(
                self.downstream,
                "members",
                "loyalty.members.v1.MembersService/GetMember",
                members_pb2.GetMemberRequest(member_id=member_id),
                read=True,
            )
        except ApiError as error:
            if error.status != 404:
                raise
            reply = members_pb2.GetMemberResponse()  # no such member: not active either
        if reply.member.status != members_pb2.MEMBER_STATUS_ACTIVE:
            self.end_sessions(member_id)
            raise unauthenticated("this member's sessions have ended")

    # API keys

    def key(self, raw: str, epoch: int | None) -> Principal:
        """Who the key is; `epoch` is the key epoch just read (None when Redis could not
        say: then the points service, the truth, is asked every time, and every key this
        process verified is forgotten, since a revocation made meanwhile may not have
        bumped the epoch)."""
        with self._lock:
            if epoch is None:
                self._keys.clear()
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
        """Every process forgets the keys it verified (called after a revocation). With
        Redis away, this process forgets its own at once, and a thread bumps the epoch as
        soon as Redis answers again (the others ask the points service meanwhile, since
        they cannot read the epoch either)."""
        with self._lock:
            self._keys.clear()
        if not self._bump_epoch():
            threading.Thread(target=self._bump_when_back, name="key-epoch", daemon=True).start()

    def _bump_epoch(self) -> bool:
        try:
            self.store.incr(EPOCH)
            return True
        except redis.RedisError:
            log.warning("key epoch not bumped: Redis unavailable; bumped when it is back")
            return False

    def _bump_when_back(self) -> None:
        while not self._bump_epoch():
            time.sleep(EPOCH_RETRY_SECONDS)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _code_key(member_id: str) -> str:
    return f"gateway:sign-in-code:{member_id}"


def _refresh_key(digest: str) -> str:
    return f"gateway:refresh:{digest}"


def _sessions(member_id: str) -> str:
    """The digests of the member's refresh tokens."""
    return f"gateway:sessions:{member_id}"


def _phone_key(phone: str) -> str:
    """The phone as sends are counted: in E.164 when it parses, so that "0905 123 456" and
    "+84905123456" share one count; hashed, so that Redis holds no phone numbers."""
    try:
        number = phonenumbers.format_number(
            phonenumbers.parse(phone, PHONE_REGION), phonenumbers.PhoneNumberFormat.E164
        )
    except phonenumbers.NumberParseException:
        number = "".join(filter(str.isdigit, phone))
    return _digest(number)
