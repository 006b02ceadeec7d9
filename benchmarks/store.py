"""The MongoDB a benchmark runs on, and the line its report says it with.

Every benchmark reaches MongoDB over the wire, as the services do:

- with MONGODB_URI set, that server, in databases made fresh for the run
  (`bench_<run>_<name>`) and dropped when the run ends, so a user's data is never
  touched and a run leaves nothing behind;
- otherwise a SecantusDB server started for the run (common/embedded_mongo.py, which
  launches it through devstore/secantusd_patched.py, with its find-and-modify fix), with
  its data in a temporary directory removed when it stops.

A benchmark's server processes take the URI and the database names on their command
line (or, for `make bench`, through cli.suite.Suite's environment), so the benchmark
process owns the store's lifetime.
"""

from __future__ import annotations

import importlib.metadata
import os
import uuid
from pathlib import Path

import pymongo

from common.embedded_mongo import EmbeddedMongo


class BenchStore:
    """`with BenchStore() as store:` a MongoDB for this run (see the module's docstring)."""

    def __init__(self, environ: dict[str, str] | None = None) -> None:
        environ = os.environ if environ is None else environ
        self.given_uri = environ.get("MONGODB_URI", "")
        self.run = uuid.uuid4().hex[:8]
        self.server: EmbeddedMongo | None = None
        self.made: list[str] = []
        self.uri = self.given_uri

    def __enter__(self) -> BenchStore:
        if not self.given_uri:
            self.server = EmbeddedMongo().start()
            self.uri = self.server.uri
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            if self.server is None and self.made:
                with pymongo.MongoClient(self.uri, serverSelectionTimeoutMS=5000) as client:
                    for name in self.made:
                        client.drop_database(name)
        finally:
            if self.server is not None:
                self.server.stop()

    def database(self, name: str) -> str:
        """A database name of this run's own (dropped at the end on a user's server)."""
        self.made.append(f"bench_{self.run}_{name}")
        return self.made[-1]

    def prefix_for(self, names) -> str:
        """A prefix for databases someone else makes, `<prefix><name>` for each of `names`
        (cli.suite.Suite's database_prefix); they are this run's, dropped likewise."""
        prefix = f"bench_{self.run}_"
        self.made += [f"{prefix}{name}" for name in names]
        return prefix

    def describe(self) -> str:
        return describe(self.uri, started_here=self.server is not None)

    def cpu(self) -> float | None:
        """The CPU seconds the server started here has used so far (None: not ours)."""
        return process_cpu(self.server.process.pid) if self.server else None


TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """CPU seconds so far of one process (user + system, all its threads)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def per_request_ms(before: float | None, after: float | None, requests: int) -> float | None:
    """CPU between two readings of `BenchStore.cpu`, in ms per request (None: unknown)."""
    if before is None or after is None:
        return None
    return (after - before) / max(requests, 1) * 1000


def describe(uri: str, *, started_here: bool, by: str = "the benchmark") -> str:
    """The report's store line: which server, which version, and who started it."""
    with pymongo.MongoClient(uri, serverSelectionTimeoutMS=5000) as client:
        version = client.server_info().get("version", "?")
    if started_here:
        return (
            f"SecantusDB {secantus_version()} (MongoDB wire protocol, reports server version "
            f"{version}; a separate process on this machine started by {by}, through "
            "devstore/secantusd_patched.py; data in a temporary directory; journaled writes, "
            "no retryable writes)"
        )
    return f"MongoDB at MONGODB_URI (server version {version}); this run's own databases"


def secantus_version() -> str:
    try:
        return importlib.metadata.version("SecantusDB")
    except importlib.metadata.PackageNotFoundError:
        return "(version unknown)"
