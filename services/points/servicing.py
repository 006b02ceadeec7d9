"""What the points service's servicers ask of every request alike: the fields a staff
change must name, and the page a List request asks for (offset cursors, common/paging.py).

Kept here rather than in one servicer, so that no servicer needs another's module.
"""

from __future__ import annotations

import dataclasses

from common.paging import next_offset, offset_page
from common.validation import Checks
from loyalty.common.v1 import common_pb2
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


@dataclasses.dataclass(frozen=True)
class Page:
    """The page a List request asks for: `size` items after the first `skip`."""

    skip: int
    size: int

    @property
    def reading(self) -> int:
        """How many to read: one more than the page, to tell whether another page follows."""
        return self.size + 1

    def of(self, listing: list) -> list:
        """This page (and the one more) of a listing read whole."""
        return listing[self.skip : self.skip + self.reading]

    def shown(self, read: list, message) -> list:
        """The page's items as messages, without the one more."""
        return [message(item) for item in read[: self.size]]

    def info(self, read: list) -> common_pb2.PageInfo:
        return next_offset(read, self.skip, self.size)


def asked_page(request, *required: str) -> Page:
    """The page a List request asks for, once its `required` fields are there; a missing
    field or a bad cursor or size refuses the request (INVALID_ARGUMENT)."""
    checks = required_checks(request, *required)
    skip, size = offset_page(checks, request.page)
    checks.done()
    return Page(skip, size)


def _field(message, path: str):
    for name in path.split("."):
        message = getattr(message, name)
    return message
