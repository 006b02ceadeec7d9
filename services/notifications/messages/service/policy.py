"""The programme-wide delivery settings: stored once, read on every send and attempt, so
each process keeps them for a moment; a change made here is seen here at once and by
other processes within `refresh_seconds`."""

from __future__ import annotations

import threading
import time
from datetime import datetime

from common.refusals import version_mismatch
from services.notifications.messages.domain.rules import DeliverySettings
from services.notifications.messages.store import SettingsStore


class DeliveryPolicy:
    def __init__(self, store: SettingsStore, refresh_seconds: float = 2.0) -> None:
        self.store = store
        self.refresh_seconds = refresh_seconds
        self._lock = threading.Lock()
        self._cached: tuple[float, DeliverySettings] | None = None

    def current(self) -> DeliverySettings:
        with self._lock:
            if self._cached and time.monotonic() - self._cached[0] < self.refresh_seconds:
                return self._cached[1]
        settings = self.store.delivery_settings()
        with self._lock:
            self._cached = (time.monotonic(), settings)
        return settings

    def replace(
        self, settings: DeliverySettings, expected_version: int, actor: str, when: datetime
    ) -> DeliverySettings:
        stored = self._fresh()
        if expected_version != stored.version or not self.store.replace_delivery_settings(
            settings, expected_version, actor, when
        ):
            raise version_mismatch(
                f"the settings are at version {self._fresh().version}, not {expected_version}"
            )
        return self._fresh()

    def _fresh(self) -> DeliverySettings:
        with self._lock:
            self._cached = None
        return self.current()
