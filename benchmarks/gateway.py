"""make bench: the points path through the gateway, as production runs it on this machine.

Starts the suite as `loyalty dev` does, production-like (gunicorn workers, one process per
service, a real Redis, a real MongoDB over TCP: a SecantusDB server started for the run,
or the MongoDB MONGODB_URI names, in databases of the run's own, dropped at the end; see
benchmarks/store.py), every process under `benchmarks.probed` (per-call timers on its
MongoDB and Redis clients),
seeds a partner and members through the API, then drives each scenario with a closed loop
of keep-alive HTTP clients (threads in this process) and prints, per request type:
requests/s, p50/p95/p99 and errors; then what each request cost every process: CPU, CPU
outside the MongoDB and Redis clients, and those clients' round trips and time, counting
the work the request set off in the background (the consumers' tier updates and messages)
by waiting for the suite to go quiet after each row.

Baselines, measured in the same run: `ping`, HTTP -> gateway -> gRPC doing no work (the
points service's health check); `store-earn`, the earn route with the points service
making only an earn's MongoDB and Redis round trips (benchmarks/baseline_points.py,
behind a gateway of its own). After the
load: the ledger audit, and every earn answered 200 is in the ledger exactly once.

    make bench                          # or: python -m benchmarks.gateway --seconds 10
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import dataclasses
import http.client
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import redis

from benchmarks import probed
from benchmarks.driver_check import locust_ping
from benchmarks.profiles import Profiler
from benchmarks.store import BenchStore
from cli.suite import SERVICES, Ports, Suite, http_status
from services.points.config import PointsSettings

TICKS = os.sysconf("SC_CLK_TCK")
QUIET_WINDOW_SECONDS = 0.5
DRIVER = "bench"  # this process: the HTTP clients, and the local SMS and e-mail providers
# The store servers, when they run on this machine: their CPU only (they are not probed).
MONGODB, REDIS = "MongoDB server", "Redis server"
STORES = (MONGODB, REDIS)


@dataclasses.dataclass
class Row:
    name: str
    clients: int
    requests: int = 0  # measured: after the warm-up second
    sent: int = 0  # every request, warm-up included: the CPU figures' divisor
    errors: int = 0
    seconds: float = 0.0
    settle_seconds: float = 0.0
    latencies: list[float] = dataclasses.field(default_factory=list)
    spent: dict[str, Costs] = dataclasses.field(default_factory=dict)  # totals, not per request
    busy_cpu: dict[str, float] = dataclasses.field(default_factory=dict)  # while driven
    busy_seconds: float = 0.0

    @property
    def costs(self) -> dict[str, Costs]:
        """Per request; the warm-up's requests are in the CPU too, so by every one sent."""
        return {p: cost.per(max(1, self.sent)) for p, cost in self.spent.items()}

    @property
    def label(self) -> str:
        return f"{self.name} ({self.clients})"

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0

    def machine_share(self, processes: list[str]) -> float:
        """The share of the machine's CPUs these processes kept busy during the row."""
        cpu = sum(self.busy_cpu[p] for p in processes)
        return cpu / self.busy_seconds / (os.cpu_count() or 1)

    def total_costs(self, processes: list[str]) -> Costs:
        total = Costs()
        for process in processes:
            total = total.plus(self.costs[process])
        return total


class Http:
    """One keep-alive connection, as a till or an app keeps one."""

    def __init__(self, port: int, headers: dict) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.headers = headers

    def call(self, method: str, path: str, body: dict | None = None, **headers):
        payload = json.dumps(body).encode() if body is not None else None
        sent = {**self.headers, **headers}
        if payload is not None:
            sent["Content-Type"] = "application/json"
        self.connection.request(method, path, payload, sent)
        reply = self.connection.getresponse()
        data = reply.read()
        return reply.status, (json.loads(data) if data else {})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--clients", type=int, nargs="+", default=[8], help="one set of rows each")
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=4, help="turns the rows take")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--profile", type=Path, help="py-spy each process into this folder")
    args = parser.parse_args(argv)
    admin_key = f"lsk_bench{uuid.uuid4().hex[:6]}_{uuid.uuid4().hex}"
    env = {
        "LOG_LEVEL": "info",  # as production logs (k8s/base/configmap.yaml)
        "BOOTSTRAP_ADMIN_KEY": admin_key,
        "GATEWAY_WORKERS": str(args.workers),
        "RATE_LIMIT_PER_MINUTE": str(10**9),
    }
    print(f"bench: {'MONGODB_URI given' if os.environ.get('MONGODB_URI') else 'starting MongoDB'}")
    with tempfile.TemporaryDirectory() as scratch, BenchStore() as store:
        probe_dir = Path(scratch) / "probes"
        probe_dir.mkdir()
        env["LOYALTY_PROBE_DIR"] = str(probe_dir)
        env["MONGODB_URI"] = store.uri
        # On a user's server, databases of this run's own (dropped at the end).
        prefix = "" if store.server else store.prefix_for(SERVICES)
        launcher = (sys.executable, "-m", "benchmarks.probed")
        profiler = args.profile and Profiler(args.profile)
        with (
            Suite(
                Ports.free(),
                log_dir=Path(scratch),
                env=env,
                python=launcher,
                database_prefix=prefix,
            ) as suite,
            contextlib.ExitStack() as stack,
        ):
            checks = {"store": store.describe(), "redis": redis_line(suite)}
            print(f"bench: suite up; seeding {args.members} members", flush=True)
            setup = {
                **seed(suite, admin_key, args.members),
                "probe_dir": probe_dir,
                "stores": {
                    MONGODB: store.server.process.pid if store.server else None,
                    REDIS: suite.redis.process.pid if suite.redis else None,
                },
            }
            baseline = stack.enter_context(Baseline(suite, launcher, Path(scratch)))
            setup["baseline_port"], setup["baseline"] = baseline.port, baseline.processes
            wait_until_quiet(suite, setup)
            rows, acknowledged = [], []
            slice_seconds = args.seconds / args.rounds
            for clients in args.clients:
                plan = [(Row(name, clients), work) for name, work in scenarios(setup, acknowledged)]
                # Rows take turns, so a slower minute of this machine falls on all of them.
                for turn in range(args.rounds):
                    print(f"bench: {clients} clients, round {turn + 1}/{args.rounds}", flush=True)
                    for row, work in plan:
                        pids = pids_by_process(suite, setup)
                        profiling = profiler and profiler.start(row.name, pids, slice_seconds)
                        drive(suite, row, work, slice_seconds, setup)
                        if profiler:
                            profiler.finish(row.name, profiling)
                rows += [row for row, _ in plan]
            checks.update(verify(suite, setup, acknowledged))
            users = max(args.clients)
            print(f"bench: Locust on ping: {users} users, {args.seconds:g} s", flush=True)
            checks["locust"] = locust_ping(suite.gateway_url, admin_key, users, args.seconds)
    report(rows, args, checks)


class Baseline:
    """The store baseline: benchmarks/baseline_points.py in front of the points service,
    and a gateway of its own started by the suite's command and settings, but for its
    port and the points address. Both run under the probe launcher like the suite."""

    def __init__(self, suite: Suite, launcher: tuple[str, ...], log_dir: Path) -> None:
        self.suite, self.launcher, self.log_dir = suite, launcher, log_dir
        ports = Ports.free()
        self.port, self.points_port = ports.gateway, ports.grpc["points"]
        self.processes: dict[str, subprocess.Popen] = {}

    def __enter__(self, timeout: float = 60.0) -> Baseline:
        suite = self.suite
        points_env = suite.commands["points"][1]
        database = PointsSettings.from_env({**suite.env, **points_env}).mongodb_db
        arguments = {
            "--port": str(self.points_port),
            "--points": suite.target("points"),
            "--mongodb-uri": suite.mongodb_uri,
            "--database": database,
            "--redis-url": suite.redis_url,
        }
        flags = [part for pair in arguments.items() for part in pair]
        self._spawn("points", [*self.launcher, "-m", "benchmarks.baseline_points", *flags], {})
        gateway_command, gateway_env = suite.commands["gateway"]
        address = f"127.0.0.1:{self.points_port}"
        self._spawn(
            "gateway",
            gateway_command,
            {**gateway_env, "GATEWAY_PORT": str(self.port), "POINTS_ADDR": address},
        )
        ready = f"http://127.0.0.1:{self.port}/readyz"
        try:
            _wait(lambda: http_status(ready) == 200 or None, timeout)
        except BaseException:
            self.__exit__()
            raise
        return self

    def _spawn(self, name: str, command: list[str], env: dict[str, str]) -> None:
        with open(self.log_dir / f"baseline-{name}.log", "ab") as log:
            self.processes[name] = subprocess.Popen(
                command, env={**self.suite.env, **env}, stdout=log, stderr=subprocess.STDOUT
            )

    def __exit__(self, *_exc) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            process.wait(timeout=30)


def redis_line(suite: Suite) -> str:
    with redis.Redis.from_url(suite.redis_url) as client:
        version = client.info("server")["redis_version"]
    if suite.redis is not None:
        return f"Redis {version} (embedded redis-server, started by the suite)"
    return f"Redis {version} at REDIS_URL"


def seed(suite: Suite, admin_key: str, members: int) -> dict:
    admin = Http(suite.ports.gateway, {"X-API-Key": admin_key})
    admin.call(
        "POST", "/v1/admin/partners", {"partner_id": "bench", "name": "Bench", "currency": "VND"}
    )
    admin.call(
        "POST",
        "/v1/admin/stores",
        {"store_id": "bench-1", "partner_id": "bench", "name": "Bench 1"},
    )
    _, key = admin.call(
        "POST",
        "/v1/admin/api-keys",
        {"name": "bench tills", "role": "API_KEY_ROLE_PARTNER", "partner_id": "bench"},
    )
    till = Http(suite.ports.gateway, {"X-API-Key": key["secret"]})
    ids, phones = [], []
    for n in range(members):
        phone = f"0912{n:06d}"
        status, body = till.call(
            "POST",
            "/v1/partner/enrolments",
            {"store_id": "bench-1", "profile": {"name": f"Khách {n}", "phone": phone}},
            **{"Idempotency-Key": f"bench-enrol-{n}"},
        )
        assert status == 201, body
        ids.append(body["member"]["member_id"])
        phones.append(phone)
    tokens = [sign_in(suite, phone) for phone in phones[:8]]
    return {
        "admin_key": admin_key,
        "partner_key": key["secret"],
        "members": ids,
        "tokens": tokens,
        "port": suite.ports.gateway,
    }


def sign_in(suite: Suite, phone: str) -> str:
    anonymous = Http(suite.ports.gateway, {})
    anonymous.call("POST", "/v1/auth/code", {"phone": phone})
    e164 = "+84" + phone.lstrip("0")

    def code():
        for sms in reversed(suite.webhooks.received("/sms", 200)):
            if sms["json"]["to"] == e164 and "đăng nhập" in sms["json"]["text"]:
                return re.search(r"\b(\d{6})\b", sms["json"]["text"]).group(1)
        return None

    found = _wait(code)
    _, tokens = anonymous.call("POST", "/v1/auth/token", {"phone": phone, "code": found})
    return tokens["access_token"]


def scenarios(setup: dict, acknowledged: list):
    lock = threading.Lock()

    def ping(http: Http, n: int):
        return http.call("GET", "/v1/admin/ping/points")[0] == 200

    def balance(http: Http, n: int):
        return http.call("GET", "/v1/me/balance")[0] == 200

    def earn(http: Http, n: int, prefix: str = ""):
        member = setup["members"][n % len(setup["members"])]
        transaction = prefix + uuid.uuid4().hex
        status, _ = http.call(
            "POST",
            "/v1/partner/earns",
            {
                "member_id": member,
                "store_id": "bench-1",
                "transaction_id": transaction,
                "amount": {"amount_minor": 100_000, "currency": "VND"},
                "occurred_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            },
        )
        if status == 200 and not prefix:
            with lock:
                acknowledged.append((member, transaction))
        return status == 200

    def store_earn(http: Http, n: int):
        return earn(http, n, "baseline-")

    return [
        ("ping", (ping, "admin_key", "port")),
        ("balance", (balance, "tokens", "port")),
        ("store-earn", (store_earn, "partner_key", "baseline_port")),
        ("earn", (earn, "partner_key", "port")),
    ]


def drive(suite: Suite, row: Row, work, seconds: float, setup: dict) -> None:
    """One slice of `row`: its clients for 1 s of warm-up and `seconds` measured, then
    the wait for the work they set off; adds it all to the row."""
    function, credential, gateway = work
    clients = row.clients
    lock = threading.Lock()
    before = costs_by_process(suite, setup)
    stop_at = time.monotonic() + 1 + seconds  # 1 s warm-up, not counted
    measured_from = time.monotonic() + 1

    def client(index: int) -> None:
        if credential == "tokens":
            headers = {"Authorization": f"Bearer {setup['tokens'][index % len(setup['tokens'])]}"}
        else:
            headers = {"X-API-Key": setup[credential]}
        connection = Http(setup[gateway], headers)
        n = index
        while (now := time.monotonic()) < stop_at:
            began = time.perf_counter()
            try:
                ok = function(connection, n)
            except (OSError, http.client.HTTPException):
                ok = False
                connection = Http(setup[gateway], headers)
            took = time.perf_counter() - began
            n += clients
            with lock:
                row.sent += 1
            if now >= measured_from:
                with lock:
                    row.requests += 1
                    row.errors += not ok
                    row.latencies.append(took)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    driven = time.monotonic() - began
    row.seconds += driven - 1
    row.busy_seconds += driven
    at_end = costs_by_process(suite, setup)
    for p in at_end:
        row.busy_cpu[p] = row.busy_cpu.get(p, 0.0) + at_end[p].cpu - before[p].cpu
    # The requests' consequences count too: the consumers' tier updates and messages.
    row.settle_seconds += wait_until_quiet(suite, setup)
    after = costs_by_process(suite, setup)
    for p in after:
        row.spent[p] = row.spent.get(p, Costs()).plus(after[p].minus(before[p]))


@dataclasses.dataclass
class Costs:
    """One process's CPU and its MongoDB and Redis clients' round trips (seconds)."""

    cpu: float = 0.0
    calls: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    call_seconds: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    mongo_calls: float = 0.0
    mongo_seconds: float = 0.0
    mongo_cpu: float = 0.0
    redis_calls: float = 0.0
    redis_seconds: float = 0.0
    redis_cpu: float = 0.0

    @property
    def own_cpu(self) -> float:
        """CPU outside the MongoDB and Redis clients: the suite's own work."""
        return self.cpu - self.mongo_cpu - self.redis_cpu

    def plus(self, other: Costs) -> Costs:
        return Costs(
            **{f: getattr(self, f) + getattr(other, f) for f in _COST_FIELDS},
            calls=self.calls + other.calls,
            call_seconds=self.call_seconds + other.call_seconds,
        )

    def minus(self, other: Costs) -> Costs:
        return Costs(
            **{f: getattr(self, f) - getattr(other, f) for f in _COST_FIELDS},
            calls=self.calls - other.calls,
            call_seconds=self.call_seconds - other.call_seconds,
        )

    def per(self, requests: int) -> Costs:
        return Costs(
            **{f: getattr(self, f) / requests for f in _COST_FIELDS},
            calls=_divided(self.calls, requests),
            call_seconds=_divided(self.call_seconds, requests),
        )


_COST_FIELDS = [f.name for f in dataclasses.fields(Costs) if not f.name.startswith("call")]


def _divided(counter: collections.Counter, by: int) -> collections.Counter:
    return collections.Counter({key: value / by for key, value in counter.items()})


def pids_by_process(suite: Suite, setup: dict) -> dict[str, list[int]]:
    """Each process of the suite, the gateway with its gunicorn workers; the store
    baseline's stand-in and gateway count as the points service and the gateway (a row
    drives one gateway or the other, so the idle one adds next to nothing)."""
    pids: dict[str, list[int]] = {}
    for processes in (suite.processes, setup.get("baseline", {})):
        for name, process in processes.items():
            workers = _children(process.pid) if name == "gateway" else []
            pids.setdefault(name, []).extend([process.pid, *workers])
    return pids


def costs_by_process(suite: Suite, setup: dict) -> dict[str, Costs]:
    """Each process's costs so far, this one's CPU (the driver), and the CPU of the store
    servers that run on this machine."""
    probe_dir = setup["probe_dir"]
    totals = {}
    for name, pids in pids_by_process(suite, setup).items():
        costs = Costs(cpu=sum(_cpu(pid) for pid in pids))
        for pid in pids:
            probe = _probe(probe_dir, pid)
            for field in _COST_FIELDS[1:]:
                setattr(costs, field, getattr(costs, field) + probe.get(field, 0.0))
            costs.calls.update(probe.get("by_call", {}))
            costs.call_seconds.update(probe.get("by_call_seconds", {}))
        totals[name] = costs
    totals[DRIVER] = Costs(cpu=time.process_time())
    for name, pid in setup["stores"].items():
        if pid is not None:
            totals[name] = Costs(cpu=_cpu(pid))
    return totals


def _probe(probe_dir: Path, pid: int) -> dict:
    try:
        return json.loads((probe_dir / f"{pid}.json").read_text())
    except (OSError, ValueError):
        return {}


def wait_until_quiet(suite: Suite, setup: dict, timeout: float = 120.0) -> float:
    """Waits until the suite's processes together use under 10% of a CPU for half a
    second; returns how long they were busy before that."""
    began = busy_until = time.monotonic()
    pids = [pid for each in pids_by_process(suite, setup).values() for pid in each]
    last = sum(_cpu(pid) for pid in pids)
    while time.monotonic() - began < timeout:
        time.sleep(QUIET_WINDOW_SECONDS)
        now = sum(_cpu(pid) for pid in pids)
        if now - last < 0.1 * QUIET_WINDOW_SECONDS:
            break
        last, busy_until = now, time.monotonic()
    time.sleep(2 * probed.WRITE_EVERY_SECONDS)  # the probes' files catch up
    return busy_until - began


def _cpu(pid: int) -> float:
    """CPU seconds so far of one process (user + system, all its threads)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def verify(suite: Suite, setup: dict, acknowledged: list) -> dict:
    admin = Http(setup["port"], {"X-API-Key": setup["admin_key"]})
    _, audit = admin.call("GET", "/v1/admin/audit")
    by_member: dict[str, list[str]] = {}
    for member, transaction in acknowledged:
        by_member.setdefault(member, []).append(transaction)
    missing_or_doubled = entries = 0
    for member in setup["members"]:
        transactions = by_member.get(member, [])
        recorded = []
        cursor = ""
        while True:
            _, page = admin.call(
                "GET",
                f"/v1/admin/members/{member}/entries?page.page_size=500"
                + (f"&page.cursor={cursor}" if cursor else ""),
            )
            entries += len(page["entries"])
            recorded += [
                e["transaction_id"]
                for e in page["entries"]
                if e["type"] == "ENTRY_TYPE_EARN" and e["transaction_id"]
            ]
            cursor = page.get("page_info", {}).get("next_cursor", "")
            if not cursor:
                break
        expected = set(transactions)
        counted = [t for t in recorded if t in expected]
        missing_or_doubled += abs(len(counted) - len(expected)) + (len(counted) - len(set(counted)))
    return {
        "audit_clean": audit.get("clean"),
        "earns_acknowledged": len(acknowledged),
        "earns_missing_or_doubled": missing_or_doubled,
        "entries": entries,
    }


def report(rows: list[Row], args, checks: dict) -> None:
    by_name = {(row.name, row.clients): row for row in rows}
    processes = [p for p in rows[0].costs if p != DRIVER and p not in STORES]
    stores = [p for p in STORES if p in rows[0].costs]
    print()
    print(
        f"machine: {os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, Python "
        f"{platform.python_version()}; the driver and the store servers share it. gateway: "
        f"gunicorn, {args.workers} workers x {os.environ.get('GATEWAY_THREADS', '8')} threads"
    )
    print(f"store: {checks['store']}")
    print(
        f"{checks['redis']}; population: {args.members} members, "
        f"{checks['entries']:,} ledger entries at the end"
    )
    print(
        f"each row: closed-loop clients as given, {args.seconds:g} s measured in {args.rounds} "
        f"turns taken with the other rows, each after 1 s of warm-up"
    )
    latency_table(rows, by_name, processes, stores)
    cost_table(rows, processes, stores)
    for row in rows:
        round_trips(row, processes)
    print()
    print(
        f"after the load: audit clean: {checks['audit_clean']}; earns answered 200: "
        f"{checks['earns_acknowledged']}; missing or doubled in the ledger: "
        f"{checks['earns_missing_or_doubled']}"
    )
    driver_check(by_name["ping", max(args.clients)], checks["locust"])
    for clients in args.clients:
        targets(by_name, clients, processes, checks)
    if not all(row.latencies for row in rows):
        raise SystemExit("bench: a row completed no request")


def latency_table(
    rows: list[Row], by_name: dict[str, Row], processes: list[str], stores: list[str]
) -> None:
    header = (
        f"{'op':<11}{'clients':>8}{'req/s':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
        f"{'vs ping':>9}{'vs store-earn':>15}{'CPU: suite':>12}{'driver':>8}{'stores':>8}"
        f"{'settle s':>10}"
    )
    print()
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row.name:<11}{row.clients:>8}{row.rate:>7.0f}{row.percentile(0.5):>9.2f}"
            f"{row.percentile(0.95):>9.2f}{row.percentile(0.99):>9.2f}{row.errors:>8}"
            f"{row.rate / by_name['ping', row.clients].rate:>9.0%}"
            f"{row.rate / by_name['store-earn', row.clients].rate:>15.0%}"
            f"{row.machine_share(processes):>12.0%}{row.machine_share([DRIVER]):>8.0%}"
            f"{row.machine_share(stores):>8.0%}{row.settle_seconds:>10.1f}"
        )
    print(
        "CPU: the share of the machine's CPUs the suite, the driver and the store servers "
        "(MongoDB and Redis, when on this machine) kept busy during the row;"
    )
    print("settle: seconds the suite worked on after the row (the consumers' backlog)")


def cost_table(rows: list[Row], processes: list[str], stores: list[str]) -> None:
    print()
    print(
        "per request, the work it set off in the background included: CPU and own CPU (outside"
        " the MongoDB and Redis clients) in ms;"
    )
    print(
        "MongoDB and Redis round trips (RT) and their wall time in ms (a consumer's blocking"
        " read for new events is counted, not timed);"
    )
    print(
        "all = the suite's processes; driver, MongoDB server, Redis server: that process's CPU"
        " per request (the servers' when they run on this machine)"
    )
    header = (
        f"{'op (clients)':<16}{'process':<15}{'CPU':>7}{'own CPU':>9}"
        f"{'Mongo RT':>10}{'Mongo ms':>10}{'Redis RT':>10}{'Redis ms':>10}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        for process in [*processes, "all"]:
            cost = row.costs[process] if process != "all" else row.total_costs(processes)
            print(
                f"{row.label if process == processes[0] else '':<16}{process:<15}"
                f"{cost.cpu * 1000:>7.2f}{cost.own_cpu * 1000:>9.2f}{cost.mongo_calls:>10.2f}"
                f"{cost.mongo_seconds * 1000:>10.2f}{cost.redis_calls:>10.2f}"
                f"{cost.redis_seconds * 1000:>10.2f}"
            )
        print(f"{'':<16}{'driver':<15}{row.costs[DRIVER].cpu * 1000:>7.2f}")
        for name in stores:
            print(f"{'':<16}{name:<15}{row.costs[name].cpu * 1000:>7.2f}")


def round_trips(row: Row, processes: list[str]) -> None:
    """What the round trips of one request type were, per process (0.05 or more each)."""
    print()
    print(
        f"{row.label}: round trips per request by process and call, and their wall time in ms"
        " (background included)"
    )
    for process in processes:
        costs = row.costs[process]
        calls = [(c, n) for c, n in costs.calls.most_common() if n >= 0.05]
        if calls:
            print(
                f"  {process:<14}"
                + ", ".join(f"{c} {n:.2f} ({costs.call_seconds[c] * 1000:.2f})" for c, n in calls)
            )


def driver_check(ping: Row, locust: dict) -> None:
    print()
    print(
        f"driver check, ping: these threads drove {ping.rate:.0f} req/s at "
        f"{ping.costs[DRIVER].cpu * 1000:.2f} ms of their CPU per request; Locust "
        f"(FastHttpUser, one process, as many users) drove {locust['rate']:.0f} req/s at "
        f"{locust['cpu_per_request_ms']:.2f} ms, {locust['failures']} failures"
    )


def targets(by_name: dict, clients: int, processes: list[str], checks: dict) -> None:
    """The issue's targets, met or not, from this run's rows at `clients` clients."""
    earn, store, ping, balance = (
        by_name[n, clients] for n in ("earn", "store-earn", "ping", "balance")
    )
    own = earn.total_costs(processes).own_cpu
    own_in_path = earn.total_costs(["gateway", "points"]).own_cpu
    no_work = ping.costs["gateway"].cpu
    lines = [
        ("earn >= 70% of store-earn req/s", f"{earn.rate / store.rate:.0%}",
         earn.rate >= 0.7 * store.rate),
        ("earn p99 < 50 ms", f"{earn.percentile(0.99):.1f} ms", earn.percentile(0.99) < 50),
        ("earn: zero errors", str(earn.errors), earn.errors == 0),
        ("balance >= 80% of ping req/s", f"{balance.rate / ping.rate:.0%}",
         balance.rate >= 0.8 * ping.rate),
        ("own CPU per earn < 1.5 ms (all processes; #8)", f"{own * 1000:.2f} ms",
         own < 0.0015),
        ("own CPU per earn <= 2 ms (all processes; #17)", f"{own * 1000:.2f} ms",
         own <= 0.002),
        ("  of which the request path (gateway + points)", f"{own_in_path * 1000:.2f} ms",
         None),
        ("gateway CPU per no-work request (ping; #17: half", f"{no_work * 1000:.2f} ms", None),
        ("  of the code before, compared in PERFORMANCE.md)", "", None),
        ("audit clean; every 200 earn in the ledger once",
         f"{checks['audit_clean']}; {checks['earns_missing_or_doubled']} missing or doubled",
         checks["audit_clean"] and checks["earns_missing_or_doubled"] == 0),
    ]  # fmt: skip
    print()
    print(f"targets (issues #8 and #17), at {clients} clients")
    for what, figure, met in lines:
        verdict = "" if met is None else ("met" if met else "MISSED")
        print(f"  {what:<48}{figure:>24}  {verdict}")


def _wait(condition, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    raise SystemExit("bench: timed out while seeding")


if __name__ == "__main__":
    main()
