"""Voucher codes from another system and partners' stores, imported with a bad row each
(issue #22): the bad row is named, the others are there, and again changes nothing."""

from __future__ import annotations

from loyalty.members.v1 import imports_pb2
from loyalty.points.v1 import partners_pb2
from loyalty.points.v1 import rewards_pb2 as pb
from tests.support.imports import member_rows, run_file, write_csv
from tests.support.members import LADDER, set_ladder
from tests.support.protos import vnd


def _errors(outcome):
    return [(e.row, e.field, e.reason) for e in outcome.errors]


def _reward(points) -> str:
    return points.rewards.CreateReward(
        pb.CreateRewardRequest(
            idempotency_key="imported-vouchers",
            reward=pb.Reward(
                name={"vi": "Giảm 50.000 ₫"},
                type=pb.REWARD_TYPE_FIXED_VOUCHER,
                status=pb.REWARD_STATUS_ACTIVE,
                points_cost=100,
                voucher_validity_days=30,
                unlimited_stock=True,
                fixed_value=vnd(50_000),
            ),
            actor="crm:mai",
            reason="codes from the old programme",
        )
    ).reward.reward_id


def test_voucher_codes_are_issued_to_their_members_with_their_codes(members, points, tmp_path):
    set_ladder(members, LADDER, 0)
    run_file(members, "members", write_csv(tmp_path / "m.csv", member_rows(3)), "members-1")
    reward_id = _reward(points)
    rows = [
        {"code": "OLD-0001-AB", "reward_id": reward_id, "phone": "0912 000 001"},
        {"code": "old 0002 ab", "reward_id": reward_id, "phone": "0912000002", "expires_on": ""},
        {"code": "OLD-0003-AB", "reward_id": reward_id, "phone": "0912 999 999"},
        {"code": "OLD-0001-AB", "reward_id": reward_id, "phone": "0912 000 003"},
        {"code": "OLD-0005-AB", "reward_id": "no-such-reward", "phone": "0912 000 003"},
    ]
    path = write_csv(tmp_path / "vouchers.csv", rows, delimiter=";")

    outcome = run_file(members, "vouchers", path, "vouchers-1", skip_bad_rows=True)

    assert outcome.imported.state == imports_pb2.IMPORT_STATE_COMPLETED
    assert _errors(outcome) == [
        (3, "phone", "no member has this phone number"),
        (4, "code", "the same code as row 1"),
        (5, "reward_id", "no such reward"),
    ]
    voucher = points.rewards.GetVoucher(pb.GetVoucherRequest(code="old-0002-AB")).voucher
    assert voucher.issue_reason == pb.VOUCHER_REASON_IMPORT
    assert voucher.reward_id == reward_id
    assert points.db["vouchers"].count_documents({}) == 2

    again = run_file(members, "vouchers", path, "vouchers-1", skip_bad_rows=True)

    assert again.imported.rows_applied == 2
    assert points.db["vouchers"].count_documents({}) == 2


def test_stores_are_registered_and_a_bad_one_rejects_the_file_all_or_nothing(
    members, points, tmp_path
):
    rows = [
        {"store_id": "sen-da-nang", "partner_id": "sen-mart", "name": "Sen Mart Đà Nẵng"},
        {"store_id": "sen-hue", "partner_id": "sen-mart", "name": "Sen Mart Huế"},
        {"store_id": "ck-9", "partner_id": "no-such-partner", "name": "Circle K 9"},
    ]
    path = write_csv(tmp_path / "stores.csv", rows)

    rejected = run_file(members, "stores", path, "stores-1")

    assert rejected.imported.state == imports_pb2.IMPORT_STATE_REJECTED
    assert _errors(rejected) == [(3, "partner_id", "no such partner")]
    listed = points.partners.ListStores(partners_pb2.ListStoresRequest(partner_id="sen-mart"))
    assert "sen-hue" not in {s.store_id for s in listed.stores}

    applied = run_file(members, "stores", path, "stores-2", skip_bad_rows=True)

    assert (applied.imported.rows_applied, applied.imported.rows_failed) == (2, 1)
    store = points.partners.GetStore(partners_pb2.GetStoreRequest(store_id="sen-hue")).store
    assert (store.partner_id, store.name, store.time_zone) == (
        "sen-mart",
        "Sen Mart Huế",
        "Asia/Ho_Chi_Minh",
    )
