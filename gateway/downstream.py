"""The gateway's clients of the services, one set per process (common/service_client.py:
channels opened on first use, never at import or app creation: gunicorn forks its workers
after loading the config, and a gRPC channel must not cross a fork)."""

from __future__ import annotations

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from common.service_client import ServiceClient
from gateway.config import GatewaySettings

# Kubernetes gives the readiness probe 1 s; the three checks together take at most this.
HEALTH_TIMEOUT_SECONDS = 0.5


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

    def health(self, timeout: float = HEALTH_TIMEOUT_SECONDS) -> dict[str, str]:
        """Each service's grpc.health.v1 status: SERVING, NOT_SERVING, or the call's error
        code. The three are asked at once, so the answer takes one timeout, not three."""
        asked = {
            service: client.stub(health_pb2_grpc.HealthStub).Check.future(
                health_pb2.HealthCheckRequest(service=""),
                timeout=timeout,
                # A channel still connecting (or backing off after the service restarted)
                # gets the timeout to connect instead of failing at once.
                wait_for_ready=True,
            )
            for service, client in self.clients.items()
        }
        return {service: _status(call) for service, call in asked.items()}

    def close(self) -> None:
        for client in self.clients.values():
            client.close()


def _status(call) -> str:
    try:
        reply = call.result()
    except grpc.RpcError as exc:
        return exc.code().name
    return health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
