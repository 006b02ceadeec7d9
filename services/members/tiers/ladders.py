"""The stored tier ladder: read (briefly remembered) and replaced with a version check,
its change announced as tier.ladder_changed in the same write."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

from common import events as bus
from common import logs
from services.members.directory.service import DirectoryError
from services.members.storage import MemberStore
from services.members.tiers.ladder import Ladder, Tier

REFRESH_SECONDS = 2.0


class Ladders:
    def __init__(
        self,
        store: MemberStore,
        on_write: Callable[[str], None] = lambda _: None,
        to_message: Callable[[Ladder], object] | None = None,
    ) -> None:
        self.store = store
        self.on_write = on_write
        self.to_message = to_message  # the ladder as a loyalty.members.v1.TierLadder
        self._cached: tuple[float, Ladder | None] | None = None

    def current(self) -> Ladder | None:
        cached = self._cached
        if cached is not None and time.monotonic() - cached[0] <= REFRESH_SECONDS:
            return cached[1]
        doc = self.store.ladder()
        ladder = ladder_from_doc(doc) if doc else None
        self._cached = (time.monotonic(), ladder)
        return ladder

    def replace(self, ladder: Ladder, expected_version: int) -> Ladder:
        stored = dataclasses.replace(ladder, version=expected_version + 1)
        event = bus.envelope(
            "tier.ladder_changed",
            "members",
            "",
            logs.current_request_id(),
            tier_ladder_changed={"ladder": self.to_message(stored)},
        )
        if not self.store.replace_ladder(
            ladder_to_doc(stored), expected_version, [(event.event_id, event.SerializeToString())]
        ):
            raise DirectoryError(
                "aborted",
                "VERSION_MISMATCH",
                "the ladder changed since it was read",
                field="expected_version",
            )
        self._cached = None
        self.on_write("tier_ladder")
        return stored


def ladder_to_doc(ladder: Ladder) -> dict:
    doc = dataclasses.asdict(ladder)
    doc.pop("version")
    return doc


def ladder_from_doc(doc: dict) -> Ladder:
    values = {k: v for k, v in doc.items() if k not in ("_id", "outbox")}
    values["tiers"] = tuple(Tier(**tier) for tier in values["tiers"])
    return Ladder(**values)
