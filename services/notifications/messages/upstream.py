"""What this service asks of the others over their APIs: expiring points (ledger),
birthdays, segment members and the tier ladder's names (members), answered as the
messages' domain values. Each listing is paged through to the end; a refusal or an outage
comes back as a Refusal."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from common import events as bus
from common.refusals import Refusal
from common.service_client import ServiceClient
from loyalty.common.v1 import common_pb2
from loyalty.members.v1 import (
    insights_pb2,
    insights_pb2_grpc,
    members_pb2,
    members_pb2_grpc,
    tiers_pb2,
    tiers_pb2_grpc,
)
from loyalty.points.v1 import ledger_pb2, ledger_pb2_grpc
from services.notifications.messages.domain.bulk import SegmentPage
from services.notifications.messages.domain.scheduled import Birthday, ExpiringPoints

DEADLINE_SECONDS = 10.0


class Upstream:
    def __init__(self, points_address: str, members_address: str) -> None:
        self.points = ServiceClient("points", points_address, DEADLINE_SECONDS)
        self.members = ServiceClient("members", members_address, DEADLINE_SECONDS)

    def expiring_points(self, start: datetime, end: datetime) -> Iterator[ExpiringPoints]:
        stub = self.points.stub(ledger_pb2_grpc.LedgerServiceStub)
        request = ledger_pb2.ListExpiringPointsRequest(
            window_start=bus.timestamp(start), window_end=bus.timestamp(end)
        )
        for reply in self.points.pages(stub.ListExpiringPoints, request):
            for row in reply.items:
                yield ExpiringPoints(row.member_id, row.expiry_date, row.points)

    def birthdays(self, at: datetime) -> Iterator[Birthday]:
        stub = self.members.stub(members_pb2_grpc.MembersServiceStub)
        request = members_pb2.ListBirthdaysRequest(at=bus.timestamp(at))
        for reply in self.members.pages(stub.ListBirthdays, request):
            for member in reply.members:
                yield Birthday(member.member_id, member.time_zone)

    def segment_page(
        self, segment_id: str, computation_id: str, cursor: str, size: int
    ) -> SegmentPage:
        """One page of a segment's member ids."""
        stub = self.members.stub(insights_pb2_grpc.InsightsServiceStub)
        request = insights_pb2.ListSegmentMembersRequest(
            segment_id=segment_id,
            computation_id=computation_id,
            page=common_pb2.PageRequest(page_size=size, cursor=cursor),
        )
        reply = self.members.call(stub.ListSegmentMembers, request)
        return SegmentPage(
            reply.computation_id,
            list(reply.member_ids),
            reply.total,
            reply.page_info.next_cursor,
        )

    def tier_names(self) -> dict[str, dict[str, str]]:
        """Each tier's names per language, by tier code; empty without a ladder."""
        stub = self.members.stub(tiers_pb2_grpc.TiersServiceStub)
        try:
            reply = self.members.call(stub.GetTierLadder, tiers_pb2.GetTierLadderRequest())
        except Refusal as refusal:
            if refusal.kind == "not_found":
                return {}
            raise
        return {tier.code: dict(tier.name) for tier in reply.ladder.tiers}
