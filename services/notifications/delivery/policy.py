"""The programme-wide delivery settings: stored once, read on every send and attempt, so
each process keeps them for a moment; a change made here is seen here at once and by
other processes within `refresh_seconds`."""

from __future__ import annotations

import dataclasses
import threading
import time
from datetime import datetime

from common.refusals import Refusal
from services.notifications.delivery.rules import DeliverySettings
from services.notifications.storage import NotificationStore

FIELDS = [f.name for f in dataclasses.fields(DeliverySettings)]


class DeliveryPolicy:
    def __init__(self, store: NotificationStore, refresh_seconds: float = 2.0) -> None:
        self.store = store
        self.refresh_seconds = refresh_seconds
        self._lock = threading.Lock()
        self._cached: tuple[float, DeliverySettings] | None = None

    def current(self) -> DeliverySettings:
        with self._lock:
            if self._cached and time.monotonic() - self._cached[0] < self.refresh_seconds:
                return self._cached[1]
        doc = self.store.delivery_settings() or {}
        settings = DeliverySettings(**{k: v for k, v in doc.items() if k in FIELDS})
        with self._lock:
            self._cached = (time.monotonic(), settings)
        return settings

    def replace(
        self, settings: DeliverySettings, expected_version: int, actor: str, when: datetime
    ):
        stored = self._fresh()
        fields = dataclasses.asdict(settings)
        fields.update(updated_at=when, updated_by=actor)
        fields.pop("version")
        if expected_version != stored.version or not self.store.replace_delivery_settings(
            fields, expected_version
        ):
            raise Refusal(
                "aborted",
                "VERSION_MISMATCH",
                f"the settings are at version {self._fresh().version}, not {expected_version}",
                "expected_version",
            )
        return self._fresh()

    def _fresh(self) -> DeliverySettings:
        with self._lock:
            self._cached = None
        return self.current()
