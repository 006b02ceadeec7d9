"""The gateway's clients of the services, one set per process (common/service_client.py:
channels opened on first use, never at import or app creation: gunicorn forks its workers
after loading the config, and a gRPC channel must not cross a fork)."""

from __future__ import annotations

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from common.service_client import ServiceClient
from gateway.config import GatewaySettings


class Downstream:
    """The three services as this process sees them."""

    def __init__(self, settings: GatewaySettings) -> None:
        targets = {
            "points": settings.points_addr,
            "members": settings.members_addr,
            "notifications": settings.notifications_addr,
        }
        self.clients = {
            service: ServiceClient(service, target, settings.grpc_deadline_seconds)
            for service, target in targets.items()
        }

    def unary(self, service: str, rpc: str, request_class, response_class):
        """The callable for "package.Service/Method", made once per process, not per call."""
        return self.clients[service].method(rpc, request_class, response_class)

    def health(self) -> dict[str, str]:
        """Each service's grpc.health.v1 status: SERVING, NOT_SERVING or UNAVAILABLE."""
        return {service: self._health_of(client) for service, client in self.clients.items()}

    @staticmethod
    def _health_of(client: ServiceClient) -> str:
        stub = client.stub(health_pb2_grpc.HealthStub)
        try:
            # wait_for_ready: a channel still connecting (or backing off after the service
            # restarted) gets the deadline to connect instead of failing at once.
            reply = stub.Check(health_pb2.HealthCheckRequest(service=""), wait_for_ready=True)
        except grpc.RpcError as exc:
            return exc.code().name
        return health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)

    def close(self) -> None:
        for client in self.clients.values():
            client.close()
