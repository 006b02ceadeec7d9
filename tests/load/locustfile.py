"""Load on the points path, spoken over gRPC to the services (until the gateway's REST API
carries it: the load issue moves these users to HTTP).

Partner tills earn for purchases (most of the traffic) and members read their balances.
Each user enrols its own member first and checks what it is told: an earn answers the
points a purchase of that amount earns, and the balance read afterwards is never below
what this user earned (other tills do not share its member).

    locust -f tests/load/locustfile.py --headless -u 20 -r 5 -t 30s \
        --points 127.0.0.1:50051 --members 127.0.0.1:50052
(docker compose --profile load up runs it against the compose suite.)
"""

from __future__ import annotations

import time
import uuid

import grpc
from google.protobuf.timestamp_pb2 import Timestamp
from locust import User, between, events, task

from loyalty.common.v1 import common_pb2
from loyalty.members.v1 import members_pb2, members_pb2_grpc
from loyalty.points.v1 import ledger_pb2, ledger_pb2_grpc, partners_pb2, partners_pb2_grpc

PARTNER, STORE = "load-partner", "load-store"
AMOUNT = 250_000  # VND: 25 points at the default rate of 1 point per 10,000 VND
POINTS = 25


@events.init_command_line_parser.add_listener
def _arguments(parser):
    parser.add_argument("--points", default="points:50051", help="points service gRPC target")
    parser.add_argument("--members", default="members:50052", help="members service target")


@events.test_start.add_listener
def _register_the_till(environment, **_kwargs):
    with grpc.insecure_channel(environment.parsed_options.points) as channel:
        partners = partners_pb2_grpc.PartnersServiceStub(channel)
        for call, request in (
            (
                partners.CreatePartner,
                partners_pb2.CreatePartnerRequest(
                    partner_id=PARTNER, name="Load", currency="VND", actor="load"
                ),
            ),
            (
                partners.CreateStore,
                partners_pb2.CreateStoreRequest(
                    store_id=STORE, partner_id=PARTNER, name="Load", actor="load"
                ),
            ),
        ):
            try:
                call(request, timeout=5)
            except grpc.RpcError as error:
                if error.code() != grpc.StatusCode.ALREADY_EXISTS:
                    raise


class Till(User):
    """A partner till earning for its member's purchases, and the member checking."""

    wait_time = between(0.05, 0.2)

    def on_start(self):
        options = self.environment.parsed_options
        self.ledger = ledger_pb2_grpc.LedgerServiceStub(grpc.insecure_channel(options.points))
        members = members_pb2_grpc.MembersServiceStub(grpc.insecure_channel(options.members))
        key = uuid.uuid4().hex
        enrolled = members.EnrolMember(
            members_pb2.EnrolMemberRequest(
                idempotency_key=key,
                profile=members_pb2.MemberProfile(name="Khách Tải", email=f"{key}@example.com"),
            ),
            timeout=5,
        )
        self.member_id = enrolled.member.member_id
        self.earned = 0
        self._wait_for_account()

    @task(8)
    def earn(self):
        request = ledger_pb2.EarnRequest(
            member_id=self.member_id,
            partner_id=PARTNER,
            store_id=STORE,
            transaction_id=uuid.uuid4().hex,
            amount=common_pb2.Money(amount_minor=AMOUNT, currency="VND"),
            occurred_at=_now(),
        )
        reply = self._call("Earn", self.ledger.Earn, request)
        if reply is not None:
            self.earned += reply.points_awarded
            if reply.points_awarded != POINTS:
                self._fail("Earn", f"awarded {reply.points_awarded}, expected {POINTS}")

    @task(2)
    def balance(self):
        request = ledger_pb2.GetBalanceRequest(member_id=self.member_id)
        reply = self._call("GetBalance", self.ledger.GetBalance, request)
        if reply is not None and reply.balance.available < self.earned:
            self._fail("GetBalance", f"{reply.balance.available} < {self.earned} earned")

    def _call(self, name: str, method, request):
        started = time.perf_counter()
        try:
            reply = method(request, timeout=5)
        except grpc.RpcError as error:
            self._report(name, started, error)
            return None
        self._report(name, started, None)
        return reply

    def _report(self, name, started, error):
        self.environment.events.request.fire(
            request_type="grpc",
            name=name,
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=error,
            context={},
        )

    def _fail(self, name: str, why: str):
        self.environment.events.request.fire(
            request_type="check",
            name=name,
            response_time=0,
            response_length=0,
            exception=AssertionError(why),
            context={},
        )

    def _wait_for_account(self):
        """The ledger opens the account from the enrolment event, a moment later."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                self.ledger.GetBalance(
                    ledger_pb2.GetBalanceRequest(member_id=self.member_id), timeout=2
                )
                return
            except grpc.RpcError:
                time.sleep(0.1)
        raise RuntimeError("the ledger never opened the member's account")


def _now() -> Timestamp:
    stamp = Timestamp()
    stamp.GetCurrentTime()
    return stamp
