"""The console's sessions: a random token in a cookie (HttpOnly, SameSite=Lax, Secure
outside development, path /console), the session itself in Redis under the token's
SHA-256, so a copy of Redis holds no usable cookie. A session ends after IDLE_SECONDS
without a request and at the latest MAX_SECONDS after sign-in. Every session carries a
CSRF token that every POST must send back (a form field, or the X-CSRF-Token header
htmx sends). Signing in always starts a new session (the one the sign-in page made is
deleted): a token planted before sign-in is worth nothing after it. A password change
ends every session of the account made before it (password_stamp)."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import secrets
import time

from flask import current_app, g, request

COOKIE = "loyalty_console"
IDLE_SECONDS = 30 * 60
MAX_SECONDS = 8 * 60 * 60
PREFIX = "console:session:"


@dataclasses.dataclass
class Session:
    token: str
    csrf: str
    staff_id: str = ""
    language: str = "vi"
    started: float = 0.0
    # The account's password_changed_at (seconds) at sign-in: a session made before the
    # password changed ends at its next request.
    password_stamp: float = 0.0
    flash: list = dataclasses.field(default_factory=list)

    @property
    def signed_in(self) -> bool:
        return bool(self.staff_id)


def _key(token: str) -> str:
    return PREFIX + hashlib.sha256(token.encode()).hexdigest()


def _redis():
    return current_app.extensions["redis"]


def load() -> Session | None:
    token = request.cookies.get(COOKIE, "")
    if not token or len(token) > 100:
        return None
    raw = _redis().get(_key(token))
    if raw is None:
        return None
    data = json.loads(raw)
    session = Session(token=token, **data)
    if session.started and time.time() - session.started > MAX_SECONDS:
        end(session)
        return None
    return session


def new(staff_id: str = "", language: str = "vi", password_stamp: float = 0.0) -> Session:
    session = Session(
        token=secrets.token_urlsafe(32),
        csrf=secrets.token_urlsafe(32),
        staff_id=staff_id,
        language=language,
        started=time.time() if staff_id else 0.0,
        password_stamp=password_stamp,
    )
    save(session)
    g.console_new_cookie = session.token
    return session


def save(session: Session) -> None:
    data = dataclasses.asdict(session)
    data.pop("token")
    _redis().set(_key(session.token), json.dumps(data), ex=IDLE_SECONDS)


def end(session: Session) -> None:
    _redis().delete(_key(session.token))


def csrf_valid(session: Session | None) -> bool:
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token", "")
    return bool(session and sent) and hmac.compare_digest(sent, session.csrf)


def set_cookie(response, secure: bool) -> None:
    token = g.pop("console_new_cookie", None)
    if token is not None:
        response.set_cookie(
            COOKIE,
            token,
            max_age=MAX_SECONDS,
            path="/console",
            secure=secure,
            httponly=True,
            samesite="Lax",
        )
    if g.pop("console_clear_cookie", False):
        response.delete_cookie(
            COOKIE, path="/console", secure=secure, httponly=True, samesite="Lax"
        )


def password_stamp(staff) -> float:
    """The staff account's (a StaffMember message) password_changed_at, in seconds."""
    changed = staff.password_changed_at
    return changed.seconds + changed.nanos / 1e9
