"""A request's JSON body, read safely.

A body is refused, in the API's error shape and before any schema or service sees it,
when it is larger than MAX_BYTES (413), is not JSON, nests deeper than MAX_DEPTH or
gives one key twice in an object (400): a deep body would exhaust the recursion of the
parser and the validators (an answer 500), and of a repeated key the services would see
only the last value while a proxy or log might have read the first.
"""

from __future__ import annotations

import itertools
import json
import re

from flask import request

from gateway.errors import ApiError, FieldViolation, status_error

MAX_BYTES = 256 * 1024
# Flask's MAX_CONTENT_LENGTH. Werkzeug stops reading a body sent in chunks at that limit
# without a word (LimitedStream.readall), so the body would arrive cut short: reading one
# byte more tells a body over MAX_BYTES from one exactly at it.
READ_LIMIT = MAX_BYTES + 1
MAX_DEPTH = 32

_ESCAPE = re.compile(r"\\.", re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_object() -> dict:
    """The body as a JSON object, or an ApiError saying why it is refused. A DELETE
    may send none: its path names what goes."""
    if request.method == "DELETE" and not request.content_length and not request.is_json:
        return {}
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "send the body as application/json")
    data = parse(_text())
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_argument", "the body is not a JSON object")
    return data


def refuse_oversized() -> None:
    """413 for a body that declares itself too large, before any work on the request (a
    body sent in chunks is measured as it is read)."""
    if (request.content_length or 0) > MAX_BYTES:
        raise _too_large()


def parse(text: str):
    """JSON text as Python values, refusing deep nesting and repeated keys."""
    if too_deep(text):
        raise ApiError(
            400,
            "invalid_argument",
            f"the body nests deeper than {MAX_DEPTH} levels",
            [FieldViolation("body", f"nests deeper than {MAX_DEPTH} levels")],
        )
    try:
        return json.loads(text, object_pairs_hook=_one_value_per_key)
    except _RepeatedKey as repeated:
        raise ApiError(
            400,
            "invalid_argument",
            f"the body gives the key {repeated.key!r} more than once",
            [FieldViolation(repeated.key, "is given more than once in one object")],
        ) from None
    except ValueError as error:  # JSONDecodeError, or a number of over 4,300 digits
        raise ApiError(400, "invalid_argument", f"the body is not valid JSON: {error}") from None


def too_deep(text: str) -> bool:
    """Whether JSON text nests its arrays and objects deeper than MAX_DEPTH, found
    without recursing.

    Text with no more brackets than MAX_DEPTH cannot be deeper, so nearly every body is
    answered by counting. Otherwise escapes are dropped, then whatever lies between
    quotes (strings), and the brackets left are summed: linear in the text. For text
    that is not JSON the depth found is at least the one the parser reaches before it
    fails, which is what keeps the parser's recursion bounded.
    """
    if text.count("{") + text.count("[") <= MAX_DEPTH:
        return False
    outside_strings = "".join(_ESCAPE.sub("", text).split('"')[::2])
    brackets = _NOT_BRACKET.sub("", outside_strings)
    steps = map(_DEPTH_STEP.__getitem__, brackets)
    return max(itertools.accumulate(steps), default=0) > MAX_DEPTH


class _RepeatedKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(f"repeated key {key!r}")
        self.key = key


def _one_value_per_key(pairs: list[tuple[str, object]]) -> dict:
    data = dict(pairs)
    if len(data) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RepeatedKey(key)
            seen.add(key)
    return data


def _text() -> str:
    raw = request.get_data(cache=True)
    if len(raw) > MAX_BYTES:
        raise _too_large()
    try:
        # As json.loads reads bytes (UTF-8, -16 or -32), lone surrogates kept for the
        # schema check to name.
        return raw.decode(json.detect_encoding(raw), "surrogatepass")
    except UnicodeDecodeError:
        raise ApiError(400, "invalid_argument", "the body is not UTF-8 text") from None


def _too_large() -> ApiError:
    return status_error(413, f"the body is larger than {MAX_BYTES} bytes")
