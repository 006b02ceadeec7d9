"""/v1/me: the member app. Every call acts for the signed-in member (their id comes from
the access token, never from the request)."""

from __future__ import annotations

from flask import Blueprint

from gateway.api import Route

blueprint = Blueprint("me", __name__)
PAGE = ("page.page_size", "page.cursor")


def _me(who):
    return {"member_id": who.member_id}


def _app_redemption(who):
    # Redeemed in the app: no till takes part.
    return {"member_id": who.member_id, "partner_id": "", "store_id": "", "transaction_id": ""}


MEMBERS, TIERS = "loyalty.members.v1.MembersService", "loyalty.members.v1.TiersService"
LEDGER, REWARDS = "loyalty.points.v1.LedgerService", "loyalty.points.v1.RewardsService"
INBOX = "loyalty.notifications.v1.InboxService"
INSIGHTS = "loyalty.members.v1.InsightsService"
ROUTES = [
    Route(
        "POST",
        "/v1/me/presence-codes",
        "A presence code to show at the till when paying with points or a voucher: a QR "
        "code (token) and six digits (code), for one payment, valid two minutes",
        "member",
        "points",
        "loyalty.points.v1.PresenceService/IssuePresenceCode",
        inject=_me,
        status=201,
    ),
    Route(
        "GET",
        "/v1/me",
        "My profile and consents",
        "member",
        "members",
        f"{MEMBERS}/GetMember",
        inject=_me,
    ),
    Route(
        "PATCH",
        "/v1/me",
        "Change my profile: send only the fields that change",
        "member",
        "members",
        f"{MEMBERS}/UpdateMember",
        inject=_me,
        idempotency="required",
        mask_of="profile",
    ),
    Route(
        "PUT",
        "/v1/me/consents",
        "Give or withdraw marketing consents",
        "member",
        "members",
        f"{MEMBERS}/UpdateConsents",
        inject=_me,
        idempotency="required",
    ),
    Route(
        "GET",
        "/v1/me/consents",
        "My consent history, newest first",
        "member",
        "members",
        f"{MEMBERS}/ListConsentHistory",
        inject=_me,
        query=("channel", *PAGE),
    ),
    Route(
        "POST",
        "/v1/me/qr-token",
        "A new QR code for the till (the old one stops working at once)",
        "member",
        "members",
        f"{MEMBERS}/RotateQrToken",
        inject=_me,
        idempotency="required",
    ),
    Route(
        "GET",
        "/v1/me/referrals",
        "The friends I referred, newest first",
        "member",
        "members",
        f"{MEMBERS}/ListReferrals",
        inject=_me,
        query=PAGE,
    ),
    Route(
        "POST",
        "/v1/me/nps-answers",
        "Answer the satisfaction survey (0 to 10)",
        "member",
        "members",
        f"{INSIGHTS}/RecordNpsAnswer",
        inject=_me,
        idempotency="required",
        status=201,
    ),
    Route(
        "GET",
        "/v1/me/balance",
        "My points",
        "member",
        "points",
        f"{LEDGER}/GetBalance",
        inject=_me,
        etag=True,
    ),
    Route(
        "GET",
        "/v1/me/entries",
        "My points history, newest first",
        "member",
        "points",
        f"{LEDGER}/ListEntries",
        inject=_me,
        query=PAGE,
    ),
    Route(
        "GET",
        "/v1/me/tier",
        "My tier and my progress to the next one",
        "member",
        "members",
        f"{TIERS}/GetMemberTier",
        inject=_me,
    ),
    Route(
        "GET",
        "/v1/me/lots",
        "My points by the lot they came in, with when each expires",
        "member",
        "points",
        f"{LEDGER}/ListLots",
        inject=_me,
        query=("states", *PAGE),
    ),
    Route(
        "GET",
        "/v1/me/tier/history",
        "How my tier changed, newest first",
        "member",
        "members",
        f"{TIERS}/ListTierHistory",
        inject=_me,
        query=PAGE,
    ),
    Route(
        "GET",
        "/v1/me/rewards",
        "Rewards I can see, with what I can afford",
        "member",
        "points",
        f"{REWARDS}/ListRewardsForMember",
        inject=_me,
        query=("affordable_only", *PAGE),
        etag=True,
    ),
    Route(
        "POST",
        "/v1/me/redemptions",
        "Redeem a reward",
        "member",
        "points",
        f"{REWARDS}/RedeemReward",
        inject=_app_redemption,
        idempotency="required",
        status=201,
    ),
    Route(
        "GET",
        "/v1/me/redemptions",
        "My redemptions, newest first",
        "member",
        "points",
        f"{REWARDS}/ListRedemptions",
        inject=_me,
        query=PAGE,
    ),
    Route(
        "GET",
        "/v1/me/vouchers",
        "My vouchers, soonest expiry first",
        "member",
        "points",
        f"{REWARDS}/ListMemberVouchers",
        inject=_me,
        query=PAGE,
    ),
    Route(
        "GET",
        "/v1/me/inbox",
        "My inbox, newest first",
        "member",
        "notifications",
        f"{INBOX}/ListInboxMessages",
        inject=_me,
        query=("unread_only", *PAGE),
    ),
    Route(
        "GET",
        "/v1/me/inbox/unread",
        "How many inbox messages I have not read",
        "member",
        "notifications",
        f"{INBOX}/GetUnreadCount",
        inject=_me,
    ),
    Route(
        "POST",
        "/v1/me/inbox/read",
        "Mark inbox messages read",
        "member",
        "notifications",
        f"{INBOX}/MarkInboxRead",
        inject=_me,
        idempotency="required",
    ),
]
