"""Hostile request input (issue #19) against the running gateway: every refusal, whether
the app's (body size, nesting, repeated keys, invalid JSON) or gunicorn's (request line,
headers), answers in the API's JSON error shape, and a refused request changes nothing."""

from __future__ import annotations

import json
import socket
import urllib.parse

import pytest

from gateway import body
from gateway.errors import ApiError

pytestmark = pytest.mark.suite

DEEP = "[" * 10_000 + "]" * 10_000


def exchange(base_url: str, head: str, payload: bytes = b"") -> tuple[int, dict, dict]:
    """One request written byte for byte on a new connection: status, headers (names in
    lower case) and the JSON body. For requests no HTTP client would send."""
    address = urllib.parse.urlsplit(base_url)
    with socket.create_connection((address.hostname, address.port), timeout=15) as connection:
        connection.sendall(head.encode("latin-1") + b"\r\n" + payload)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    header_block, _, answer = received.partition(b"\r\n\r\n")
    status_line, *header_lines = header_block.decode("latin-1").split("\r\n")
    headers = {name.lower(): value for name, value in (h.split(": ", 1) for h in header_lines)}
    return int(status_line.split()[1]), headers, json.loads(answer)


def post(base_url: str, path: str, text: str, **headers: str) -> tuple[int, dict, dict]:
    payload = text.encode()
    lines = [
        f"POST {path} HTTP/1.1",
        "Host: gateway",
        "Connection: close",
        "Content-Type: application/json",
        f"Content-Length: {len(payload)}",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    return exchange(base_url, "\r\n".join(lines) + "\r\n", payload)


def assert_error_shape(status: int, headers: dict, answer: dict, expected_status: int) -> None:
    assert status == expected_status, answer
    assert headers["content-type"] == "application/json"
    assert set(answer) == {"error"}
    assert set(answer["error"]) == {"code", "message", "fields"}
    assert answer["error"]["message"]


def test_json_nested_10000_deep_is_refused_as_too_deep_not_a_server_error(suite, programme):
    status, headers, answer = post(
        suite.gateway_url, "/v1/partner/earns", DEEP, **programme.till.headers
    )
    assert_error_shape(status, headers, answer, 400)
    assert "deeper than 32 levels" in answer["error"]["message"]
    assert answer["error"]["fields"] == [{"field": "body", "reason": "nests deeper than 32 levels"}]


def test_33_levels_are_refused_and_32_reach_the_schema_check(suite, programme):
    def nested(levels: int) -> str:
        return '{"a":' * (levels - 1) + "{}" + "}" * (levels - 1)

    too_deep = post(suite.gateway_url, "/v1/partner/earns", nested(33), **programme.till.headers)
    assert_error_shape(*too_deep, 400)
    assert "deeper than 32 levels" in too_deep[2]["error"]["message"]
    deepest = post(suite.gateway_url, "/v1/partner/earns", nested(32), **programme.till.headers)
    assert_error_shape(*deepest, 400)
    assert deepest[2]["error"]["message"] == "the request has invalid fields"


@pytest.mark.parametrize(
    ("text", "too_deep"),
    [
        (DEEP, True),
        ("[" * 33 + "]" * 33, True),
        ("[" * 32 + "]" * 32, False),
        ('{"a":' * 33, True),  # the parser recurses before it finds the text cut short
        ('{"a": "' + "[" * 100 + '"}', False),  # brackets in a string are no nesting
        ('{"a": "\\"' + "[" * 100 + '"}', False),  # nor after an escaped quote
        ('["' + "[" * 100, False),  # nor in a string never closed
        ("[" * 33 + '"]', True),  # but those before it are
        ('[{"x": ' * 20 + "1" + "}]" * 20, True),  # 40 levels, counted across kinds
    ],
    ids=[
        "10000-deep",
        "33-deep",
        "32-deep",
        "33-cut-short",
        "in-a-string",
        "after-an-escaped-quote",
        "in-an-unclosed-string",
        "before-an-unclosed-string",
        "arrays-and-objects",
    ],
)
def test_the_depth_scan_sees_the_nesting_the_parser_would_recurse_into(text, too_deep):
    assert body.too_deep(text) is too_deep


def test_a_repeated_key_is_refused_and_the_enrolment_is_not_made(suite, programme):
    store = f"{programme.partner}-q1"
    text = (
        '{"profile": {"name": "Lê Văn Tám", "phone": "0905 419 001", "language": "vi",'
        ' "phone": "0905 419 002"}, "store_id": "STORE", "enrolment_channel": "pos"}'
    ).replace("STORE", store)
    status, headers, answer = post(
        suite.gateway_url,
        "/v1/partner/enrolments",
        text,
        **programme.till.headers,
        **{"Idempotency-Key": "enrol-repeated-phone"},
    )
    assert_error_shape(status, headers, answer, 400)
    assert "'phone' more than once" in answer["error"]["message"]
    assert answer["error"]["fields"][0]["field"] == "phone"
    for phone in ("0905 419 001", "0905 419 002"):
        found = programme.till.get(f"/v1/partner/members?phone={urllib.parse.quote(phone)}")
        assert found.status == 404, found.body


def test_a_repeated_key_in_a_staff_call_registers_no_partner(suite, programme):
    text = '{"partner_id": "repeat-a", "name": "R", "currency": "VND", "partner_id": "repeat-b"}'
    status, headers, answer = post(
        suite.gateway_url, "/v1/admin/partners", text, **programme.admin.headers
    )
    assert_error_shape(status, headers, answer, 400)
    assert "'partner_id' more than once" in answer["error"]["message"]
    # Neither id was taken: each registers now.
    for partner in ("repeat-a", "repeat-b"):
        made = programme.admin.post(
            "/v1/admin/partners", {"partner_id": partner, "name": "R", "currency": "VND"}
        )
        assert made.status == 201, made.body


def test_invalid_json_is_refused_saying_so(suite, programme):
    status, headers, answer = post(
        suite.gateway_url, "/v1/partner/earns", '{"member_id": ', **programme.till.headers
    )
    assert_error_shape(status, headers, answer, 400)
    assert answer["error"]["message"].startswith("the body is not valid JSON")


def test_a_body_declared_over_the_limit_is_refused_before_it_is_read(suite):
    # No credentials and no body sent: the declared size is judged first, the limit named.
    head = "\r\n".join(
        [
            "POST /v1/partner/earns HTTP/1.1",
            "Host: gateway",
            "Content-Type: application/json",
            f"Content-Length: {body.MAX_BYTES + 1}",
        ]
    )
    status, headers, answer = exchange(suite.gateway_url, head + "\r\n")
    assert_error_shape(status, headers, answer, 413)
    assert answer["error"]["code"] == "request_entity_too_large"
    assert str(body.MAX_BYTES) in answer["error"]["message"]


def test_a_chunked_body_over_the_limit_is_refused(suite, programme):
    payload = json.dumps({"transaction_id": "x" * body.MAX_BYTES}).encode()
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(payload), payload)
    head = "\r\n".join(
        [
            "POST /v1/partner/earns HTTP/1.1",
            "Host: gateway",
            "Connection: close",
            "Content-Type: application/json",
            "Transfer-Encoding: chunked",
            *(f"{name}: {value}" for name, value in programme.till.headers.items()),
        ]
    )
    status, headers, answer = exchange(suite.gateway_url, head + "\r\n", chunked)
    assert_error_shape(status, headers, answer, 413)
    assert str(body.MAX_BYTES) in answer["error"]["message"]


def test_an_over_long_url_answers_414_in_the_error_shape(suite):
    head = f"GET /v1/openapi.json?q={'x' * 5000} HTTP/1.1\r\nHost: gateway\r\n"
    status, headers, answer = exchange(suite.gateway_url, head)
    assert_error_shape(status, headers, answer, 414)
    assert answer["error"]["code"] == "request_uri_too_long"
    assert "4094 bytes" in answer["error"]["message"]


@pytest.mark.parametrize(
    "extra_headers",
    [
        [f"X-Padding: {'x' * 10_000}"],  # one header over 8190 bytes
        [f"X-Padding-{n}: x" for n in range(150)],  # over 100 headers
    ],
    ids=["header-too-long", "too-many-headers"],
)
def test_over_long_or_too_many_headers_answer_431_in_the_error_shape(suite, extra_headers):
    head = "\r\n".join(["GET /v1/openapi.json HTTP/1.1", "Host: gateway", *extra_headers])
    status, headers, answer = exchange(suite.gateway_url, head + "\r\n")
    assert_error_shape(status, headers, answer, 431)
    assert answer["error"]["code"] == "request_header_fields_too_large"


def test_a_request_that_is_not_http_answers_400_in_the_error_shape(suite):
    status, headers, answer = exchange(suite.gateway_url, "GET /\x01 HTTP/1.1\r\nHost: x\r\n")
    assert_error_shape(status, headers, answer, 400)
    assert answer["error"]["code"] == "bad_request"


def test_body_parse_refuses_in_the_error_shape_without_a_request():
    with pytest.raises(ApiError) as refused:
        body.parse('{"a": {"b": 1, "b": 2}}')
    assert refused.value.status == 400
    assert refused.value.fields[0].field == "b"
    assert body.parse('{"a": [1, {"b": "}}]]"}]}') == {"a": [1, {"b": "}}]]"}]}
