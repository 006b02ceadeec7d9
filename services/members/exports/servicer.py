"""MembersExportsService over gRPC: checks the request, then streams the batches."""

from __future__ import annotations

from common import events as bus
from common.grpc_errors import answering_refusals
from common.validation import Checks
from loyalty.members.v1 import exports_pb2, exports_pb2_grpc
from services.members.exports.domain import MAX_BATCH, ExportedMember, batch_size
from services.members.exports.service import MemberExports

DOMAIN = "loyalty.members.v1"
rpc = answering_refusals(DOMAIN)


class MembersExportsServicer(exports_pb2_grpc.MembersExportsServiceServicer):
    def __init__(self, exports: MemberExports) -> None:
        self.exports = exports

    @rpc
    def ExportMembers(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("actor", request.actor)
        size = batch_size(request.batch_size)
        checks.check(size is not None, "batch_size", f"must be 0 (500) or 1..{MAX_BATCH}")
        checks.done()
        batches = self.exports.members(
            request.actor, size, request.segment_id, request.computation_id, request.after
        )
        return (exports_pb2.ExportMembersResponse(rows=[_row(m) for m in b]) for b in batches)


def _row(member: ExportedMember) -> exports_pb2.ExportedMember:
    return exports_pb2.ExportedMember(
        member_id=member.member_id,
        member_number=member.member_number,
        status=member.status,
        tier_code=member.tier_code,
        enrolled_at=bus.timestamp(member.enrolled_at),
        name=member.name,
        phone=member.phone,
        email=member.email,
        birthday=member.birthday,
        language=member.language,
        marketing_consents=member.marketing_consents,
        erased_at=bus.timestamp(member.erased_at),
    )
