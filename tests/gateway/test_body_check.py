"""The compiled schema check and the reference validator agree on every body: the fast
answer "valid" is never given to a body the reference would refuse."""

from __future__ import annotations

import hypothesis
from hypothesis import strategies as st

from gateway.api import BodyCheck
from gateway.app import create_app
from gateway.config import GatewaySettings

# Every route's check (the app is made, never served: no Redis is reached).
APP = create_app(GatewaySettings.from_env({"REDIS_URL": "redis://127.0.0.1:1"}))
CHECKS: list[BodyCheck] = list(APP.extensions["api"]._validators.values())

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.sampled_from(["VND", "2026-11-23T10:00:00Z", "ENTRY_TYPE_EARN", "", "x" * 300])
)
FIELDS = st.sampled_from(
    ["member_id", "store_id", "transaction_id", "amount", "amount_minor", "currency",
     "occurred_at", "lines", "points", "profile", "name", "phone", "page", "extra", "\udc80"]
)  # fmt: skip
BODIES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(FIELDS, inner, max_size=5),
    max_leaves=12,
)


@hypothesis.settings(max_examples=1000, deadline=None)
@hypothesis.given(check=st.sampled_from(CHECKS), body=BODIES)
def test_the_compiled_check_says_valid_only_when_the_reference_does(check, body):
    reference_errors = list(check.explaining.iter_errors(body))
    assert bool(check.errors(body)) == bool(reference_errors)
