"""The gRPC server every service runs: health, reflection, interceptors, shutdown.

`create_server` follows gRPC Python's examples: it binds (port 0 picks a free port, as
tests do) and returns the server with the port it got. The server reports the standard
grpc.health.v1 status: NOT_SERVING until every dependency (the service's MongoDB and
Redis) has answered, then SERVING while the dependencies that gate readiness keep
answering. `stop` is the graceful shutdown SIGTERM triggers: health turns NOT_SERVING
so balancers drain, new calls are refused, calls in flight get the grace period to finish.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent import futures

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from common.interceptors import ServerCallInterceptor

log = logging.getLogger("loyalty.server")

MAX_REQUEST_BYTES = 1 << 20
PROBE_THREADS = 2
# How long calls in flight on a connection past its age may still take before it is cut:
# long enough for the longest job (a segments run, an expiry over a large ledger); new
# calls go to a new connection at once anyway, so a long grace delays no rebalancing.
CONNECTION_AGE_GRACE_MS = 3_600_000
SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING
# The health entry Kubernetes' liveness probe asks: SERVING while the process serves gRPC
# at all, whatever its dependencies (a MongoDB outage must make pods unready, never
# restart them); it turns NOT_SERVING only with the graceful shutdown.
LIVENESS = "liveness"


@dataclasses.dataclass(frozen=True)
class Registration:
    """One gRPC service this server offers: the generated add_*_to_server and its servicer."""

    service_name: str  # full name, e.g. loyalty.points.v1.LedgerService
    add_to_server: Callable[[object, grpc.Server], None]
    servicer: object

    @classmethod
    def of(cls, pb2, pb2_grpc, service: str, servicer: object | None = None) -> Registration:
        """Registration of `service` from its generated modules.

        Without a servicer, the generated base class answers UNIMPLEMENTED to every RPC:
        the contract is published before its behaviour is built.
        """
        return cls(
            service_name=pb2.DESCRIPTOR.services_by_name[service].full_name,
            add_to_server=getattr(pb2_grpc, f"add_{service}Servicer_to_server"),
            servicer=servicer or getattr(pb2_grpc, f"{service}Servicer")(),
        )


@dataclasses.dataclass(frozen=True)
class Dependency:
    """Something the service needs before it can serve: `ping` raises when it is down.

    `gates_readiness`: whether an outage after start turns health NOT_SERVING. Redis
    does not: without it the service is slower, not wrong, and taking every pod out of
    rotation would turn a cache outage into a full one.
    """

    name: str
    ping: Callable[[], object]
    gates_readiness: bool = True


class ServiceServer:
    """A started-or-startable gRPC server with its health reporting."""

    def __init__(
        self,
        server: grpc.Server,
        health_servicer: health.HealthServicer,
        service_names: Sequence[str],
        dependencies: Sequence[Dependency],
        probe_interval: float,
        probe_server: grpc.Server,
        probe_port: int,
    ) -> None:
        self.server = server
        self.health = health_servicer
        # Kubernetes' probes ask here: threads of their own, so a server whose request
        # threads are all busy still answers them (sharing the pool, probes queued behind
        # the load timed out and a busy pod was taken out, or restarted).
        self.probe_server = probe_server
        self.probe_port = probe_port
        self.service_names = ["", *service_names]
        self.dependencies = list(dependencies)
        self.probe_interval = probe_interval
        self._stopping = threading.Event()
        self._ready_once = False
        self._status = None
        self._watcher = threading.Thread(target=self._watch, name="readiness", daemon=True)

    def start(self) -> ServiceServer:
        for name in self.service_names:  # quietly: the first probe logs why
            self.health.set(name, NOT_SERVING)
        self.health.set(LIVENESS, SERVING)
        self.probe_server.start()
        self.server.start()
        self._watcher.start()
        return self

    def stop(self, grace: float) -> None:
        """Drain: NOT_SERVING, refuse new calls, let calls in flight finish within `grace`."""
        log.info("shutting down", extra={"grace_seconds": grace})
        self._stopping.set()
        self.health.enter_graceful_shutdown()
        self.server.stop(grace).wait()
        self.probe_server.stop(0).wait()
        log.info("stopped")

    def _watch(self) -> None:
        while not self._stopping.is_set():
            self._probe()
            self._stopping.wait(self.probe_interval)

    def _probe(self) -> None:
        down = [dep.name for dep in self.dependencies if self._gates(dep) and not _answers(dep)]
        if down:
            self._set_health(NOT_SERVING, reason=f"waiting for {', '.join(down)}")
        else:
            self._ready_once = True
            self._set_health(SERVING)

    def _gates(self, dependency: Dependency) -> bool:
        return dependency.gates_readiness or not self._ready_once

    def _set_health(self, status, reason: str = "") -> None:
        if self._stopping.is_set():
            return
        for name in self.service_names:
            self.health.set(name, status)
        if status != self._status:
            self._status = status
            name = health_pb2.HealthCheckResponse.ServingStatus.Name(status)
            log.info("health %s", name, extra={"reason": reason} if reason else None)


def _answers(dependency: Dependency) -> bool:
    try:
        dependency.ping()
        return True
    except Exception as exc:
        log.debug("%s does not answer: %s", dependency.name, type(exc).__name__)
        return False


def create_server(
    registrations: Sequence[Registration],
    port: int,
    dependencies: Sequence[Dependency] = (),
    *,
    address: str = "[::]",
    max_workers: int = 16,
    probe_interval: float = 1.0,
    max_connection_age: float = 30.0,
    probe_port: int = 0,
) -> tuple[ServiceServer, int]:
    """Build the server, bind it, and return it (not yet started) with its bound port."""
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="grpc"),
        interceptors=[ServerCallInterceptor()],
        options=[
            ("grpc.so_reuseport", 0),
            # No request of ours comes near 1 MiB; a larger one is refused before parsing.
            ("grpc.max_receive_message_length", MAX_REQUEST_BYTES),
            # Clients hold their connections: without an age limit the replicas an
            # autoscaler adds get no calls from them. At the age the server says GOAWAY,
            # the client looks the service's addresses up again, calls in flight finish.
            ("grpc.max_connection_age_ms", int(max_connection_age * 1000)),
            ("grpc.max_connection_age_grace_ms", CONNECTION_AGE_GRACE_MS),
        ],
    )
    for registration in registrations:
        registration.add_to_server(registration.servicer, server)
    health_servicer = health.HealthServicer(experimental_non_blocking=True)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    names = [r.service_name for r in registrations]
    reflection.enable_server_reflection(
        [
            *names,
            health_pb2.DESCRIPTOR.services_by_name["Health"].full_name,
            reflection.SERVICE_NAME,
        ],
        server,
    )
    bound = _bind(server, address, port)
    probe_server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=PROBE_THREADS, thread_name_prefix="probes"),
        options=[("grpc.so_reuseport", 0)],
    )
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, probe_server)
    probe_bound = _bind(probe_server, address, probe_port)
    service_server = ServiceServer(
        server, health_servicer, names, dependencies, probe_interval, probe_server, probe_bound
    )
    return service_server, bound


def _bind(server: grpc.Server, address: str, port: int) -> int:
    bound = server.add_insecure_port(f"{address}:{port}")
    if bound == 0:
        raise OSError(f"could not bind the gRPC port {address}:{port}")
    return bound
