"""The members service as the benchmark runs it: over the wire to MongoDB, seeded, counted.

    python -m benchmarks.members_server --mongodb-uri URI --database DB --redis-url URL
                                        --members N

Seeds N members in bulk (insert_many in batches of SEED_BATCH; member ids as
benchmarks.server.member_id(i), phones as phone_of(i), all at the ladder's entry tier),
then does the members service's deployment and start-up work (MembersParts.migrate and
prepare: its indexes, the unique lookup keys among them), sets the tier ladder, then
serves on a free loopback port, prints that port on stdout and serves until SIGTERM. Its
own process, so the benchmark's clients do not share its GIL; the MongoDB server
(benchmarks/store.py) is another.

Beside MembersService it serves benchmark.Bench, raw bytes in and out (no contract):
    Noop           does nothing: what a gRPC call through this server costs
    Warm           looks up members 0..W-1 (W in the request) by phone once through the
                   till's lookup cache (MemberLookups.put), each member from one bulk
                   read (MemberStore.many) rather than one store query each
    StartConsumer  starts the tier engine's consumer (members' group on the points stream)
    Settle         returns once the members relay has nothing left to publish (JSON)
    TakeStats      the costs counted since the last TakeStats, by operation and by
                   background thread, and the members per tier (JSON)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
import time
from datetime import timedelta

import grpc
from google.protobuf import json_format

from benchmarks import probes
from benchmarks.server import BENCH_SERVICE, member_id
from common import clock, stores
from common.grpc_server import Registration, create_server
from common.service import wait_for_termination
from loyalty.members.v1 import members_pb2, members_pb2_grpc, tiers_pb2
from services.members.bootstrap import MembersParts, build_members
from services.members.directory.servicer import MembersServicer
from services.members.tiers.domain import entry_standing
from services.members.tiers.servicer import ladder_of

CONSUMER = "members-bench"
CONSUMER_THREAD = "consume-loyalty.points.events"  # common.events.StreamConsumer names it so
RELAY_THREAD = "members-relay"  # services/members/directory/events.py names it so
SETTLE_TIMEOUT_SECONDS = 120.0
SEED_BATCH = 1000  # documents per insert_many
# The ladder of tests/flows/test_tiers_follow_the_ledger.py: points over 12 rolling months.
LADDER = {
    "measure": "QUALIFYING_MEASURE_POINTS",
    "window": {"kind": "WINDOW_KIND_ROLLING_MONTHS", "months": 12},
    "tiers": [
        {"code": "member", "name": {"vi": "Thành viên"}, "thresholdPoints": "0"},
        {"code": "silver", "name": {"vi": "Bạc"}, "thresholdPoints": "1000"},
        {"code": "gold", "name": {"vi": "Vàng"}, "thresholdPoints": "5000"},
    ],
    "downgrade": {
        "reviewPeriodMonths": 12,
        "gracePeriodDays": 30,
        "mode": "DOWNGRADE_MODE_DROP_ONE_TIER",
    },
}


def phone_of(index: int) -> str:
    """Member `index`'s phone, already E.164 (+84 90x: a valid Vietnamese mobile)."""
    return f"+849{index:08d}"


def ladder():
    return ladder_of(json_format.ParseDict(LADDER, tiers_pb2.TierLadder()))


def seed(db, members: int) -> None:
    """Member documents in bulk, SEED_BATCH per insert_many, before the indexes are made
    (one index build over the collection instead of an index update per insert)."""
    stored = dataclasses.replace(ladder(), version=1)  # what Ladders.replace(..., 0) stores
    enrolled = clock.now() - timedelta(days=30)
    standing = entry_standing(stored, enrolled)
    (change,) = standing.history
    docs = []
    for i in range(members):
        if len(docs) == SEED_BATCH:
            db["members"].insert_many(docs)
            docs = []
        doc = {
            "_id": member_id(i),
            "member_number": f"B{i:09d}",
            "card_number": f"9{i:011d}",
            "qr_token": f"qr-{i:08d}",
            "referral_code": f"R{i:07d}",
            "referred_by": "",
            "name": f"Khách hàng {i}",
            "phone": phone_of(i),
            "email": f"member{i}@example.vn",
            "birthday": "1990-01-01",
            "language": "vi",
            "time_zone": "Asia/Ho_Chi_Minh",
            "preferred_channels": ["sms"],
            "consents": {"sms": {"granted": True, "at": enrolled, "source": "bench"}},
            "status": "active",
            "enrolled_at": enrolled,
            "updated_at": enrolled,
            "enrolment_channel": "pos",
            "version": 1,
            "outbox": [],
        }
        doc.update(  # as directory/store.py keeps a standing
            tier_code=standing.code,
            tier_achieved_at=standing.achieved_at,
            tier_review_at=standing.review_at,
            tier_history=[
                {
                    "tier_change_id": change.tier_change_id,
                    "from": change.from_code,
                    "to": change.to_code,
                    "reason": change.reason,
                    "qualifying": change.qualifying,
                    "event_id": change.event_id,
                    "ladder_version": change.ladder_version,
                    "at": change.at,
                }
            ],
        )
        docs.append(doc)
    if docs:
        db["members"].insert_many(docs)


class Bench:
    """benchmark.Bench: the baseline, and the benchmark's view into this process."""

    def __init__(self, parts: MembersParts, raw_db, redis_client, probe: probes.Probe) -> None:
        self.parts = parts
        self.raw = raw_db  # uncounted: settling and counting must not show in the figures
        self.redis = redis_client
        self.probe = probe
        self.consumer = None

    def registration(self) -> Registration:
        methods = {
            "Noop": self.probe.measured("noop", lambda request, context: b""),
            "Warm": self.warm,
            "StartConsumer": self.start_consumer,
            "Settle": self.settle,
            "TakeStats": self.take_stats,
        }
        handler = grpc.method_handlers_generic_handler(
            BENCH_SERVICE,
            {name: grpc.unary_unary_rpc_method_handler(m) for name, m in methods.items()},
        )
        return Registration(
            BENCH_SERVICE, lambda _, server: server.add_generic_rpc_handlers([handler]), None
        )

    def warm(self, request: bytes, context) -> bytes:
        count = int(request)
        found = self.parts.member_store.many([member_id(i) for i in range(count)])
        for member in found.values():
            self.parts.lookups.put("phone", member.phone, member)
        return json.dumps({"warmed": len(found)}).encode()

    def start_consumer(self, request: bytes, context) -> bytes:
        self.consumer = self.parts.ledger_consumer(self.redis, CONSUMER).start()
        return b""

    def settle(self, request: bytes, context) -> bytes:
        started = time.monotonic()
        has_outbox = {"outbox._id": {"$exists": True}}
        while (
            self.raw["members"].find_one(has_outbox, {"_id": 1})
            or self.raw["settings"].find_one(has_outbox, {"_id": 1})
            or self.raw["event_outbox"].find_one()
        ):
            if time.monotonic() - started > SETTLE_TIMEOUT_SECONDS:
                context.abort(grpc.StatusCode.DEADLINE_EXCEEDED, "the relay did not catch up")
            time.sleep(0.05)
        return json.dumps({"seconds": time.monotonic() - started}).encode()

    def take_stats(self, request: bytes, context) -> bytes:
        ops, background = self.probe.take()
        tiers: dict[str, int] = {}
        for doc in self.raw["members"].find({}, {"tier_code": 1}):
            tiers[doc.get("tier_code", "")] = tiers.get(doc.get("tier_code", ""), 0) + 1
        return json.dumps(
            {
                "ops": {op: totals.summary() for op, totals in ops.items()},
                "background": {name: vars(cost) for name, cost in background.items()},
                "tiers": tiers,
                "purchase_facts": self.raw["purchase_facts"].count_documents({}),
            }
        ).encode()


def serve(mongodb_uri: str, database: str, redis_url: str, members: int) -> None:
    db = stores.connect_mongo(mongodb_uri, database)
    seed(db, members)
    redis_client = stores.connect_redis(redis_url)
    parts = build_members(db, redis_client, "127.0.0.1:9")  # no ledger: not called here
    parts.migrate()  # as the migration (or a start with MIGRATE_AT_START): the indexes
    parts.prepare()
    parts.ladders.replace(ladder(), 0)
    probe = probes.Probe()
    probes.count_store(parts.member_store, probe)  # the directory's and the tier engine's
    probes.count_store(parts.relay.outbox, probe)  # the relay's
    probes.count_store(parts.ladders.store, probe)
    probes.count_store(parts.insights_store, probe)  # the consumer records purchase facts here
    probes.count_redis(redis_client, probe)
    servicer = MembersServicer(parts.directory)
    servicer.FindMember = probe.measured("find", servicer.FindMember)
    bench = Bench(parts, db, redis_client, probe)
    server, port = create_server(
        [
            Registration.of(members_pb2, members_pb2_grpc, "MembersService", servicer),
            bench.registration(),
        ],
        0,
        address="127.0.0.1",
    )
    server.start()
    parts.relay.start()
    print(port, flush=True)
    wait_for_termination()
    server.stop(grace=1)
    if bench.consumer is not None:
        bench.consumer.stop()
    parts.relay.stop()
    db.client.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mongodb-uri", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--members", type=int, default=20_000)
    args = parser.parse_args(argv)
    # Only what goes wrong, on stderr: stdout carries the port.
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    serve(args.mongodb_uri, args.database, args.redis_url, args.members)


if __name__ == "__main__":
    main()
