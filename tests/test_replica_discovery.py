"""A client finds a replica that started after it connected (issue #21): each server
closes a connection at its maximum age, the client looks the name up again and its
round_robin spreads calls over the new address. Without the age limit it never does,
which is how pods an autoscaler adds sat idle."""

from __future__ import annotations

import threading
import time

import grpc

from common.grpc_client import open_channel
from common.grpc_server import create_server
from tests.support.dns import NameServer

WHO = "/test.Replicas/Who"


def _replica(address: str, port: int, max_connection_age: float):
    server, bound = create_server([], port, address=address, max_connection_age=max_connection_age)
    answer = address.encode()
    handler = grpc.method_handlers_generic_handler(
        "test.Replicas", {"Who": grpc.unary_unary_rpc_method_handler(lambda _r, _c: answer)}
    )
    server.server.add_generic_rpc_handlers((handler,))
    return server.start(), bound


def _answers_after_second_replica(max_connection_age: float, window: float) -> set[bytes]:
    names = NameServer(["127.0.0.1"])
    first, port = _replica("127.0.0.1", 0, max_connection_age)
    channel = open_channel(f"dns://127.0.0.1:{names.port}/replicas.loyalty.test:{port}", 5.0)
    who = channel.unary_unary(WHO)
    second = None
    try:
        assert who(b"", timeout=5) == b"127.0.0.1"
        second, _ = _replica("127.0.0.2", port, max_connection_age)
        names.addresses = ["127.0.0.1", "127.0.0.2"]  # the headless Service now has two pods
        seen: set[bytes] = set()
        deadline = time.monotonic() + window
        while time.monotonic() < deadline and len(seen) < 2:
            seen.add(who(b"", timeout=5))
            time.sleep(0.02)
        return seen
    finally:
        channel.close()
        for server in (first, second):
            if server is not None:
                server.stop(grace=0)
        names.close()


def test_calls_reach_a_replica_started_after_the_client_connected():
    assert _answers_after_second_replica(max_connection_age=1.0, window=10.0) == {
        b"127.0.0.1",
        b"127.0.0.2",
    }


def test_without_a_connection_age_the_new_replica_gets_nothing():
    """The control: the same client and servers, connections aged only after an hour."""
    assert _answers_after_second_replica(max_connection_age=3600, window=4.0) == {b"127.0.0.1"}


def test_a_call_longer_than_the_connections_age_is_not_cut():
    """Jobs (segments, expiry over a large ledger) run for minutes on one call: the age
    sends new calls elsewhere but lets the calls in flight finish."""
    finished = threading.Event()
    server, port = create_server([], 0, address="127.0.0.1", max_connection_age=0.2)

    def slow(_request, _context):
        time.sleep(1.5)
        finished.set()
        return b"done"

    handler = grpc.method_handlers_generic_handler(
        "test.Replicas", {"Slow": grpc.unary_unary_rpc_method_handler(slow)}
    )
    server.server.add_generic_rpc_handlers((handler,))
    server.start()
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            assert channel.unary_unary("/test.Replicas/Slow")(b"", timeout=10) == b"done"
        assert finished.is_set()
    finally:
        server.stop(grace=0)
