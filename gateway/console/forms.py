"""What the console's forms send, read within bounds (a form is client input like any
other: never trusted for a type or a length), and the one-time notes shown after a change."""

from __future__ import annotations

from datetime import datetime

from flask import Response, abort, g, request, url_for

from gateway.console import sessions, text


def field(name: str, limit: int = 200) -> str:
    return request.form.get(name, "").strip()[:limit]


def whole_number(name: str) -> int:
    """A whole number as staff type it ("1.250.000", "1,250,000" or "1250000"); 0 when
    it is not one (the page or the service then names the field)."""
    raw = request.form.get(name, "0")[:32].replace(".", "").replace(",", "").strip()
    try:
        return int(raw)
    except ValueError:
        return 0


def local_time(name: str) -> str:
    """A datetime-local field (the programme's zone) as RFC 3339."""
    raw = request.form.get(name, "")[:32]
    try:
        local = datetime.fromisoformat(raw).replace(tzinfo=text.ZONE)
    except ValueError:
        abort(Response(f"{name}: not a date and time", 400))
    return local.isoformat()


def flash(kind: str, message: str) -> None:
    """A note shown once on the next page ("ok" or "error")."""
    g.session.flash.append([kind, message])
    sessions.save(g.session)


def back() -> str:
    """The console page the form came from (never another site)."""
    target = request.referrer or ""
    path = target.split("://", 1)[-1]
    path = path[path.find("/") :] if "/" in path else ""
    return path if path.startswith("/console") else url_for("console.dashboard")
