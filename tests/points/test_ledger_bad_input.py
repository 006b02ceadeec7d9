"""Bad input is refused with the field named, and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import grpc
import pytest

from common import clock
from common.grpc_errors import details_of
from loyalty.common.v1 import common_pb2
from loyalty.points.v1 import ledger_pb2, rules_pb2
from tests.support.points import earn_request, redeem_request, set_programme
from tests.support.protos import timestamp, vnd


def _earn(**changes) -> ledger_pb2.EarnRequest:
    request = earn_request("lan", "t-bad", 1_000_000)
    for name, value in changes.items():
        if name == "lines":
            request.lines.extend(value)
        elif isinstance(value, common_pb2.Money) or name == "occurred_at":
            getattr(request, name).CopyFrom(value)
        else:
            setattr(request, name, value)
    return request


def _line(line_id: str, amount: int, currency: str = "VND") -> rules_pb2.LineItem:
    return rules_pb2.LineItem(
        line_id=line_id, quantity=1, amount=common_pb2.Money(amount_minor=amount, currency=currency)
    )


EARNS = [
    (_earn(amount=vnd(0)), grpc.StatusCode.INVALID_ARGUMENT, {"amount.amount_minor"}),
    (_earn(amount=vnd(-5)), grpc.StatusCode.INVALID_ARGUMENT, {"amount.amount_minor"}),
    (
        _earn(amount=common_pb2.Money(amount_minor=100, currency="XXQ")),
        grpc.StatusCode.INVALID_ARGUMENT,
        {"amount.currency"},
    ),
    (
        _earn(member_id="", transaction_id=""),
        grpc.StatusCode.INVALID_ARGUMENT,
        {"member_id", "transaction_id"},
    ),
    (_earn(transaction_id="x" * 129), grpc.StatusCode.INVALID_ARGUMENT, {"transaction_id"}),
    (
        _earn(occurred_at=timestamp(clock.now() + timedelta(hours=1))),
        grpc.StatusCode.INVALID_ARGUMENT,
        {"occurred_at"},
    ),
    (
        _earn(lines=[_line("1", 400_000), _line("1", 400_000)]),
        grpc.StatusCode.INVALID_ARGUMENT,
        {"lines[1].line_id", "lines"},
    ),
    (
        _earn(lines=[_line("1", 1_000_000, "USD")]),
        grpc.StatusCode.INVALID_ARGUMENT,
        {"lines[0].amount.currency"},
    ),
    (
        _earn(lines=[_line(str(i), 1) for i in range(501)]),
        grpc.StatusCode.INVALID_ARGUMENT,
        {"lines"},
    ),
    (_earn(member_id="nobody"), grpc.StatusCode.NOT_FOUND, {"member_id"}),
    # Bounds: the largest purchase (five billion VND by default), int64's largest, and
    # a purchase reported later than the programme accepts (30 days by default).
    (_earn(amount=vnd(5_000_000_001)), grpc.StatusCode.INVALID_ARGUMENT, {"amount.amount_minor"}),
    (_earn(amount=vnd(2**63 - 1)), grpc.StatusCode.INVALID_ARGUMENT, {"amount.amount_minor"}),
    (
        _earn(occurred_at=timestamp(clock.now() - timedelta(days=31))),
        grpc.StatusCode.INVALID_ARGUMENT,
        {"occurred_at"},
    ),
    (
        _earn(amount=common_pb2.Money(amount_minor=100, currency="EUR")),
        grpc.StatusCode.FAILED_PRECONDITION,
        set(),
    ),
]


@pytest.mark.parametrize(("request_", "code", "fields"), EARNS)
def test_a_bad_earn_is_refused_naming_the_fields(points, request_, code, fields):
    points.seed("lan")
    with pytest.raises(grpc.RpcError) as raised:
        points.stub.Earn(request_)
    assert raised.value.code() == code
    assert {v.field for v in details_of(raised.value)[0]} == fields
    _nothing_changed(points)


OTHERS = [
    ("Redeem", redeem_request("lan", 0, "k"), {"points"}),
    ("Redeem", redeem_request("lan", -3, ""), {"points", "idempotency_key"}),
    (
        "Redeem",
        ledger_pb2.RedeemRequest(idempotency_key="k", member_id="lan", points=5),
        {"purpose"},
    ),
    (
        "PlaceHold",
        ledger_pb2.PlaceHoldRequest(
            idempotency_key="k",
            member_id="lan",
            points=5,
            partner_id="p",
            store_id="s",
            ttl_seconds=90000,
        ),
        {"ttl_seconds"},
    ),
    (
        "Return",
        ledger_pb2.ReturnRequest(
            partner_id="sen-mart", store_id="s", return_id="r", original_transaction_id="t-1"
        ),
        {"scope"},
    ),
    (
        "Return",
        ledger_pb2.ReturnRequest(
            partner_id="sen-mart",
            store_id="s",
            return_id="r",
            original_transaction_id="t-1",
            amount=vnd(0),
        ),
        {"amount.amount_minor"},
    ),
    (
        "Adjust",
        ledger_pb2.AdjustRequest(
            idempotency_key="k", member_id="lan", points=0, actor="a", reason="r"
        ),
        {"points"},
    ),
    (
        "ListEntries",
        ledger_pb2.ListEntriesRequest(member_id="lan", page={"cursor": "zz"}),
        {"page.cursor"},
    ),
]


@pytest.mark.parametrize(
    ("method", "request_", "fields"), OTHERS, ids=[f"{m}-{i}" for i, (m, _, _) in enumerate(OTHERS)]
)
def test_other_bad_requests_name_their_fields(points, method, request_, fields):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1", 1_000_000))
    before = points.balance("lan")
    with pytest.raises(grpc.RpcError) as raised:
        getattr(points.stub, method)(request_)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert {v.field for v in details_of(raised.value)[0]} == fields
    assert points.balance("lan") == before


def test_a_return_larger_than_the_purchase_is_refused_and_changes_nothing(points):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1", 1_000_000, lines=[("1", 2, 1_000_000)]))
    for request, field in [
        (
            ledger_pb2.ReturnRequest(
                partner_id="sen-mart",
                store_id="s",
                return_id="r-1",
                original_transaction_id="t-1",
                amount=vnd(1_000_001),
            ),
            "amount.amount_minor",
        ),
        (
            ledger_pb2.ReturnRequest(
                partner_id="sen-mart",
                store_id="s",
                return_id="r-2",
                original_transaction_id="t-1",
                lines=ledger_pb2.ReturnLines(
                    lines=[ledger_pb2.ReturnLine(line_id="1", quantity=3)]
                ),
            ),
            "lines.lines[0].quantity",
        ),
    ]:
        with pytest.raises(grpc.RpcError) as raised:
            points.stub.Return(request)
        assert raised.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert details_of(raised.value)[1]["reason"] == "RETURN_EXCEEDS_PURCHASE"
        assert [v.field for v in details_of(raised.value)[0]] == [field]
    assert points.balance("lan").available == 100
    other_partner = ledger_pb2.ReturnRequest(
        partner_id="circle-k", store_id="s", return_id="r", original_transaction_id="t-1", full=True
    )
    with pytest.raises(grpc.RpcError) as raised:
        points.stub.Return(other_partner)
    assert raised.value.code() == grpc.StatusCode.NOT_FOUND


def test_an_oversized_request_is_refused_by_the_transport(points):
    request = _earn(lines=[_line(str(i), 1) for i in range(200_000)])
    with pytest.raises(grpc.RpcError) as raised:
        points.stub.Earn(request)
    assert raised.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


def _nothing_changed(points) -> None:
    assert points.balance("lan").available == 0
    assert points.store.purchases.count_documents({}) == 0
    assert points.audit().clean


def test_the_largest_purchase_and_a_purchase_30_days_late_are_accepted(points):
    points.seed("lan")
    largest = points.stub.Earn(_earn(amount=vnd(5_000_000_000)))
    assert largest.points_awarded == 500_000
    late = earn_request("lan", "t-late", 1_000_000, occurred_at=clock.now() - timedelta(days=29))
    assert points.stub.Earn(late).points_awarded == 100


@pytest.mark.parametrize("points_given", [1_000_001, -1_000_001, 2**63 - 1, -(2**63)])
def test_an_adjustment_beyond_the_programmes_bound_is_refused_and_nothing_breaks(
    points, points_given
):
    points.seed("lan")
    with pytest.raises(grpc.RpcError) as raised:
        points.stub.Adjust(
            ledger_pb2.AdjustRequest(
                idempotency_key="huge",
                member_id="lan",
                points=points_given,
                actor="admin:mallory",
                reason="test",
            )
        )
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [v.field for v in details_of(raised.value)[0]] == ["points"]
    _nothing_changed(points)
    points.stub.Earn(earn_request("lan", "t-after", 1_000_000))  # the ledger still works
    assert points.audit().clean
    assert points.stub.GetLiability(ledger_pb2.GetLiabilityRequest()).total == 100


def test_a_return_in_another_currency_than_its_purchase_is_refused(points):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1", 1_000_000))
    with pytest.raises(grpc.RpcError) as raised:
        points.stub.Return(
            ledger_pb2.ReturnRequest(
                partner_id="sen-mart",
                store_id="s",
                return_id="r-usd",
                original_transaction_id="t-1",
                amount=common_pb2.Money(amount_minor=100, currency="USD"),
            )
        )
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [v.field for v in details_of(raised.value)[0]] == ["amount.currency"]
    assert points.balance("lan").available == 100


def test_programme_bounds_are_settings_with_ceilings(points):
    set_programme(points, max_purchase_amount_minor=1_000_000, max_earn_age_days=7)
    points.seed("lan")
    with pytest.raises(grpc.RpcError):
        points.stub.Earn(_earn(amount=vnd(1_000_001)))
    with pytest.raises(grpc.RpcError) as raised:
        set_programme(points, max_purchase_amount_minor=10**15 + 1)
    assert [v.field for v in details_of(raised.value)[0]] == ["settings.max_purchase_amount_minor"]
