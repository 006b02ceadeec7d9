"""Two replicas of every service and of the gateway, started as production starts them
(`python -m services.X`, gunicorn), on one MongoDB and one Redis: the ledger stays exact,
each change is announced once, background work is done once, reads are never stale, and
the entry points alone pay the bonus rules (welcome, first purchase, referral)."""

from __future__ import annotations

import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import grpc
import pymongo
import pytest

from cli.suite import Ports, Suite
from common import clock, stores
from common import events as bus
from common.grpc_client import open_channel
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import members_pb2, members_pb2_grpc
from loyalty.points.v1 import ledger_pb2, ledger_pb2_grpc, rules_pb2_grpc
from loyalty.points.v1 import rules_pb2 as rules
from tests.support.gateway import ADMIN_KEY, Http
from tests.support.points import waive_presence_below
from tests.support.waiting import wait_for

pytestmark = pytest.mark.suite
MEMBERS = 12


@pytest.fixture(scope="module")
def replicated(tmp_path_factory, mongo_uri):
    prefix = f"test_replicas_{uuid.uuid4().hex[:8]}_"
    env = {"BOOTSTRAP_ADMIN_KEY": ADMIN_KEY, "MONGODB_URI": mongo_uri, "EVENT_RETRY_SECONDS": "1"}
    logs = tmp_path_factory.mktemp("replica-logs")
    with Suite(Ports.free(), log_dir=logs, env=env, database_prefix=prefix, replicas=2) as suite:
        yield suite
    with pymongo.MongoClient(mongo_uri) as client:
        for name in client.list_database_names():
            if name.startswith(prefix):
                client.drop_database(name)


def channels(suite: Suite, service: str) -> list[grpc.Channel]:
    return [open_channel(suite.grpc_address(service, r), default_timeout=10) for r in (0, 1)]


def ledgers(suite: Suite) -> list[ledger_pb2_grpc.LedgerServiceStub]:
    return [ledger_pb2_grpc.LedgerServiceStub(c) for c in channels(suite, "points")]


def till_key(suite: Suite, partner: str) -> str:
    admin = Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})
    made = admin.post(
        "/v1/admin/partners", {"partner_id": partner, "name": partner, "currency": "VND"}
    )
    assert made.status == 201, made.body
    store = {"store_id": f"{partner}-q1", "partner_id": partner, "name": "Q1"}
    assert admin.post("/v1/admin/stores", store).status == 201
    made = admin.post(
        "/v1/admin/api-keys",
        {"name": "tills", "role": "API_KEY_ROLE_PARTNER", "partner_id": partner},
    )
    assert made.status == 201, made.body
    return made.body["secret"]


def enrol(suite: Suite, index: int, referral_code: str = "") -> members_pb2.Member:
    stub = members_pb2_grpc.MembersServiceStub(channels(suite, "members")[index % 2])
    request = members_pb2.EnrolMemberRequest(
        idempotency_key=f"replica-enrol-{index}",
        profile=members_pb2.MemberProfile(
            name=f"Khách {index}",
            phone=f"0912 7{index:02d} {index:03d}",
            # SMS: the local provider sees every delivery made
            preferred_channels=[common_pb2.CHANNEL_SMS],
        ),
        referral_code=referral_code,
    )
    return stub.EnrolMember(request).member


def test_two_replicas_of_everything_stay_exact_and_do_each_thing_once(replicated):
    suite = replicated
    partner = f"rep-{uuid.uuid4().hex[:6]}"
    tills = [
        Http(suite.gateway_url_of(r), {"X-API-Key": till_key(suite, partner) if r == 0 else ""})
        for r in (0, 1)
    ]
    tills[1].headers = tills[0].headers  # one till key, two gateways
    members = [enrol(suite, n).member_id for n in range(MEMBERS)]
    a, b = ledgers(suite)
    wait_for(
        lambda: all(_has_account(a, m) for m in members), timeout=30, what="every account open"
    )

    # Points as payment need no presence code below 50: the tills here pay 20 at a time.
    waive_presence_below(50, *(suite.grpc_address("points", r) for r in (0, 1)))

    def trade(n: int) -> None:
        member, till = members[n % MEMBERS], tills[n % 2]
        body = {
            "member_id": member,
            "store_id": f"{partner}-q1",
            "transaction_id": f"t-{n}",
            "amount": {"amount_minor": 1_000_000, "currency": "VND"},
            "occurred_at": _now_text(),
        }
        assert till.post("/v1/partner/earns", body).status == 200
        if n % 3 == 0:
            pay = {"member_id": member, "store_id": f"{partner}-q1", "points": 20}
            assert till.post("/v1/partner/payments", pay, key=f"pay-{n}").status == 201
        if n % 4 == 0:
            back = {
                "store_id": f"{partner}-q1",
                "return_id": f"r-{n}",
                "original_transaction_id": f"t-{n}",
                "amount": {"amount_minor": 500_000, "currency": "VND"},
            }
            assert till.post("/v1/partner/returns", back, key=f"ret-{n}").status == 200

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(trade, range(96)))

    # A balance read on replica B right after a write on replica A is the new one.
    for n in range(10):
        writer, reader = (a, b) if n % 2 == 0 else (b, a)
        member = members[n]
        before = reader.GetBalance(ledger_pb2.GetBalanceRequest(member_id=member)).balance
        writer.Earn(_earn(member, partner, f"fresh-{n}"))
        after = reader.GetBalance(ledger_pb2.GetBalanceRequest(member_id=member)).balance
        assert after.available == before.available + 10

    # One expiry job on each replica at once: every lot expires once.
    issued = a.Audit(ledger_pb2.AuditRequest()).totals.issued
    later = _timestamp(clock.now() + timedelta(days=800))
    with ThreadPoolExecutor(2) as pool:
        runs = list(
            pool.map(lambda s: s.RunExpiry(ledger_pb2.RunExpiryRequest(as_of=later)), (a, b))
        )
    audit = b.Audit(ledger_pb2.AuditRequest())
    assert audit.clean, audit.drifts
    assert sum(run.points_expired for run in runs) == audit.totals.expired > 0
    assert audit.totals.issued == issued

    # Each change announced by exactly one event, though two relays publish.
    redis = stores.connect_redis(suite.redis_url)
    wait_for(lambda: not _outbox_left(suite), timeout=30, what="every outbox relayed")
    events = [
        events_pb2.Envelope.FromString(fields[b"envelope"])
        for _, fields in redis.xrange(bus.POINTS_STREAM)
    ]
    ids = Counter(e.event_id for e in events)
    assert ids and max(ids.values()) == 1
    earned = [e for e in events if e.type == "points.earned"]
    assert len(earned) == 96 + 10
    # No change announced twice under two ids either (a job or loop both replicas run, a
    # redelivered event handled twice): on every stream, one event per (type, member,
    # version the change made).
    wait_for(lambda: _outbox_left(suite, "members") == 0, timeout=30, what="members relayed")
    for stream in (bus.POINTS_STREAM, bus.MEMBERS_STREAM, bus.NOTIFICATIONS_STREAM):
        announced = [
            events_pb2.Envelope.FromString(fields[b"envelope"])
            for _, fields in redis.xrange(stream)
        ]
        assert max(Counter(e.event_id for e in announced).values(), default=1) == 1, stream
        changes = Counter(c for e in announced if (c := _change(e)) is not None)
        assert [c for c, n in changes.items() if n > 1] == [], stream
    assert any(_change(e) for e in events)
    # Each thank-you SMS sent once, though two dispatchers run.
    wait_for(lambda: len(_thank_yous(suite)) >= 96 + 10, timeout=60, what="every thank-you sent")
    sent = Counter(_thank_yous(suite))
    assert max(sent.values()) == 1


def test_the_entry_points_pay_welcome_first_purchase_and_referral_bonuses_once(replicated):
    suite = replicated
    partner = f"bon-{uuid.uuid4().hex[:6]}"
    till = Http(suite.gateway_url, {"X-API-Key": till_key(suite, partner)})
    rules_stub = rules_pb2_grpc.EarningRulesServiceStub(channels(suite, "points")[1])
    for trigger, points in (
        (rules.BONUS_TRIGGER_WELCOME, 50),
        (rules.BONUS_TRIGGER_FIRST_PURCHASE, 30),
        (rules.BONUS_TRIGGER_REFERRAL_REFERRER, 100),
        (rules.BONUS_TRIGGER_REFERRAL_REFEREE, 40),
    ):
        rules_stub.CreateBonusRule(
            rules.CreateBonusRuleRequest(
                idempotency_key=f"{partner}-{trigger}",
                rule=rules.BonusRule(
                    name=f"bonus {trigger}", trigger=trigger, enabled=True, points=points
                ),
                actor="crm:test",
                reason="entry points",
            )
        )
    referrer = enrol(suite, 50)
    referee = enrol(suite, 51, referral_code=referrer.referral_code)
    a, _ = ledgers(suite)
    for n in range(2):  # two purchases: the first pays, the second does not
        body = {
            "member_id": referee.member_id,
            "store_id": f"{partner}-q1",
            "transaction_id": f"{partner}-t{n}",
            "amount": {"amount_minor": 1_000_000, "currency": "VND"},
            "occurred_at": _now_text(),
        }
        assert till.post("/v1/partner/earns", body).status == 200

    def bonuses(member_id: str) -> list[int]:
        entries = a.ListEntries(
            ledger_pb2.ListEntriesRequest(member_id=member_id, types=[ledger_pb2.ENTRY_TYPE_BONUS])
        ).entries
        return sorted(e.points for e in entries)

    wait_for(lambda: bonuses(referrer.member_id) == [50, 100], timeout=60, what="referrer's")
    wait_for(lambda: bonuses(referee.member_id) == [30, 40, 50], timeout=30, what="referee's")
    # Nothing more arrives: every consumer of every replica has caught up.
    redis = stores.connect_redis(suite.redis_url)
    for stream in (bus.POINTS_STREAM, bus.MEMBERS_STREAM):
        wait_for(lambda s=stream: _caught_up(redis, s), timeout=30, what=f"{stream} consumed")
    assert bonuses(referrer.member_id) == [50, 100]
    assert bonuses(referee.member_id) == [30, 40, 50]


def _earn(member: str, partner: str, transaction: str) -> ledger_pb2.EarnRequest:
    return ledger_pb2.EarnRequest(
        member_id=member,
        partner_id=partner,
        store_id=f"{partner}-q1",
        transaction_id=transaction,
        amount={"amount_minor": 100_000, "currency": "VND"},
        occurred_at=_timestamp(clock.now()),
    )


def _now_text() -> str:
    return clock.now().isoformat().replace("+00:00", "Z")


def _timestamp(value):
    return bus.timestamp(value)


def _has_account(stub, member_id: str) -> bool:
    try:
        stub.GetBalance(ledger_pb2.GetBalanceRequest(member_id=member_id))
    except grpc.RpcError:
        return False
    return True


def _outbox_left(suite: Suite, service: str = "points") -> int:
    documents = {"points": "accounts", "members": "members"}[service]
    with pymongo.MongoClient(suite.mongodb_uri) as client:
        db = client[f"{suite.database_prefix}{service}"]
        # The relay moves events from the documents' outboxes to the event outbox and then
        # publishes them: counted in that order, an event the relay moves between the two
        # counts is still found (counted the other way round, it was in neither).
        in_documents = db[documents].count_documents({"outbox.0": {"$exists": True}})
        return in_documents + db.event_outbox.count_documents({})


def _change(event: events_pb2.Envelope) -> tuple | None:
    """(type, member, the version the change made) where the event names that version: a
    ledger entry's account version, a member's version."""
    payload = getattr(event, event.WhichOneof("payload"))
    fields = payload.DESCRIPTOR.fields_by_name
    if "balance" in fields and payload.HasField("balance"):
        return event.type, event.member_id, payload.balance.account_version
    if "member_version" in fields and payload.member_version:
        return event.type, event.member_id, payload.member_version
    return None


def _thank_yous(suite: Suite) -> list[str]:
    return [
        call["json"]["delivery_id"]
        for call in suite.webhooks.received("/sms", 200)
        if "điểm cho hóa đơn" in call["json"]["text"]  # the thank-you's SMS wording
    ]


def _caught_up(redis, stream: str) -> bool:
    last = redis.xinfo_stream(stream)["last-generated-id"]
    return all(
        g["last-delivered-id"] == last and g["pending"] == 0 for g in redis.xinfo_groups(stream)
    )
