"""What this service asks of the others over their APIs: expiring points (ledger),
birthdays and segment members (members), answered as the messages' domain values. Each
answer is paged through to the end."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import grpc

from common import events as bus
from common.grpc_client import open_channel
from common.refusals import Refusal
from loyalty.common.v1 import common_pb2
from loyalty.members.v1 import insights_pb2, insights_pb2_grpc, members_pb2, members_pb2_grpc
from loyalty.points.v1 import ledger_pb2, ledger_pb2_grpc
from services.notifications.messages.domain.bulk import SegmentPage
from services.notifications.messages.domain.scheduled import Birthday, ExpiringPoints

DEADLINE_SECONDS = 10.0
PAGE = 500


class Upstream:
    def __init__(self, points_address: str, members_address: str) -> None:
        self.points_address = points_address
        self.members_address = members_address
        self._channels: dict[str, grpc.Channel] = {}

    def expiring_points(self, start: datetime, end: datetime) -> Iterator[ExpiringPoints]:
        stub = ledger_pb2_grpc.LedgerServiceStub(self._channel(self.points_address))
        request = ledger_pb2.ListExpiringPointsRequest(
            window_start=bus.timestamp(start), window_end=bus.timestamp(end)
        )
        for row in self._pages("ledger", stub.ListExpiringPoints, request, "items"):
            yield ExpiringPoints(row.member_id, row.expiry_date, row.points)

    def birthdays(self, at: datetime) -> Iterator[Birthday]:
        stub = members_pb2_grpc.MembersServiceStub(self._channel(self.members_address))
        request = members_pb2.ListBirthdaysRequest(at=bus.timestamp(at))
        for member in self._pages("members service", stub.ListBirthdays, request, "members"):
            yield Birthday(member.member_id, member.time_zone)

    def segment_page(
        self, segment_id: str, computation_id: str, cursor: str, size: int
    ) -> SegmentPage:
        """One page of a segment's member ids."""
        stub = insights_pb2_grpc.InsightsServiceStub(self._channel(self.members_address))
        request = insights_pb2.ListSegmentMembersRequest(
            segment_id=segment_id,
            computation_id=computation_id,
            page=common_pb2.PageRequest(page_size=size, cursor=cursor),
        )
        try:
            reply = stub.ListSegmentMembers(request)
        except grpc.RpcError as error:
            raise _refusal("members service", error) from None
        return SegmentPage(
            reply.computation_id,
            list(reply.member_ids),
            reply.total,
            reply.page_info.next_cursor,
        )

    def _pages(self, name: str, call, request, field: str) -> Iterator:
        request.page.page_size = PAGE
        while True:
            try:
                reply = call(request)
            except grpc.RpcError as error:
                raise _refusal(name, error) from None
            yield from getattr(reply, field)
            if not reply.page_info.next_cursor:
                return
            request.page.cursor = reply.page_info.next_cursor

    def _channel(self, address: str) -> grpc.Channel:
        if address not in self._channels:
            self._channels[address] = open_channel(address, DEADLINE_SECONDS)
        return self._channels[address]


def _refusal(name: str, error: grpc.RpcError) -> Refusal:
    if error.code() == grpc.StatusCode.NOT_FOUND:
        return Refusal(
            "not_found", "SEGMENT_NOT_FOUND", error.details() or "not found", "segment_id"
        )
    if error.code() == grpc.StatusCode.FAILED_PRECONDITION:
        return Refusal("precondition", "SEGMENTS_NOT_COMPUTED", error.details() or "")
    return Refusal(
        "unavailable",
        "UPSTREAM_UNAVAILABLE",
        f"the {name} could not be reached ({error.code().name})",
    )
