"""The dashboard's 24 months of KPIs: 24 GetKpis one after the other (a month each, as it
asked before) against one GetKpisSeries of the same 24 months, in the same run on the
same store (benchmarks/store.py: SecantusDB started for the run, or MONGODB_URI's server).
The members service's insights servicer is called in this process, its store reads
counted by a command listener; the ledger's GetLiability (one RPC a call) is answered by a
stand-in, so the figures are the members service's own work. A measurement, not a test.

    .venv/bin/python -m benchmarks.kpis_series [--members 400] [--purchases 4000] [--times 5]
"""

import argparse
import itertools
import random
import statistics
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from google.protobuf.timestamp_pb2 import Timestamp
from pymongo import MongoClient, monitoring

from benchmarks.store import BenchStore
from common import clock
from loyalty.members.v1 import insights_pb2 as pb
from services.members.directory.store import MemberStore
from services.members.insights.service import Insights
from services.members.insights.servicer import InsightsServicer
from services.members.insights.store import InsightsStore

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")  # the console's months are local months


class Reads(monitoring.CommandListener):
    n = 0

    def started(self, event):
        Reads.n += event.command_name in ("find", "aggregate", "count", "getMore")

    def succeeded(self, event):
        pass

    def failed(self, event):
        pass


class Ledger:
    """The points service's answers, without the RPC."""

    def liability(self) -> int:
        return 1_000_000

    def partner_exists(self, partner_id: str) -> bool:
        return True


def seed(db, members: int, purchases: int, now: datetime) -> None:
    """Members enrolled over 3 years; purchases, points moved and NPS answers over 2."""
    rng = random.Random(23)  # noqa: S311 - a repeatable workload, not a secret

    def back(days: int) -> datetime:
        return now - timedelta(days=rng.uniform(0, days))

    db["members"].insert_many(
        {"_id": f"m{i:05d}", "status": "active", "enrolled_at": back(1095), "tier_code": ""}
        for i in range(members)
    )
    db["purchase_facts"].insert_many(
        {
            "_id": f"sen/t{i}",
            "member_id": f"m{rng.randrange(members):05d}",
            "at": back(730),
            "amount_minor": rng.randint(1, 50) * 100_000,
            "currency": "VND",
            "returns": {},
            "fully_returned": rng.random() < 0.05,
        }
        for i in range(purchases)
    )
    db["points_moved"].insert_many(
        {"_id": f"e{i}", "at": back(730), "issued": 100, "redeemed": 0, "owed": 100}
        for i in range(purchases)
    )
    db["nps_answers"].insert_many(
        {
            "_id": f"n{i}",
            "member_id": "m00000",
            "score": rng.randint(0, 10),
            "answered_at": back(730),
        }
        for i in range(members // 2)
    )


def timed(call, times: int) -> tuple[object, str]:
    spent, reads = [], []
    for _ in range(times):
        Reads.n = 0
        start = time.perf_counter()
        result = call()
        spent.append((time.perf_counter() - start) * 1000)
        reads.append(Reads.n)
    figures = (
        f"median {statistics.median(spent):.0f} ms (min {min(spent):.0f}, max {max(spent):.0f})"
    )
    return result, f"{figures} over {times} runs, {max(reads)} store reads a run"


def month_starts(now: datetime, months: int) -> list[datetime]:
    """The local month starts of the last `months` months, and now + 1 s (the last end)."""
    first = now.astimezone(ZONE).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    starts = [first]
    for _ in range(months - 1):
        starts.insert(0, (starts[0] - timedelta(days=1)).replace(day=1))
    return [*starts, now + timedelta(seconds=1)]


def stamp(value: datetime) -> Timestamp:
    made = Timestamp()
    made.FromDatetime(value)
    return made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=400)
    parser.add_argument("--purchases", type=int, default=4000)
    parser.add_argument("--times", type=int, default=5)
    args = parser.parse_args()
    with BenchStore() as store:
        print("store:", store.describe())
        client = MongoClient(store.uri, tz_aware=True, event_listeners=[Reads()])
        db = client[store.database("kpis")]
        now = clock.now().astimezone(ZONE)
        seed(db, args.members, args.purchases, now)
        insights = InsightsServicer(Insights(InsightsStore(db), MemberStore(db), Ledger()))
        bounds = [stamp(b) for b in month_starts(now, 24)]
        print(f"{args.members} members, {args.purchases} purchases and points moved, 24 months")

        def one_by_one():
            return [
                insights.GetKpis(pb.GetKpisRequest(period_start=s, period_end=e), None).kpis
                for s, e in itertools.pairwise(bounds)
            ]

        def series():
            return insights.GetKpisSeries(pb.GetKpisSeriesRequest(boundaries=bounds), None).kpis

        each, figures = timed(one_by_one, args.times)
        print(f"24 GetKpis one after the other: {figures}")
        at_once, figures = timed(series, args.times)
        print(f"1 GetKpisSeries of 24 months:   {figures}")
        for kpis in (*each, *at_once):
            kpis.ClearField("computed_at")
        assert list(each) == list(at_once)  # the same figures
        client.close()


main()
