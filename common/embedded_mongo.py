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
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymongo
import pymongo.errors

from common.loopback import free_port

LAUNCHER = Path(__file__).resolve().parents[1] / "devstore" / "secantusd_patched.py"


class StoreUnavailable(RuntimeError):
    """No development store can be started here (say what to set instead)."""


def uri_for(port: int) -> str:
    return f"mongodb://127.0.0.1:{port}/?directConnection=true&retryWrites=false&journal=true"


class EmbeddedMongo:
    """One SecantusDB server child process on loopback."""

    def __init__(self, data_dir: Path | None = None, port: int = 0) -> None:
        self.data_dir = data_dir
        self.requested_port = port
        self.port = 0
        self.process: subprocess.Popen | None = None
        self._temporary = ""

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
            self._temporary = tempfile.mkdtemp(prefix="loyalty-mongo-")
        storage = self.data_dir or Path(self._temporary)
        storage.mkdir(parents=True, exist_ok=True)
        self.port = self.requested_port or free_port()
        self.requested_port = self.port  # a restart comes back where clients look
        self.process = subprocess.Popen(
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
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches the suite, which stops this in order
        )
        self._wait_until_answering(timeout)
        return self

    def _wait_until_answering(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with pymongo.MongoClient(self.uri, serverSelectionTimeoutMS=250) as client:
            while True:
                if self.process.poll() is not None:
                    raise RuntimeError(
                        f"the MongoDB server exited with code {self.process.returncode}"
                    )
                try:
                    client.admin.command("ping")
                    return
                except pymongo.errors.PyMongoError:
                    if time.monotonic() > deadline:
                        self.stop()
                        raise RuntimeError(f"MongoDB did not answer within {timeout}s") from None
                    time.sleep(0.05)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 15.0) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._temporary:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = ""

    def __enter__(self) -> EmbeddedMongo:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
