"""Offset pagination for List RPCs whose cursor is an offset the service gave out.

`Page` is the page a List request asks for; the functions below are the same rules for
servicers that hold a (skip, size) pair rather than a `Page`.
"""

from __future__ import annotations

import dataclasses

from common.validation import Checks
from loyalty.common.v1 import common_pb2

DEFAULT_SIZE, MAX_SIZE = 50, 500


@dataclasses.dataclass(frozen=True)
class Page:
    """The page a List request asks for: `size` items after the first `skip`."""

    skip: int
    size: int

    @classmethod
    def asked(cls, checks: Checks, page, max_size: int = MAX_SIZE) -> Page:
        """The page a PageRequest asks for; a bad cursor or size is a field violation
        (added to `checks`, which the caller ends with `done()`)."""
        skip = 0
        if page.cursor and checks.check(
            page.cursor.isdigit(), "page.cursor", "not a cursor we gave"
        ):
            skip = int(page.cursor)
        checks.check(page.page_size >= 0, "page.page_size", "must not be negative")
        return cls(skip, min(page.page_size or DEFAULT_SIZE, max_size))

    @property
    def reading(self) -> int:
        """How many to read: one more than the page, to tell whether another page follows."""
        return self.size + 1

    def of(self, listing: list) -> list:
        """This page (and the one more) of a listing held whole."""
        return listing[self.skip : self.skip + self.reading]

    def shown(self, read: list, message=None) -> list:
        """The page's items (as messages, given `message`), without the one more."""
        kept = read[: self.size]
        return kept if message is None else [message(item) for item in kept]

    def info(self, read: list) -> common_pb2.PageInfo:
        """The next page's cursor, given `read` with one more than the page."""
        return common_pb2.PageInfo(
            next_cursor=str(self.skip + self.size) if len(read) > self.size else ""
        )


def offset_page(checks: Checks, page, max_size: int = MAX_SIZE) -> tuple[int, int]:
    """(offset, size) from a PageRequest; a bad cursor or size is a field violation."""
    asked = Page.asked(checks, page, max_size)
    return asked.skip, asked.size


def next_offset(items: list, skip: int, size: int) -> common_pb2.PageInfo:
    """The next page's cursor, given `items` read with one more than `size`."""
    return Page(skip, size).info(items)


def page_of(items: list, skip: int, size: int) -> tuple[list, common_pb2.PageInfo]:
    """The page at offset `skip` of a list held whole, and the next page's cursor."""
    page = Page(skip, size)
    read = page.of(items)
    return page.shown(read), page.info(read)
