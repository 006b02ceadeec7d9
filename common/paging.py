"""Offset pagination for List RPCs whose cursor is an offset the service gave out."""

from __future__ import annotations

from common.validation import Checks
from loyalty.common.v1 import common_pb2

DEFAULT_SIZE, MAX_SIZE = 50, 500


def offset_page(checks: Checks, page, max_size: int = MAX_SIZE) -> tuple[int, int]:
    """(offset, size) from a PageRequest; a bad cursor or size is a field violation."""
    skip = 0
    if page.cursor and checks.check(page.cursor.isdigit(), "page.cursor", "not a cursor we gave"):
        skip = int(page.cursor)
    checks.check(page.page_size >= 0, "page.page_size", "must not be negative")
    return skip, min(page.page_size or DEFAULT_SIZE, max_size)


def next_offset(items: list, skip: int, size: int) -> common_pb2.PageInfo:
    """The next page's cursor, given `items` read with one more than `size`."""
    return common_pb2.PageInfo(next_cursor=str(skip + size) if len(items) > size else "")


def page_of(items: list, skip: int, size: int) -> tuple[list, common_pb2.PageInfo]:
    """The page at offset `skip` of a list held whole, and the next page's cursor."""
    page = items[skip : skip + size + 1]
    return page[:size], next_offset(page, skip, size)
