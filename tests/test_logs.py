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
    ],
)
def test_personal_data_is_masked(text, secret):
    masked = logs.redact(text)
    assert secret not in masked
    assert "[redacted" in masked


@pytest.mark.parametrize(
    "text",
    ["expires on 2026-11-23", "earned 1500 points", "request 3f2a9c1e took 12.5 ms"],
)
def test_ordinary_figures_and_dates_are_kept(text):
    assert logs.redact(text) == text


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
        alphabet=st.sampled_from(list("0123456789 .-+_@:=eyJbBearertokensecpwdAPIkx\"'")),
        max_size=40,
    )
)
def test_the_quick_check_never_lets_through_what_the_patterns_would_mask(text):
    masked_by_every_pattern = text
    for pattern, replacement in logs._REDACTIONS:
        masked_by_every_pattern = pattern.sub(replacement, masked_by_every_pattern)
    assert logs.redact(text) == masked_by_every_pattern
