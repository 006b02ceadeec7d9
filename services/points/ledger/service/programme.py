"""The programme's ledger settings as the ledger's use cases read them."""

from __future__ import annotations

import dataclasses
import time

from services.points.ledger.domain.model import LedgerError
from services.points.ledger.domain.programme import Programme
from services.points.ledger.store import LedgerStore

REFRESH_SECONDS = 2.0


class ProgrammeSettings:
    def __init__(self, store: LedgerStore) -> None:
        self.store = store
        self._kept: tuple[float, Programme] | None = None

    def current(self) -> Programme:
        """The settings, re-read every few seconds (other instances may change them); no
        lock: two threads refreshing at once both read the same document."""
        kept = self._kept
        if kept is not None and time.monotonic() - kept[0] <= REFRESH_SECONDS:
            return kept[1]
        programme = self.store.programme()
        self._kept = (time.monotonic(), programme)
        return programme

    def update(self, programme: Programme, expected_version: int) -> Programme:
        stored = self.store.programme()
        if stored.version != expected_version:
            raise LedgerError(
                "aborted",
                "VERSION_MISMATCH",
                f"the settings are at version {stored.version}",
                field="expected_version",
            )
        updated = dataclasses.replace(programme, version=expected_version + 1)
        if not self.store.replace_programme(updated, expected_version):
            raise LedgerError(
                "aborted",
                "VERSION_MISMATCH",
                "the settings changed meanwhile",
                field="expected_version",
            )
        self.refresh()
        return updated

    def refresh(self) -> None:
        """Read the settings again on next use (instead of within a few seconds)."""
        self._kept = None
