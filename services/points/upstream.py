"""What the rules and the catalogue need from the members service, asked over its API:
the tier ladder (ranks, exclusive rewards, valid tier codes), a member's segments, the
members of a segment and of a birthday month, and a member the ledger has not heard of.

The ladder changes rarely and a member's segments once per computation, so each is kept
for a short while; a ladder event forgets the ladder at once (`forget_ladder`).
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterator

from common.refusals import Refusal
from common.service_client import ServiceClient
from loyalty.members.v1 import (
    insights_pb2,
    insights_pb2_grpc,
    members_pb2,
    members_pb2_grpc,
    tiers_pb2,
    tiers_pb2_grpc,
)

DEADLINE_SECONDS = 5.0
KEEP_SECONDS = 30.0


@dataclasses.dataclass(frozen=True)
class TierFacts:
    code: str
    rank: int
    earn_multiplier_bp: int
    exclusive_rewards: bool


class MembersView:
    def __init__(self, address: str, keep_seconds: float = KEEP_SECONDS) -> None:
        self.client = ServiceClient("members", address, DEADLINE_SECONDS)
        self.keep_seconds = keep_seconds
        self._kept: dict[str, tuple[float, object]] = {}
        self._lock = threading.Lock()

    def retarget(self, address: str) -> None:
        """Asks another address from now on (tests start the members service after the
        ledger that asks it)."""
        self.client.retarget(address)
        with self._lock:
            self._kept.clear()

    def ladder(self) -> dict[str, TierFacts]:
        """Tiers by code; UNAVAILABLE when the members service cannot be reached."""
        return self._kept_or("ladder", self._read_ladder)

    def tier_codes(self) -> set[str] | None:
        """The ladder's tier codes, or None when the members service cannot be reached
        (an admin check is then skipped rather than refusing every change)."""
        try:
            return set(self.ladder())
        except Refusal:
            return None

    def tier_multiplier(self, code: str) -> int:
        """A tier's earn multiplier (1x for an unknown tier or an unreachable service)."""
        try:
            tier = self.ladder().get(code)
        except Refusal:
            return 10_000
        return tier.earn_multiplier_bp if tier else 10_000

    def forget_ladder(self) -> None:
        with self._lock:
            self._kept.pop("ladder", None)

    def member(self, member_id: str) -> members_pb2.Member | None:
        """The member as the members service has it now; None when it knows no such id."""
        stub = self.client.stub(members_pb2_grpc.MembersServiceStub)
        try:
            return self.client.call(
                stub.GetMember, members_pb2.GetMemberRequest(member_id=member_id)
            ).member
        except Refusal as refusal:
            if refusal.kind in ("not_found", "invalid"):
                return None
            raise

    def segments(self, member_id: str) -> frozenset[str]:
        """The member's segments in the latest computation (none before the first)."""
        return self._kept_or(f"segments:{member_id}", lambda: self._read_segments(member_id))

    def segment_members(self, segment_id: str) -> Iterator[str]:
        stub = self.client.stub(insights_pb2_grpc.InsightsServiceStub)
        request = insights_pb2.ListSegmentMembersRequest(segment_id=segment_id)
        for reply in self.client.pages(stub.ListSegmentMembers, request):
            request.computation_id = reply.computation_id  # every page from one computation
            yield from reply.member_ids

    def birthdays_in_month(self, month: int) -> Iterator[str]:
        stub = self.client.stub(members_pb2_grpc.MembersServiceStub)
        request = members_pb2.ListBirthdaysRequest(month=month)
        for reply in self.client.pages(stub.ListBirthdays, request):
            yield from (member.member_id for member in reply.members)

    def _read_ladder(self) -> dict[str, TierFacts]:
        stub = self.client.stub(tiers_pb2_grpc.TiersServiceStub)
        ladder = self.client.call(stub.GetTierLadder, tiers_pb2.GetTierLadderRequest()).ladder
        return {
            tier.code: TierFacts(
                tier.code,
                tier.rank,
                tier.benefits.earn_multiplier_bp or 10_000,
                tier.benefits.exclusive_rewards,
            )
            for tier in ladder.tiers
        }

    def _read_segments(self, member_id: str) -> frozenset[str]:
        stub = self.client.stub(insights_pb2_grpc.InsightsServiceStub)
        request = insights_pb2.GetMemberSegmentRequest(member_id=member_id)
        try:
            reply = self.client.call(stub.GetMemberSegment, request)
        except Refusal as refusal:
            if refusal.kind in ("not_found", "precondition"):
                return frozenset()  # not segmented yet: in no segment
            raise
        return frozenset(reply.member_segment.segment_ids)

    def _kept_or(self, key: str, read):
        now = time.monotonic()
        with self._lock:
            kept = self._kept.get(key)
        if kept and now - kept[0] < self.keep_seconds:
            return kept[1]
        value = read()
        with self._lock:
            self._kept[key] = (now, value)
        return value
