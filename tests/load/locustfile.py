"""Load on the points path through the gateway: partner tills earning for purchases (most
of the traffic), holding and capturing points, taking returns; members reading their
balance and history and redeeming.

Every mutating request carries its own Idempotency-Key, and every answer is checked:
each user owns its member, so it knows exactly what the balance must be after what it
was told, and a 200 with a wrong balance counts as a failure ("check" rows).

    locust -f tests/load/locustfile.py --host http://127.0.0.1:8080 --admin-key lsk_... \\
        --headless -u 20 -r 5 -t 1m           # or without --headless: the web UI on :8089

--loyalty-config names a JSON file a driver prepared (make bench, the smoke test): the
partner key, a store, signed-in members with their balances, a reward. Without it, the
tills register a partner with --admin-key and enrol their own members, and only tills run.
--results names a file where each till writes its member and the earns it was answered.
"""

from __future__ import annotations

import json
import random
import time
import uuid

from locust import FastHttpUser, between, events, task
from locust.exception import StopUser

AMOUNT, POINTS = 250_000, 25  # VND, at the default 1 point per 10,000 VND
SETUP: dict = {}
RESULTS: list[dict] = []


@events.init_command_line_parser.add_listener
def _arguments(parser):
    parser.add_argument("--loyalty-config", default="", help="JSON prepared by a driver")
    parser.add_argument("--admin-key", default="", help="a staff key, to register a partner")
    parser.add_argument("--results", default="", help="where tills write what they earned")


@events.test_start.add_listener
def _prepare(environment, **_kwargs):
    options = environment.parsed_options
    if options.loyalty_config:
        with open(options.loyalty_config) as given:
            SETUP.update(json.load(given))
        return
    SETUP.update(register_partner(environment.host, options.admin_key))


@events.test_stop.add_listener
def _report(environment, **_kwargs):
    if environment.parsed_options.results:
        with open(environment.parsed_options.results, "w") as out:
            json.dump(RESULTS, out)


def register_partner(host: str, admin_key: str) -> dict:
    import urllib.request

    tag = uuid.uuid4().hex[:8]
    partner, store = f"load-{tag}", f"load-{tag}-1"

    def post(path: str, body: dict) -> dict:
        request = urllib.request.Request(
            host + path,
            json.dumps(body).encode(),
            method="POST",
            headers={"X-API-Key": admin_key, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as reply:
            return json.load(reply)

    post("/v1/admin/partners", {"partner_id": partner, "name": "Load", "currency": "VND"})
    post("/v1/admin/stores", {"store_id": store, "partner_id": partner, "name": "Load 1"})
    key = post(
        "/v1/admin/api-keys",
        {"name": "load tills", "role": "API_KEY_ROLE_PARTNER", "partner_id": partner},
    )
    return {"partner_key": key["secret"], "store_id": store, "members": [], "reward_id": ""}


class Checked:
    """Requests whose answers are checked, and failures reported as Locust failures."""

    def fail(self, name: str, why: str) -> None:
        self.environment.events.request.fire(
            request_type="check",
            name=name,
            response_time=0,
            response_length=0,
            exception=AssertionError(why),
            context={},
        )

    def send(self, method: str, path: str, name: str, body=None, key: bool = False, ok=(200,)):
        headers = dict(self.auth)
        if key:
            headers["Idempotency-Key"] = uuid.uuid4().hex
        with self.client.request(
            method, path, json=body, headers=headers, name=name, catch_response=True
        ) as response:
            if response.status_code not in ok:
                response.failure(f"{response.status_code}: {response.text[:200]}")
                return None
            return response.json() if response.text else {}


class Till(Checked, FastHttpUser):
    """A till with its own member: earns for purchases (most), holds and captures,
    takes a return now and then, and checks the member's balance."""

    weight = 4
    wait_time = between(0.2, 1.0)  # a busy till; the load comes from many tills

    def on_start(self):
        self.auth = {"X-API-Key": SETUP["partner_key"]}
        self.store = SETUP["store_id"]
        self.phone = phone = f"0912{random.randrange(10**6):06d}"
        enrolled = self.send(
            "POST",
            "/v1/partner/enrolments",
            "enrol",
            key=True,
            ok=(201,),
            body={
                "store_id": self.store,
                "enrolment_channel": "pos",
                "profile": {"name": "Khách Tải", "phone": phone},
            },
        )
        if enrolled is None:
            raise StopUser()
        self.member = enrolled["member"]["member_id"]
        self.expected = 0
        self.earned: list[str] = []  # every earn answered 200: each must be in the ledger once
        self.returnable: list[str] = []
        # No wait for the account: the first earn opens it, as at a real till.
        RESULTS.append({"member_id": self.member, "earned": self.earned})

    @task(8)
    def earn(self):
        transaction = uuid.uuid4().hex
        answer = self.send(
            "POST",
            "/v1/partner/earns",
            "earn",
            key=True,
            body={
                "member_id": self.member,
                "store_id": self.store,
                "transaction_id": transaction,
                "amount": {"amount_minor": AMOUNT, "currency": "VND"},
                "occurred_at": _now(),
            },
        )
        if answer is not None:
            self.earned.append(transaction)
            self.returnable.append(transaction)
            self.expected += answer["points_awarded"]
            if answer["balance"]["available"] != self.expected:
                self.fail("earn", f"balance {answer['balance']['available']} != {self.expected}")

    @task(1)
    def hold_and_capture(self):
        if self.expected < 5:
            return
        hold = self.send(
            "POST",
            "/v1/partner/holds",
            "hold",
            key=True,
            ok=(201,),
            body={
                "member_id": self.member,
                "store_id": self.store,
                "points": 5,
                "reference": uuid.uuid4().hex,
            },
        )
        if hold is None:
            return
        captured = self.send(
            "POST",
            f"/v1/partner/holds/{hold['hold']['hold_id']}/capture",
            "capture",
            key=True,
            body={"transaction_id": uuid.uuid4().hex},
        )
        if captured is not None:
            self.expected -= 5

    @task(1)
    def take_a_return(self):
        if not self.returnable:
            return
        original = self.returnable[0]
        answer = self.send(
            "POST",
            "/v1/partner/returns",
            "return",
            key=True,
            body={
                "member_id": self.member,
                "store_id": self.store,
                "return_id": uuid.uuid4().hex,
                "original_transaction_id": original,
                "full": True,
                "occurred_at": _now(),
            },
        )
        if answer is not None:
            self.returnable.remove(original)
            self.expected -= answer["reversed_points"]

    @task(2)
    def recognise(self):
        """The till looks its member up, as at the start of a sale, and checks the points."""
        answer = self.send("GET", f"/v1/partner/members?phone={self.phone}", "recognise")
        if answer is not None and answer["points"] != self.expected:
            self.fail("recognise", f"points {answer['points']} != {self.expected}")


class Member(Checked, FastHttpUser):
    """A signed-in member (from --loyalty-config): reads balance and history, redeems."""

    weight = 1
    wait_time = between(0.5, 2.0)

    def on_start(self):
        if not SETUP.get("members"):
            raise StopUser()
        mine = SETUP["members"].pop()
        self.auth = {"Authorization": f"Bearer {mine['access_token']}"}
        self.expected = mine["available"]
        self.etag = ""

    @task(5)
    def balance(self):
        headers = {**self.auth, **({"If-None-Match": self.etag} if self.etag else {})}
        with self.client.get(
            "/v1/me/balance", headers=headers, name="balance", catch_response=True
        ) as response:
            if response.status_code == 304:
                response.success()
                return
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
                return
            self.etag = response.headers.get("ETag", "")
            available = response.json()["balance"]["available"]
            if available != self.expected:
                self.fail("balance", f"{available} != {self.expected}")

    @task(1)
    def history(self):
        self.send("GET", "/v1/me/entries?page.page_size=20", "history")

    @task(1)
    def redeem(self):
        if not SETUP.get("reward_id") or self.expected < SETUP.get("reward_cost", 10**9):
            return
        answer = self.send(
            "POST",
            "/v1/me/redemptions",
            "redeem",
            key=True,
            ok=(201,),
            body={"reward_id": SETUP["reward_id"]},
        )
        if answer is not None:
            self.expected -= answer["redemption"]["points_spent"]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
