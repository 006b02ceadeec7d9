"""What every service fixture hands a test: the service as its entry point started it
(its wiring, stores and server) and a channel to it."""

from __future__ import annotations

import dataclasses

import grpc

from common.grpc_client import open_channel
from common.service import RunningService


@dataclasses.dataclass
class ServiceHandle:
    running: RunningService
    channel: grpc.Channel

    @classmethod
    def of(cls, running: RunningService):
        return cls(running, open_channel(f"127.0.0.1:{running.port}", default_timeout=10))

    @property
    def parts(self):
        """The service's parts as its bootstrap built them."""
        return self.running.wiring

    @property
    def db(self):
        """The service's database, to read what its stores wrote."""
        return self.running.db

    @property
    def redis(self):
        return self.running.redis

    @property
    def server(self):
        return self.running.server

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.running.port}"

    def stop(self) -> None:
        self.channel.close()
        if not self.running.stopping.is_set():
            self.running.stop(grace=1)
