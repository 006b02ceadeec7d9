"""Signing in and out, and the console's language."""

from __future__ import annotations

import logging
import time

import redis
from flask import current_app, g, redirect, render_template, request, url_for

from gateway.console import forms, sessions, text
from gateway.console.calls import STAFF, unchecked
from gateway.errors import ApiError

PLACE = 0
TEN_MINUTES = 600
WORDS = {
    "my_account": ("Tài khoản của tôi", "My account"),
    "change_password": ("Đổi mật khẩu", "Change password"),
    "current_password": ("Mật khẩu hiện tại", "Current password"),
    "new_password": ("Mật khẩu mới (12 đến 200 ký tự)", "New password (12 to 200 characters)"),
    "repeat_password": ("Nhập lại mật khẩu mới", "New password again"),
    "passwords_differ": ("Hai mật khẩu mới không khớp", "The two new passwords differ"),
    "password_changed": (
        "Đã đổi mật khẩu; các phiên đăng nhập khác đã kết thúc.",
        "Password changed; your other sessions have ended.",
    ),
    "wrong_current": ("Mật khẩu hiện tại không đúng", "The current password is wrong"),
    "last_sign_in": ("Lần đăng nhập trước", "Last sign-in"),
}
log = logging.getLogger("loyalty.gateway.console")


def register(bp) -> None:
    @bp.get("/sign-in")
    def sign_in_page():
        if g.session is None:
            g.session = sessions.new(language=_language())
        return render_template("console/sign_in.html", error="")

    @bp.post("/sign-in")
    def sign_in():
        email = request.form.get("email", "")[:200]
        if wait := _wait_before_next_try():
            page = render_template("console/sign_in.html", error=_too_many(wait), email=email)
            return page, 429, {"Retry-After": str(wait)}
        try:
            reply = unchecked(
                f"{STAFF}/SignIn",
                read=False,
                email=email,
                password=request.form.get("password", "")[:200],
                client_address=request.remote_addr,
            )
        except ApiError as error:
            if error.status >= 500:
                raise
            message = error.message if error.status != 401 else _wrong_credentials()
            return render_template("console/sign_in.html", error=message, email=email), 401
        staff = reply.staff
        sessions.end(g.session)  # a new session at every sign-in
        g.session = sessions.new(
            staff.staff_id, staff.language or "vi", sessions.password_stamp(staff)
        )
        return redirect(url_for("console.dashboard"), 303)

    @bp.post("/sign-out")
    def sign_out():
        sessions.end(g.session)
        g.console_clear_cookie = True
        return redirect(url_for("console.sign_in_page"), 303)

    @bp.get("/account")
    def my_account():
        return render_template("console/account.html", errors={})

    @bp.post("/account/password")
    def change_password():
        new = request.form.get("new_password", "")[:201]
        if new != request.form.get("repeat_password", "")[:201]:
            errors = {"repeat_password": text.word("passwords_differ", g.language)}
            return render_template("console/account.html", errors=errors), 400
        try:
            reply = unchecked(
                f"{STAFF}/ChangeOwnPassword",
                read=False,
                staff_id=g.staff.staff_id,  # one's own account only, never a form's
                current_password=request.form.get("current_password", "")[:201],
                new_password=new,
            )
        except ApiError as error:
            if error.status == 401:
                errors = {"current_password": text.word("wrong_current", g.language)}
            elif error.status < 500 and error.fields:
                errors = {v.field: v.reason for v in error.fields}
            else:
                raise  # a lock-out or an outage: the blueprint's answer
            return render_template("console/account.html", errors=errors), error.status
        # Every other session of this account ends at its next request; this one goes
        # on as a new session carrying the new password's stamp.
        sessions.end(g.session)
        g.session = sessions.new(
            g.staff.staff_id, g.session.language, sessions.password_stamp(reply.staff)
        )
        forms.flash("ok", text.word("password_changed", g.language))
        return redirect(url_for("console.my_account"), 303)

    @bp.post("/language")
    def language():
        chosen = request.form.get("language", "vi")
        g.session.language = chosen if chosen in text.LANGUAGES else "vi"
        sessions.save(g.session)
        return redirect(forms.back(), 303)


def _wait_before_next_try() -> int:
    """Seconds this client address must wait before its next sign-in try (0: none). The
    staff service locks an account after five wrong passwords; this bounds the tries
    spread over many e-mails, each a slow scrypt check in the points service. Redis
    away means no count (logged), like the API's other limits."""
    limit = current_app.config["LOYALTY_SETTINGS"].console_sign_ins_per_address_10_minutes
    window = int(time.time() // TEN_MINUTES)
    key = f"gateway:console-sign-ins:{request.remote_addr}:{window}"
    pipe = current_app.extensions["redis"].pipeline(transaction=False)
    pipe.incr(key)
    pipe.expire(key, TEN_MINUTES)
    try:
        tries, _ = current_app.extensions["redis_breaker"].call(pipe.execute)
    except redis.RedisError:
        log.warning("console sign-in limit not applied: Redis unavailable")
        return 0
    return TEN_MINUTES - int(time.time()) % TEN_MINUTES if tries > limit else 0


def _too_many(wait: int) -> str:
    minutes = max(1, round(wait / 60))
    return {
        "vi": f"Quá nhiều lần đăng nhập từ địa chỉ này. Hãy thử lại sau {minutes} phút.",
        "en": f"Too many sign-in tries from this address. Try again in {minutes} minutes.",
    }[g.session.language if g.session else "vi"]


def _language() -> str:
    chosen = request.args.get("lang", "")
    if chosen in text.LANGUAGES:
        return chosen
    best = request.accept_languages.best_match(text.LANGUAGES)
    return best or "vi"


def _wrong_credentials() -> str:
    return {"vi": "Sai e-mail hoặc mật khẩu.", "en": "Wrong e-mail or password."}[
        g.session.language if g.session else "vi"
    ]
