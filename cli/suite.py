"""The whole suite as separate processes: MongoDB and Redis (when the environment names
none), the three services, the gateway, and local stand-ins for the message providers the
environment names none for.

`loyalty dev` and the tests both start the suite through `Suite`, so what the tests
prove is what a newcomer runs. Each child is its own process, started in its own session
(Ctrl-C reaches only `loyalty dev`, which then stops the children in order, so none
outlives it). No Python runs in a child between fork and exec (no preexec_fn): gRPC's
fork handlers would abort a child forked from a process that has used gRPC.

Before anything starts, `check_ports` names every port the suite would bind that some
other process holds (`loyalty dev` stops there, with one line). A process is ready only
when it answers and the answer is its own: the port is held by that child, not by
another suite that happens to listen there.

`supervise` restarts a child that died (with backoff, one line each time), so one crashed
or killed service never takes the rest down; the stores it started keep their data in
`data_dir` across restarts of the suite.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from cli import ports as port_owners
from common.embedded_mongo import EmbeddedMongo
from common.embedded_redis import EmbeddedRedis

SERVICES = ("points", "members", "notifications")
ADMIN_KEY_FILE = "admin-api-key"  # in the data directory: `loyalty dev`'s admin key


@dataclasses.dataclass(frozen=True)
class Ports:
    """Where each process listens."""

    gateway: int = 8080
    gateway_probe: int = 8081  # /healthz and /readyz on threads of their own (probes.py)
    grpc: dict[str, int] = dataclasses.field(
        default_factory=lambda: {"points": 50051, "members": 50052, "notifications": 50053}
    )
    metrics: dict[str, int] = dataclasses.field(
        default_factory=lambda: {"points": 9101, "members": 9102, "notifications": 9103}
    )

    def bindings(self) -> list[tuple[int, str]]:
        """Every port the suite's processes bind, with what binds it."""
        return [
            (self.gateway, "gateway"),
            (self.gateway_probe, "gateway probes"),
            *((port, f"{service} gRPC") for service, port in self.grpc.items()),
            *((port, f"{service} metrics") for service, port in self.metrics.items()),
        ]

    @classmethod
    def free(cls, avoid: Iterable[int] = ()) -> Ports:
        """Ports nothing listens on right now, held open together while they are picked,
        and none of `avoid` (another replica's, picked before and not yet bound: the
        system may hand out a port again once its picking socket is closed)."""
        avoid = set(avoid)
        while True:
            with contextlib.ExitStack() as stack:
                count = 2 + 2 * len(SERVICES)
                probes = [stack.enter_context(socket.socket()) for _ in range(count)]
                for probe in probes:
                    probe.bind(("127.0.0.1", 0))
                ports = [probe.getsockname()[1] for probe in probes]
            if not avoid & set(ports):
                break
        return cls(
            gateway=ports[0],
            gateway_probe=ports[7],
            grpc=dict(zip(SERVICES, ports[1:4], strict=True)),
            metrics=dict(zip(SERVICES, ports[4:7], strict=True)),
        )


class SuiteFailed(RuntimeError):
    """A process of the suite did not start or did not become ready."""


class PortsTaken(SuiteFailed):
    """Ports the suite would bind are held by other processes (nothing was started)."""

    def __init__(self, taken: list[tuple[int, str, str]]) -> None:
        self.taken = taken  # (port, what of ours binds it, who holds it or "")
        described = [f"{port} ({what}){f' by {who}' if who else ''}" for port, what, who in taken]
        if len(taken) == 1:
            ((port, what, who),) = taken
            super().__init__(f"port {port} ({what}) is already in use{f' by {who}' if who else ''}")
        else:
            super().__init__(f"ports already in use: {', '.join(described)}")


class Suite:
    def __init__(
        self,
        ports: Ports | None = None,
        *,
        log_dir: Path | None = None,
        env: dict[str, str] | None = None,
        announce: Callable[[str], None] = lambda line: None,
        python: Sequence[str] = (sys.executable,),
        data_dir: Path | None = None,
        database_prefix: str = "",
        replicas: int = 1,
    ) -> None:
        self.ports = ports or Ports()
        # Every service and the gateway run `replicas` times on one store and one Redis;
        # each caller reaches a service's replicas round-robin (as dns:/// does on k8s).
        self.replica_ports = [self.ports]
        for _ in range(replicas - 1):
            taken = [port for ports in self.replica_ports for port, _ in ports.bindings()]
            self.replica_ports.append(Ports.free(avoid=taken))
        self.ready_checks: dict[str, Callable[[], bool]] = {}
        # How each child's module is run: `make bench` puts its probe launcher here.
        self.python = list(python)
        self.log_dir = log_dir
        self.env = {**os.environ, **(env or {})}
        # Where the stores this suite starts keep their data (None: nowhere, for a run).
        self.data_dir = data_dir
        # Each service's database is <prefix><service>; empty: the services' defaults.
        self.database_prefix = database_prefix
        self.mongo: EmbeddedMongo | None = None
        self.mongodb_uri = self.env.get("MONGODB_URI", "")
        self.redis: EmbeddedRedis | None = None
        self.redis_url = self.env.get("REDIS_URL", "")
        self.processes: dict[str, subprocess.Popen] = {}
        self.commands: dict[str, tuple[list[str], dict[str, str]]] = {}
        self.restarts: dict[str, Restarts] = {}
        self._logs: list[IO] = []
        # Local providers for the channels the environment names no real provider for.
        self.announce = announce
        self.mailbox = None
        self.webhooks = None
        # The first staff key (X-API-Key): the environment's, or a development one.
        self.admin_key = self.env.get("BOOTSTRAP_ADMIN_KEY") or self._development_admin_key()

    def _development_admin_key(self) -> str:
        """The one kept in the data directory by an earlier start (so a restart reuses it
        instead of adding another key that never expires), else a new one (kept there
        once the suite starts: keep_admin_key)."""
        kept = self.data_dir / ADMIN_KEY_FILE if self.data_dir else None
        if kept is not None and kept.exists():
            return kept.read_text(encoding="utf-8").strip()
        return f"lsk_{secrets.token_hex(6)}_{secrets.token_urlsafe(24)}"

    def keep_admin_key(self) -> None:
        """Keeps a development key with the data it opens, readable by its owner alone."""
        if self.data_dir is None or self.env.get("BOOTSTRAP_ADMIN_KEY"):
            return
        kept = self.data_dir / ADMIN_KEY_FILE
        if not kept.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            kept.touch(mode=0o600)
            kept.write_text(self.admin_key, encoding="utf-8")

    @property
    def gateway_url(self) -> str:
        return self.gateway_url_of(0)

    def gateway_url_of(self, replica: int) -> str:
        return f"http://127.0.0.1:{self.replica_ports[replica].gateway}"

    def grpc_address(self, service: str, replica: int = 0) -> str:
        return f"127.0.0.1:{self.replica_ports[replica].grpc[service]}"

    def target(self, service: str) -> str:
        """The gRPC target of every replica of `service` (round-robin over them)."""
        ports = [each.grpc[service] for each in self.replica_ports]
        if len(ports) == 1:
            return f"127.0.0.1:{ports[0]}"
        return "ipv4:" + ",".join(f"127.0.0.1:{port}" for port in ports)

    @staticmethod
    def process_name(base: str, replica: int) -> str:
        return base if replica == 0 else f"{base}-{replica + 1}"

    def log_path(self, name: str) -> Path | None:
        return self.log_dir / f"{name}.log" if self.log_dir else None

    # Starting

    def check_ports(self) -> None:
        """Raises PortsTaken naming each port the suite would bind that is in use. The
        stores and local providers the suite starts pick free ports themselves."""
        bindings = [b for ports in self.replica_ports for b in ports.bindings()]
        taken = [
            (port, what, port_owners.who_listens(port))
            for port, what in bindings
            if port_owners.port_in_use(port)
        ]
        if taken:
            raise PortsTaken(taken)

    def start(self, timeout: float = 60.0) -> Suite:
        try:
            self.keep_admin_key()
            # The stores and local providers take ports the system picks: never one of
            # the ports chosen for the children, which are held until those start.
            with self._ports_held():
                if not self.mongodb_uri:
                    store = self.data_dir / "mongo" if self.data_dir else None
                    self.mongo = EmbeddedMongo(store).start()
                    self.mongodb_uri = self.mongo.uri
                if not self.redis_url:
                    cache = self.data_dir / "redis" if self.data_dir else None
                    self.redis = EmbeddedRedis(data_dir=cache).start()
                    self.redis_url = self.redis.url
                self._start_local_providers()
            for replica in range(len(self.replica_ports)):
                for service in SERVICES:
                    name = self.process_name(service, replica)
                    command = [*self.python, "-m", f"services.{service}"]
                    self._spawn(name, command, self._service_env(service, replica))
                    address = self.grpc_address(service, replica)
                    port = self.replica_ports[replica].grpc[service]
                    self.ready_checks[name] = lambda a=address, n=name, p=port: (
                        grpc_health(a) == "SERVING" and self.listens(n, p)
                    )
                name = self.process_name("gateway", replica)
                self._spawn(name, [*self.python, *_GUNICORN], self._gateway_env(replica))
                ports = self.replica_ports[replica]
                ready = f"{self.gateway_url_of(replica)}/readyz"
                probes = f"http://127.0.0.1:{ports.gateway_probe}/readyz"
                self.ready_checks[name] = lambda url=ready, probe=probes, n=name, p=ports.gateway: (
                    http_status(url) == 200 and http_status(probe) == 200 and self.listens(n, p)
                )
            self.wait_ready(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    @contextlib.contextmanager
    def _ports_held(self) -> Iterator[None]:
        """Binds every free port of the children's (without listening) while the block
        runs, so nothing this process starts meanwhile is given one of them."""
        with contextlib.ExitStack() as held:
            for port, _ in (b for ports in self.replica_ports for b in ports.bindings()):
                sock = held.enter_context(socket.socket())
                # No SO_REUSEADDR: a port held so is never handed to a bind to port 0.
                with contextlib.suppress(OSError):  # taken: check_ports is the caller's
                    sock.bind(("0.0.0.0", port))  # noqa: S104 - as the children bind
            yield

    def _start_local_providers(self) -> None:
        from cli.local_providers import SmtpCatcher, WebhookCatcher  # development only

        if not self.env.get("SMTP_HOST"):
            self.mailbox = SmtpCatcher(self.announce)
            self.mailbox.start()
        if not (self.env.get("SMS_WEBHOOK_URL") and self.env.get("PUSH_WEBHOOK_URL")):
            self.webhooks = WebhookCatcher(self.announce).start()

    def _service_env(self, service: str, replica: int) -> dict[str, str]:
        ports = self.replica_ports[replica]
        env = {
            "GRPC_PORT": str(ports.grpc[service]),
            "METRICS_PORT": str(ports.metrics[service]),
            "MONGODB_URI": self.mongodb_uri,
            "REDIS_URL": self.redis_url,
            "POINTS_ADDR": self.target("points"),
            "MEMBERS_ADDR": self.target("members"),
            "BOOTSTRAP_ADMIN_KEY": self.admin_key,
        }
        if self.database_prefix:
            env["MONGODB_DB"] = f"{self.database_prefix}{service}"
        if self.mailbox:
            env.update(SMTP_HOST="127.0.0.1", SMTP_PORT=str(self.mailbox.port))
        if self.webhooks:
            env.update(
                SMS_WEBHOOK_URL=self.webhooks.url("/sms"),
                PUSH_WEBHOOK_URL=self.webhooks.url("/push"),
                WEBHOOK_SECRET=self.env.get("WEBHOOK_SECRET") or "dev-only-secret",
            )
        return env

    def _gateway_env(self, replica: int) -> dict[str, str]:
        return {
            "GATEWAY_PORT": str(self.replica_ports[replica].gateway),
            "GATEWAY_PROBE_PORT": str(self.replica_ports[replica].gateway_probe),
            "REDIS_URL": self.redis_url,
            "POINTS_ADDR": self.target("points"),
            "MEMBERS_ADDR": self.target("members"),
            "NOTIFICATIONS_ADDR": self.target("notifications"),
        }

    def _spawn(self, name: str, command: list[str], env: dict[str, str]) -> None:
        self.commands[name] = (command, env)
        output = None
        if self.log_dir:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            output = open(self.log_path(name), "ab")  # noqa: SIM115 - closed in stop()
            self._logs.append(output)
        self.processes[name] = subprocess.Popen(
            command,
            env={**self.env, **env},
            stdout=output,
            stderr=subprocess.STDOUT if output else None,
            start_new_session=True,
        )

    # Supervision

    def supervise(self, now: float | None = None) -> list[str]:
        """Restarts each child that has died, once its backoff has passed; returns one
        line for each death seen and each restart made (for `loyalty dev` to print)."""
        now = time.monotonic() if now is None else now
        said = []
        for name, process in list(self.processes.items()):
            restarts = self.restarts.setdefault(name, Restarts())
            if process.poll() is None:
                restarts.running(now)
                continue
            if restarts.due is None:
                restarts.died(now)
                said.append(
                    f"{name} exited with code {process.returncode}; restarting in "
                    f"{restarts.delay:.0f}s (restarts so far: {restarts.count})"
                )
            elif now >= restarts.due:
                command, env = self.commands[name]
                self._spawn(name, command, env)
                restarts.restarted(now)
                said.append(f"{name} restarted (restart {restarts.count})")
        for name, store in (("mongodb", self.mongo), ("redis", self.redis)):
            if store is not None and not store.alive():
                store.start()
                said.append(f"{name} exited; restarted on the same port and data")
        return said

    # Readiness

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        pending = set(self.ready_checks)
        while pending:
            self.check_alive()
            pending = {name for name in pending if not self.ready_checks[name]()}
            if pending and time.monotonic() > deadline:
                raise SuiteFailed(f"not ready after {timeout}s: {', '.join(sorted(pending))}")
            if pending:
                time.sleep(0.1)

    def listens(self, name: str, port: int) -> bool:
        """Whether child `name` (or a process it started) is what listens on `port`: an
        answer there from another process is not this suite's."""
        pid = self.processes[name].pid
        return port_owners.listens_within([pid, *port_owners.descendants(pid)], port)

    def check_alive(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                held = [
                    f"port {port} is held by {port_owners.who_listens(port) or 'another process'}"
                    for port, _ in self._bindings_of(name)
                    if port_owners.port_in_use(port)
                ]
                why = f" ({'; '.join(held)})" if held else ""
                raise SuiteFailed(f"{name} exited with code {process.returncode}{why}")

    def _bindings_of(self, name: str) -> list[tuple[int, str]]:
        base, _, number = name.partition("-")
        ports = self.replica_ports[int(number) - 1 if number else 0]
        return [(port, what) for port, what in ports.bindings() if what.split()[0] == base]

    # Stopping

    def stop(self, timeout: float = 20.0) -> dict[str, int]:
        """SIGTERM the gateway first, then the services, then Redis; returns exit codes."""
        codes = {}
        for name, process in reversed(list(self.processes.items())):
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
            try:
                codes[name] = process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                codes[name] = process.wait()
        for store in (self.redis, self.mongo):
            if store:
                store.stop()
        for provider in (self.mailbox, self.webhooks):
            if provider:
                provider.stop()
        self.mailbox = self.webhooks = None
        for output in self._logs:
            output.close()
        self._logs.clear()
        return codes

    def __enter__(self) -> Suite:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


@dataclasses.dataclass
class Restarts:
    """One child's restarts: the wait doubles from 1 s to 30 s while it keeps dying, and
    starts over once it has stayed up for a minute."""

    count: int = 0
    delay: float = 1.0
    due: float | None = None  # when the next restart may happen, while it is down
    up_since: float = 0.0

    def died(self, now: float) -> None:
        self.due = now + self.delay

    def restarted(self, now: float) -> None:
        self.count += 1
        self.delay = min(self.delay * 2, 30.0)
        self.due = None
        self.up_since = now

    def running(self, now: float) -> None:
        if self.count and now - self.up_since > 60:
            self.delay = 1.0


_GUNICORN = ("-m", "gunicorn", "-c", "python:gateway.gunicorn_conf", "gateway.app:create_app()")


def grpc_health(address: str, timeout: float = 1.0) -> str:
    """The grpc.health.v1 status of the server at `address`, or the call's error code."""
    with grpc.insecure_channel(address) as channel:
        try:
            reply = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=""), timeout=timeout
            )
        except grpc.RpcError as exc:
            return exc.code().name
    return health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)


def http_status(url: str, timeout: float = 1.0) -> int:
    """The HTTP status of GET `url`, or 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:  # noqa: S310 - loopback
            return reply.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError):
        return 0
