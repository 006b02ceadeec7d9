"""The partner registry, and the ledger refusing tills it does not know or has stopped."""

from __future__ import annotations

import grpc
import pytest

from common.grpc_errors import details_of
from loyalty.points.v1 import ledger_pb2, partners_pb2
from tests.support.points import earn_request, redeem_request
from tests.support.protos import vnd


def _error(call, request) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as raised:
        call(request)
    return raised.value


def test_a_partner_and_its_stores_are_registered_once(points):
    request = partners_pb2.CreatePartnerRequest(
        partner_id="highlands", name="Highlands Coffee", currency="VND", actor="admin:lan"
    )
    created = points.partners.CreatePartner(request)
    assert (created.partner.status, created.replayed) == (partners_pb2.PARTNER_STATUS_ACTIVE, False)
    assert points.partners.CreatePartner(request).replayed
    request.name = "Someone else"
    taken = _error(points.partners.CreatePartner, request)
    assert taken.code() == grpc.StatusCode.ALREADY_EXISTS
    store = points.partners.CreateStore(
        partners_pb2.CreateStoreRequest(
            store_id="hl-hn-1",
            partner_id="highlands",
            name="Highlands Hoàn Kiếm",
            actor="admin:lan",
        )
    )
    assert store.store.time_zone == "Asia/Ho_Chi_Minh"
    listed = points.partners.ListStores(partners_pb2.ListStoresRequest(partner_id="highlands"))
    assert [s.store_id for s in listed.stores] == ["hl-hn-1"]
    partners = points.partners.ListPartners(partners_pb2.ListPartnersRequest(page={"page_size": 2}))
    assert [p.partner_id for p in partners.partners] == ["circle-k", "highlands"]
    assert partners.page.next_cursor == "highlands"


def test_stores_page_by_the_last_store_shown(points):
    def stores(**page) -> partners_pb2.ListStoresResponse:
        return points.partners.ListStores(
            partners_pb2.ListStoresRequest(partner_id="sen-mart", page=page)
        )

    first = stores(page_size=1)
    second = stores(page_size=1, cursor=first.page.next_cursor)
    assert [s.store_id for s in first.stores] == ["s"]
    assert first.page.next_cursor == "s"
    assert ([s.store_id for s in second.stores], second.page.next_cursor) == (["sen-hcm-q1"], "")
    whole = stores(page_size=-1)  # a size that is not positive is the default size
    assert ([s.store_id for s in whole.stores], whole.page.next_cursor) == (["s", "sen-hcm-q1"], "")


def test_bad_registrations_name_their_fields(points):
    error = _error(
        points.partners.CreatePartner,
        partners_pb2.CreatePartnerRequest(partner_id="Bad Id", name="", currency="XXQ"),
    )
    assert {v.field for v in details_of(error)[0]} == {"partner_id", "name", "currency", "actor"}
    error = _error(
        points.partners.CreateStore,
        partners_pb2.CreateStoreRequest(store_id="x-1", partner_id="nobody", name="X", actor="a"),
    )
    assert error.code() == grpc.StatusCode.NOT_FOUND


def test_the_ledger_refuses_unknown_suspended_or_closed_tills(points):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-0"))
    unknown = _error(points.stub.Earn, earn_request("lan", "t-1", partner_id="nobody"))
    assert unknown.code() == grpc.StatusCode.NOT_FOUND
    foreign = _error(points.stub.Earn, earn_request("lan", "t-1", store_id="ck-1"))
    assert [v.field for v in details_of(foreign)[0]] == ["store_id"]

    store = points.partners.GetStore(partners_pb2.GetStoreRequest(store_id="sen-hcm-q1")).store
    points.partners.UpdateStore(
        partners_pb2.UpdateStoreRequest(
            store_id="sen-hcm-q1",
            status=partners_pb2.PARTNER_STATUS_SUSPENDED,
            version=store.version,
            actor="admin:lan",
            reason="closed for renovation",
        )
    )
    closed = _error(points.stub.Earn, earn_request("lan", "t-2"))
    assert details_of(closed)[1]["reason"] == "STORE_CLOSED"

    partner = points.partners.GetPartner(
        partners_pb2.GetPartnerRequest(partner_id="sen-mart")
    ).partner
    stale = _error(
        points.partners.UpdatePartner,
        partners_pb2.UpdatePartnerRequest(
            partner_id="sen-mart", name="Sen", version=partner.version + 5, actor="admin:lan"
        ),
    )
    assert stale.code() == grpc.StatusCode.ABORTED
    points.partners.UpdatePartner(
        partners_pb2.UpdatePartnerRequest(
            partner_id="sen-mart",
            status=partners_pb2.PARTNER_STATUS_SUSPENDED,
            version=partner.version,
            actor="admin:lan",
            reason="contract ended",
        )
    )
    for call, request in [
        (points.stub.Earn, earn_request("lan", "t-3", store_id="s")),
        (points.stub.Redeem, redeem_request("lan", 10, "r-1", points.present("lan"))),
        (
            points.stub.Return,
            ledger_pb2.ReturnRequest(
                partner_id="sen-mart",
                store_id="s",
                return_id="ret-1",
                original_transaction_id="t-0",
                amount=vnd(100_000),
            ),
        ),
    ]:
        assert details_of(_error(call, request))[1]["reason"] == "PARTNER_SUSPENDED"
    assert points.balance("lan").available == 100
    assert points.audit().clean
