"""ApiKeysService over gRPC: checks and translates; services/points/api_keys.py keeps them."""

from __future__ import annotations

from common import events as bus
from common.grpc_errors import answering_refusals
from common.validation import Checks
from loyalty.points.v1 import partners_pb2 as pb
from loyalty.points.v1 import partners_pb2_grpc
from services.points.api_keys import ADMIN, OPERATOR, PARTNER, VIEWER, ApiKeys

DOMAIN = "loyalty.points.v1"
rpc = answering_refusals(DOMAIN)
ROLES = {
    PARTNER: pb.API_KEY_ROLE_PARTNER,
    VIEWER: pb.API_KEY_ROLE_VIEWER,
    OPERATOR: pb.API_KEY_ROLE_OPERATOR,
    ADMIN: pb.API_KEY_ROLE_ADMIN,
}
ROLE_NAMES = {value: name for name, value in ROLES.items()}


class ApiKeysServicer(partners_pb2_grpc.ApiKeysServiceServicer):
    def __init__(self, keys: ApiKeys) -> None:
        self.keys = keys

    @rpc
    def CreateApiKey(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("name", request.name, max_length=200)
        checks.text("actor", request.actor)
        role = ROLE_NAMES.get(request.role)
        if checks.check(role is not None, "role", "is required"):
            partner_key = role == PARTNER
            checks.check(
                bool(request.partner_id) == partner_key,
                "partner_id",
                "is required for a partner key and only for one",
            )
            checks.check(
                partner_key or not request.store_ids, "store_ids", "only a partner key has stores"
            )
        checks.done()
        doc, secret = self.keys.create(
            request.name, role, request.partner_id, list(request.store_ids), request.actor
        )
        return pb.CreateApiKeyResponse(key=key_message(doc), secret=secret)

    @rpc
    def ListApiKeys(self, request, context):
        found = self.keys.listing(request.partner_id, request.include_revoked)
        return pb.ListApiKeysResponse(keys=[key_message(d) for d in found])

    @rpc
    def RevokeApiKey(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("key_id", request.key_id)
        checks.who_and_why(request)
        checks.done()
        return pb.RevokeApiKeyResponse(
            key=key_message(self.keys.revoke(request.key_id, request.actor))
        )

    @rpc
    def VerifyApiKey(self, request, context):
        return pb.VerifyApiKeyResponse(key=key_message(self.keys.verify(request.key)))


def key_message(doc: dict) -> pb.ApiKey:
    return pb.ApiKey(
        key_id=doc["_id"],
        name=doc["name"],
        role=ROLES[doc["role"]],
        partner_id=doc["partner_id"],
        store_ids=doc["store_ids"],
        created_at=bus.timestamp(doc["created_at"]),
        created_by=doc["created_by"],
        revoked_at=bus.timestamp(doc.get("revoked_at")),
        revoked_by=doc.get("revoked_by", ""),
    )
