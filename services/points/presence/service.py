"""Member presence at a till: codes issued to the member's app, confirmed when a till
spends. See domain.py for what a code is."""

from __future__ import annotations

from common import clock
from common.clock import Clock
from common.refusals import Refusal
from services.points.presence import domain
from services.points.presence.domain import WRONG_CODES_ALLOWED, PresenceCode, PresenceProof
from services.points.presence.store import PresenceStore


class Presence:
    def __init__(self, store: PresenceStore, secret: bytes, clock: Clock = clock.now) -> None:
        self.store = store
        self.secret = secret
        self.clock = clock

    def issue(self, member_id: str) -> PresenceCode:
        while True:  # a member's live codes never repeat (one in a million draws does)
            code = domain.issue(self.secret, member_id, self.clock())
            if self.store.add(code):
                return code

    def confirm(self, member_id: str, proof: PresenceProof, operation: str) -> None:
        """Refuses unless `proof` is the member's live code, unspent or spent by this same
        `operation` (a retry of it presents the code again). Wrong codes count towards
        the member's lock, so a till cannot guess its way in."""
        if not proof.given:
            raise Refusal(
                "permission",
                "PRESENCE_REQUIRED",
                "spending at a till needs the member's presence code (their app shows it)",
                "presence",
            )
        now = self.clock()
        if self.store.wrong_codes(member_id, now) >= WRONG_CODES_ALLOWED:
            raise _locked()
        code = domain.code_in(self.secret, member_id, proof, now)
        if code is None or not self.store.spend(
            domain.code_digest(member_id, code), operation, now
        ):
            if self.store.count_wrong_code(member_id, now) > WRONG_CODES_ALLOWED:
                raise _locked()
            raise _not_confirmed(
                "the presence code is wrong, expired, used or another member's; "
                "ask the member for the code their app shows now"
            )


def _not_confirmed(message: str) -> Refusal:
    return Refusal("permission", "PRESENCE_NOT_CONFIRMED", message, "presence")


def _locked() -> Refusal:
    return Refusal(
        "permission",
        "PRESENCE_LOCKED",
        "too many wrong presence codes for this member; try again in a few minutes",
        "presence",
    )
