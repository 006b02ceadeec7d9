"""Named points between two storage writes where a test can stop the service dead.

Production never sets a fault: `point` is then a no-op. The crash tests set one to raise
`Crash`, a BaseException nothing in the service catches, so the process state is
abandoned exactly there, as if the process had been killed, and a fresh instance over
the same store must finish the work.
"""

from __future__ import annotations

import threading


class Crash(BaseException):
    """The service stops dead here (a BaseException so no `except Exception` swallows it)."""


_armed: dict[str, int] = {}
_lock = threading.Lock()


def point(name: str) -> None:
    if not _armed:
        return
    with _lock:
        remaining = _armed.get(name)
        if remaining is None:
            return
        if remaining > 1:
            _armed[name] = remaining - 1
            return
        del _armed[name]
    raise Crash(name)


def arm(name: str, on_pass: int = 1) -> None:
    """Crash the `on_pass`-th time execution reaches `name`."""
    with _lock:
        _armed[name] = on_pass


def disarm() -> None:
    with _lock:
        _armed.clear()
