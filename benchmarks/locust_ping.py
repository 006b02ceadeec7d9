"""Locust asking the no-work hop back to back: how fast Locust itself can drive the suite.

`make bench` runs it after its own rows (benchmarks/driver_check.py), to tell whether
Locust could saturate the suite on this machine or a faster driver is needed.
"""

from __future__ import annotations

import os

from locust import FastHttpUser, constant, task


class Ping(FastHttpUser):
    wait_time = constant(0)

    @task
    def ping(self) -> None:
        self.client.get("/v1/admin/ping/points", headers={"X-API-Key": os.environ["BENCH_KEY"]})
