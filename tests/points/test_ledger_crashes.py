"""Crash injection: the service stops dead between two storage writes; a new instance over
the same store recovers, the audit is clean, and a retry completes the request once.

The first instance runs in this process over the real store, so "dead" is the `Crash`
exception raised at the injection point (nothing after it runs) and the instance is then
abandoned; it never started background threads, so nothing of it runs on. The instance
that recovers starts as the entry point starts it."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from common import clock, stores
from loyalty.points.v1 import ledger_pb2, presence_pb2
from services.points.bootstrap import build_ledger
from services.points.ledger import faults
from services.points.ledger.domain.model import Account
from services.points.ledger.relay import OutboxRelay
from services.points.ledger.reports import Reports
from services.points.ledger.service import Ledger
from services.points.ledger.servicer import LedgerServicer
from tests.support.points import earn_request, redeem_request, register_tills, start_points
from tests.support.protos import vnd

# The crashed purchase and its retry are one request: one instant for both.
CRASHED_PURCHASE_AT = clock.now()

# Between which writes each operation can die (relay-copied: in the relay, after the
# operation itself was acknowledged).
POINTS = {
    "earn": ["purchase-claimed", "account-saved", "cache-updated", "relay-copied"],
    "redeem": ["account-saved", "cache-updated", "relay-copied"],
    "capture": ["account-saved", "cache-updated", "relay-copied"],
    "return": ["account-saved", "cache-updated", "relay-copied"],
}
CASES = [(operation, point) for operation, names in POINTS.items() for point in names]
# The member starts with 100 points of which 30 are held; after the operation took
# effect exactly once they have (available, held):
EXPECTED = {"earn": (270, 30), "redeem": (30, 30), "capture": (75, 0), "return": (20, 30)}


def operation(name: str, hold_id: str, presence) -> tuple[str, object]:
    """The RPC and its request, identical for the first try and the retry."""
    return {
        "earn": (
            "Earn",
            earn_request("lan", "t-crash", 2_000_000, occurred_at=CRASHED_PURCHASE_AT),
        ),
        "redeem": ("Redeem", redeem_request("lan", 40, "r-crash", presence)),
        "capture": (
            "CaptureHold",
            ledger_pb2.CaptureHoldRequest(
                idempotency_key="c-crash", hold_id=hold_id, partner_id="sen-mart", points=25
            ),
        ),
        "return": (
            "Return",
            ledger_pb2.ReturnRequest(
                partner_id="sen-mart",
                store_id="s",
                return_id="ret-crash",
                original_transaction_id="t-0",
                amount=vnd(500_000),
            ),
        ),
    }[name]


@dataclasses.dataclass
class ThreadlessInstance:
    """A points service with no threads of its own: its work happens in the caller's."""

    ledger: Ledger
    relay: OutboxRelay
    servicer: LedgerServicer

    @classmethod
    def over(cls, db, redis_client) -> ThreadlessInstance:
        ledger, relay = build_ledger(db, redis_client)
        ledger.store.ensure_indexes()
        return cls(ledger, relay, LedgerServicer(ledger, Reports(ledger.store)))

    def call(self, method: str, request):
        return getattr(self.servicer, method)(request, _RefusingContext())

    def present(self, member_id: str) -> presence_pb2.PresenceProof:
        """The member at the till: the QR token their app would show now."""
        return presence_pb2.PresenceProof(
            token=self.ledger.spending.presence.issue(member_id).token
        )


class _RefusingContext:
    def abort_with_status(self, status):
        raise AssertionError(f"the request was refused: {status}")


@pytest.mark.parametrize(("name", "point"), CASES, ids=[f"{o}@{p}" for o, p in CASES])
def test_a_crash_between_writes_is_recovered_and_the_retry_applies_once(
    redis_client, mongo_uri, databases, start_in_process, name, point
):
    database = databases("crash")
    db = stores.connect_mongo(mongo_uri, database)
    first = ThreadlessInstance.over(db, redis_client)
    register_tills(first.ledger.partners)
    first.ledger.store.insert_accounts([Account("lan")])
    first.call("Earn", earn_request("lan", "t-0", 1_000_000))
    hold_id = first.call(
        "PlaceHold",
        ledger_pb2.PlaceHoldRequest(
            idempotency_key="h-0",
            member_id="lan",
            points=30,
            partner_id="sen-mart",
            store_id="s",
            presence=first.present("lan"),
        ),
    ).hold.hold_id
    first.relay.drain()
    method, request = operation(name, hold_id, first.present("lan"))

    faults.arm(point)
    try:
        with pytest.raises(faults.Crash):
            first.call(method, request)
            first.relay.drain()
    finally:
        faults.disarm()

    db.client.close()
    restarted = start_points(start_in_process, database)
    try:
        restarted.ledger.purchases.recover(claimed_before=clock.now() + timedelta(seconds=1))
        assert restarted.audit().clean
        getattr(restarted.stub, method)(request)
        balance = restarted.balance("lan")
        assert (balance.available, balance.held) == EXPECTED[name]
        audit = restarted.audit()
        assert audit.clean, audit.drifts
        assert restarted.store.outbox("lan") == []
    finally:
        restarted.stop()
