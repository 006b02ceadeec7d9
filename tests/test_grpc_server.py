"""The common gRPC server bootstrap, over real sockets: health, shutdown, errors, ids."""

from __future__ import annotations

import json
import logging
import threading

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from common import logs
from common.grpc_client import open_channel
from common.grpc_server import LIVENESS, Dependency, Registration, create_server
from tests.support.waiting import wait_for

SERVICE = "test.Probe"


class ProbeBehaviour:
    """Methods of a tiny test service: echo, a slow call we release by hand, a crash."""

    def __init__(self) -> None:
        self.slow_started = threading.Event()
        self.slow_calls = 0  # how many slow calls have begun
        self.release_slow = threading.Event()
        self.seen_request_ids: list[str] = []

    def echo(self, request: bytes, context) -> bytes:
        self.seen_request_ids.append(logs.current_request_id())
        logging.getLogger("test.probe").info("echoing")
        return request

    def slow(self, request: bytes, context) -> bytes:
        self.slow_calls += 1
        self.slow_started.set()
        self.release_slow.wait(10)
        return b"finished"

    def crash(self, request: bytes, context) -> bytes:
        raise RuntimeError("secret internals at /srv/app.py line 42")

    def registration(self) -> Registration:
        handlers = {
            name: grpc.unary_unary_rpc_method_handler(getattr(self, name))
            for name in ("echo", "slow", "crash")
        }
        generic = grpc.method_handlers_generic_handler(SERVICE, handlers)
        return Registration(
            SERVICE, lambda _servicer, server: server.add_generic_rpc_handlers((generic,)), None
        )


class Switch:
    """A dependency the test turns on and off."""

    def __init__(self, up: bool) -> None:
        self.up = up

    def ping(self) -> None:
        if not self.up:
            raise ConnectionError("down")


@pytest.fixture
def probe():
    return ProbeBehaviour()


def start(probe: ProbeBehaviour, dependencies=()):
    server, port = create_server(
        [probe.registration()], 0, dependencies, address="127.0.0.1", probe_interval=0.05
    )
    return server.start(), port


def call(channel: grpc.Channel, method: str, payload: bytes = b"x", **kwargs) -> bytes:
    return channel.unary_unary(f"/{SERVICE}/{method}")(payload, **kwargs)


def health_status(channel: grpc.Channel, service: str = "") -> str:
    reply = health_pb2_grpc.HealthStub(channel).Check(
        health_pb2.HealthCheckRequest(service=service), timeout=2
    )
    return health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)


def test_not_serving_until_every_dependency_answers(probe):
    store, cache = Switch(up=True), Switch(up=False)
    server, port = start(
        probe, [Dependency("store", store.ping), Dependency("cache", cache.ping, False)]
    )
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            assert health_status(channel) == "NOT_SERVING"
            assert health_status(channel, SERVICE) == "NOT_SERVING"
            cache.up = True
            # The readiness thread sets the server's status, then each service's: both
            # are waited for (the service's could be asked for between the two).
            wait_for(
                lambda: health_status(channel) == health_status(channel, SERVICE) == "SERVING",
                what="the server and its service SERVING",
            )
            # After start, only dependencies that gate readiness take the service out.
            cache.up = False
            store.up = False
            wait_for(lambda: health_status(channel) == "NOT_SERVING", what="NOT_SERVING")
    finally:
        server.stop(grace=1)


def test_liveness_stays_serving_through_a_store_outage(probe):
    store = Switch(up=False)
    server, port = start(probe, [Dependency("store", store.ping)])
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            # Unready (no store yet) but alive: Kubernetes must not restart the pod.
            assert health_status(channel) == "NOT_SERVING"
            assert health_status(channel, LIVENESS) == "SERVING"
    finally:
        server.stop(grace=1)


def test_graceful_stop_finishes_calls_in_flight_and_refuses_new_ones(probe):
    server, port = start(probe)
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        wait_for(lambda: health_status(channel) == "SERVING", what="SERVING")
        in_flight = channel.unary_unary(f"/{SERVICE}/slow").future(b"x", timeout=10)
        assert probe.slow_started.wait(5)
        stopper = threading.Thread(target=server.stop, args=(10,))
        stopper.start()
        wait_for(lambda: _refused(channel), what="new calls refused while draining")
        probe.release_slow.set()
        assert in_flight.result() == b"finished"
        stopper.join(10)
        assert not stopper.is_alive()


def _refused(channel: grpc.Channel) -> bool:
    try:
        call(channel, "echo", timeout=1)
    except grpc.RpcError as exc:
        return exc.code() == grpc.StatusCode.UNAVAILABLE
    return False


def test_an_unexpected_error_is_internal_without_internals(probe):
    server, port = start(probe)
    try:
        with (
            grpc.insecure_channel(f"127.0.0.1:{port}") as channel,
            pytest.raises(grpc.RpcError) as raised,
        ):
            call(channel, "crash", metadata=[("x-request-id", "req-crash-1")], timeout=2)
        assert raised.value.code() == grpc.StatusCode.INTERNAL
        assert raised.value.details() == "internal error (request id req-crash-1)"
    finally:
        server.stop(grace=1)


def test_request_id_travels_from_client_context_into_service_logs(probe, capsys):
    logs.configure("probe", "info")
    server, port = start(probe)
    channel = open_channel(f"127.0.0.1:{port}", default_timeout=2)
    try:
        with logs.request_id_scope("req-from-gateway-7"):
            assert call(channel, "echo", b"hello") == b"hello"
    finally:
        channel.close()
        server.stop(grace=1)
    assert probe.seen_request_ids == ["req-from-gateway-7"]
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    echo = [line for line in lines if line["message"] == "echoing"]
    served = [line for line in lines if line.get("grpc_method") == "echo"]
    assert echo[0]["request_id"] == "req-from-gateway-7"
    assert served[0]["request_id"] == "req-from-gateway-7"
    assert served[0]["grpc_code"] == "OK"


def test_every_outgoing_call_gets_the_default_deadline(probe):
    server, port = start(probe)
    channel = open_channel(f"127.0.0.1:{port}", default_timeout=0.3)
    try:
        with pytest.raises(grpc.RpcError) as raised:
            call(channel, "slow")
        assert raised.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    finally:
        probe.release_slow.set()
        channel.close()
        server.stop(grace=1)


def test_probes_are_answered_while_every_request_thread_is_busy(probe):
    """Kubernetes asks the probe port, whose threads no request takes: with the request
    threads all held, the main port's health check waits in line, the probe port's not."""
    server, port = create_server(
        [probe.registration()], 0, address="127.0.0.1", probe_interval=0.05, max_workers=2
    )
    server.start()
    try:
        with (
            grpc.insecure_channel(f"127.0.0.1:{port}") as channel,
            grpc.insecure_channel(f"127.0.0.1:{server.probe_port}") as probes,
        ):
            wait_for(lambda: health_status(probes) == "SERVING", what="SERVING")
            held = [channel.unary_unary(f"/{SERVICE}/slow").future(b"x") for _ in range(2)]
            wait_for(lambda: probe.slow_calls == 2, what="both request threads busy")
            with pytest.raises(grpc.RpcError) as queued:
                health_pb2_grpc.HealthStub(channel).Check(
                    health_pb2.HealthCheckRequest(service=""), timeout=0.5
                )
            assert queued.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
            assert health_status(probes) == "SERVING"
            assert health_status(probes, LIVENESS) == "SERVING"
            probe.release_slow.set()
            assert [call.result(timeout=5) for call in held] == [b"finished", b"finished"]
    finally:
        probe.release_slow.set()
        server.stop(grace=1)
