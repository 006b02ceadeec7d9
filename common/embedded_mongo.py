"""A real MongoDB wire-protocol server the suite starts itself when MONGODB_URI names none.

Outside production, `loyalty dev`, the tests and a service started on its own reach their
data over the wire like they will reach MongoDB in production. The server is SecantusDB
(a development dependency: `pip install '.[dev]'`), run as a separate process by the
launcher in devstore/; nothing here imports it. It keeps its data in `data_dir` (kept
across restarts and kill -9), or in a temporary directory removed when it stops.

Its URI turns off retryable writes: this server scans its whole table of them on every
write once it fills (8 ms a write). Production's MongoDB keeps them on.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path

import pymongo
import pymongo.errors

from common.loopback import LocalServer, free_port

LAUNCHER = Path(__file__).resolve().parents[1] / "devstore" / "secantusd_patched.py"


class StoreUnavailable(RuntimeError):
    """No development store can be started here (say what to set instead)."""


def uri_for(port: int) -> str:
    return f"mongodb://127.0.0.1:{port}/?directConnection=true&retryWrites=false&journal=true"


class EmbeddedMongo(LocalServer):
    """One SecantusDB server child process on loopback."""

    name = "the MongoDB server"

    def __init__(self, data_dir: Path | None = None, port: int = 0) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.requested_port = port
        self.port = 0

    @property
    def uri(self) -> str:
        return uri_for(self.port)

    @property
    def durable(self) -> bool:
        return self.data_dir is not None

    def start(self, timeout: float = 60.0) -> EmbeddedMongo:
        if importlib.util.find_spec("secantus") is None or not LAUNCHER.exists():
            raise StoreUnavailable(
                "MONGODB_URI is empty and the development store is not installed here "
                "(pip install '.[dev]' from a checkout), so set MONGODB_URI"
            )
        if self.data_dir is None:
            self._workdir = tempfile.mkdtemp(prefix="loyalty-mongo-")
        storage = self.data_dir or Path(self._workdir)
        storage.mkdir(parents=True, exist_ok=True)
        self.port = self.requested_port or free_port()
        self.requested_port = self.port  # a restart comes back where clients look
        self.spawn(
            [
                sys.executable,
                str(LAUNCHER),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--storage-path",
                str(storage),
                "--log-level",
                "WARNING",
            ]
        )
        with pymongo.MongoClient(self.uri, serverSelectionTimeoutMS=250) as client:
            self.wait_until(
                lambda: client.admin.command("ping"), pymongo.errors.PyMongoError, timeout
            )
        return self
