"""A till's earn at the real points service reaches a subscriber: the ledger's event,
through its outbox and stream, becomes a signed points.earned at a real receiver, with
the purchase's figures and the balance after it."""

from __future__ import annotations

import pytest

from tests.notifications.webhooks.receivers import Receiver
from tests.notifications.webhooks.support import subscribe
from tests.support.notifications import DEAD_ADDRESS
from tests.support.points import earn_request
from tests.support.waiting import wait_for


@pytest.fixture
def upstream_addresses(points) -> tuple[str, str]:
    return points.address, DEAD_ADDRESS


def test_an_earn_at_the_till_reaches_the_subscriber_signed(notifications, points):
    with Receiver() as receiver:
        _subscription, secret = subscribe(
            notifications, receiver.url, "points.earned", "points.redeemed"
        )
        receiver.secrets.append(secret)
        points.seed("lan")
        answer = points.stub.Earn(earn_request("lan", "till-0001", 1_000_000))

        [got] = wait_for(receiver.accepted, what="points.earned at the receiver")
    assert got.verified
    event = got.event
    assert (event["type"], event["member_id"]) == ("points.earned", "lan")
    data = event["data"]
    assert data["transaction_id"] == "till-0001"
    assert data["amount"] == {"amount_minor": 1_000_000, "currency": "VND"}
    assert data["points"] == answer.points_awarded > 0
    assert data["balance"]["available"] + data["balance"]["pending"] == data["points"]
