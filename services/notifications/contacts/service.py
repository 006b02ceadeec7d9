"""This service's copy of members' contact data, kept from the members' events.

The newest member_version wins, so events arriving late or twice change nothing; an
erasure leaves a tombstone and has every part delete what it holds of the member.

A message reads the copy when it is created (consent, channels, language) and its
first attempt follows a moment later: the dispatcher takes the copy read within the
last REUSE_SECONDS in this process (`recent`) rather than reading it again. A members'
event handled here forgets it at once; one handled by another process is seen by the
next read, and an erasure there also suppresses every delivery still due.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import datetime

from common.refusals import Refusal
from services.notifications.contacts.domain import (
    DEFAULT_LANGUAGE,
    Change,
    Contact,
    ContactCopy,
    Erased,
    Erasure,
    NewDetails,
    NewStatus,
    NewTier,
)
from services.notifications.contacts.store import ContactStore

log = logging.getLogger("loyalty.notifications.contacts")
REUSE_SECONDS = 2.0
LADDER_SECONDS = 60.0


class ContactBook:
    def __init__(
        self,
        store: ContactStore,
        forget: Sequence[Callable[[str, datetime], None]] = (),
        *,
        reuse_seconds: float = REUSE_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        # What the other parts delete of an erased member: forget(member_id, when).
        self.forget = tuple(forget)
        self.reuse_seconds = reuse_seconds
        self.monotonic = monotonic
        self._lock = threading.Lock()
        self._read: OrderedDict[str, tuple[float, Contact]] = OrderedDict()  # oldest first
        # Bumped by every members' event: a read that began before one is not kept.
        self._generation = 0

    def get(self, member_id: str) -> Contact | None:
        """The copy, read now; None when there is none yet; Erased after an erasure."""
        with self._lock:
            generation = self._generation
        copy = self.store.copy(member_id)
        if copy is None:
            return None
        contact = copy.contact()
        self._keep(member_id, contact, generation)
        return contact

    def recent(self, member_id: str) -> Contact | None:
        """The copy read here within `reuse_seconds` (by the message's creation, as a
        rule), else `get`."""
        with self._lock:
            kept = self._read.get(member_id)
        if kept and self.monotonic() - kept[0] < self.reuse_seconds:
            return kept[1]
        return self.get(member_id)

    def known(self, member_id: str) -> Contact | None:
        """The copy, read now; None when there is none (yet, or any more)."""
        try:
            return self.get(member_id)
        except Erased:
            return None

    def copy_of(self, member_id: str) -> ContactCopy | None:
        """The copy as the members' events left it; None when there is none."""
        try:
            return self.store.copy(member_id)
        except Erased:
            return None

    def language(self, member_id: str) -> str:
        """The language of the copy ("vi" when there is none)."""
        copy = self.copy_of(member_id)
        return copy.details.language if copy else DEFAULT_LANGUAGE

    def _keep(self, member_id: str, contact: Contact, generation: int) -> None:
        now = self.monotonic()
        with self._lock:
            if generation != self._generation:
                return
            self._read[member_id] = (now, contact)
            self._read.move_to_end(member_id)
            while self._read and now - next(iter(self._read.values()))[0] >= self.reuse_seconds:
                self._read.popitem(last=False)

    def _forget_read(self, member_id: str) -> None:
        with self._lock:
            self._generation += 1
            self._read.pop(member_id, None)

    def apply(self, member_id: str, change: Change | None) -> None:
        """What a members' event changes (None: nothing on the copy; what was read of the
        member is forgotten all the same)."""
        # Forgotten before the write (none of it is used while it runs) and after (no
        # read of the old copy made meanwhile is kept).
        self._forget_read(member_id)
        try:
            self._apply(member_id, change)
        finally:
            self._forget_read(member_id)

    def _apply(self, member_id: str, change: Change | None) -> None:
        match change:
            case NewDetails(version, details, at):
                self.store.put_details(member_id, version, details, at)
            case NewStatus(version, status, at):
                self.store.put_status(member_id, version, status, at)
            case Erasure(version, at):
                self.store.erase(member_id, version, at)
                for forget in self.forget:
                    forget(member_id, at)
            case NewTier(names, at):
                self.store.put_tier(member_id, names, at)


class TierNames:
    """The ladder's tier names per language, by tier code: what an enrolment (which names
    only its entry tier's code) puts on the contact copy, so the welcome and every message
    after it can say the member's tier.

    Kept from the members' TierLadderChanged events, and read from their API (`fetch`)
    when not known or older than `max_age_seconds` (another process may have seen the
    change). When the members service cannot be reached, a tier is not named rather than
    the event held back.
    """

    def __init__(
        self,
        fetch: Callable[[], dict[str, dict[str, str]]],
        *,
        max_age_seconds: float = LADDER_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.fetch = fetch
        self.max_age_seconds = max_age_seconds
        self.monotonic = monotonic
        self._lock = threading.Lock()
        self._names: dict[str, dict[str, str]] | None = None
        self._read_at = 0.0

    def of(self, code: str) -> dict[str, str]:
        """The tier's names ({} when the ladder has no such tier or cannot be read)."""
        if not code:
            return {}
        with self._lock:
            names, fresh = self._names, self.monotonic() - self._read_at < self.max_age_seconds
        if names is None or not fresh or code not in names:
            try:
                names = self.fetch()
            except Refusal as refusal:
                log.warning("tier names not read: %s", refusal.message)
                return dict((names or {}).get(code, {}))
            self.replace(names)
        return dict(names.get(code, {}))

    def replace(self, names: dict[str, dict[str, str]]) -> None:
        """The ladder as a TierLadderChanged event (or the API) gives it."""
        with self._lock:
            self._names, self._read_at = names, self.monotonic()
