"""Log lines are JSON, carry the request id, and never carry personal data."""

from __future__ import annotations

import json
import logging

import hypothesis
import pytest
from hypothesis import strategies as st

from common import logs


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("member +84912345678 enrolled", "+84912345678"),
        ("calling 0912 345 678 now", "0912 345 678"),
        ("mail to lan.nguyen@example.vn failed", "lan.nguyen@example.vn"),
        ("Authorization: Bearer abc.def-123", "abc.def-123"),
        ("token=s3cr3t-value", "s3cr3t-value"),
        ("jwt eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl seen", "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl"),
        ("sms to +84 912.345.678 queued", "+84 912.345.678"),
        ("sms to +84 912 345 678 queued", "+84 912 345 678"),
        ("call 0912.345.678.", "0912.345.678"),
        ("abroad +14155552671", "+14155552671"),
        ('{"refresh_token": "pQ9-x_Z"}', "pQ9-x_Z"),
        ("X-API-Key: lsk_0a1b2c3d_s3cr3ts3cr3ts3cr3t", "lsk_0a1b2c3d_s3cr3ts3cr3ts3cr3t"),
        ("key lsk_0a1b2c3d_s3cr3ts3cr3ts3cr3t used", "lsk_0a1b2c3d_s3cr3ts3cr3ts3cr3t"),
        ("password='hunter2!'", "hunter2!"),
    ],
)
def test_personal_data_is_masked(text, secret):
    masked = logs.redact(text)
    assert secret not in masked
    assert "[redacted" in masked


@pytest.mark.parametrize(
    "text",
    [
        "expires on 2026-11-23",
        "earned 1500 points",
        "request 3f2a9c1e took 12.5 ms",
        # Names of RPCs, services, fields and ids are not secrets (issue #20).
        "/loyalty.points.v1.ApiKeysService/CreateApiKey answered OK",
        "RotateQrToken for member 66183e4782974f97bc2eeeae255e3967",
        "SecretsRotated token_ttl=900 api_key_id=k-0a1b2c3d password_reset_sent",
        "member number 100000042 card 9704123456789012",
        "at 2026-11-23 12:30:45.123456789 paid 1.250.000 VND in 0.123456789 s",
    ],
)
def test_ordinary_figures_names_and_dates_are_kept(text):
    assert logs.redact(text) == text


def test_an_extra_field_named_as_a_credential_is_masked_whole(capsys):
    logs.configure("gateway", "info")
    logging.getLogger("t").info(
        "issued", extra={"refresh_token": "pQ9x", "token_ttl": "900", "rpc": "ApiKeysService"}
    )
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (line["refresh_token"], line["token_ttl"], line["rpc"]) == (
        "[redacted]",
        "900",
        "ApiKeysService",
    )


def test_a_line_is_json_with_service_request_id_and_masked_extras(capsys):
    logs.configure("points", "info")
    with logs.request_id_scope("req-42"):
        logging.getLogger("t").info("found %s", "+84912345678", extra={"email": "a@b.vn"})
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert line["service"] == "points"
    assert line["request_id"] == "req-42"
    assert line["level"] == "INFO"
    assert "+84912345678" not in line["message"]
    assert line["email"] == "[redacted-email]"


def test_a_malformed_request_id_from_outside_is_replaced():
    assert logs.accept_request_id("ok-id_1.2:3") == "ok-id_1.2:3"
    replaced = logs.accept_request_id('evil"\n{"level":"ERROR"}')
    assert replaced != 'evil"\n{"level":"ERROR"}'
    assert len(replaced) == 32


@hypothesis.settings(max_examples=400, deadline=None)
@hypothesis.given(
    st.text(
        alphabet=st.sampled_from(list("0123456789 .-+_@:=eyJbBearertokensecpwdAPIkxl\"'")),
        max_size=40,
    )
)
def test_the_quick_check_never_lets_through_what_the_patterns_would_mask(text):
    masked_by_every_pattern = text
    for pattern, replacement in logs._REDACTIONS:
        masked_by_every_pattern = pattern.sub(replacement, masked_by_every_pattern)
    assert logs.redact(text) == masked_by_every_pattern


SEPARATOR = st.sampled_from(["", " ", "."])


@st.composite
def vietnamese_phones(draw) -> str:
    """A mobile number as people write it: 0 or +84, 9 digits, spaces or dots anywhere."""
    digits = draw(st.sampled_from("35789")) + "".join(
        draw(st.lists(st.sampled_from("0123456789"), min_size=8, max_size=8))
    )
    written = "".join(digit + draw(SEPARATOR) for digit in digits[:-1]) + digits[-1]
    return draw(st.sampled_from(["0", "+84", "+84 ", "+84."])) + written


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(
    phone=vietnamese_phones(),
    before=st.sampled_from(["", "to ", "phone=", "(", "member "]),
    after=st.sampled_from(["", " queued", ".", ")", ", then"]),
)
def test_a_vietnamese_phone_number_however_written_is_masked(phone, before, after):
    masked = logs.redact(f"{before}{phone}{after}")
    assert masked == f"{before}[redacted-phone]{after}"


IDENTIFIER_PART = st.sampled_from(
    ["Api", "Key", "Keys", "Token", "Secret", "Password", "Service", "Rotate", "Qr", "Create"]
)


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(
    parts=st.lists(IDENTIFIER_PART, min_size=1, max_size=4),
    member_id=st.text(alphabet="0123456789abcdef", min_size=32, max_size=32),
    number=st.integers(min_value=100_000_000, max_value=999_999_999),
)
def test_names_of_rpcs_services_and_ids_are_kept(parts, member_id, number):
    """An RPC or service name (even one made of ApiKey, Token, Secret...), a member id and
    a member number read the same after redaction."""
    name = "".join(parts)
    line = f"/loyalty.points.v1.{name}Service/{name} member {member_id} number {number}"
    assert logs.redact(line) == line
