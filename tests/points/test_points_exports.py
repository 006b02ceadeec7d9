"""The points service's exports (issue #22): a period's transactions equal the ledger's
entries created in it, and resume after the last one sent; balances equal GetBalance; open
lots and voucher codes each once; one cursor whose round trips each bring at most a batch;
every export logged; bad requests named."""

from __future__ import annotations

from datetime import timedelta

import grpc

from common import clock
from loyalty.points.v1 import exports_pb2, exports_pb2_grpc, ledger_pb2, rewards_pb2
from services.points.exports.service import PointsExports
from services.points.exports.store import ExportStore
from tests.support.mongo_commands import logged_database
from tests.support.points import earn_request
from tests.support.protos import timestamp
from tests.support.refusals import refused


def stub(points) -> exports_pb2_grpc.PointsExportsServiceStub:
    return exports_pb2_grpc.PointsExportsServiceStub(points.channel)


def rows(batches) -> list:
    return [row for batch in batches for row in batch.rows]


def ledger_entries(points, member_ids) -> list[ledger_pb2.LedgerEntry]:
    found = []
    for member_id in member_ids:
        listed = points.stub.ListEntries(ledger_pb2.ListEntriesRequest(member_id=member_id)).entries
        found += listed
    return found


def test_a_periods_transactions_are_the_ledgers_entries_in_it(points):
    members = [f"m-{i}" for i in range(5)]
    points.seed(*members)
    for i, member in enumerate(members):
        points.stub.Earn(earn_request(member, f"before-{i}"))
    points.relay.drain()
    start = clock.now()
    for i, member in enumerate(members * 2):
        points.stub.Earn(earn_request(member, f"during-{i}", amount=100_000 * (i + 1)))
    points.relay.drain()
    end = clock.now() + timedelta(seconds=1)

    exported = rows(
        stub(points).ExportTransactions(
            exports_pb2.ExportTransactionsRequest(
                actor="staff:acc", batch_size=3, start=timestamp(start), end=timestamp(end)
            )
        )
    )

    in_period = [
        e
        for e in ledger_entries(points, members)
        if start <= e.created_at.ToDatetime(start.tzinfo) < end
    ]
    assert len(exported) == len(in_period) == 10
    assert {r.entry_id for r in exported} == {e.entry_id for e in in_period}
    assert sum(r.points for r in exported) == sum(e.points for e in in_period)
    assert all(r.type == "earn" and r.partner_id == "sen-mart" for r in exported)
    created = [(r.created_at.ToDatetime(), r.entry_id) for r in exported]
    assert created == sorted(created)
    # A stream cut short is asked again after the last entry it sent.
    rest = rows(
        stub(points).ExportTransactions(
            exports_pb2.ExportTransactionsRequest(
                actor="staff:acc",
                start=timestamp(start),
                end=timestamp(end),
                after_created_at=exported[6].created_at,
                after_entry_id=exported[6].entry_id,
            )
        )
    )
    assert [r.entry_id for r in rest] == [r.entry_id for r in exported[7:]]


def test_balances_lots_and_vouchers(points):
    points.seed("m-a", "m-b", "m-c")
    points.stub.Earn(earn_request("m-a", "t-1", amount=500_000))
    points.stub.Earn(earn_request("m-a", "t-2", amount=200_000))
    points.stub.Earn(earn_request("m-b", "t-3", amount=300_000))
    reward = points.rewards.CreateReward(
        rewards_pb2.CreateRewardRequest(
            idempotency_key="r-1",
            reward=rewards_pb2.Reward(
                name={"vi": "Giảm 10%"},
                type=rewards_pb2.REWARD_TYPE_PERCENTAGE_VOUCHER,
                status=rewards_pb2.REWARD_STATUS_ACTIVE,
                points_cost=1,
                percent_off_bp=1000,
                voucher_validity_days=30,
                unlimited_stock=True,
            ),
            actor="crm:mai",
            reason="test",
        )
    ).reward
    codes = {
        points.rewards.IssueVoucher(
            rewards_pb2.IssueVoucherRequest(
                idempotency_key=f"v-{member}",
                member_id=member,
                reward_id=reward.reward_id,
                issue_reason=rewards_pb2.VOUCHER_REASON_COMPENSATION,
                complaint_reference="c-1",
                actor="crm:mai",
                reason="sorry",
            )
        ).voucher.code
        for member in ("m-a", "m-c")
    }
    request = exports_pb2.ExportPointsRequest(actor="staff:acc", batch_size=2)

    balances = rows(stub(points).ExportBalances(request))
    lots = rows(stub(points).ExportLots(request))
    vouchers = rows(stub(points).ExportVouchers(request))

    assert [b.member_id for b in balances] == ["m-a", "m-b", "m-c"]
    for row in balances:
        balance = points.balance(row.member_id)
        assert (row.available, row.pending) == (balance.available, balance.pending)
    assert [(lot.member_id, lot.transaction_id) for lot in lots] == [
        ("m-a", "t-1"),
        ("m-a", "t-2"),
        ("m-b", "t-3"),
    ]
    assert {v.code for v in vouchers} == codes
    assert {v.member_id for v in vouchers} == {"m-a", "m-c"}
    assert all(v.state == "active" and v.expires_at.seconds for v in vouchers)
    logged = list(points.db["export_log"].find({}, {"actor": 1, "what": 1, "rows": 1}))
    assert sorted((d["what"]["export"], d["rows"]) for d in logged) == [
        ("balances", 3),
        ("lots", 3),
        ("vouchers", 2),
    ]
    assert {d["actor"] for d in logged} == {"staff:acc"}


def test_no_query_of_an_export_returns_more_than_a_batch(points, mongo_uri):
    members = [f"m-{i:02d}" for i in range(13)]
    points.seed(*members)
    for i, member in enumerate(members):
        points.stub.Earn(earn_request(member, f"t-{i}"))
    points.relay.drain()
    db, commands = logged_database(mongo_uri, points.db.name)
    try:
        exports = PointsExports(ExportStore(db))
        far = clock.now() + timedelta(days=1)
        balances = list(exports.balances("staff:acc", 5))
        entries = list(exports.transactions("staff:acc", 5, far - timedelta(days=2), far))
    finally:
        db.client.close()
    assert [len(b) for b in balances] == [5, 5, 3]
    assert [len(b) for b in entries] == [5, 5, 3]
    # One cursor each: a find and its getMores, none bringing more than a batch.
    for collection in ("accounts", "entries"):
        reads = commands.on(collection, "find", "getMore")
        assert [c.name for c in reads] == ["find", "getMore", "getMore"], collection
        assert [c.returned for c in reads] == [5, 5, 3], collection


def test_bad_requests_name_their_fields_and_log_nothing(points):
    error = refused(
        lambda: list(
            stub(points).ExportTransactions(
                exports_pb2.ExportTransactionsRequest(batch_size=-1, start=timestamp())
            )
        )
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert points.db["export_log"].count_documents({}) == 0
