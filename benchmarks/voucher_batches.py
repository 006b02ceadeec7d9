"""ListVoucherBatches and GetVoucherBatch over 20 batches of 1,000 codes on the benchmark's
store (benchmarks/store.py: SecantusDB started for the run, or MONGODB_URI's server): the
servicer's own calls, timed, with the store's reads counted by a command listener. A tenth
of each batch's codes are used (written straight to the store: only their state matters to
the counts) and 5 of the batches voided.

    make bench-voucher-batches [BENCH_ARGS=another source tree, to compare]
"""

import datetime
import statistics
import sys
import time
from pathlib import Path

root = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parents[1])
sys.path[:0] = [root, root + "/gen"]

import redis  # noqa: E402
from pymongo import MongoClient, monitoring  # noqa: E402

from benchmarks.store import BenchStore  # noqa: E402
from loyalty.points.v1 import rewards_pb2 as pb  # noqa: E402
from services.points.bootstrap import build_points  # noqa: E402
from services.points.rewards.service import batches as batch_service  # noqa: E402
from services.points.rewards.servicer import RewardsServicer  # noqa: E402


class Reads(monitoring.CommandListener):
    n = 0

    def started(self, event):
        if event.command_name in ("find", "aggregate", "count", "getMore"):
            Reads.n += 1

    def succeeded(self, event):
        pass

    def failed(self, event):
        pass


def timed(call, times=20):
    spent, reads = [], []
    for _ in range(times):
        Reads.n = 0
        start = time.perf_counter()
        result = call()
        spent.append(time.perf_counter() - start)
        reads.append(Reads.n)
    ms = [s * 1000 for s in spent]
    figures = f"median {statistics.median(ms):.0f} ms (min {min(ms):.0f}, max {max(ms):.0f})"
    return result, f"{figures} over {times} calls, {max(reads)} store reads a call"


def main():
    print("code from", Path(batch_service.__file__).parents[3])
    batch_service.SYNC_SECONDS = 600.0  # every code generated in the call
    with BenchStore() as store:
        print("store:", store.describe())
        client = MongoClient(store.uri, tz_aware=True, event_listeners=[Reads()])
        db = client[store.database("voucher_batches")]
        parts = build_points(db, redis.Redis(port=1), "127.0.0.1:9")
        parts.rewards.catalogue.store.ensure_indexes()
        rewards = RewardsServicer(parts.rewards)
        reward = rewards.CreateReward(
            pb.CreateRewardRequest(
                idempotency_key="r",
                actor="crm:bench",
                reason="bench",
                reward=pb.Reward(
                    name={"vi": "Giảm 50.000 ₫", "en": "50,000 ₫ off"},
                    type=pb.REWARD_TYPE_FIXED_VOUCHER,
                    status=pb.REWARD_STATUS_ACTIVE,
                    points_cost=0,
                    voucher_validity_days=30,
                    unlimited_stock=True,
                    fixed_value={"currency": "VND", "amount_minor": 50_000},
                ),
            ),
            None,
        ).reward
        for i in range(20):
            rewards.CreateVoucherBatch(
                pb.CreateVoucherBatchRequest(
                    idempotency_key=f"b{i}",
                    reward_id=reward.reward_id,
                    count=1_000,
                    label="bench",
                    actor="staff:bench",
                    reason="bench",
                ),
                None,
            )
        page = pb.ListVoucherBatchesRequest(page={"page_size": 20})
        listed = rewards.ListVoucherBatches(page, None).batches
        for batch in listed:
            ids = [f"{batch.batch_id}-{i:05d}" for i in range(0, 1_000, 10)]
            db["vouchers"].update_many({"_id": {"$in": ids}}, {"$set": {"state": "used"}})
        for batch in listed[:5]:
            rewards.VoidVoucherBatch(
                pb.VoidVoucherBatchRequest(batch_id=batch.batch_id, actor="staff:b", reason="b"),
                None,
            )

        def report(when):
            listed, figures = timed(lambda: rewards.ListVoucherBatches(page, None).batches)
            assert sum(b.generated for b in listed) == 20_000
            assert (sum(b.used for b in listed), sum(b.voided for b in listed)) == (2_000, 4_500)
            print(f"ListVoucherBatches, a page of 20 ({when}): {figures}")
            void, active = listed[0].batch_id, listed[-1].batch_id  # newest first: the first 5 void
            for name, batch_id in (("a void batch", void), ("an active batch", active)):
                get = pb.GetVoucherBatchRequest(batch_id=batch_id)
                _, figures = timed(lambda get=get: rewards.GetVoucherBatch(get, None))
                print(f"GetVoucherBatch, {name} ({when}): {figures}")

        report("5 void just now")
        if hasattr(batch_service, "LEASE"):  # the sweep settles them a lease after the void
            batch_service.LEASE = datetime.timedelta(0)
            parts.rewards.batches.resume()
            report("5 void and settled")


main()
