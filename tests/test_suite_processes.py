"""The whole suite as real processes: health, readiness, request ids, clean shutdown."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import urllib.request
import uuid
from pathlib import Path

import grpc
import pymongo
import pytest
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from cli.suite import SERVICES, Ports, Suite, grpc_health, http_status
from common import clock, stores
from common import events as bus
from common.embedded_mongo import EmbeddedMongo
from common.grpc_client import open_channel
from tests.support.network import port_is_bound
from tests.support.waiting import wait_for

pytestmark = pytest.mark.suite

EXPECTED_SERVICES = {
    "points": {
        "loyalty.points.v1.LedgerService",
        "loyalty.points.v1.EarningRulesService",
        "loyalty.points.v1.PartnersService",
        "loyalty.points.v1.RewardsService",
    },
    "members": {
        "loyalty.members.v1.MembersService",
        "loyalty.members.v1.TiersService",
        "loyalty.members.v1.InsightsService",
    },
    "notifications": {
        "loyalty.notifications.v1.TemplatesService",
        "loyalty.notifications.v1.MessagesService",
        "loyalty.notifications.v1.InboxService",
    },
}


def get_json(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as reply:
            return reply.status, json.load(reply), dict(reply.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc), dict(exc.headers)


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_reports_serving_over_grpc_health(suite, service):
    assert grpc_health(suite.grpc_address(service)) == "SERVING"


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_offers_its_contracts_through_reflection(suite, service):
    with grpc.insecure_channel(suite.grpc_address(service)) as channel:
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        replies = stub.ServerReflectionInfo(
            iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5
        )
        names = {s.name for reply in replies for s in reply.list_services_response.service}
    assert EXPECTED_SERVICES[service] <= names
    assert "grpc.health.v1.Health" in names


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_serves_prometheus_metrics(suite, service):
    with urllib.request.urlopen(
        f"http://127.0.0.1:{suite.ports.metrics[service]}/metrics", timeout=5
    ) as reply:
        text = reply.read().decode()
    assert "loyalty_grpc_server_handled_total" in text


def test_gateway_is_alive_and_ready_when_every_service_serves(suite):
    assert get_json(f"{suite.gateway_url}/healthz")[:2] == (200, {"status": "alive"})
    status, body, _ = get_json(f"{suite.gateway_url}/readyz")
    assert status == 200
    assert body == {"status": "ready", "services": dict.fromkeys(SERVICES, "SERVING")}


def test_gateway_answers_unknown_routes_in_the_error_shape(suite):
    status, body, _ = get_json(f"{suite.gateway_url}/no/such/route")
    assert status == 404
    assert body["error"]["code"] == "not_found"
    assert body["error"]["fields"] == []


def test_gateway_metrics_count_requests_across_workers(suite):
    get_json(f"{suite.gateway_url}/healthz")
    with urllib.request.urlopen(f"{suite.gateway_url}/metrics", timeout=5) as reply:
        text = reply.read().decode()
    assert re.search(r'loyalty_http_requests_total\{.*route="/healthz".*\} [1-9]', text)


def test_one_request_id_in_gateway_and_service_log_lines(suite):
    request_id = f"trace-{uuid.uuid4().hex[:12]}"
    status, _, headers = get_json(
        f"{suite.gateway_url}/readyz", headers={"X-Request-ID": request_id}
    )
    assert status == 200
    assert headers["X-Request-ID"] == request_id

    def lines_with_id(name: str) -> list[dict]:
        text = suite.log_path(name).read_text(errors="replace")
        return [
            json.loads(line)
            for line in text.splitlines()
            if request_id in line and line.startswith("{")
        ]

    gateway_lines = wait_for(lambda: lines_with_id("gateway"), what="gateway log line")
    assert gateway_lines[0]["route"] == "/readyz"
    for service in SERVICES:
        lines = wait_for(lambda s=service: lines_with_id(s), what=f"{service} log line")
        assert lines[0]["service"] == service
        assert lines[0]["grpc_method"] == "Check"


def test_sigterm_stops_every_process_and_frees_every_port(tmp_path):
    ports = Ports.free()
    suite = Suite(ports, log_dir=tmp_path, env={"MONGODB_URI": "", "REDIS_URL": ""}).start()
    pids = descendants_of_suite(suite)
    codes = suite.stop()
    assert codes == dict.fromkeys(["gateway", *reversed(SERVICES)], 0)
    assert [pid for pid in pids if is_running(pid)] == []
    listening = [ports.gateway, *ports.grpc.values(), *ports.metrics.values()]
    assert [port for port in listening if port_is_bound(port)] == []
    for service in SERVICES:
        assert '"stopped"' in suite.log_path(service).read_text()


def test_loyalty_dev_brings_the_suite_up_and_ctrl_c_leaves_nothing_behind(tmp_path):
    loyalty = str(Path(sys.executable).with_name("loyalty"))
    command = [loyalty, "dev", "--free-ports", "--data-dir", str(tmp_path)]
    env = {k: v for k, v in os.environ.items() if k not in ("MONGODB_URI", "REDIS_URL")}
    dev = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    try:
        printed = []
        for line in dev.stdout:
            printed.append(line)
            if line.startswith("Press Ctrl-C"):
                break
        gateway = re.search(r"gateway\s+(http://\S+)", "".join(printed)).group(1)
        assert http_status(f"{gateway}/readyz") == 200
        pids = descendants(dev.pid)
        assert len(pids) >= 6  # mongodb, redis, three services, gunicorn master and workers
        dev.send_signal(signal.SIGINT)
        assert dev.wait(30) == 0
        assert [pid for pid in pids if is_running(pid)] == []
        assert port_is_bound(int(gateway.rsplit(":", 1)[1])) is False
    finally:
        if dev.poll() is None:
            dev.kill()


def descendants_of_suite(suite: Suite) -> list[int]:
    pids = []
    for process in suite.processes.values():
        pids += [process.pid, *descendants(process.pid)]
    return pids + [store.process.pid for store in (suite.redis, suite.mongo) if store]


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, read from /proc."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except FileNotFoundError:  # the thread or process ended while we looked
            continue
        for child in map(int, children):
            found += [child, *descendants(child)]
    return found


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; only its parent has not read its status yet.
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "zombie" not in status.read_text()


class DevRun:
    """`loyalty dev` as a developer runs it, on free ports and a data directory of the
    test's; what its banner printed, and where its services are."""

    def __init__(self, data_dir: Path) -> None:
        loyalty = str(Path(sys.executable).with_name("loyalty"))
        command = [loyalty, "dev", "--free-ports", "--data-dir", str(data_dir)]
        # Its own stores, whatever MONGODB_URI the test run uses: that is what it tests.
        env = {k: v for k, v in os.environ.items() if k not in ("MONGODB_URI", "REDIS_URL")}
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        printed = []
        for line in self.process.stdout:
            printed.append(line)
            if line.startswith("Press Ctrl-C"):
                break
        self.banner = "".join(printed)
        self.grpc = dict(re.findall(r"^  (\w+)\s+grpc (\S+)", self.banner, re.MULTILINE))
        self.redis_url = re.search(r"^  redis\s+(\S+)", self.banner, re.MULTILINE).group(1)

    def stub(self, service: str, module):
        name = {"points": "LedgerService", "members": "MembersService"}[service]
        return getattr(module, f"{name}Stub")(open_channel(self.grpc[service], 10))

    def stop(self) -> str:
        self.process.send_signal(signal.SIGINT)
        assert self.process.wait(60) == 0
        return self.process.stderr.read()


def test_loyalty_dev_mends_a_killed_service_and_keeps_everything_across_restarts(tmp_path):
    from loyalty.members.v1 import members_pb2, members_pb2_grpc
    from loyalty.points.v1 import (
        ledger_pb2,
        ledger_pb2_grpc,
        partners_pb2,
        partners_pb2_grpc,
        rewards_pb2_grpc,
    )
    from loyalty.points.v1 import rewards_pb2 as rewards

    data = tmp_path / "data"
    dev = DevRun(data)
    try:
        assert f"data           {data}" in dev.banner
        assert "mongodb        mongodb://127.0.0.1:" in dev.banner
        points = open_channel(dev.grpc["points"], 10)
        partners_pb2_grpc.PartnersServiceStub(points).CreatePartner(
            partners_pb2.CreatePartnerRequest(
                partner_id="sen", name="Sen", currency="VND", actor="admin:test"
            )
        )
        partners_pb2_grpc.PartnersServiceStub(points).CreateStore(
            partners_pb2.CreateStoreRequest(
                store_id="sen-q1", partner_id="sen", name="Q1", actor="admin:test"
            )
        )
        member = (
            dev.stub("members", members_pb2_grpc)
            .EnrolMember(
                members_pb2.EnrolMemberRequest(
                    idempotency_key="dev-lan",
                    profile=members_pb2.MemberProfile(name="Lan", phone="0912 345 678"),
                )
            )
            .member
        )
        ledger = ledger_pb2_grpc.LedgerServiceStub(points)
        ledger.Earn(_earn(member.member_id, "t-1"))
        reward = (
            rewards_pb2_grpc.RewardsServiceStub(points)
            .CreateReward(
                rewards.CreateRewardRequest(
                    idempotency_key="sorry",
                    reward=rewards.Reward(
                        name={"vi": "Xin lỗi"},
                        type=rewards.REWARD_TYPE_PERCENTAGE_VOUCHER,
                        status=rewards.REWARD_STATUS_ACTIVE,
                        points_cost=1,
                        percent_off_bp=2000,
                        voucher_validity_days=30,
                        unlimited_stock=True,
                    ),
                    actor="crm:test",
                    reason="test",
                )
            )
            .reward
        )
        voucher = (
            rewards_pb2_grpc.RewardsServiceStub(points)
            .IssueVoucher(
                rewards.IssueVoucherRequest(
                    idempotency_key="complaint-1",
                    member_id=member.member_id,
                    reward_id=reward.reward_id,
                    issue_reason=rewards.VOUCHER_REASON_COMPENSATION,
                    complaint_reference="CS-1",
                    actor="crm:test",
                    reason="late",
                )
            )
            .voucher
        )

        # kill -9 of the points service: loyalty dev starts it again, nothing is lost.
        (killed,) = [pid for pid in descendants(dev.process.pid) if _runs(pid, "services.points")]
        os.kill(killed, signal.SIGKILL)
        wait_for(
            lambda: (
                killed not in descendants(dev.process.pid)
                and grpc_health(dev.grpc["points"]) == "SERVING"
            ),
            timeout=30,
            what="the points service served again",
        )
        assert dev.process.poll() is None
        # The channel reconnects to the new process: wait for it within the deadline.
        ledger.Earn(_earn(member.member_id, "t-2"), wait_for_ready=True)
        balance = ledger.GetBalance(ledger_pb2.GetBalanceRequest(member_id=member.member_id))
        assert balance.balance.available == 200
        said = dev.stop()
        assert "points exited with code -9; restarting" in said
        assert "points restarted (restart 1)" in said
    finally:
        if dev.process.poll() is None:
            dev.process.kill()

    # An event recorded before the stop and not yet relayed (as a crash leaves one).
    with EmbeddedMongo(data / "mongo") as store, pymongo.MongoClient(store.uri) as client:
        waiting = bus.envelope("test.waited", "points", member.member_id, "before-stop")
        client["loyalty_points"]["event_outbox"].insert_one(
            {"_id": waiting.event_id, "event": waiting.SerializeToString(), "at": clock.now()}
        )

    again = DevRun(data)
    try:
        ledger = again.stub("points", ledger_pb2_grpc)
        balance = ledger.GetBalance(ledger_pb2.GetBalanceRequest(member_id=member.member_id))
        assert balance.balance.available == 200
        found = again.stub("members", members_pb2_grpc).FindMember(
            members_pb2.FindMemberRequest(phone="0912 345 678")
        )
        assert found.member.member_id == member.member_id
        vouchers = rewards_pb2_grpc.RewardsServiceStub(open_channel(again.grpc["points"], 10))
        listed = vouchers.ListMemberVouchers(
            rewards.ListMemberVouchersRequest(member_id=member.member_id)
        ).vouchers
        assert [v.code for v in listed] == [voucher.code]
        redis = stores.connect_redis(again.redis_url)

        def relayed() -> bool:
            entries = redis.xrange(bus.POINTS_STREAM)
            return any(f[b"event_id"] == waiting.event_id.encode() for _, f in entries)

        wait_for(relayed, timeout=30, what="the event waiting in the outbox")
        again.stop()
    finally:
        if again.process.poll() is None:
            again.process.kill()


def _earn(member_id: str, transaction: str):
    from loyalty.points.v1 import ledger_pb2

    return ledger_pb2.EarnRequest(
        member_id=member_id,
        partner_id="sen",
        store_id="sen-q1",
        transaction_id=transaction,
        amount={"amount_minor": 1_000_000, "currency": "VND"},
        occurred_at=bus.timestamp(clock.now()),
    )


def _runs(pid: int, module: str) -> bool:
    try:
        return module in Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except FileNotFoundError:
        return False
