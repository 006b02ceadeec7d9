"""The whole-ledger audit streams: it reads the accounts a batch at a time and each batch's
history in one query, and lists a bounded number of drifts, so what it holds does not
grow with the ledger (issue #21). Its findings are those of auditing each account alone
with all its entries, as it did before it streamed."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import pytest
from google.protobuf import json_format
from pymongo.errors import AutoReconnect

from loyalty.points.v1 import ledger_pb2
from services.points.ledger.domain import audit
from services.points.ledger.reports import Reports
from services.points.ledger.store import LedgerStore
from tests.support.mongo_commands import logged_database
from tests.support.points import earn_request, redeem_request

MEMBERS = [f"m{n:02d}" for n in range(13)]
BATCH = 4


def _trade(points) -> None:
    """Two purchases for every member, a payment in points for every third."""
    points.seed(*MEMBERS)
    for member in MEMBERS:
        points.stub.Earn(earn_request(member, f"t-{member}-1", 1_000_000))
        points.stub.Earn(earn_request(member, f"t-{member}-2", 2_500_000))
    for member in MEMBERS[::3]:
        points.stub.Redeem(redeem_request(member, 30, f"pay-{member}", points.present(member)))
    points.relay.drain()


def _corrupt(points) -> set[str]:
    """Four kinds of damage, in four accounts; the members damaged."""
    accounts, entries = points.db["accounts"], points.db["entries"]
    accounts.update_one({"_id": "m01"}, {"$inc": {"issued": 7}})
    entries.delete_one({"member_id": "m04", "type": "earn"})
    accounts.update_one({"_id": "m07"}, {"$inc": {"lots.0.spent": 3}})
    copy = entries.find_one({"member_id": "m10", "type": "earn"})
    entries.insert_one({**copy, "_id": "a-copy", "seq": copy["seq"] + 999})
    return {"m01", "m04", "m07", "m10"}


def _audited_one_by_one(store: LedgerStore) -> list[audit.Drift]:
    """The audit as it was before it streamed: each account loaded with all its entries."""
    drifts, totals = [], audit.Totals()
    for member in sorted(MEMBERS):
        account = store.load(member)
        drifts += audit.audit_account(account, store.all_entries_of(member))
        totals.add(account)
    return drifts + totals.drifts()


@pytest.fixture
def logged_store(points, mongo_uri):
    db, log = logged_database(mongo_uri, points.db.name)
    yield LedgerStore(db), log
    db.client.close()


def test_the_audit_reads_the_accounts_a_batch_a_round_trip_and_their_history_a_query_a_batch(
    points, logged_store
):
    _trade(points)
    store, log = logged_store

    result = Reports(store, batch_size=BATCH).audit([])

    assert result.drifts == [] and result.accounts_checked == len(MEMBERS)
    batches = math.ceil(len(MEMBERS) / BATCH)
    reads = log.on("accounts", "find", "getMore")
    assert [c.filter for c in log.on("accounts", "find")] == [{}]  # one cursor, no lookups
    assert max(c.returned for c in reads) == BATCH  # never more than a batch at a time
    assert sum(c.returned for c in reads) == len(MEMBERS)
    history = log.on("entries", "find")
    assert len(history) == batches  # one query a batch, none per account
    assert [len(c.filter["member_id"]["$in"]) for c in history] == [4, 4, 4, 1]
    assert {c.collection for c in log.commands} <= {"accounts", "entries"}


def test_the_streamed_audit_finds_what_auditing_each_account_alone_finds(points, logged_store):
    _trade(points)
    damaged = _corrupt(points)
    store, _log = logged_store

    expected = _audited_one_by_one(store)
    result = Reports(store, batch_size=BATCH).audit([])

    assert {d.member_id for d in expected} == damaged | {""}  # "" : the programme's equation
    assert result.drifts == expected
    reply = points.stub.Audit(ledger_pb2.AuditRequest())
    assert not reply.clean
    assert [(d.member_id, d.field, d.expected, d.actual) for d in reply.drifts] == [
        (d.member_id, d.field, d.expected, d.actual) for d in expected
    ]


def test_the_audit_lists_its_first_drifts_and_counts_the_rest(points, logged_store):
    _trade(points)
    _corrupt(points)
    store, _log = logged_store
    expected = _audited_one_by_one(store)
    of_accounts = [d for d in expected if d.member_id]

    result = Reports(store, batch_size=BATCH, listed=3).audit([])

    rest = audit.Drift("", audit.DRIFTS_NOT_LISTED, 0, len(of_accounts) - 3)
    programme = [d for d in expected if not d.member_id]
    assert result.drifts == [*of_accounts[:3], rest, *programme]
    assert programme, "the programme's drifts are listed whatever the cap"


class Failing:
    """A collection whose `find`s (the n-th of them, counting from 1, in `failing`) fail
    as a dropped connection does: at once, or (`after` documents) mid-cursor."""

    def __init__(self, collection, failing: set[int], after: int = 0) -> None:
        self.collection, self.failing, self.after, self.finds = collection, failing, after, 0

    def __getattr__(self, name):
        return getattr(self.collection, name)

    def find(self, *args, **kwargs):
        self.finds += 1
        cursor = self.collection.find(*args, **kwargs)
        return FailingCursor(cursor, self.after if self.finds in self.failing else None)


class FailingCursor:
    def __init__(self, cursor, fail_after: int | None) -> None:
        self.cursor, self.fail_after, self.read = cursor, fail_after, 0

    def sort(self, *args):
        self.cursor = self.cursor.sort(*args)
        return self

    def batch_size(self, size: int):
        self.cursor = self.cursor.batch_size(size)
        return self

    def close(self) -> None:
        self.cursor.close()

    def __iter__(self):
        return self

    def __next__(self):
        if self.fail_after is not None and self.read >= self.fail_after:
            raise AutoReconnect("operation cancelled")
        self.read += 1
        return next(self.cursor)


def test_a_dropped_connection_resumes_the_audit_after_the_last_account_read(points):
    _trade(points)
    _corrupt(points)
    store = LedgerStore(points.db)
    store.audit_retry_seconds = 0
    expected = _audited_one_by_one(store)
    accounts, entries = store.accounts, store.entries

    store.accounts = Failing(accounts, failing={1, 2}, after=6)  # mid-batch, twice
    store.entries = Failing(entries, failing={3})  # then one batch's history
    result = Reports(store, batch_size=BATCH).audit([])

    assert result.drifts == expected  # each account once: none lost, none counted twice
    assert result.accounts_checked == len(MEMBERS)
    # Accounts read 4 times (the first read, then after m03, m07 and m07 again); the
    # history of 4 batches read once each, and once more for the batch whose read failed.
    assert (store.accounts.finds, store.entries.finds) == (4, 5)


def test_the_audit_gives_up_after_failing_again_and_again(points):
    _trade(points)
    store = LedgerStore(points.db)
    store.audit_retry_seconds = 0
    store.accounts = Failing(store.accounts, failing={1, 2, 3, 4})
    with pytest.raises(AutoReconnect):
        Reports(store, batch_size=BATCH).audit([])
    assert store.accounts.finds == 4  # the first read and three resumes


def audit_job(mongo_uri: str, database: str) -> tuple[int, dict]:
    """`python -m services.points.ledger.audit_job`, as the audit CronJob runs it:
    (exit code, the report on its last line)."""
    done = subprocess.run(
        [sys.executable, "-m", "services.points.ledger.audit_job"],
        env={**os.environ, "MONGODB_URI": mongo_uri, "MONGODB_DB": database},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.stdout, done.stderr
    return done.returncode, json.loads(done.stdout.splitlines()[-1])


def _answer(points) -> dict:
    """The Audit RPC's answer, as the job prints it."""
    reply = points.stub.Audit(ledger_pb2.AuditRequest())
    return json_format.MessageToDict(reply, always_print_fields_with_no_presence=True)


def test_the_audit_job_reports_what_the_audit_rpc_answers_and_fails_on_a_drift(points, mongo_uri):
    _trade(points)
    code, report = audit_job(mongo_uri, points.db.name)
    answer = _answer(points)
    assert code == 0 and report["clean"] is True
    assert report["accountsChecked"] == str(len(MEMBERS))
    assert report["totals"] == answer["totals"]

    _corrupt(points)
    code, report = audit_job(mongo_uri, points.db.name)
    answer = _answer(points)
    assert code == 1 and report["clean"] is False
    assert report["drifts"] == answer["drifts"] and len(report["drifts"]) >= 4


def test_findings_keep_the_first_drifts_and_count_every_one():
    findings = audit.Findings(limit=2)
    for n in range(5):
        findings.add([audit.Drift(f"m{n}", "available", n, n + 1)] * 3)
    assert findings.found == 15
    assert [d.member_id for d in findings.listed] == ["m0", "m0"]
    assert findings.report([])[-1] == audit.Drift("", audit.DRIFTS_NOT_LISTED, 0, 13)
    assert audit.Findings(limit=2).report([]) == []
