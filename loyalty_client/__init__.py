"""A typed Python client of the Loyalty Suite REST API.

    from loyalty_client import LoyaltyClient

    till = LoyaltyClient("http://127.0.0.1:8080", api_key="lsk_...")
    answer = till.partner.earn(
        {"member_id": "...", "store_id": "sen-q1", "transaction_id": "POS1-000123",
         "amount": {"amount_minor": 100000, "currency": "VND"},
         "occurred_at": "2026-12-03T10:00:00Z"},
    )
    answer["points_awarded"]

Each audience is one attribute: `me` (a member's token), `partner` (a till's key),
`admin` (a staff key), `auth` (signing in). Methods and their TypedDicts are generated
from the OpenAPI document (loyalty_client/api.py, `make client`); errors raise ApiError
with the API's code, message and the fields at fault. Only the standard library is used.
"""

from __future__ import annotations

from loyalty_client.api import AdminApi, AuthApi, MemberApi, PartnerApi
from loyalty_client.transport import ApiError, FieldProblem, Transport

__all__ = ["ApiError", "FieldProblem", "LoyaltyClient"]


class LoyaltyClient:
    def __init__(
        self, base_url: str, *, api_key: str = "", access_token: str = "", timeout: float = 10.0
    ) -> None:
        transport = Transport(base_url, api_key=api_key, access_token=access_token, timeout=timeout)
        self.me = MemberApi(transport)
        self.partner = PartnerApi(transport)
        self.admin = AdminApi(transport)
        self.auth = AuthApi(transport)
