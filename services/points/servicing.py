"""What the points service's servicers ask of every request alike: the fields a staff
change must name, and the page a List request asks for (a common/paging.py `Page`).

Kept here rather than in one servicer, so that no servicer needs another's module.
"""

from __future__ import annotations

from common.paging import Page
from common.validation import Checks
from services.points.ledger.messages import DOMAIN


def change_checks(request, *required: str) -> Checks:
    """The checks of a staff change: its `required` fields ("rule.rule_id" names a field of
    a field), then its actor and reason. The caller adds its own and calls `done()`."""
    checks = required_checks(request, *required)
    checks.who_and_why(request)
    return checks


def required_checks(request, *required: str) -> Checks:
    checks = Checks(DOMAIN)
    for path in required:
        checks.text(path, _field(request, path))
    return checks


def asked_page(request, *required: str) -> Page:
    """The page a List request asks for, once its `required` fields are there; a missing
    field or a bad cursor or size refuses the request (INVALID_ARGUMENT)."""
    checks = required_checks(request, *required)
    page = Page.asked(checks, request.page)
    checks.done()
    return page


def _field(message, path: str):
    for name in path.split("."):
        message = getattr(message, name)
    return message
