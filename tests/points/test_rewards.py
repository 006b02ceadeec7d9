"""The reward catalogue: redemptions that race for the last units, vouchers used once,
cancellations that give everything back, and the catalogue as a member sees it."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from common import clock
from common import events as bus
from common.grpc_errors import details_of
from loyalty.points.v1 import ledger_pb2, rules_pb2
from loyalty.points.v1 import rewards_pb2 as pb
from services.points.rewards.domain import codes
from tests.support.points import create_reward, earn_request, reason_of
from tests.support.protos import timestamp, vnd
from tests.support.waiting import wait_for


def credit(points, member_id: str, amount: int) -> None:
    points.stub.Adjust(
        ledger_pb2.AdjustRequest(
            idempotency_key=f"seed-{member_id}-{amount}",
            member_id=member_id,
            points=amount,
            actor="crm:test",
            reason="test balance",
        )
    )


def redeem(service, member_id: str, reward_id: str, key: str, **fields) -> pb.RedeemRewardResponse:
    return service.rewards.RedeemReward(
        pb.RedeemRewardRequest(
            idempotency_key=key, member_id=member_id, reward_id=reward_id, **fields
        )
    )


def test_twenty_members_racing_for_the_last_three_units(points):
    reward = create_reward(points, "last-three", stock_total=3)
    members = [f"racer-{n}" for n in range(20)]
    points.seed(*members)
    for member in members:
        credit(points, member, 250)
    barrier = threading.Barrier(len(members))
    outcomes: dict[str, object] = {}

    def race(member: str) -> None:
        barrier.wait()
        try:
            outcomes[member] = redeem(points, member, reward.reward_id, f"race-{member}")
        except grpc.RpcError as error:
            outcomes[member] = error

    threads = [threading.Thread(target=race, args=(m,)) for m in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    winners = [m for m, o in outcomes.items() if isinstance(o, pb.RedeemRewardResponse)]
    losers = [o for o in outcomes.values() if isinstance(o, grpc.RpcError)]
    assert len(winners) == 3
    assert len({outcomes[m].redemption.voucher.code for m in winners}) == 3
    assert [(e.code(), reason_of(e)) for e in losers] == [
        (grpc.StatusCode.FAILED_PRECONDITION, "OUT_OF_STOCK")
    ] * 17
    after = points.rewards.GetReward(pb.GetRewardRequest(reward_id=reward.reward_id)).reward
    assert (after.stock_total, after.stock_remaining) == (3, 0)
    for member in members:
        assert points.balance(member).available == (150 if member in winners else 250)
    assert points.audit().clean


def test_a_voucher_used_by_two_tills_at_once_is_used_once(points):
    reward = create_reward(points, "one-use")
    points.seed("lan")
    credit(points, "lan", 100)
    code = redeem(points, "lan", reward.reward_id, "lan-1").redemption.voucher.code
    barrier = threading.Barrier(2)
    results = []

    def till(store_id: str, key: str) -> None:
        barrier.wait()
        try:
            results.append(
                points.rewards.UseVoucher(
                    pb.UseVoucherRequest(
                        idempotency_key=key,
                        code=codes.grouped(code).lower(),
                        partner_id="sen-mart",
                        store_id=store_id,
                        transaction_id=f"t-{key}",
                        purchase_amount=vnd(300_000),
                        presence=points.present("lan"),
                    )
                )
            )
        except grpc.RpcError as error:
            results.append(error)

    threads = [
        threading.Thread(target=till, args=("sen-hcm-q1", "till-a")),
        threading.Thread(target=till, args=("s", "till-b")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    used = [r for r in results if isinstance(r, pb.UseVoucherResponse)]
    refused = [r for r in results if isinstance(r, grpc.RpcError)]
    assert len(used) == 1 and len(refused) == 1
    assert reason_of(refused[0]) == "VOUCHER_USED"
    assert used[0].discount.amount_minor == 50_000
    winner_key = "till-a" if used[0].voucher.used_store_id == "sen-hcm-q1" else "till-b"
    again = points.rewards.UseVoucher(
        pb.UseVoucherRequest(
            idempotency_key=winner_key,
            code=code,
            partner_id="sen-mart",
            store_id=used[0].voucher.used_store_id,
            transaction_id=f"t-{winner_key}",
        )
    )
    assert again.replayed and again.voucher.state == pb.VOUCHER_STATE_USED


def test_cancelling_before_use_restores_points_and_stock(points):
    reward = create_reward(points, "cancel-me", stock_total=1)
    points.seed("lan")
    credit(points, "lan", 100)
    redemption = redeem(points, "lan", reward.reward_id, "lan-cancel").redemption
    assert points.balance("lan").available == 0

    cancel = pb.CancelRedemptionRequest(
        idempotency_key="undo-1",
        redemption_id=redemption.redemption_id,
        actor="member:lan",
        reason="changed my mind",
    )
    cancelled = points.rewards.CancelRedemption(cancel)
    assert cancelled.points_refunded == 100
    assert cancelled.redemption.state == pb.REDEMPTION_STATE_CANCELLED
    assert cancelled.redemption.voucher.state == pb.VOUCHER_STATE_CANCELLED
    assert points.balance("lan").available == 100
    stock = points.rewards.GetReward(pb.GetRewardRequest(reward_id=reward.reward_id)).reward
    assert stock.stock_remaining == 1
    assert points.rewards.CancelRedemption(cancel).replayed
    assert points.balance("lan").available == 100  # refunded once
    with pytest.raises(grpc.RpcError) as again:
        points.rewards.CancelRedemption(
            pb.CancelRedemptionRequest(
                idempotency_key="undo-2",
                redemption_id=redemption.redemption_id,
                actor="crm:mai",
                reason="twice",
            )
        )
    assert reason_of(again.value) == "REDEMPTION_ALREADY_CANCELLED"
    with pytest.raises(grpc.RpcError) as cancelled_code:
        points.rewards.UseVoucher(
            pb.UseVoucherRequest(
                idempotency_key="late",
                code=redemption.voucher.code,
                partner_id="sen-mart",
                transaction_id="t-late",
            )
        )
    assert reason_of(cancelled_code.value) == "VOUCHER_CANCELLED"
    assert points.audit().clean


def test_a_used_voucher_cannot_be_cancelled(points):
    reward = create_reward(points, "used-then-cancel")
    points.seed("lan")
    credit(points, "lan", 100)
    redemption = redeem(points, "lan", reward.reward_id, "lan-used").redemption
    points.rewards.UseVoucher(
        pb.UseVoucherRequest(
            idempotency_key="use",
            code=redemption.voucher.code,
            partner_id="sen-mart",
            transaction_id="t-1",
            presence=points.present("lan"),
        )
    )
    with pytest.raises(grpc.RpcError) as refused:
        points.rewards.CancelRedemption(
            pb.CancelRedemptionRequest(
                idempotency_key="undo",
                redemption_id=redemption.redemption_id,
                actor="crm:mai",
                reason="too late",
            )
        )
    assert reason_of(refused.value) == "VOUCHER_USED"
    assert points.balance("lan").available == 0


def test_a_refused_redemption_takes_nothing(points):
    reward = create_reward(points, "too-dear", stock_total=5, points_cost=500)
    points.seed("lan")
    credit(points, "lan", 100)
    with pytest.raises(grpc.RpcError) as refused:
        redeem(points, "lan", reward.reward_id, "lan-poor")
    assert reason_of(refused.value) == "INSUFFICIENT_POINTS"
    stock = points.rewards.GetReward(pb.GetRewardRequest(reward_id=reward.reward_id)).reward
    assert stock.stock_remaining == 5
    assert points.balance("lan").available == 100
    credit(points, "lan", 400)
    assert redeem(points, "lan", reward.reward_id, "lan-poor").redemption.points_spent == 500


def test_a_crash_between_the_stock_and_the_points_is_finished_by_the_retry(points, monkeypatch):
    reward = create_reward(points, "crash", stock_total=2)
    points.seed("lan")
    credit(points, "lan", 300)
    spending = points.parts.ledger.spending
    real = spending.redeem

    def crash(*args, **kwargs):
        monkeypatch.setattr(spending, "redeem", real)
        raise RuntimeError("the process died after taking the unit")

    monkeypatch.setattr(spending, "redeem", crash)
    with pytest.raises(grpc.RpcError) as died:
        redeem(points, "lan", reward.reward_id, "lan-crash")
    assert died.value.code() == grpc.StatusCode.INTERNAL
    half = points.rewards.GetReward(pb.GetRewardRequest(reward_id=reward.reward_id)).reward
    assert half.stock_remaining == 1  # the unit is held by the started redemption

    retried = redeem(points, "lan", reward.reward_id, "lan-crash")
    assert retried.replayed
    assert retried.redemption.voucher.code
    assert points.balance("lan").available == 200
    again = redeem(points, "lan", reward.reward_id, "lan-crash")
    assert again.redemption.redemption_id == retried.redemption.redemption_id
    assert points.balance("lan").available == 200
    done = points.rewards.GetReward(pb.GetRewardRequest(reward_id=reward.reward_id)).reward
    assert done.stock_remaining == 1


def test_the_recovery_sweep_finishes_a_redemption_nobody_retries(points, monkeypatch):
    reward = create_reward(points, "sweep", stock_total=1)
    points.seed("lan")
    credit(points, "lan", 100)
    spending = points.parts.ledger.spending
    real = spending.redeem
    monkeypatch.setattr(spending, "redeem", lambda *a, **k: (_ for _ in ()).throw(RuntimeError()))
    with pytest.raises(grpc.RpcError):
        redeem(points, "lan", reward.reward_id, "lan-sweep")
    monkeypatch.setattr(spending, "redeem", real)

    later = clock.now() + timedelta(minutes=5)
    points.parts.rewards.redemptions.clock = lambda: later
    assert points.parts.rewards.redemptions.recover() == 1
    assert points.balance("lan").available == 0
    listed = points.rewards.ListRedemptions(pb.ListRedemptionsRequest(member_id="lan"))
    assert [r.state for r in listed.redemptions] == [pb.REDEMPTION_STATE_COMPLETED]


def test_the_member_limit_and_points_as_payment(points):
    limited = create_reward(points, "once-each", per_member_limit=1)
    payment = create_reward(
        points,
        "pay",
        type=pb.REWARD_TYPE_POINTS_AS_PAYMENT,
        points_cost=0,
        voucher_validity_days=0,
        payment_rate=pb.PaymentRate(points=100, value=vnd(10_000), min_points=100, max_points=1000),
    )
    points.seed("lan")
    credit(points, "lan", 1000)
    redeem(points, "lan", limited.reward_id, "first")
    with pytest.raises(grpc.RpcError) as limit:
        redeem(points, "lan", limited.reward_id, "second")
    assert reason_of(limit.value) == "MEMBER_LIMIT_REACHED"
    paid = redeem(points, "lan", payment.reward_id, "pay-300", points=300).redemption
    assert (paid.points_spent, paid.value.amount_minor) == (300, 30_000)
    assert not paid.HasField("voucher")
    with pytest.raises(grpc.RpcError) as uneven:
        redeem(points, "lan", payment.reward_id, "pay-150", points=150)
    assert uneven.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert details_of(uneven.value)[0][0].field == "points"
    assert points.balance("lan").available == 600


def test_the_catalogue_a_member_sees_follows_every_redemption(points):
    cheap = create_reward(points, "cheap", points_cost=50, stock_total=1)
    dear = create_reward(points, "dear", points_cost=500)
    create_reward(points, "draft", status=pb.REWARD_STATUS_DRAFT)
    points.seed("lan", "minh")
    credit(points, "lan", 100)
    credit(points, "minh", 100)

    def seen(member: str) -> dict[str, pb.MemberReward]:
        listed = points.rewards.ListRewardsForMember(
            pb.ListRewardsForMemberRequest(member_id=member)
        )
        return {r.reward.reward_id: r for r in listed.rewards}

    before = seen("minh")
    assert set(before) == {cheap.reward_id, dear.reward_id}
    assert before[cheap.reward_id].redeemable
    assert (before[dear.reward_id].blocker, before[dear.reward_id].points_short) == (
        pb.REDEEM_BLOCKER_INSUFFICIENT_POINTS,
        400,
    )
    redeem(points, "lan", cheap.reward_id, "lan-cheap")
    after = seen("minh")
    assert after[cheap.reward_id].blocker == pb.REDEEM_BLOCKER_OUT_OF_STOCK
    affordable = points.rewards.ListRewardsForMember(
        pb.ListRewardsForMemberRequest(member_id="minh", affordable_only=True)
    )
    assert [r.reward.reward_id for r in affordable.rewards] == [cheap.reward_id]


def test_compensation_vouchers_are_issued_once_and_announced(points, redis_client):
    reward = create_reward(points, "sorry", points_cost=0)
    points.seed("lan")
    issue = pb.IssueVoucherRequest(
        idempotency_key="complaint-42",
        member_id="lan",
        reward_id=reward.reward_id,
        issue_reason=pb.VOUCHER_REASON_COMPENSATION,
        complaint_reference="CS-42",
        actor="crm:mai",
        reason="late delivery",
    )
    first = points.rewards.IssueVoucher(issue)
    again = points.rewards.IssueVoucher(issue)
    assert again.replayed and again.voucher.code == first.voucher.code
    assert points.balance("lan").available == 0  # no points spent

    def announced():
        for _id, fields in redis_client.xrange(bus.POINTS_STREAM):
            event = bus.events_pb2.Envelope.FromString(fields[b"envelope"])
            if event.type == "voucher.issued":
                return event
        return None

    event = wait_for(announced, what="VoucherIssued on the stream")
    assert event.voucher_issued.voucher_code == first.voucher.code
    assert event.voucher_issued.complaint_reference == "CS-42"


def test_a_zero_point_gift_voucher_is_issued_by_staff_and_never_redeemed(points):
    gift = create_reward(
        points,
        "free-tote",
        name={"vi": "Túi vải tặng", "en": "Free tote bag"},
        type=pb.REWARD_TYPE_GIFT,
        item_sku="TOTE-01",
        points_cost=0,
        stock_total=5,
    )
    assert (gift.points_cost, gift.stock_remaining) == (0, 5)
    points.seed("lan")
    credit(points, "lan", 300)
    entries_before = points.stub.ListEntries(ledger_pb2.ListEntriesRequest(member_id="lan"))

    issued = points.rewards.IssueVoucher(
        pb.IssueVoucherRequest(
            idempotency_key="tote-lan",
            member_id="lan",
            reward_id=gift.reward_id,
            issue_reason=pb.VOUCHER_REASON_GIFT,
            actor="crm:mai",
            reason="store opening",
        )
    ).voucher
    granted = points.rules.GrantGift(
        rules_pb2.GrantGiftRequest(
            idempotency_key="tote-grant-lan",
            member_id="lan",
            reward_id=gift.reward_id,
            actor="crm:mai",
            reason="loyal customer",
        )
    ).grant

    vouchers = points.rewards.ListMemberVouchers(
        pb.ListMemberVouchersRequest(member_id="lan")
    ).vouchers
    assert sorted(v.code for v in vouchers) == sorted([issued.code, granted.voucher_code])
    assert {(v.type, v.item_sku, v.state) for v in vouchers} == {
        (pb.REWARD_TYPE_GIFT, "TOTE-01", pb.VOUCHER_STATE_ACTIVE)
    }
    balance = points.balance("lan")
    assert (balance.available, balance.lifetime_redeemed) == (300, 0)
    entries_after = points.stub.ListEntries(ledger_pb2.ListEntriesRequest(member_id="lan"))
    assert entries_after.entries == entries_before.entries
    stock = points.rewards.GetReward(pb.GetRewardRequest(reward_id=gift.reward_id)).reward
    assert stock.stock_remaining == 3

    # Members can neither see it in their catalogue nor take it for nothing.
    listed = points.rewards.ListRewardsForMember(pb.ListRewardsForMemberRequest(member_id="lan"))
    assert [r.reward.reward_id for r in listed.rewards] == []
    with pytest.raises(grpc.RpcError) as refused:
        redeem(points, "lan", gift.reward_id, "free-for-all")
    assert (refused.value.code(), reason_of(refused.value)) == (
        grpc.StatusCode.FAILED_PRECONDITION,
        "REWARD_NOT_AVAILABLE",
    )
    assert (
        points.rewards.ListRedemptions(pb.ListRedemptionsRequest(member_id="lan")).redemptions == []
    )
    assert points.balance("lan").available == 300
    assert points.audit().clean


def test_an_expired_voucher_is_refused_at_the_till(points):
    reward = create_reward(points, "short-lived", points_cost=0)
    points.seed("lan")
    voucher = points.rewards.IssueVoucher(
        pb.IssueVoucherRequest(
            idempotency_key="gone",
            member_id="lan",
            reward_id=reward.reward_id,
            issue_reason=pb.VOUCHER_REASON_GIFT,
            expires_at=timestamp(clock.now() - timedelta(minutes=1)),
            actor="crm:mai",
            reason="test",
        )
    ).voucher
    assert voucher.state == pb.VOUCHER_STATE_EXPIRED
    check = points.rewards.CheckVoucher(
        pb.CheckVoucherRequest(code=voucher.code, partner_id="sen-mart")
    )
    assert (check.usable, check.problem) == (False, pb.VOUCHER_PROBLEM_EXPIRED)
    with pytest.raises(grpc.RpcError) as refused:
        points.rewards.UseVoucher(
            pb.UseVoucherRequest(
                idempotency_key="x", code=voucher.code, partner_id="sen-mart", transaction_id="t"
            )
        )
    assert reason_of(refused.value) == "VOUCHER_EXPIRED"


def test_a_bad_reward_names_every_field(points):
    with pytest.raises(grpc.RpcError) as refused:
        points.rewards.CreateReward(
            pb.CreateRewardRequest(
                idempotency_key="bad",
                reward=pb.Reward(
                    name={"en": "No Vietnamese"},
                    type=pb.REWARD_TYPE_PERCENTAGE_VOUCHER,
                    percent_off_bp=20_000,
                    points_cost=-5,
                    available_from=timestamp(datetime(2026, 12, 1, tzinfo=UTC)),
                    available_until=timestamp(datetime(2026, 11, 1, tzinfo=UTC)),
                    per_member_limit=-1,
                ),
                actor="crm:mai",
            )
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert {v.field for v in details_of(refused.value)[0]} == {
        "reason",
        "reward.name",
        "reward.points_cost",
        "reward.voucher_validity_days",
        "reward.percent_off_bp",
        "reward.available_until",
        "reward.per_member_limit",
    }
    assert points.rewards.ListRewards(pb.ListRewardsRequest()).rewards == []


def test_the_catalogue_pages_by_offset_cursors(points):
    made = [create_reward(points, f"page-{n}", points_cost=10 * (n + 1)) for n in range(5)]
    seen, cursors, cursor = [], [], ""
    while True:
        page = points.rewards.ListRewards(
            pb.ListRewardsRequest(page={"page_size": 2, "cursor": cursor})
        )
        seen.extend(r.reward_id for r in page.rewards)
        cursor = page.page_info.next_cursor
        cursors.append(cursor)
        if not cursor:
            break
    assert sorted(seen) == sorted(r.reward_id for r in made)
    assert cursors == ["2", "4", ""]
    whole = points.rewards.ListRewards(pb.ListRewardsRequest())
    assert (len(whole.rewards), whole.page_info.next_cursor) == (5, "")
    with pytest.raises(grpc.RpcError) as refused:
        points.rewards.ListRewards(
            pb.ListRewardsRequest(page={"page_size": -1, "cursor": "not-ours"})
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert {v.field for v in details_of(refused.value)[0]} == {"page.cursor", "page.page_size"}


def test_a_malformed_code_is_refused_without_a_lookup(points):
    with pytest.raises(grpc.RpcError) as refused:
        points.rewards.GetVoucher(
            pb.GetVoucherRequest(code="ABCD-EFGH-JKL" + _wrong_check("ABCDEFGHJKL"))
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert details_of(refused.value)[0][0].field == "code"


@given(st.integers(min_value=0, max_value=10), st.sampled_from(codes.ALPHABET))
def test_any_single_mistyped_character_is_caught(position, replacement):
    code = codes.new_code()
    mistyped = code[:position] + replacement + code[position + 1 :]
    if mistyped != code:
        assert codes.canonical(mistyped) is None
    assert codes.canonical(codes.grouped(code).lower()) == code


def test_stock_is_adjusted_idempotently_and_never_below_zero(points):
    reward = create_reward(points, "stocked", stock_total=2)
    adjust = pb.AdjustRewardStockRequest(
        idempotency_key="add-5",
        reward_id=reward.reward_id,
        delta=5,
        actor="crm:mai",
        reason="delivery",
    )
    assert points.rewards.AdjustRewardStock(adjust).reward.stock_remaining == 7
    assert points.rewards.AdjustRewardStock(adjust).replayed
    with pytest.raises(grpc.RpcError) as below:
        points.rewards.AdjustRewardStock(
            pb.AdjustRewardStockRequest(
                idempotency_key="remove-9",
                reward_id=reward.reward_id,
                delta=-9,
                actor="crm:mai",
                reason="count",
            )
        )
    assert reason_of(below.value) == "STOCK_NEGATIVE"
    final = points.rewards.GetReward(pb.GetRewardRequest(reward_id=reward.reward_id)).reward
    assert (final.stock_total, final.stock_remaining) == (7, 7)


def _wrong_check(body: str) -> str:
    return next(c for c in codes.ALPHABET if c != codes.check_character(body))


def test_a_redemption_cancelled_while_earns_race_refunds_once_and_cancels_its_voucher(points):
    reward = create_reward(points, "race-cancel", stock_total=1)
    points.seed("lan")
    credit(points, "lan", 100)
    redemption = redeem(points, "lan", reward.reward_id, "lan-race").redemption

    def work(index: int):
        if index == 7:
            return points.rewards.CancelRedemption(
                pb.CancelRedemptionRequest(
                    idempotency_key="undo-race",
                    redemption_id=redemption.redemption_id,
                    actor="member:lan",
                    reason="changed my mind",
                )
            )
        return points.stub.Earn(earn_request("lan", f"t-race-{index}", 10_000))

    with ThreadPoolExecutor(max_workers=8) as pool:
        replies = list(pool.map(work, range(24)))
    cancelled = replies[7]
    assert cancelled.points_refunded == 100
    assert cancelled.redemption.voucher.state == pb.VOUCHER_STATE_CANCELLED
    voucher = points.rewards.GetVoucher(
        pb.GetVoucherRequest(code=cancelled.redemption.voucher.code)
    ).voucher
    assert voucher.state == pb.VOUCHER_STATE_CANCELLED
    assert points.balance("lan").available == 100 + 23
    assert points.audit().clean
