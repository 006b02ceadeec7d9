"""Channels to other services: a deadline on every call, the request id, balancing.

A target such as dns:///points:50051 resolves to every pod behind a headless Service,
and the round_robin policy spreads calls over them (a plain ClusterIP would pin this
client to one pod for the life of its HTTP/2 connection). Pods started later are found
when the client looks the name up again: each server closes a connection once it is
GRPC_MAX_CONNECTION_AGE_SECONDS old, and the client may look up again a second after its
last look (gRPC's own floor is 30 s).
"""

from __future__ import annotations

import json

import grpc

from common.interceptors import ClientCallInterceptor

DNS_LOOKUP_FLOOR_MS = 1_000
_SERVICE_CONFIG = json.dumps({"loadBalancingConfig": [{"round_robin": {}}]})


def open_channel(target: str, default_timeout: float) -> grpc.Channel:
    """An insecure channel (mesh or network policy secures the wire) with our interceptors."""
    channel = grpc.insecure_channel(
        target,
        options=[
            ("grpc.service_config", _SERVICE_CONFIG),
            ("grpc.enable_retries", 0),
            ("grpc.keepalive_time_ms", 30_000),
            # Reconnect within seconds, not minutes, after a service restarts.
            ("grpc.initial_reconnect_backoff_ms", 200),
            ("grpc.max_reconnect_backoff_ms", 2_000),
            ("grpc.dns_min_time_between_resolutions_ms", DNS_LOOKUP_FLOOR_MS),
        ],
    )
    return grpc.intercept_channel(channel, ClientCallInterceptor(default_timeout))
