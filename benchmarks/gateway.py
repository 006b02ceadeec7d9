"""make bench: the points path through the gateway, as production runs it on this machine.

Starts the suite as `loyalty dev` does, production-like (gunicorn workers, one process per
service, a real Redis; the in-process store unless MONGODB_URI names a MongoDB), seeds a
partner and members through the API, then drives each scenario with a closed loop of
keep-alive HTTP clients (threads in this process) and prints, per request type:
requests/s, p50/p95/p99, errors, and the CPU each process spent per request. The baseline
is measured in the same run: `ping`, the same HTTP -> gateway -> gRPC hop doing no work
(the points service's health check), so the table shows what our logic costs as a ratio.
After the load: the ledger audit, and every earn that was answered 200 is in the ledger
exactly once.

    make bench                          # or: python -m benchmarks.gateway --seconds 10
"""

from __future__ import annotations

import argparse
import dataclasses
import http.client
import json
import os
import re
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

from cli.suite import Ports, Suite

TICKS = os.sysconf("SC_CLK_TCK")


@dataclasses.dataclass
class Row:
    name: str
    clients: int
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = dataclasses.field(default_factory=list)
    cpu: dict[str, float] = dataclasses.field(default_factory=dict)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0


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
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args(argv)
    admin_key = f"lsk_bench{uuid.uuid4().hex[:6]}_{uuid.uuid4().hex}"
    env = {
        "LOG_LEVEL": "warning",
        "BOOTSTRAP_ADMIN_KEY": admin_key,
        "GATEWAY_WORKERS": str(args.workers),
        "RATE_LIMIT_PER_MINUTE": str(10**9),
    }
    with (
        tempfile.TemporaryDirectory() as logs,
        Suite(Ports.free(), log_dir=Path(logs), env=env) as suite,
    ):
        print(f"bench: suite up; seeding {args.members} members", flush=True)
        setup = seed(suite, admin_key, args.members)
        rows, acknowledged = [], []
        for name, work in scenarios(setup, acknowledged):
            print(f"bench: {name}: {args.clients} clients, {args.seconds:g} s", flush=True)
            rows.append(drive(suite, name, work, args.clients, args.seconds, setup))
        checks = verify(suite, setup, acknowledged)
    report(rows, args, checks)


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
    _wait(lambda: admin.call("GET", f"/v1/admin/members/{ids[-1]}/balance")[0] == 200)
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

    def earn(http: Http, n: int):
        member = setup["members"][n % len(setup["members"])]
        transaction = uuid.uuid4().hex
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
        if status == 200:
            with lock:
                acknowledged.append((member, transaction))
        return status == 200

    return [
        ("ping", (ping, "admin_key")),
        ("balance", (balance, "tokens")),
        ("earn", (earn, "partner_key")),
    ]


def drive(suite: Suite, name: str, work, clients: int, seconds: float, setup: dict) -> Row:
    function, credential = work
    row = Row(name, clients)
    lock = threading.Lock()
    start_cpu = cpu_by_process(suite)
    stop_at = time.monotonic() + 1 + seconds  # 1 s warm-up, not counted
    measured_from = time.monotonic() + 1

    def client(index: int) -> None:
        if credential == "tokens":
            headers = {"Authorization": f"Bearer {setup['tokens'][index % len(setup['tokens'])]}"}
        else:
            headers = {"X-API-Key": setup[credential]}
        connection = Http(setup["port"], headers)
        n = index
        while (now := time.monotonic()) < stop_at:
            began = time.perf_counter()
            try:
                ok = function(connection, n)
            except (OSError, http.client.HTTPException):
                ok = False
                connection = Http(setup["port"], headers)
            took = time.perf_counter() - began
            n += clients
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
    row.seconds = time.monotonic() - began - 1
    end_cpu = cpu_by_process(suite)
    requests = max(1, row.requests)
    row.cpu = {p: (end_cpu[p] - start_cpu[p]) / requests * 1000 for p in end_cpu}
    return row


def cpu_by_process(suite: Suite) -> dict[str, float]:
    """CPU seconds so far of each process of the suite (the gateway with its workers)."""
    return {
        name: _cpu(process.pid, children=name == "gateway")
        for name, process in suite.processes.items()
    }


def _cpu(pid: int, children: bool) -> float:
    pids = [pid] + (_children(pid) if children else [])
    total = 0
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


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
    missing_or_doubled = 0
    for member, transactions in by_member.items():
        recorded = []
        cursor = ""
        while True:
            _, page = admin.call(
                "GET",
                f"/v1/admin/members/{member}/entries?page.page_size=500"
                + (f"&page.cursor={cursor}" if cursor else ""),
            )
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
    }


def report(rows: list[Row], args, checks: dict) -> None:
    baseline = next(r for r in rows if r.name == "ping")
    processes = list(rows[0].cpu)
    header = (
        f"{'op':<10}{'clients':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}{'vs ping':>9}" + "".join(f"{p + ' CPU ms':>20}" for p in processes)
    )
    print()
    print(
        f"machine: {os.cpu_count()} CPUs; gateway: gunicorn, {args.workers} workers x 8 "
        f"threads; store: {'MongoDB' if os.environ.get('MONGODB_URI') else 'in-process'};"
        f" population: {args.members} members"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        rate = row.requests / row.seconds
        ratio = rate / (baseline.requests / baseline.seconds)
        print(
            f"{row.name:<10}{row.clients:>8}{rate:>9.0f}{row.percentile(0.5):>9.2f}"
            f"{row.percentile(0.95):>9.2f}{row.percentile(0.99):>9.2f}{row.errors:>8}"
            f"{ratio:>8.0%}" + "".join(f"{row.cpu[p]:>20.2f}" for p in processes)
        )
    print()
    print(
        f"after the load: audit clean: {checks['audit_clean']}; earns answered 200: "
        f"{checks['earns_acknowledged']}; missing or doubled in the ledger: "
        f"{checks['earns_missing_or_doubled']}"
    )
    if statistics.mean([len(r.latencies) for r in rows]) == 0:
        raise SystemExit("bench: no request completed")


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
