"""Every change is announced on the points stream, once per entry, and history pages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from common import clock
from common import events as bus
from loyalty.events.v1 import events_pb2
from loyalty.points.v1 import ledger_pb2
from tests.support.points import earn_request, redeem_request
from tests.support.protos import timestamp, vnd


def test_each_entry_is_announced_with_its_type_member_and_balance(points, redis_client):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1", 1_000_000))
    points.stub.Earn(earn_request("lan", "t-2", 1_000_000))
    points.stub.Redeem(redeem_request("lan", 10, "r-1", points.present("lan")))
    for index, finish in enumerate(("CaptureHold", "ReleaseHold", None)):
        hold = points.stub.PlaceHold(
            ledger_pb2.PlaceHoldRequest(
                idempotency_key=f"h-{index}",
                member_id="lan",
                presence=points.present("lan"),
                points=5,
                partner_id="sen-mart",
                store_id="s",
                ttl_seconds=60,
            )
        ).hold
        if finish:
            getattr(points.stub, finish)(
                getattr(ledger_pb2, f"{finish}Request")(
                    idempotency_key=f"f-{index}", hold_id=hold.hold_id, partner_id="sen-mart"
                )
            )
    points.stub.ExpireHolds(
        ledger_pb2.ExpireHoldsRequest(as_of=timestamp(clock.now() + timedelta(minutes=5)))
    )
    points.stub.Return(
        ledger_pb2.ReturnRequest(
            partner_id="sen-mart",
            store_id="s",
            return_id="ret-1",
            original_transaction_id="t-2",
            amount=vnd(100_000),
        )
    )
    points.stub.Adjust(
        ledger_pb2.AdjustRequest(
            idempotency_key="a-1", member_id="lan", points=7, actor="admin:t", reason="goodwill"
        )
    )
    points.stub.RunExpiry(
        ledger_pb2.RunExpiryRequest(as_of=timestamp(clock.now() + timedelta(days=800)))
    )
    points.relay.drain()

    events = [
        events_pb2.Envelope.FromString(fields[b"envelope"])
        for _, fields in redis_client.xrange(bus.POINTS_STREAM)
    ]
    entries = points.store.all_entries_of("lan")
    assert [e.event_id for e in events] == [e.entry_id for e in entries]
    assert [e.type for e in events] == [
        "points.earned",
        "points.earned",
        "points.redeemed",
        "hold.placed",
        "hold.captured",
        "hold.placed",
        "hold.released",
        "hold.placed",
        "hold.expired",
        "points.reversed",
        "points.adjusted",
        "points.expired",
    ]
    assert {e.member_id for e in events} == {"lan"}
    assert all(e.producer == "points" and e.WhichOneof("payload") for e in events)
    earned = events[0].points_earned
    assert (earned.points, earned.transaction_id, earned.first_purchase) == (100, "t-1", True)
    assert not events[1].points_earned.first_purchase
    assert events[-1].points_expired.balance.available == 0


def test_history_pages_newest_first_with_a_cursor(points):
    points.seed("lan")
    for index in range(7):
        points.stub.Earn(earn_request("lan", f"t-{index}", 10_000 * (index + 1)))
    seen, cursor = [], ""
    while True:
        page = points.stub.ListEntries(
            ledger_pb2.ListEntriesRequest(member_id="lan", page={"page_size": 3, "cursor": cursor})
        )
        seen += [entry.transaction_id for entry in page.entries]
        cursor = page.page_info.next_cursor
        if not cursor:
            break
    assert seen == [f"t-{index}" for index in reversed(range(7))]


@pytest.mark.parametrize(
    "read",
    [
        lambda store: store.all_entries_of("lan"),  # an audit of the member
        lambda store: store.entries_page("lan", None, 10, []),  # a page of their history
    ],
    ids=["every entry", "a page"],
)
def test_a_members_history_has_the_entry_the_relay_moves_while_it_is_read(
    points, monkeypatch, read
):
    """The relay copies an entry from the account's outbox to `entries`, then takes it
    out of the outbox: an entry moved between the two reads of a member's history is in
    it all the same (read the other way round, an audit of the member saw a drift)."""
    points.seed("lan")
    relay_waits = points.relay._round  # held: no round of the relay runs
    relay_waits.acquire()
    points.stub.Earn(earn_request("lan", "t-1", 1_000_000))
    waiting = [item["entry"]["_id"] for item in points.store.outbox("lan")]
    assert len(waiting) == 1  # the earn's entry, in the outbox
    read_outbox = points.store.outbox

    def moved_just_before(member_id: str) -> list[dict]:
        relay_waits.release()
        points.relay.drain()  # the relay runs between the history's two reads
        return read_outbox(member_id)

    monkeypatch.setattr(points.store, "outbox", moved_just_before)
    assert [e.entry_id for e in read(points.store)] == waiting
    assert read_outbox("lan") == []  # it did move
