"""One service process on its own: not ready until its Redis answers, then serving."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from cli.suite import Ports, grpc_health
from common.embedded_mongo import EmbeddedMongo, uri_for
from common.embedded_redis import EmbeddedRedis
from tests.support.waiting import wait_for


def test_service_is_not_serving_until_its_redis_answers(tmp_path, mongo_uri, databases):
    ports = Ports.free()
    grpc_port, metrics_port, redis_port = (
        ports.gateway,
        ports.grpc["points"],
        ports.metrics["points"],
    )
    log = (tmp_path / "points.log").open("wb")
    service = subprocess.Popen(
        [sys.executable, "-m", "services.points"],
        env={
            **os.environ,
            "GRPC_PORT": str(grpc_port),
            "METRICS_PORT": str(metrics_port),
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "MONGODB_URI": mongo_uri,
            "MONGODB_DB": databases("points"),
        },
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    address = f"127.0.0.1:{grpc_port}"
    try:
        wait_for(lambda: grpc_health(address) == "NOT_SERVING", timeout=30, what="NOT_SERVING")
        # NOT_SERVING is also the status before the first probe: wait until a probe has
        # found Redis down, so Redis starting afterwards is what makes it SERVING.
        wait_for(
            lambda: '"waiting for redis' in (tmp_path / "points.log").read_text(),
            timeout=30,
            what="a probe finding Redis down",
        )
        with EmbeddedRedis(port=redis_port):
            wait_for(lambda: grpc_health(address) == "SERVING", timeout=30, what="SERVING")
            service.send_signal(signal.SIGTERM)
            assert service.wait(20) == 0
    finally:
        if service.poll() is None:
            service.kill()
        log.close()
    assert "Traceback" not in (tmp_path / "points.log").read_text()


def test_a_service_whose_mongodb_is_down_at_start_waits_then_serves(tmp_path, redis_server):
    ports = Ports.free()
    grpc_port, metrics_port, mongo_port = (
        ports.gateway,
        ports.grpc["points"],
        ports.metrics["points"],
    )
    log = (tmp_path / "points.log").open("wb")
    service = subprocess.Popen(
        [sys.executable, "-m", "services.points"],
        env={
            **os.environ,
            "GRPC_PORT": str(grpc_port),
            "METRICS_PORT": str(metrics_port),
            "REDIS_URL": redis_server.url,
            "MONGODB_URI": uri_for(mongo_port),  # nothing listens there yet
        },
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    address = f"127.0.0.1:{grpc_port}"
    try:
        wait_for(lambda: grpc_health(address) == "NOT_SERVING", timeout=30, what="NOT_SERVING")
        wait_for(
            lambda: "start-up waits for the stores" in (tmp_path / "points.log").read_text(),
            timeout=30,
            what="the start-up retrying",
        )
        assert service.poll() is None  # no traceback and exit: it waits
        with EmbeddedMongo(tmp_path / "mongo", port=mongo_port):
            wait_for(lambda: grpc_health(address) == "SERVING", timeout=30, what="SERVING")
            service.send_signal(signal.SIGTERM)
            assert service.wait(20) == 0
    finally:
        if service.poll() is None:
            service.kill()
        log.close()
    assert "Traceback" not in (tmp_path / "points.log").read_text()
