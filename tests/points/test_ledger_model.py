"""Random sequences of ledger operations against a simple reference model.

The model keeps lots as plain numbers and follows the rules in their plainest form
(spend the soonest-expiring first, a return takes its own lot first, then other
available points, the rest is shortfall). After every step the ledger's balance must
equal the model's and the audit must be clean.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from common import stores
from services.points.bootstrap import build_ledger
from services.points.ledger.domain import expiry
from services.points.ledger.domain.model import Account, LedgerError
from services.points.ledger.domain.programme import Programme
from services.points.ledger.domain.purchases import Purchase
from services.points.ledger.reports import Reports
from services.points.presence.domain import PresenceProof

NOW = datetime(2026, 6, 15, 3, 0, tzinfo=UTC)
PROGRAMME = Programme(pending_days=7, expiry_months=1, expiry_rounding="end_of_day")


class Model:
    """The reference: lots as [order, remaining, pending, available_at, expires_at]."""

    def __init__(self) -> None:
        self.lots: dict[str, list] = {}
        self.holds: dict[str, dict[str, int]] = {}
        self.purchases: dict[str, dict] = {}
        self.shortfall = 0

    @property
    def available(self) -> int:
        return sum(lot[1] for lot in self.lots.values() if not lot[2])

    @property
    def pending(self) -> int:
        return sum(lot[1] for lot in self.lots.values() if lot[2])

    @property
    def held(self) -> int:
        return sum(sum(h.values()) for h in self.holds.values())

    def spendable(self) -> list[str]:
        return sorted(
            (k for k, lot in self.lots.items() if not lot[2] and lot[1] > 0),
            key=lambda k: self.lots[k][0],
        )

    def take(self, points: int) -> dict[str, int]:
        taken = {}
        for key in self.spendable():
            part = min(points, self.lots[key][1])
            self.lots[key][1] -= part
            taken[key] = part
            points -= part
        assert points == 0
        return {k: v for k, v in taken.items() if v}


class LedgerMachine(RuleBasedStateMachine):
    redis_url = mongo_uri = ""  # set by the test from the session's stores
    holds = Bundle("holds")
    purchases = Bundle("purchases")

    def __init__(self) -> None:
        super().__init__()
        self.now = NOW
        self.db = stores.connect_mongo(self.mongo_uri, f"test_model_{uuid.uuid4().hex[:10]}")
        self.ledger, _relay = build_ledger(
            self.db, stores.connect_redis(self.redis_url), clock=lambda: self.now
        )
        self.ledger.store.ensure_indexes()
        self.ledger.store.replace_programme(PROGRAMME, expected_version=0)
        self.ledger.partners.create_partner("p", "Partner", "VND")
        self.ledger.partners.create_store("s", "p", "Store", "Asia/Ho_Chi_Minh")
        self.ledger.store.insert_accounts([Account("m")])
        self.reports = Reports(self.ledger.store)
        self.model = Model()
        self.keys = 0

    def key(self) -> str:
        self.keys += 1
        return f"k{self.keys}"

    @rule(
        target=purchases,
        amount=st.integers(1, 400).map(lambda n: n * 10_000),
        days_ago=st.integers(0, 40),
    )
    def earn(self, amount, days_ago):
        occurred = self.now - timedelta(days=days_ago, minutes=self.keys)
        txn = self.key()
        self.ledger.purchases.earn(Purchase("m", "p", "s", txn, amount, "VND", occurred))
        available_at = expiry.available_at(occurred, 7, PROGRAMME.time_zone)
        expires = expiry.expires_at(occurred, 1, "end_of_day", PROGRAMME.time_zone)
        points = amount // 10_000
        self.model.lots[txn] = [
            (expires, occurred, txn),
            points,
            available_at > self.now,
            available_at,
            expires,
        ]
        self.model.purchases[txn] = {
            "points": points,
            "amount": amount,
            "returned": 0,
            "reversed": 0,
        }
        return txn

    @rule(points=st.integers(1, 300))
    def redeem(self, points):
        if points > self.model.available:
            self._refused(lambda: self._redeem(points), "INSUFFICIENT_POINTS")
            return
        self._redeem(points)
        self.model.take(points)

    def _redeem(self, points):
        return self.ledger.spending.redeem(
            "m", points, "payment", "", "p", "s", self.key(), self.present()
        )

    def present(self) -> PresenceProof:
        """The member at the till: the six digits their app would show now."""
        return PresenceProof(code=self.ledger.spending.presence.issue("m").code)

    @rule(target=holds, points=st.integers(1, 200))
    def place_hold(self, points):
        if points > self.model.available:
            self._refused(
                lambda: self.ledger.spending.place_hold(
                    "m", points, "payment", "p", "s", "", 600, self.key(), self.present()
                ),
                "INSUFFICIENT_POINTS",
            )
            return "none"
        outcome = self.ledger.spending.place_hold(
            "m", points, "payment", "p", "s", "", 600, self.key(), self.present()
        )
        self.model.holds[outcome.entry.hold_id] = self.model.take(points)
        return outcome.entry.hold_id

    @rule(hold=holds, fraction=st.integers(0, 100))
    def capture(self, hold, fraction):
        if hold not in self.model.holds:
            return
        allocation = self.model.holds.pop(hold)
        total = sum(allocation.values())
        captured = max(1, total * fraction // 100)
        self.ledger.spending.capture_hold(hold, "p", captured, "", self.key())
        for key in sorted(allocation, key=lambda k: self.model.lots[k][0]):
            spent = min(captured, allocation[key])
            captured -= spent
            self.model.lots[key][1] += allocation[key] - spent

    @rule(hold=holds)
    def release(self, hold):
        if hold not in self.model.holds:
            return
        self.ledger.spending.release_hold(hold, "p", "changed mind", self.key())
        for key, points in self.model.holds.pop(hold).items():
            self.model.lots[key][1] += points

    @rule(txn=purchases, percent=st.integers(1, 100))
    def return_part(self, txn, percent):
        purchase = self.model.purchases[txn]
        amount = purchase["amount"] * percent // 100
        if amount == 0 or purchase["returned"] + amount > purchase["amount"]:
            return
        self.ledger.purchases.return_purchase(
            "p", "s", self.key(), txn, "", {"amount_minor": amount}, None, ""
        )
        purchase["returned"] += amount
        total_after = (purchase["points"] * purchase["returned"] * 2 + purchase["amount"]) // (
            2 * purchase["amount"]
        )  # half up
        points = total_after - purchase["reversed"]
        purchase["reversed"] = total_after
        own = self.model.lots[txn]
        from_own = min(own[1], points)
        own[1] -= from_own
        rest = points - from_own
        from_others = min(rest, self.model.available)
        self.model.take(from_others)
        self.model.shortfall += rest - from_others

    @rule(points=st.integers(-150, 150).filter(bool))
    def adjust(self, points):
        if points < 0 and -points > self.model.available:
            self._refused(lambda: self._adjust(points), "INSUFFICIENT_POINTS")
            return
        outcome = self._adjust(points)
        if points > 0:
            lot = outcome.change.entry.lot_ids[0]
            expires = expiry.expires_at(self.now, 1, "end_of_day", PROGRAMME.time_zone)
            self.model.lots[lot] = [(expires, self.now, lot), points, False, self.now, expires]
        else:
            self.model.take(-points)

    def _adjust(self, points):
        return self.ledger.credits.adjust(
            "m", points, None, False, "admin:test", "model", self.key()
        )

    @rule(days=st.integers(1, 20))
    def time_passes_and_jobs_run(self, days):
        self.now += timedelta(days=days)
        self.ledger.jobs.expire_holds(self.now)  # every hold lives 10 minutes
        self.ledger.jobs.activate_pending(self.now)
        self.ledger.jobs.run_expiry(self.now)
        for allocation in self.model.holds.values():
            for key, points in allocation.items():
                self.model.lots[key][1] += points
        self.model.holds.clear()
        for lot in self.model.lots.values():
            if lot[2] and lot[3] <= self.now:
                lot[2] = False
            if lot[4] <= self.now:
                lot[1] = 0

    def _refused(self, call, reason):
        try:
            call()
        except LedgerError as error:
            assert error.reason == reason
        else:
            raise AssertionError(f"expected {reason}")

    @invariant()
    def balances_match_the_model_and_the_audit_is_clean(self):
        account = self.ledger.store.load("m")
        assert (account.available, account.pending, account.held) == (
            self.model.available,
            self.model.pending,
            self.model.held,
        )
        assert account.shortfall == self.model.shortfall
        result = self.reports.audit([])
        assert result.drifts == []

    def teardown(self) -> None:
        self.db.client.drop_database(self.db.name)
        self.db.client.close()


def test_random_operation_sequences_match_the_model(redis_server, mongo_uri):
    LedgerMachine.redis_url, LedgerMachine.mongo_uri = redis_server.url, mongo_uri
    run = LedgerMachine.TestCase
    run.settings = settings(
        max_examples=40,
        stateful_step_count=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    run().runTest()
