"""PresenceService over gRPC: translation and request checks, nothing else."""

from __future__ import annotations

from common.validation import Checks
from loyalty.points.v1 import presence_pb2_grpc
from services.points.ledger.messages import DOMAIN, rpc
from services.points.presence.messages import code_message
from services.points.presence.service import Presence


class PresenceServicer(presence_pb2_grpc.PresenceServiceServicer):
    def __init__(self, presence: Presence) -> None:
        self.presence = presence

    @rpc
    def IssuePresenceCode(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("member_id", request.member_id)
        checks.done()
        return code_message(self.presence.issue(request.member_id))
