"""Work a process does beside serving calls, in a background thread: at once when
something asks for it (a kick), and every few seconds regardless (for what comes due
with time, and for what a lost kick left behind)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger("loyalty.loops")


class BackgroundLoop:
    """Calls `work(kicked)` after a kick (waiting `gather_seconds` first, so the kicks of
    the next moment share one round) or after `interval_seconds` without one. A failing
    round is logged and tried again a second later; the loop lives on."""

    def __init__(
        self,
        name: str,
        work: Callable[[bool], object],
        *,
        interval_seconds: float,
        gather_seconds: float = 0.0,
    ) -> None:
        self.name = name
        self.work = work
        self.interval_seconds = interval_seconds
        self.gather_seconds = gather_seconds
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    @property
    def stopping(self) -> threading.Event:
        return self._stopping

    def kick(self, *_ignored) -> None:
        self._wake.set()

    def start(self) -> BackgroundLoop:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.is_set():
            kicked = self._wake.wait(self.interval_seconds)
            self._stopping.wait(self.gather_seconds if kicked else 0)
            self._wake.clear()
            try:  # after a stop too: one last round takes what the last kick asked for
                self.work(kicked)
            except Exception:
                log.exception("%s round failed; retrying", self.name)
                self._stopping.wait(1.0)
