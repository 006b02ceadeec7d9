"""Voucher batches: many unique codes for one reward, generated once per key, owned by
nobody until a member uses one at a till, used once however many tills race, and voided
together (unused codes refused with the reason; used ones stay used)."""

from __future__ import annotations

import threading
from datetime import timedelta

import grpc
import pytest

from common import clock
from common.grpc_errors import details_of
from loyalty.points.v1 import rewards_pb2 as pb
from services.points.ledger import faults
from services.points.rewards.domain import codes
from services.points.rewards.service import batches as batch_service
from tests.support.points import create_reward, publish_member_event, reason_of, start_points
from tests.support.protos import timestamp, vnd
from tests.support.refusals import refused
from tests.support.waiting import wait_for


def generate(
    points, key: str, reward_id: str, count: int, **fields
) -> pb.CreateVoucherBatchResponse:
    return points.rewards.CreateVoucherBatch(
        pb.CreateVoucherBatchRequest(
            idempotency_key=key,
            reward_id=reward_id,
            count=count,
            label=fields.pop("label", "Flyer Tết"),
            actor="staff:mai@sen.vn",
            reason=fields.pop("reason", "flyers for the Q1 opening"),
            **fields,
        ),
        timeout=60,
    )


def every_code(points, batch_id: str, page_size: int = 500) -> list[pb.Voucher]:
    vouchers, cursor = [], ""
    while True:
        page = points.rewards.ListBatchVouchers(
            pb.ListBatchVouchersRequest(
                batch_id=batch_id, page={"page_size": page_size, "cursor": cursor}
            )
        )
        vouchers += page.vouchers
        cursor = page.page_info.next_cursor
        if not cursor:
            return vouchers


def use(points, code: str, member: str, key: str, store: str = "sen-hcm-q1"):
    return points.rewards.UseVoucher(
        pb.UseVoucherRequest(
            idempotency_key=key,
            code=code,
            partner_id="sen-mart",
            store_id=store,
            transaction_id=f"t-{key}",
            member_id=member,
            purchase_amount=vnd(300_000),
            presence=points.present(member) if member else None,
        )
    )


def batch_of(points, batch_id: str) -> pb.VoucherBatch:
    return points.rewards.GetVoucherBatch(pb.GetVoucherBatchRequest(batch_id=batch_id)).batch


def finished(points, batch_id: str) -> pb.VoucherBatch:
    """The batch once the service has generated all its codes."""

    def active() -> pb.VoucherBatch | None:
        try:
            batch = batch_of(points, batch_id)
        except grpc.RpcError as error:
            # The test store shares one core with everything while 10,000 codes go in:
            # a call can outlast its deadline there; ask again.
            if error.code() != grpc.StatusCode.DEADLINE_EXCEEDED:
                raise
            return None
        return batch if batch.state == pb.VOUCHER_BATCH_STATE_ACTIVE else None

    return wait_for(active, timeout=180, what="the batch's codes")


def test_a_batch_is_generated_once_with_unique_codes_nobody_owns(points):
    reward = create_reward(points, "batch-reward", points_cost=0)
    made = generate(points, "flyers-1", reward.reward_id, 300)
    batch = made.batch
    assert not made.replayed
    assert (batch.generated, batch.unused, batch.used, batch.voided) == (300, 300, 0, 0)
    assert batch.state == pb.VOUCHER_BATCH_STATE_ACTIVE
    assert batch.label == "Flyer Tết" and batch.created_by == "staff:mai@sen.vn"
    vouchers = every_code(points, batch.batch_id, page_size=70)
    assert len(vouchers) == 300
    assert len({v.code for v in vouchers}) == 300
    # The canonical form every voucher has: 12 characters with a right check character.
    assert all(codes.canonical(v.code) == v.code for v in vouchers)
    assert {(v.member_id, v.batch_id, v.state, v.issue_reason) for v in vouchers} == {
        ("", batch.batch_id, pb.VOUCHER_STATE_ACTIVE, pb.VOUCHER_REASON_BATCH)
    }
    # A retry of the same request: the same batch, no second one, no new codes.
    again = generate(points, "flyers-1", reward.reward_id, 300)
    assert again.replayed and again.batch.batch_id == batch.batch_id
    assert [v.code for v in every_code(points, batch.batch_id)] == [v.code for v in vouchers]
    listed = points.rewards.ListVoucherBatches(pb.ListVoucherBatchesRequest()).batches
    assert [b.batch_id for b in listed].count(batch.batch_id) == 1
    # The same key for another request is refused.
    error = refused(generate, points, "flyers-1", reward.reward_id, 5)
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS


def test_the_maximum_batch_of_ten_thousand_codes_is_unique(points):
    reward = create_reward(points, "big-batch", points_cost=0)
    made = generate(points, "partner-mailing", reward.reward_id, 10_000).batch
    assert made.count == 10_000
    batch = finished(points, made.batch_id)
    assert (batch.generated, batch.unused) == (10_000, 10_000)
    stored = points.parts.rewards.vouchers.store.vouchers
    assert len(stored.distinct("code", {"batch_id": batch.batch_id})) == 10_000
    last = points.rewards.ListBatchVouchers(
        pb.ListBatchVouchersRequest(
            batch_id=batch.batch_id, page={"page_size": 500, "cursor": "9900"}
        )
    )
    assert len(last.vouchers) == 100 and not last.page_info.next_cursor


def test_a_batch_the_request_did_not_finish_is_finished_by_the_service(points, monkeypatch):
    monkeypatch.setattr(batch_service, "SYNC_SECONDS", 0.0)  # nothing generated in the call
    reward = create_reward(points, "later", points_cost=0)
    made = generate(points, "later", reward.reward_id, 1_200).batch
    assert made.state == pb.VOUCHER_BATCH_STATE_GENERATING
    assert made.generated < 1_200
    batch = finished(points, made.batch_id)
    assert (batch.generated, batch.unused) == (1_200, 1_200)
    assert len({v.code for v in every_code(points, batch.batch_id)}) == 1_200
    # The same request again answers the finished batch.
    again = generate(points, "later", reward.reward_id, 1_200)
    assert again.replayed and again.batch.state == pb.VOUCHER_BATCH_STATE_ACTIVE


@pytest.mark.parametrize("count", [0, 10_001, -1])
def test_a_count_out_of_bounds_is_refused_naming_count_and_makes_nothing(points, count):
    reward = create_reward(points, "bounded", points_cost=0)
    error = refused(generate, points, f"bad-{count}", reward.reward_id, count)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    violations, _ = details_of(error)
    assert [v.field for v in violations] == ["count"]
    assert "10,000" in violations[0].description
    listed = points.rewards.ListVoucherBatches(pb.ListVoucherBatchesRequest()).batches
    assert list(listed) == []


def test_other_bad_requests_name_their_fields(points):
    reward = create_reward(
        points,
        "payment",
        type=pb.REWARD_TYPE_POINTS_AS_PAYMENT,
        payment_rate=pb.PaymentRate(points=100, value=vnd(10_000)),
        voucher_validity_days=0,
        points_cost=0,
    )
    error = refused(lambda: generate(points, "no-label", "", 5, label=" ", reason=""))
    assert {v.field for v in details_of(error)[0]} == {"reward_id", "label", "reason"}
    error = refused(generate, points, "payment", reward.reward_id, 5)
    assert [v.field for v in details_of(error)[0]] == ["reward_id"]
    gift = create_reward(points, "gift", points_cost=0)
    past = timestamp(clock.now() - timedelta(days=1))
    error = refused(lambda: generate(points, "past", gift.reward_id, 5, expires_at=past))
    assert [v.field for v in details_of(error)[0]] == ["expires_at"]
    error = refused(generate, points, "unknown", "no-such-reward", 5)
    assert error.code() == grpc.StatusCode.NOT_FOUND


def test_a_member_claims_a_code_by_using_it_once(points):
    reward = create_reward(points, "claimable", points_cost=0)
    points.seed("lan", "minh")
    batch = generate(points, "claim", reward.reward_id, 3).batch
    code = every_code(points, batch.batch_id)[0].code
    # Any member may be the one to use it: the till's check names no owner problem.
    check = points.rewards.CheckVoucher(
        pb.CheckVoucherRequest(code=code, partner_id="sen-mart", member_id="minh")
    )
    assert check.usable and check.voucher.member_id == ""
    # Somebody must claim it: no member at the till is refused, naming member_id.
    error = refused(use, points, codes.grouped(code), "", "nobody")
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [v.field for v in details_of(error)[0]] == ["member_id"]
    used = use(points, codes.grouped(code).lower(), "lan", "lan-uses")
    assert used.voucher.state == pb.VOUCHER_STATE_USED and used.voucher.member_id == "lan"
    assert used.discount.amount_minor == 50_000
    # Used once: another member, or the same one again under another key, is refused.
    assert reason_of(refused(use, points, code, "minh", "minh-too")) == "VOUCHER_USED"
    assert reason_of(refused(use, points, code, "lan", "lan-again")) == "VOUCHER_USED"
    assert use(points, code, "lan", "lan-uses").replayed  # the till's own retry
    mine = points.rewards.ListMemberVouchers(
        pb.ListMemberVouchersRequest(member_id="lan", states=[pb.VOUCHER_STATE_USED])
    ).vouchers
    assert [v.code for v in mine] == [code]
    counted = batch_of(points, batch.batch_id)
    assert (counted.generated, counted.used, counted.unused) == (3, 1, 2)


def test_two_tills_using_one_batch_code_at_once_use_it_once(points):
    reward = create_reward(points, "raced", points_cost=0)
    points.seed("lan", "minh")
    batch = generate(points, "race", reward.reward_id, 2).batch
    code = every_code(points, batch.batch_id)[0].code
    barrier = threading.Barrier(2)
    results: list = []

    def till(member: str, store: str) -> None:
        barrier.wait()
        try:
            results.append(use(points, code, member, f"till-{member}", store))
        except grpc.RpcError as error:
            results.append(error)

    threads = [
        threading.Thread(target=till, args=("lan", "sen-hcm-q1")),
        threading.Thread(target=till, args=("minh", "s")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    used = [r for r in results if isinstance(r, pb.UseVoucherResponse)]
    losers = [r for r in results if isinstance(r, grpc.RpcError)]
    assert len(used) == 1 and [reason_of(e) for e in losers] == ["VOUCHER_USED"]
    assert batch_of(points, batch.batch_id).used == 1


def test_a_code_left_active_in_a_void_batch_is_never_usable(points):
    """A generator stalled past its lease inserts its chunk after the void cancelled the
    batch's codes (and dies before cancelling it): the batch's state refuses the code."""
    reward = create_reward(points, "stalled", points_cost=0)
    points.seed("lan")
    batch = generate(points, "stalled", reward.reward_id, 3).batch
    late = every_code(points, batch.batch_id)[0]
    points.rewards.VoidVoucherBatch(
        pb.VoidVoucherBatchRequest(batch_id=batch.batch_id, actor="staff:mai", reason="misprint")
    )
    store = points.parts.rewards.batches.store
    store.vouchers.update_one({"code": late.code}, {"$set": {"state": "active"}})  # the late one
    check = points.rewards.CheckVoucher(
        pb.CheckVoucherRequest(code=late.code, partner_id="sen-mart", member_id="lan")
    )
    assert (check.usable, check.problem) == (False, pb.VOUCHER_PROBLEM_CANCELLED)
    error = refused(use, points, late.code, "lan", "after-stalled-void")
    assert reason_of(error) == "VOUCHER_CANCELLED"
    assert store.vouchers.find_one({"code": late.code})["state"] == "active"  # not used


def test_voiding_refuses_unused_codes_keeps_used_ones_and_gives_stock_back(points):
    reward = create_reward(points, "limited", points_cost=0, stock_total=10)
    points.seed("lan")
    batch = generate(points, "void-me", reward.reward_id, 4).batch
    stock = points.rewards.GetReward(pb.GetRewardRequest(reward_id=reward.reward_id)).reward
    assert stock.stock_remaining == 6  # the batch holds its four units
    first, second, *_ = every_code(points, batch.batch_id)
    use(points, first.code, "lan", "before-void")
    voided = points.rewards.VoidVoucherBatch(
        pb.VoidVoucherBatchRequest(
            batch_id=batch.batch_id, actor="staff:mai@sen.vn", reason="flyer misprinted"
        )
    )
    assert not voided.replayed
    assert voided.batch.state == pb.VOUCHER_BATCH_STATE_VOID
    assert (voided.batch.used, voided.batch.voided, voided.batch.unused) == (1, 3, 0)
    assert voided.batch.void_reason == "flyer misprinted"
    check = points.rewards.CheckVoucher(
        pb.CheckVoucherRequest(code=second.code, partner_id="sen-mart", member_id="lan")
    )
    assert (check.usable, check.problem) == (False, pb.VOUCHER_PROBLEM_CANCELLED)
    error = refused(use, points, second.code, "lan", "after-void")
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert reason_of(error) == "VOUCHER_CANCELLED"
    assert "batch was voided" in error.details()
    states = {v.code: v.state for v in every_code(points, batch.batch_id)}
    assert states[first.code] == pb.VOUCHER_STATE_USED
    assert sorted(states.values()).count(pb.VOUCHER_STATE_CANCELLED) == 3
    # Voiding again changes nothing; the three unused units went back to stock once.
    again = points.rewards.VoidVoucherBatch(
        pb.VoidVoucherBatchRequest(batch_id=batch.batch_id, actor="staff:an@sen.vn", reason="x")
    )
    assert again.replayed and again.batch.void_reason == "flyer misprinted"
    after = points.rewards.GetReward(pb.GetRewardRequest(reward_id=reward.reward_id)).reward
    assert after.stock_remaining == 9
    # A batch larger than the stock left is refused and takes nothing.
    assert reason_of(refused(generate, points, "too-many", reward.reward_id, 10)) == (
        "OUT_OF_STOCK"
    )


def test_a_member_voucher_keeps_its_owner_checks(points):
    reward = create_reward(points, "owned", points_cost=0)
    points.seed("lan", "minh")
    voucher = points.rewards.IssueVoucher(
        pb.IssueVoucherRequest(
            idempotency_key="lan-gift",
            member_id="lan",
            reward_id=reward.reward_id,
            issue_reason=pb.VOUCHER_REASON_GIFT,
            actor="crm:mai",
            reason="test",
        )
    ).voucher
    check = points.rewards.CheckVoucher(
        pb.CheckVoucherRequest(code=voucher.code, partner_id="sen-mart", member_id="minh")
    )
    assert (check.usable, check.problem) == (False, pb.VOUCHER_PROBLEM_WRONG_MEMBER)
    assert reason_of(refused(use, points, voucher.code, "minh", "minh-takes")) == (
        "VOUCHER_WRONG_MEMBER"
    )
    error = refused(
        points.rewards.IssueVoucher,
        pb.IssueVoucherRequest(
            idempotency_key="as-batch",
            member_id="lan",
            reward_id=reward.reward_id,
            issue_reason=pb.VOUCHER_REASON_BATCH,
            actor="crm:mai",
            reason="test",
        ),
    )
    assert [v.field for v in details_of(error)[0]] == ["issue_reason"]


def test_a_blocked_member_cannot_claim_a_batch_code(points, redis_client):
    reward = create_reward(points, "not-for-blocked", points_cost=0)
    points.seed("lan")
    code = every_code(points, generate(points, "blocked", reward.reward_id, 1).batch.batch_id)[0]
    publish_member_event(redis_client, "lan", member_blocked={"member_version": 5})

    def problem() -> int:
        return points.rewards.CheckVoucher(
            pb.CheckVoucherRequest(code=code.code, partner_id="sen-mart", member_id="lan")
        ).problem

    wait_for(
        lambda: problem() == pb.VOUCHER_PROBLEM_MEMBER_BLOCKED,
        what="the block to reach the points service",
    )
    assert reason_of(refused(use, points, code.code, "lan", "blocked-claim")) == "MEMBER_BLOCKED"
    still = points.rewards.GetVoucher(pb.GetVoucherRequest(code=code.code)).voucher
    assert (still.state, still.member_id) == (pb.VOUCHER_STATE_ACTIVE, "")


# Generation that outlives its request: one generator at a time, whichever replica.


def generator_alive(batch_id: str) -> bool:
    """Whether a generator thread of this process is at work on the batch."""
    return any(t.name == f"batch-{batch_id}" and t.is_alive() for t in threading.enumerate())


def codes_in_store(points, batch_id: str) -> list[dict]:
    return list(points.parts.rewards.batches.store.vouchers.find({"batch_id": batch_id}))


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_batch_a_crashed_service_left_generating_is_finished_by_the_next_one(
    start_in_process, databases, monkeypatch
):
    monkeypatch.setattr(batch_service, "SYNC_SECONDS", 0.0)  # every code in the background
    monkeypatch.setattr(batch_service, "LEASE", timedelta(seconds=3))  # a dead one's runs out
    database = databases("batch-crash")
    first = start_points(start_in_process, database)
    reward = create_reward(first, "crashed", points_cost=0, stock_total=3_000)
    # The generator dies dead after its third chunk, holding its lease, as a killed
    # process would.
    faults.arm("batch-codes-inserted", on_pass=3)
    try:
        made = generate(first, "crashed", reward.reward_id, 3_000).batch
        wait_for(
            lambda: not generator_alive(made.batch_id), timeout=60, what="the generator to die"
        )
    finally:
        faults.disarm()
    left = batch_of(first, made.batch_id)
    # Three chunks went in; the progress it noted is of the two it finished.
    assert (left.state, left.generated) == (pb.VOUCHER_BATCH_STATE_GENERATING, 1_000)
    assert len(codes_in_store(first, made.batch_id)) == 1_500
    first.stop()

    second = start_points(start_in_process, database)  # a restart over the same store
    try:
        batch = finished(second, made.batch_id)
        assert (batch.generated, batch.unused, batch.count) == (3_000, 3_000, 3_000)
        vouchers = every_code(second, made.batch_id)
        assert [v.voucher_id for v in vouchers] == [
            f"{made.batch_id}-{i:05d}" for i in range(3_000)
        ]
        assert len({v.code for v in vouchers}) == 3_000
        stock = second.rewards.GetReward(pb.GetRewardRequest(reward_id=reward.reward_id))
        assert stock.reward.stock_remaining == 0  # held once, by the batch, across both
    finally:
        second.stop()


@pytest.mark.parametrize("lease", ["held", "always run out"])
def test_two_replicas_finishing_one_batch_never_exceed_its_count(
    start_in_process, databases, monkeypatch, lease
):
    """The same request reaches two replicas over one database at once. With a lease
    that holds, one replica generates; with one that is always run out (a generator too
    slow to renew it), both generate at once, and still no place is filled twice."""
    monkeypatch.setattr(batch_service, "SYNC_SECONDS", 0.0)
    if lease == "always run out":
        monkeypatch.setattr(batch_service, "LEASE", timedelta(0))
    database = databases("batch-replicas")
    replicas = [start_points(start_in_process, database) for _ in range(2)]
    reward = create_reward(replicas[0], "shared", points_cost=0)
    claims: list[str] = []  # the replicas (by lease owner) that got to generate a chunk

    for replica in replicas:
        batches = replica.parts.rewards.batches
        claim = batches.store.claim_batch

        def recorded(batch_id, owner, now, until, claim=claim):
            got = claim(batch_id, owner, now, until)
            if got is not None:
                claims.append(owner)
            return got

        monkeypatch.setattr(batches.store, "claim_batch", recorded)
    barrier = threading.Barrier(2)
    answers: list = []

    def ask(replica) -> None:
        barrier.wait()
        answers.append(generate(replica, "both", reward.reward_id, 3_000).batch)

    threads = [threading.Thread(target=ask, args=(replica,)) for replica in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        batch_id = answers[0].batch_id
        assert [a.batch_id for a in answers] == [batch_id, batch_id]
        for replica in replicas:
            batch = finished(replica, batch_id)
            assert (batch.generated, batch.unused) == (3_000, 3_000)
        stored = codes_in_store(replicas[0], batch_id)
        assert len(stored) == 3_000
        assert len({doc["code"] for doc in stored}) == 3_000
        owners = {r.parts.rewards.batches.owner for r in replicas}
        if lease == "held":
            assert len(set(claims)) == 1 and set(claims) <= owners
    finally:
        for replica in replicas:
            replica.stop()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
@pytest.mark.parametrize("generator", ["carries on", "dies"])
def test_a_void_while_generating_leaves_no_code_made_after_it_usable(
    points, monkeypatch, generator
):
    """The void lands just after the generator checked the batch and before it inserts
    its next chunk: that chunk goes in after the void cancelled the batch's codes. The
    generator cancels it itself at its next check; one that dies first leaves it to the
    sweep once its lease runs out."""
    monkeypatch.setattr(batch_service, "SYNC_SECONDS", 0.0)
    monkeypatch.setattr(batch_service, "LEASE", timedelta(seconds=3))
    reward = create_reward(points, "void-racing", points_cost=0, stock_total=3_000)
    batches = points.parts.rewards.batches
    insert = batches.store.insert_vouchers
    chunks: list[int] = []

    def void_before_second_chunk(docs) -> None:
        chunks.append(len(docs))
        if len(chunks) == 2:
            voided = points.rewards.VoidVoucherBatch(
                pb.VoidVoucherBatchRequest(
                    batch_id=docs[0]["batch_id"], actor="staff:mai@sen.vn", reason="misprint"
                )
            )
            assert voided.batch.state == pb.VOUCHER_BATCH_STATE_VOID
        insert(docs)

    monkeypatch.setattr(batches.store, "insert_vouchers", void_before_second_chunk)
    if generator == "dies":
        faults.arm("batch-codes-inserted", on_pass=2)  # right after the late chunk went in
    try:
        made = generate(points, "void-racing", reward.reward_id, 3_000).batch
        wait_for(
            lambda: not generator_alive(made.batch_id), timeout=60, what="the generator to stop"
        )
        if generator == "carries on":  # it cancelled its late chunk itself before stopping
            assert {doc["state"] for doc in codes_in_store(points, made.batch_id)} == {"cancelled"}

        def settled() -> pb.VoucherBatch | None:
            """The batch once its counts are stored (no generator left, LEASE past the
            void: nothing can change them any more)."""
            stored = batches.store.batch(made.batch_id)
            return batch_of(points, made.batch_id) if "final_counts" in stored else None

        batch = wait_for(settled, timeout=60, what="the void batch settled")
    finally:
        faults.disarm()
    assert batch.state == pb.VOUCHER_BATCH_STATE_VOID
    assert (batch.generated, batch.voided, batch.used) == (1_000, 1_000, 0)
    stored = codes_in_store(points, made.batch_id)
    assert {doc["state"] for doc in stored} == {"cancelled"}
    late = max(stored, key=lambda doc: doc["_id"])  # of the chunk inserted after the void
    check = points.rewards.CheckVoucher(
        pb.CheckVoucherRequest(code=late["code"], partner_id="sen-mart", member_id="lan")
    )
    assert (check.usable, check.problem) == (False, pb.VOUCHER_PROBLEM_CANCELLED)
    # Nothing is generated after it; the counts stored are the codes' and every unit
    # the batch held is back in stock.
    assert len(chunks) == 2 and not generator_alive(made.batch_id)
    assert batches.store.batch(made.batch_id)["final_counts"] == {
        "generated": 1_000,
        "used": 0,
        "voided": 1_000,
        "expired": 0,
    }
    stock = points.rewards.GetReward(pb.GetRewardRequest(reward_id=reward.reward_id)).reward
    assert stock.stock_remaining == 3_000
