"""The staff console (issue #23): the CRM and ops team run the programme from a browser,
at /console, served by the gateway beside the REST API (not under /v1: not part of the
API's contract or its OpenAPI document).

Server-rendered Flask and Jinja pages with a little htmx, each signed-in staff member in a
server-side session (sessions.py), their role mapped onto the API's staff roles
(roles.py); every page (pages/, one module per area) calls the services through the
gateway's own clients (calls.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from werkzeug.exceptions import NotFound

from gateway.console import forms, pages, roles, sessions, text
from gateway.console.calls import (
    ROLE_NAMES,
    STAFF,
    Refused,
    error_message,
    refused_message,
    unchecked,
)
from gateway.errors import ApiError

log = logging.getLogger("loyalty.gateway.console")
STATIC = Path(__file__).resolve().parents[1] / "static" / "console"
PUBLIC = {"console.sign_in_page", "console.sign_in", "console.static"}

blueprint = Blueprint(
    "console",
    __name__,
    url_prefix="/console",
    template_folder="templates",
    static_folder=str(STATIC),
    static_url_path="/static",
)


@blueprint.before_request
def _signed_in():
    if request.endpoint == "console.static":
        return None
    g.session = sessions.load()
    g.language = g.session.language if g.session else "vi"
    g.role, g.staff = "", None
    if request.method == "POST" and not sessions.csrf_valid(g.session):
        return _page("console/refused.html", 403, message=_csrf_message())
    if request.endpoint in PUBLIC:
        return None
    if g.session is None or not g.session.signed_in:
        return redirect(url_for("console.sign_in_page"), 303)
    try:
        staff = unchecked(f"{STAFF}/GetStaff", staff_id=g.session.staff_id).staff
    except ApiError as error:
        if error.status != 404:
            raise
        staff = None
    if staff is None or staff.status != 1 or not _same_password(staff, g.session):
        # Disabled, gone, or its password changed since: the session ends now.
        sessions.end(g.session)
        g.console_clear_cookie = True
        return redirect(url_for("console.sign_in_page"), 303)
    sessions.save(g.session)  # each request keeps an active session alive
    g.staff, g.role = staff, ROLE_NAMES.get(staff.role, "")
    g.actor = f"staff:{staff.email}"
    return None


@blueprint.after_request
def _headers(response):
    settings = current_app.config["LOYALTY_SETTINGS"]
    sessions.set_cookie(response, secure=settings.environment != "development")
    if request.endpoint != "console.static":
        response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    )
    return response


@blueprint.route("/<path:unknown>", methods=["GET", "POST"])
def _unknown_page(unknown: str):
    """A console address no page has: the console's own not-found page (once signed in),
    not the REST API's JSON."""
    abort(404)


@blueprint.errorhandler(NotFound)
def _not_found(error: NotFound):
    return _page("console/error.html", 404, message=text.word("page_not_found", g.language))


@blueprint.errorhandler(Refused)
def _refused(error: Refused):
    rpc = str(error.args[0]) if error.args else ""
    log.info("console action refused", extra={"rpc": rpc, "role": g.get("role", "")})
    return _page("console/refused.html", 403, message=refused_message(rpc))


@blueprint.errorhandler(ApiError)
def _api_error(error: ApiError):
    if error.status == 403:
        return _page("console/refused.html", 403, message=error_message(error))
    if request.method == "POST" and g.get("session") is not None and error.status < 500:
        forms.flash("error", error_message(error))
        return redirect(forms.back(), 303)
    return _page("console/error.html", error.status, message=error_message(error))


def _same_password(staff, session: sessions.Session) -> bool:
    return sessions.password_stamp(staff) == session.password_stamp


def _page(template: str, status: int, **context):
    return render_template(template, **context), status


def _csrf_message() -> str:
    return {
        "vi": "Biểu mẫu đã hết hạn hoặc không hợp lệ (CSRF). Hãy tải lại trang và thử lại.",
        "en": "The form has expired or is not valid (CSRF). Reload the page and try again.",
    }[g.language]


@blueprint.app_template_global()
def t(key: str) -> str:
    return text.word(key, g.get("language", "vi"))


@blueprint.context_processor
def _context():
    session = g.get("session")
    flashes = []
    if session is not None and session.flash:
        flashes, session.flash = session.flash, []
        sessions.save(session)
    return {
        "csrf_token": session.csrf if session else "",
        "staff": g.get("staff"),
        "role": g.get("role", ""),
        "language": g.get("language", "vi"),
        "flashes": flashes,
        "may": lambda rpc: roles.may(g.get("role", ""), rpc),
        "menu": [entry for entry in pages.MENU if roles.may(g.get("role", ""), entry[2])],
        "vnd": text.vnd,
        "pts": text.points,
        "percent": text.percent,
        "local_time": text.local_time,
        "last_day": text.last_day,
        "day": text.day,
    }


pages.register(blueprint)
