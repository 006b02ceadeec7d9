"""The `loyalty` command: run the suite for development, load a demo programme.

loyalty dev     start MongoDB, Redis, the three services and the gateway; Ctrl-C stops them
loyalty demo    load a small sample programme into a running suite
loyalty job     run one scheduled job (Kubernetes CronJobs run exactly this)
loyalty audit   audit the ledger
loyalty import  import a CSV file of members, voucher codes or stores
loyalty probe   exit 0 when a service serves (docker-compose health checks)
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import threading
from pathlib import Path

import grpc

from cli import demo, devstate, imports, jobs
from cli.suite import SERVICES, Ports, PortsTaken, Suite, SuiteFailed, grpc_health, http_status

DEFAULT_DATA_DIR = Path(".loyalty")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="loyalty", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dev = commands.add_parser("dev", help="run the whole suite on this machine")
    dev.add_argument("--gateway-port", type=int, default=int(os.environ.get("GATEWAY_PORT", 8080)))
    dev.add_argument(
        "--free-ports", action="store_true", help="let the system pick every port (printed)"
    )
    dev.add_argument("--ready-timeout", type=float, default=60.0)
    dev.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="where the development MongoDB and Redis keep their data, and where the "
        "suite's addresses are recorded for the other commands (default: .loyalty)",
    )
    dev.add_argument(
        "--reset", action="store_true", help="start with empty stores (deletes --data-dir)"
    )
    demo = commands.add_parser("demo", help="load a sample programme into a running suite")
    job = commands.add_parser("job", help="run a scheduled job once")
    job.add_argument("name", choices=sorted(jobs.JOBS))
    audit = commands.add_parser("audit", help="audit the ledger (exit 1 on any drift)")
    probe = commands.add_parser(
        "probe", help="exit 0 if a service serves (container health checks use it)"
    )
    probe.add_argument("kind", choices=("grpc", "http"))
    probe.add_argument("target", help="host:port for grpc (health service), a URL for http")
    bulk = commands.add_parser("import", help="import a CSV file (docs/IMPORTS.md)")
    bulk.add_argument("kind", choices=sorted(imports.KINDS))
    bulk.add_argument("file", type=Path, help="UTF-8 CSV, comma or semicolon separated")
    bulk.add_argument("--import-id", help="default: the kind and a hash of the file's bytes")
    bulk.add_argument(
        "--skip-bad-rows", action="store_true", help="import the good rows (default: all or none)"
    )
    bulk.add_argument(
        "--notify-members", action="store_true", help="send imported members the welcome"
    )
    bulk.add_argument("--errors", help="where the error report goes (default: FILE.errors.csv)")
    for command in (demo, job, audit, bulk):
        _service_addresses(command)
    args = parser.parse_args(argv)
    addresses = _addresses(args) if args.command in ("demo", "job", "audit", "import") else {}
    if args.command == "import":
        return imports.main(args.kind, args.file, addresses, args)
    if args.command == "demo":
        return run_demo(addresses)
    if args.command == "job":
        print(jobs.run_job(args.name, addresses))
        return 0
    if args.command == "audit":
        clean, report = jobs.run_audit(addresses["points"])
        print(report)
        return 0 if clean else 1
    if args.command == "probe":
        if args.kind == "grpc":
            return 0 if grpc_health(args.target, timeout=2.0) == "SERVING" else 1
        return 0 if http_status(args.target, timeout=2.0) == 200 else 1
    if args.command == "dev":
        if running := devstate.owner(args.data_dir):
            print(
                f"loyalty dev: another `loyalty dev` (pid {running}) runs on the data "
                f"directory {args.data_dir}; stop it first, or give this one another "
                "--data-dir",
                file=sys.stderr,
            )
            return 1
        ports = (
            Ports.free()
            if args.free_ports
            else Ports(gateway=args.gateway_port, gateway_probe=args.gateway_port + 1)
        )
        if args.reset:
            shutil.rmtree(args.data_dir, ignore_errors=True)
        return run_dev(ports, args.ready_timeout, args.data_dir.resolve())
    parser.error(f"unknown command {args.command}")
    return 2


def _service_addresses(command: argparse.ArgumentParser) -> None:
    for service in SERVICES:
        env_name = f"{service.upper()}_ADDR"
        command.add_argument(
            f"--{service}",
            help=f"gRPC target of the {service} service (default: ${env_name}, else where "
            "the `loyalty dev` running on --data-dir listens, else its default port)",
        )
    command.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="the data directory of the `loyalty dev` to reach (default: .loyalty)",
    )


def _addresses(args: argparse.Namespace) -> dict[str, str]:
    """Each service's gRPC target: the flag, else its *_ADDR variable, else the address
    the running `loyalty dev` recorded, else the default port on this machine."""
    recorded = devstate.read(args.data_dir)
    defaults = Ports().grpc
    return {
        service: getattr(args, service)
        or os.environ.get(f"{service.upper()}_ADDR")
        or recorded.get(service)
        or f"127.0.0.1:{defaults[service]}"
        for service in SERVICES
    }


def run_dev(ports: Ports, ready_timeout: float, data_dir: Path) -> int:
    suite = Suite(
        ports, announce=lambda line: print(f"caught {line}", flush=True), data_dir=data_dir
    )
    try:
        suite.check_ports()
    except PortsTaken as exc:
        print(
            f"loyalty dev: {exc}; stop what holds it, or start on ports nothing uses: "
            "`make run RUN_ARGS=--free-ports` (or `.venv/bin/loyalty dev --free-ports`)",
            file=sys.stderr,
        )
        return 1
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        suite.start(ready_timeout)
    except (SuiteFailed, RuntimeError, OSError) as exc:
        print(f"loyalty dev: the suite did not start: {exc}", file=sys.stderr)
        return 1
    recorded = devstate.write(
        data_dir,
        {"gateway": suite.gateway_url, **{s: suite.grpc_address(s) for s in SERVICES}},
    )
    try:
        _print_addresses(suite, recorded)
        while not stop.wait(0.5):
            for line in suite.supervise():
                print(f"loyalty dev: {line}", file=sys.stderr, flush=True)
    finally:
        devstate.remove(data_dir)
        print("loyalty dev: stopping...", flush=True)
        codes = suite.stop()
    print("loyalty dev: stopped (" + ", ".join(f"{n} {c}" for n, c in codes.items()) + ")")
    return 0


def run_demo(addresses: dict[str, str]) -> int:
    outcomes = demo.run(addresses, demo.load_steps())
    print("Demo programme:")
    print(demo.report(outcomes))
    failed = [o for o in outcomes if o.status != "done"]
    if failed:
        return 1
    try:
        secret = demo.till_key(addresses["points"])
    except grpc.RpcError as exc:
        print(f"  {exc.code().name:<14} the demo tills' API key: {exc.details()}")
        return 1
    print(
        "Try it (README.md, Your first ten minutes):\n"
        f"  till API key   {secret}\n"
        f"                 (X-API-Key at partner {demo.TILL_PARTNER}'s tills; each run of the\n"
        "                 demo replaces it)\n"
        "  member         Nguyễn Thị Lan, phone 0912 345 678 (signs in with a code by SMS,\n"
        "                 printed where `loyalty dev` runs)"
    )
    return 0


def _print_addresses(suite: Suite, recorded: Path) -> None:
    lines = ["", "Loyalty Suite is ready:"]
    lines.append(f"  gateway        {suite.gateway_url}  (try {suite.gateway_url}/readyz)")
    for service in SERVICES:
        lines.append(
            f"  {service:<14} grpc {suite.grpc_address(service)}"
            f"  metrics http://127.0.0.1:{suite.ports.metrics[service]}/metrics"
        )
    lines.append(f"  mongodb        {suite.mongodb_uri}")
    lines.append(f"  redis          {suite.redis_url}")
    if suite.mongo or suite.redis:
        started = " and ".join(
            n for n, s in (("MongoDB", suite.mongo), ("Redis", suite.redis)) if s
        )
        lines.append(f"  data           {suite.data_dir}  ({started} started here keep it across")
        lines.append("                 restarts; `loyalty dev --reset` starts empty)")
    lines.append(f"  addresses      {recorded}  (`loyalty demo`, `job` and `audit` run")
    lines.append("                 from here find the suite there)")
    lines.append(f"  admin API key  {suite.admin_key}  (X-API-Key; API docs: /v1/docs)")
    lines.append(f"  staff console  {suite.gateway_url}/console  (its first admin: start")
    lines.append("                 with BOOTSTRAP_STAFF_EMAIL and BOOTSTRAP_STAFF_PASSWORD set)")
    if suite.mailbox or suite.webhooks:
        lines.append("  messages       caught locally and printed here (set SMTP_HOST and")
        lines.append("                 SMS_WEBHOOK_URL/PUSH_WEBHOOK_URL for real providers)")
    lines.append("Press Ctrl-C to stop.")
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
