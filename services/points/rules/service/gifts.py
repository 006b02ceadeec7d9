"""One-off gifts the CRM team grants: points and/or a voucher, to one member at once or to
every member of a segment in the background.

A grant's id derives from its idempotency key, and each member's points and voucher are
keyed by the grant, so a retried request, a resumed FAILED grant or a grant restarted
after a crash gives every member the gift at most once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import threading
from collections.abc import Callable
from datetime import datetime

from common.refusals import Refusal
from services.points.rewards.service.issuing import Issue, Issuer
from services.points.rules.service.bonuses import SKIPPED
from services.points.rules.store import RuleStore

log = logging.getLogger("loyalty.points.gifts")
RUNNING, COMPLETED, FAILED = "running", "completed", "failed"
PROGRESS_EVERY = 50


@dataclasses.dataclass(frozen=True)
class GiftRequest:
    key: str
    member_id: str
    segment_id: str
    points: int
    reward_id: str
    expires_at: datetime | None
    note: dict[str, str]
    actor: str
    reason: str

    def fingerprint(self) -> str:
        return hashlib.sha256(repr(dataclasses.astuple(self)).encode()).hexdigest()


class Gifts:
    def __init__(
        self,
        store: RuleStore,
        ledger,
        issuer: Issuer,
        segment_members: Callable,
        announce_voucher_only: Callable,
        clock: Callable[[], datetime],
    ) -> None:
        self.store = store
        self.ledger = ledger
        self.issuer = issuer
        self.segment_members = segment_members
        self.announce_voucher_only = announce_voucher_only
        self.clock = clock

    def grant(self, request: GiftRequest) -> tuple[dict, bool]:
        """(the grant, replayed): completed for one member, running for a segment."""
        grant_id = "g" + hashlib.sha256(request.key.encode()).hexdigest()[:20]
        existing = self.store.grant(grant_id)
        if existing is not None:
            return self._again(existing, request), True
        if request.reward_id:
            self.issuer.catalogue.get(request.reward_id)  # NOT_FOUND before anything is given
        if request.member_id:
            self.ledger.accounts.load(request.member_id)  # NOT_FOUND for an unknown member
        grant = {
            "_id": grant_id,
            **dataclasses.asdict(request),
            "fingerprint": request.fingerprint(),
            "state": RUNNING,
            "members_total": 1 if request.member_id else 0,
            "members_granted": 0,
            "members_skipped": 0,
            "entry_id": "",
            "voucher_code": "",
            "error": "",
            "created_at": self.clock(),
            "completed_at": None,
        }
        self.store.insert_grant(grant)
        if request.member_id:
            return self._single(grant), False
        self._start(grant)
        return self.get(grant_id), False

    def get(self, grant_id: str) -> dict:
        found = self.store.grant(grant_id)
        if found is None:
            raise Refusal("not_found", "GRANT_NOT_FOUND", "no such gift grant", "grant_id")
        return found

    def resume_stalled(self) -> None:
        """Restarts segment grants a crash left running (each member still once)."""
        for grant in self.store.running_segment_grants(RUNNING):
            if grant["_id"] not in _running:
                self._start(grant)

    def _again(self, existing: dict, request: GiftRequest) -> dict:
        if existing["fingerprint"] != request.fingerprint():
            raise Refusal(
                "exists",
                "IDEMPOTENCY_KEY_REUSED",
                "this idempotency key granted another gift",
                "idempotency_key",
            )
        if existing["state"] == FAILED or (existing["state"] == RUNNING and existing["member_id"]):
            self.store.update_grant(existing["_id"], {"state": RUNNING, "error": ""})
            if existing["member_id"]:
                return self._single({**existing, "state": RUNNING})
            self._start(existing)
        return self.get(existing["_id"])

    def _single(self, grant: dict) -> dict:
        entry_id, code, _again = self._give(grant, grant["member_id"])
        self.store.update_grant(
            grant["_id"],
            {
                "state": COMPLETED,
                "members_granted": 1,
                "entry_id": entry_id,
                "voucher_code": code,
                "completed_at": self.clock(),
            },
        )
        return self.get(grant["_id"])

    def _give(self, grant: dict, member_id: str) -> tuple[str, str, bool]:
        """Gives the gift to one member, or finds it given: (entry id, voucher code, given
        before)."""
        key = f"gift:{grant['_id']}"
        code, replayed = "", True
        if grant["reward_id"]:
            voucher, replayed = self.issuer.issue(
                Issue(member_id, grant["reward_id"], "gift", key, grant["actor"], grant["reason"])
            )
            code = voucher["code"]
        details = {
            "trigger": "gift",
            "grant_id": grant["_id"],
            "name": grant["note"],
            "reference": grant["_id"],
            "voucher_code": code,
        }
        if not grant["points"]:
            self.announce_voucher_only(member_id, details, self.clock(), f"{key}:{member_id}")
            return "", code, replayed
        outcome = self.ledger.credits.award_bonus(
            member_id,
            grant["points"],
            occasion=details,
            counts_for_tier=False,
            expires_at=grant["expires_at"],
            actor=grant["actor"],
            idempotency_key=key,
        )
        return outcome.entry.entry_id, code, replayed and outcome.replayed

    def _start(self, grant: dict) -> None:
        with _lock:
            if grant["_id"] in _running:
                return
            _running.add(grant["_id"])
        threading.Thread(
            target=self._run_segment, args=(grant,), name=f"gift-{grant['_id']}", daemon=True
        ).start()

    def _run_segment(self, grant: dict) -> None:
        granted = skipped = 0
        try:
            for member_id in self.segment_members(grant["segment_id"]):
                try:
                    _entry, _code, before = self._give(grant, member_id)
                    granted, skipped = granted + (not before), skipped + before
                except Refusal as refusal:
                    if refusal.reason not in SKIPPED | {"MEMBER_NOT_FOUND", "OUT_OF_STOCK"}:
                        raise
                    skipped += 1
                if (granted + skipped) % PROGRESS_EVERY == 0:
                    self._progress(grant, granted, skipped, RUNNING)
            self._progress(grant, granted, skipped, COMPLETED)
        except Exception as error:  # recorded on the grant; sending it again resumes
            log.warning("gift grant failed", extra={"grant_id": grant["_id"]})
            self._progress(grant, granted, skipped, FAILED, str(error) or type(error).__name__)
        finally:
            with _lock:
                _running.discard(grant["_id"])

    def _progress(self, grant, granted, skipped, state, error="") -> None:
        changes = {
            "members_granted": granted,
            "members_skipped": skipped,
            "state": state,
            "members_total": max(granted + skipped, grant["members_total"]),
            "error": error,
        }
        if state == COMPLETED:
            changes["completed_at"] = self.clock()
        self.store.update_grant(grant["_id"], changes)


# Segment grants running in this process (a grant runs in one thread at a time).
_running: set[str] = set()
_lock = threading.Lock()
