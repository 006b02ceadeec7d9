"""Signing in and out, and the console's language."""

from __future__ import annotations

from flask import g, redirect, render_template, request, url_for

from gateway.console import forms, sessions, text
from gateway.console.calls import STAFF, unchecked
from gateway.errors import ApiError

PLACE = 0


def register(bp) -> None:
    @bp.get("/sign-in")
    def sign_in_page():
        if g.session is None:
            g.session = sessions.new(language=_language())
        return render_template("console/sign_in.html", error="")

    @bp.post("/sign-in")
    def sign_in():
        email = request.form.get("email", "")[:200]
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
        g.session = sessions.new(staff.staff_id, staff.language or "vi")
        return redirect(url_for("console.dashboard"), 303)

    @bp.post("/sign-out")
    def sign_out():
        sessions.end(g.session)
        g.console_clear_cookie = True
        return redirect(url_for("console.sign_in_page"), 303)

    @bp.post("/language")
    def language():
        chosen = request.form.get("language", "vi")
        g.session.language = chosen if chosen in text.LANGUAGES else "vi"
        sessions.save(g.session)
        return redirect(forms.back(), 303)


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
