"""The suite's one clock: moved by LOYALTY_CLOCK_OFFSET outside production, in this process
and in the real service processes alike; refused in production; the only "now" the code
reads."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cli.suite import Ports, grpc_health
from common import clock
from common.embedded_redis import EmbeddedRedis
from common.grpc_client import open_channel
from common.settings import SettingsError
from loyalty.points.v1 import ledger_pb2, ledger_pb2_grpc
from tests.support.waiting import wait_for

ROOT = Path(__file__).resolve().parents[1]
# Reading the system's calendar anywhere else would escape the offset and a frozen clock.
CALENDAR_READS = re.compile(r"datetime\.(now|utcnow|today)\(|date\.today\(|time\.localtime\(")
ALLOWED = {Path("common/clock.py"), Path("tests/test_clock.py")}


@pytest.fixture
def restore_offset():
    yield
    clock.configure()


def test_an_offset_moves_the_clock_by_exactly_that_much(restore_offset):
    for raw, expected in [("+548d", timedelta(days=548)), ("-2h", -timedelta(hours=2))]:
        clock.configure({"LOYALTY_CLOCK_OFFSET": raw})
        before = datetime.now(UTC)
        moved = clock.now()
        after = datetime.now(UTC)
        assert before + expected <= moved <= after + expected


@pytest.mark.parametrize("raw", ["548", "+548 days", "1.5h", "+d"])
def test_a_malformed_offset_is_refused_naming_the_setting(raw, restore_offset):
    with pytest.raises(SettingsError, match="LOYALTY_CLOCK_OFFSET"):
        clock.configure({"LOYALTY_CLOCK_OFFSET": raw})


def test_production_refuses_a_moved_clock(restore_offset):
    with pytest.raises(SettingsError, match="LOYALTY_CLOCK_OFFSET is refused"):
        clock.configure({"LOYALTY_CLOCK_OFFSET": "+1d", "LOYALTY_ENV": "production"})
    assert clock.configure({"LOYALTY_ENV": "production"}) == timedelta(0)


def test_a_production_service_with_a_moved_clock_exits_naming_the_setting():
    finished = subprocess.run(
        [sys.executable, "-m", "services.points"],
        env={
            **os.environ,
            "LOYALTY_ENV": "production",
            "LOYALTY_CLOCK_OFFSET": "+1d",
            "MONGODB_URI": "mongodb://db.internal:27017/",
            "REDIS_URL": "redis://redis.internal:6379/0",
            "BOOTSTRAP_ADMIN_KEY": "lsk_productionkey_" + "s" * 40,
            "PRESENCE_SECRET": "another-long-random-secret",
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 2
    assert finished.stderr.strip().splitlines() == [
        "points: invalid configuration: LOYALTY_CLOCK_OFFSET is refused when LOYALTY_ENV=production"
    ]


def test_a_service_process_reads_the_moved_clock(tmp_path, mongo_uri, databases):
    ports = Ports.free()
    address = f"127.0.0.1:{ports.grpc['points']}"
    with EmbeddedRedis() as redis_server, (tmp_path / "points.log").open("wb") as log:
        service = subprocess.Popen(
            [sys.executable, "-m", "services.points"],
            env={
                **os.environ,
                "GRPC_PORT": str(ports.grpc["points"]),
                "METRICS_PORT": str(ports.metrics["points"]),
                "REDIS_URL": redis_server.url,
                "MONGODB_URI": mongo_uri,
                "MONGODB_DB": databases("points"),
                "LOYALTY_CLOCK_OFFSET": "+548d",
            },
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(lambda: grpc_health(address) == "SERVING", timeout=30, what="SERVING")
            with open_channel(address, default_timeout=10) as channel:
                before = datetime.now(UTC)
                answered = ledger_pb2_grpc.LedgerServiceStub(channel).GetLiability(
                    ledger_pb2.GetLiabilityRequest()
                )
                after = datetime.now(UTC)
        finally:
            service.terminate()
            try:
                service.wait(30)
            except subprocess.TimeoutExpired:
                service.kill()
                pytest.fail("no exit 30 s after SIGTERM:\n" + (tmp_path / "points.log").read_text())
    computed_at = answered.computed_at.ToDatetime(UTC)
    assert before + timedelta(days=548) <= computed_at <= after + timedelta(days=548)


def test_nothing_but_the_clock_reads_the_calendar():
    offenders = [
        f"{path}:{number}: {line.strip()}"
        for folder in ("common", "services", "gateway", "cli", "benchmarks", "tests")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.relative_to(ROOT) not in ALLOWED
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if CALENDAR_READS.search(line)
    ]
    assert not offenders, "read common.clock.now() instead:\n" + "\n".join(offenders)
