"""The gateway's gRPC channels to the services, one set per process.

Channels are opened on first use, never at import or app creation: gunicorn forks its
workers after loading the config, and a gRPC channel must not cross a fork.
"""

from __future__ import annotations

import threading

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from common.grpc_client import open_channel
from gateway.config import GatewaySettings


class Downstream:
    """The three services as this process sees them."""

    def __init__(self, settings: GatewaySettings) -> None:
        self.targets = {
            "points": settings.points_addr,
            "members": settings.members_addr,
            "notifications": settings.notifications_addr,
        }
        self.deadline = settings.grpc_deadline_seconds
        self._channels: dict[str, grpc.Channel] = {}
        self._methods: dict[tuple[str, str], grpc.UnaryUnaryMultiCallable] = {}
        self._lock = threading.Lock()

    def channel(self, service: str) -> grpc.Channel:
        with self._lock:
            if service not in self._channels:
                self._channels[service] = open_channel(self.targets[service], self.deadline)
            return self._channels[service]

    def unary(self, service: str, rpc: str, request_class, response_class):
        """The callable for "package.Service/Method", made once per process, not per call."""
        method = self._methods.get((service, rpc))
        if method is None:
            method = self.channel(service).unary_unary(
                f"/{rpc}",
                request_serializer=request_class.SerializeToString,
                response_deserializer=response_class.FromString,
            )
            self._methods[(service, rpc)] = method
        return method

    def health(self) -> dict[str, str]:
        """Each service's grpc.health.v1 status: SERVING, NOT_SERVING or UNAVAILABLE."""
        return {service: self._health_of(service) for service in self.targets}

    def _health_of(self, service: str) -> str:
        stub = health_pb2_grpc.HealthStub(self.channel(service))
        try:
            # wait_for_ready: a channel still connecting (or backing off after the service
            # restarted) gets the deadline to connect instead of failing at once.
            reply = stub.Check(health_pb2.HealthCheckRequest(service=""), wait_for_ready=True)
        except grpc.RpcError as exc:
            return exc.code().name
        return health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)

    def close(self) -> None:
        with self._lock:
            for channel in self._channels.values():
                channel.close()
            self._channels.clear()
            self._methods.clear()
