"""Where a running `loyalty dev` listens, recorded for the other commands.

`loyalty dev` writes <data dir>/dev.json once the suite is ready (the gateway's URL and
each service's gRPC address, with its own pid) and removes it when it stops, so
`loyalty demo`, `job` and `audit`, run from the same directory, reach the suite on the
ports it chose (--free-ports) without being told. A file left by a `loyalty dev` that
died without removing it is ignored: its pid no longer runs.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

FILE_NAME = "dev.json"


def path(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def write(data_dir: Path, addresses: dict[str, str]) -> Path:
    """Records `addresses` (service name or "gateway" -> address) for this process."""
    target = path(data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".tmp")
    partial.write_text(json.dumps({"pid": os.getpid(), **addresses}, indent=2) + "\n")
    partial.replace(target)  # a reader sees the whole file or none
    return target


def read(data_dir: Path) -> dict[str, str]:
    """The addresses a running `loyalty dev` recorded in `data_dir`; {} when none runs."""
    try:
        recorded = json.loads(path(data_dir).read_text())
    except (OSError, ValueError):
        return {}
    if not isinstance(recorded, dict) or not _running(recorded.get("pid")):
        return {}
    return {key: value for key, value in recorded.items() if key != "pid"}


def owner(data_dir: Path) -> int | None:
    """The pid of the running `loyalty dev` that recorded its addresses in `data_dir`."""
    try:
        pid = json.loads(path(data_dir).read_text()).get("pid")
    except (OSError, ValueError, AttributeError):
        return None
    return pid if _running(pid) and pid != os.getpid() else None


def remove(data_dir: Path) -> None:
    """Removes the record, if it is this process's."""
    target = path(data_dir)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        if json.loads(target.read_text()).get("pid") == os.getpid():
            target.unlink()


def _running(pid) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: it runs
    status = Path(f"/proc/{pid}/status")
    # A zombie has exited; only its parent has not read its status yet.
    with contextlib.suppress(OSError):
        return "zombie" not in status.read_text()
    return True
