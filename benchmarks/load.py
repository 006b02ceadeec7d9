"""Closed-loop load: N client threads, each with its own channel, calling back to back.

Each client waits for its answer before sending the next request, like a till, so N
clients means at most N requests in flight. Member ids are spread so that concurrent
clients rarely touch the same account (contention is not what this measures).
"""

from __future__ import annotations

import dataclasses
import statistics
import threading
import time
import uuid
from collections.abc import Callable

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from benchmarks.server import BENCH_SERVICE, member_id
from common.grpc_client import open_channel
from loyalty.common.v1 import common_pb2
from loyalty.points.v1 import ledger_pb2, ledger_pb2_grpc

DEADLINE_SECONDS = 30.0
EARN_AMOUNT_MINOR = 100_000  # VND: 10 points at the default base rate

# One request of an operation: (channel, member id, a key unique to this request).
Call = Callable[[grpc.Channel, str, str], object]


def _bench(method: str) -> Call:
    def call(channel: grpc.Channel, member: str, key: str) -> object:
        return channel.unary_unary(f"/{BENCH_SERVICE}/{method}")(member.encode())

    return call


def _earn(channel: grpc.Channel, member: str, key: str) -> object:
    occurred_at = Timestamp()
    occurred_at.GetCurrentTime()
    return ledger_pb2_grpc.LedgerServiceStub(channel).Earn(
        ledger_pb2.EarnRequest(
            member_id=member,
            partner_id="bench-partner",
            store_id="bench-store",
            transaction_id=key,
            amount=common_pb2.Money(amount_minor=EARN_AMOUNT_MINOR, currency="VND"),
            occurred_at=occurred_at,
        )
    )


def _redeem(channel: grpc.Channel, member: str, key: str) -> object:
    return ledger_pb2_grpc.LedgerServiceStub(channel).Redeem(
        ledger_pb2.RedeemRequest(
            idempotency_key=key,
            member_id=member,
            points=1,
            purpose=ledger_pb2.REDEEM_PURPOSE_PAYMENT,
            reference=key,
        )
    )


def _balance(channel: grpc.Channel, member: str, key: str) -> object:
    return ledger_pb2_grpc.LedgerServiceStub(channel).GetBalance(
        ledger_pb2.GetBalanceRequest(member_id=member)
    )


CALLS: dict[str, Call] = {
    "noop": _bench("Noop"),
    "store-earn": _bench("StoreEarn"),
    "earn": _earn,
    "store-redeem": _bench("StoreRedeem"),
    "redeem": _redeem,
    "balance": _balance,
}


@dataclasses.dataclass
class Load:
    requests: int
    seconds: float
    latencies: list[float]  # of the requests answered OK, in seconds
    errors: list[grpc.RpcError]

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile_ms(self, q: int) -> float:
        if len(self.latencies) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[q - 1] * 1000


class Clients:
    """Channels to the server, one per client, reused from phase to phase."""

    def __init__(
        self, target: str, count: int, accounts: int, calls: dict[str, Call] | None = None
    ) -> None:
        self.channels = [open_channel(target, DEADLINE_SECONDS) for _ in range(count)]
        self.accounts = accounts
        self.calls = calls or CALLS  # op name -> how a client makes one request

    def close(self) -> None:
        for channel in self.channels:
            channel.close()

    def run(self, op: str, clients: int, seconds: float) -> Load:
        """`clients` clients calling `op` back to back for `seconds`."""
        results = [Load(0, 0.0, [], []) for _ in range(clients)]
        start = threading.Barrier(clients + 1)
        threads = [
            threading.Thread(
                target=self._client,
                args=(self.calls[op], c, clients, seconds, start, results[c]),
                name=f"bench-client-{c}",
            )
            for c in range(clients)
        ]
        for thread in threads:
            thread.start()
        start.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join()
        return Load(
            requests=sum(r.requests for r in results),
            seconds=time.perf_counter() - began,
            latencies=sorted(t for r in results for t in r.latencies),
            errors=[e for r in results for e in r.errors],
        )

    def touch_all(self, op: str) -> Load:
        """One `op` per account from one client: the warm-up read before cached reads."""
        load = Load(0, 0.0, [], [])
        for index in range(self.accounts):
            self._call(self.calls[op], self.channels[0], member_id(index), load)
        return load

    def _client(self, call, client, clients, seconds, start, load: Load) -> None:
        channel = self.channels[client]
        start.wait()
        deadline = time.perf_counter() + seconds
        index = client
        while time.perf_counter() < deadline:
            self._call(call, channel, member_id(index % self.accounts), load)
            index += clients

    @staticmethod
    def _call(call: Call, channel: grpc.Channel, member: str, load: Load) -> None:
        load.requests += 1
        started = time.perf_counter()
        try:
            call(channel, member, uuid.uuid4().hex)
        except grpc.RpcError as error:
            load.errors.append(error)
            return
        load.latencies.append(time.perf_counter() - started)
