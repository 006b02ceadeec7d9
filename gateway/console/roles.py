"""Who may do what in the console: the staff roles mapped onto the REST API's staff roles
(gateway/blueprints/admin.py and custom_events.py say, per RPC, the least role that may
call it), so the console allows exactly what the same person could do with a staff key,
and no more.

viewer -> viewer: reads. admin -> admin: everything. support and marketer -> operator,
each within their area: support on members (adjustments, blocking, messages to one
member, refunds, message dead letters sent again), marketer on the programme (gifts,
vouchers, reward stock, segments, bulk sends). Webhooks' deliveries and replays are in
neither area: admin. An RPC the API does not list (staff accounts) needs admin."""

from __future__ import annotations

from gateway.blueprints import admin, custom_events

GATEWAY_ROLE = {"viewer": "viewer", "support": "operator", "marketer": "operator", "admin": "admin"}
ORDER = ("viewer", "operator", "admin")
MEMBERS, LEDGER = "loyalty.members.v1.MembersService", "loyalty.points.v1.LedgerService"
AREAS = {
    "support": {
        f"{MEMBERS}/UpdateMember",
        f"{MEMBERS}/BlockMember",
        f"{MEMBERS}/UnblockMember",
        f"{MEMBERS}/RotateQrToken",
        f"{LEDGER}/Adjust",
        f"{LEDGER}/RefundRedemption",
        "loyalty.members.v1.TiersService/SetMemberTier",
        "loyalty.notifications.v1.MessagesService/SendMessage",
        "loyalty.notifications.v1.MessagesService/ResendMessage",
        "loyalty.notifications.v1.MessagesService/RetryDeadLetters",
        "loyalty.points.v1.RewardsService/CancelRedemption",
    },
    "marketer": {
        "loyalty.points.v1.EarningRulesService/GrantGift",
        "loyalty.points.v1.RewardsService/IssueVoucher",
        "loyalty.points.v1.RewardsService/AdjustRewardStock",
        "loyalty.points.v1.RewardsService/CreateVoucherBatch",
        "loyalty.points.v1.RewardsService/VoidVoucherBatch",
        "loyalty.members.v1.InsightsService/RecomputeSegments",
        "loyalty.notifications.v1.MessagesService/StartBulkSend",
        "loyalty.notifications.v1.MessagesService/CancelBulkSend",
    },
}


def _least_roles() -> dict[str, str]:
    least: dict[str, str] = {}
    staff_routes = [r for r in custom_events.ROUTES if r.audience == "staff"]
    for route in (*admin.ROUTES, *staff_routes):
        known = least.get(route.rpc)
        if known is None or ORDER.index(route.role) < ORDER.index(known):
            least[route.rpc] = route.role
    return least


NEEDED = _least_roles()


def needed(rpc: str) -> str:
    """The API's least staff role for `rpc` (admin for one the API does not list)."""
    return NEEDED.get(rpc, "admin")


def may(role: str, rpc: str) -> bool:
    have, want = GATEWAY_ROLE.get(role, ""), needed(rpc)
    if not have:
        return False
    if want == "operator" and role in AREAS:
        return rpc in AREAS[role]
    return ORDER.index(have) >= ORDER.index(want)


def who_may(rpc: str) -> list[str]:
    """The console roles that may call `rpc`, for the refusal's message."""
    return [role for role in ("viewer", "support", "marketer", "admin") if may(role, rpc)]
