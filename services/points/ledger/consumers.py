"""The points service's copy of what it needs from the members service, fed by events.

Each account carries its member's status (active, blocked, erased) and tier multiplier,
so an earn reads one document and does not wait on the members service (it asks only
for a member it has no account for yet: `AccountOpener`). Updates apply only when newer
(member_version), so redelivered or reordered events change nothing.
"""

from __future__ import annotations

import logging

from common.refusals import Refusal
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import members_pb2
from services.points.ledger.store import LedgerStore
from services.points.upstream import MembersView

log = logging.getLogger("loyalty.points.members")
STATUS_OF = {
    members_pb2.MEMBER_STATUS_ACTIVE: "active",
    members_pb2.MEMBER_STATUS_BLOCKED: "blocked",
    members_pb2.MEMBER_STATUS_ERASED: "erased",
}


class MemberFeed:
    def __init__(self, store: LedgerStore, on_ladder_changed=lambda: None) -> None:
        self.store = store
        self.on_ladder_changed = on_ladder_changed  # e.g. forget a kept copy of the ladder

    def handle(self, event: events_pb2.Envelope) -> None:
        if event.WhichOneof("payload") == "tier_ladder_changed":
            self._ladder_changed(event.tier_ladder_changed.ladder)
            return
        facts = self._facts(event)
        if facts is not None:
            fields, guard, value = facts
            self.store.upsert_member(event.member_id, fields, guard, value)

    def _ladder_changed(self, ladder) -> None:
        """A tier's multiplier changed: every account in that tier earns at the new one."""
        for tier in ladder.tiers:
            self.store.set_tier_multiplier(tier.code, tier.benefits.earn_multiplier_bp or 10_000)
        self.on_ladder_changed()

    @staticmethod
    def _facts(event: events_pb2.Envelope) -> tuple[dict, str, object] | None:
        """(fields to set, the field that orders them, this event's value of it)."""
        kind = event.WhichOneof("payload")
        if kind == "member_enrolled":
            enrolled = event.member_enrolled
            return (
                {"status": "active", "tier_code": enrolled.tier_code},
                "member_version",
                enrolled.member_version,
            )
        statuses = {
            "member_blocked": "blocked",
            "member_unblocked": "active",
            "member_erased": "erased",
        }
        if kind in statuses:
            version = getattr(event, kind).member_version
            return {"status": statuses[kind]}, "member_version", version
        if kind == "tier_changed":
            change = event.tier_changed
            multiplier = change.to_tier.benefits.earn_multiplier_bp or 10_000
            # Tier changes carry no member version; they are ordered by when they took effect.
            return (
                {"tier_code": change.to_tier.code, "earn_multiplier_bp": multiplier},
                "tier_effective_at",
                change.effective_at.ToMicroseconds(),
            )
        return None


class AccountOpener:
    """Opens the account of a member whose enrolment event has not reached this service
    yet (a till enrols a customer and earns for the same purchase at once), from what
    the members service answers now. The event, when it comes, changes nothing older
    than that answer (member_version)."""

    def __init__(self, members: MembersView, store: LedgerStore) -> None:
        self.members = members
        self.store = store

    def __call__(self, member_id: str) -> bool:
        """Whether the member exists and now has an account."""
        try:
            member = self.members.member(member_id)
        except Refusal:
            log.warning("members service unreachable: an unknown account stays unknown")
            return False
        if member is None or member.status not in STATUS_OF:
            return False
        fields = {
            "status": STATUS_OF[member.status],
            "tier_code": member.tier_code,
            "earn_multiplier_bp": self.members.tier_multiplier(member.tier_code),
        }
        self.store.upsert_member(member_id, fields, "member_version", member.version)
        return True
