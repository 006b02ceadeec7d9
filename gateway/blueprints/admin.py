"""/v1/admin: the CRM team and ops, with staff keys. viewer reads; operator also runs the
programme day to day (adjustments, vouchers, gifts, bulk sends, blocking members); admin
also configures it (tiers, rules, rewards, templates, keys) and erases members."""

from __future__ import annotations

from flask import Blueprint, current_app

from gateway.api import Route

blueprint = Blueprint("admin", __name__)
PAGE = ("page.page_size", "page.cursor")
MEMBERS, TIERS = "loyalty.members.v1.MembersService", "loyalty.members.v1.TiersService"
INSIGHTS = "loyalty.members.v1.InsightsService"
LEDGER, REWARDS = "loyalty.points.v1.LedgerService", "loyalty.points.v1.RewardsService"
RULES, KEYS = "loyalty.points.v1.EarningRulesService", "loyalty.points.v1.ApiKeysService"
TEMPLATES = "loyalty.notifications.v1.TemplatesService"
MESSAGES = "loyalty.notifications.v1.MessagesService"


def _forget_keys(_reply) -> None:
    current_app.extensions["auth"].key_revoked()


def staff(method, path, summary, service, rpc, role="viewer", **options) -> Route:
    return Route(method, path, summary, "staff", service, rpc, role=role, **options)


PARTNERS = "loyalty.points.v1.PartnersService"
ROUTES = [
    # Ops: one service's health through the gateway (a hop that does no work; the load
    # benchmark's baseline).
    staff(
        "GET",
        "/v1/admin/ping/points",
        "The points service's health",
        "points",
        "grpc.health.v1.Health/Check",
    ),
    # Partners and their stores
    staff(
        "GET", "/v1/admin/partners", "Partners", "points", f"{PARTNERS}/ListPartners", query=PAGE
    ),
    staff(
        "POST",
        "/v1/admin/partners",
        "Register a partner",
        "points",
        f"{PARTNERS}/CreatePartner",
        role="admin",
        status=201,
    ),
    staff(
        "POST",
        "/v1/admin/stores",
        "Register a partner's store",
        "points",
        f"{PARTNERS}/CreateStore",
        role="admin",
        status=201,
    ),
    # Members
    staff(
        "POST",
        "/v1/admin/members",
        "Enrol a member",
        "members",
        f"{MEMBERS}/EnrolMember",
        role="operator",
        idempotency="required",
        status=201,
    ),
    staff(
        "GET",
        "/v1/admin/members",
        "List members",
        "members",
        f"{MEMBERS}/ListMembers",
        query=("statuses", "tier_codes", *PAGE),
    ),
    staff("GET", "/v1/admin/members/<member_id>", "A member", "members", f"{MEMBERS}/GetMember"),
    staff(
        "PATCH",
        "/v1/admin/members/<member_id>",
        "Change a member's profile (send only the fields that change, and why)",
        "members",
        f"{MEMBERS}/UpdateMember",
        role="operator",
        idempotency="required",
        mask_of="profile",
    ),
    staff(
        "POST",
        "/v1/admin/members/<member_id>/block",
        "Block a member",
        "members",
        f"{MEMBERS}/BlockMember",
        role="operator",
    ),
    staff(
        "POST",
        "/v1/admin/members/<member_id>/unblock",
        "Unblock a member",
        "members",
        f"{MEMBERS}/UnblockMember",
        role="operator",
    ),
    staff(
        "POST",
        "/v1/admin/members/<member_id>/erase",
        "Erase a member's personal data",
        "members",
        f"{MEMBERS}/EraseMember",
        role="admin",
        idempotency="required",
    ),
    staff(
        "GET",
        "/v1/admin/members/<member_id>/balance",
        "A member's points",
        "points",
        f"{LEDGER}/GetBalance",
    ),
    staff(
        "GET",
        "/v1/admin/members/<member_id>/entries",
        "A member's points history",
        "points",
        f"{LEDGER}/ListEntries",
        query=PAGE,
    ),
    staff(
        "POST",
        "/v1/admin/adjustments",
        "Credit or debit a member's points",
        "points",
        f"{LEDGER}/Adjust",
        role="operator",
        idempotency="required",
        status=201,
    ),
    # Tiers, segments and KPIs
    staff("GET", "/v1/admin/tiers", "The tier ladder", "members", f"{TIERS}/GetTierLadder"),
    staff(
        "PUT",
        "/v1/admin/tiers",
        "Replace the tier ladder",
        "members",
        f"{TIERS}/SetTierLadder",
        role="admin",
    ),
    staff(
        "GET",
        "/v1/admin/segments",
        "Segments of the latest computation",
        "members",
        f"{INSIGHTS}/ListSegments",
        query=("kind",),
    ),
    staff(
        "POST",
        "/v1/admin/segments/recompute",
        "Recompute the segments",
        "members",
        f"{INSIGHTS}/RecomputeSegments",
        role="operator",
    ),
    staff(
        "GET",
        "/v1/admin/kpis",
        "The programme's KPIs for a period",
        "members",
        f"{INSIGHTS}/GetKpis",
        query=("period_start", "period_end", "currency"),
    ),
    # The ledger's reports
    staff(
        "GET",
        "/v1/admin/settlement",
        "Points issued and redeemed by partner",
        "points",
        f"{LEDGER}/GetSettlement",
        query=("partner_id", "period_start", "period_end"),
    ),
    staff(
        "GET",
        "/v1/admin/liability",
        "Points the programme owes",
        "points",
        f"{LEDGER}/GetLiability",
    ),
    staff(
        "GET",
        "/v1/admin/audit",
        "Audit every balance against its entries",
        "points",
        f"{LEDGER}/Audit",
    ),
    # Earning rules, campaigns and bonuses
    staff(
        "GET",
        "/v1/admin/rules",
        "Earning rules and campaigns in evaluation order",
        "points",
        f"{RULES}/ListEarningRules",
        query=("kinds", "include_archived", *PAGE),
    ),
    staff(
        "POST",
        "/v1/admin/rules",
        "Create an earning rule or campaign",
        "points",
        f"{RULES}/CreateEarningRule",
        role="admin",
        idempotency="required",
        status=201,
    ),
    staff(
        "GET", "/v1/admin/rules/<rule_id>", "An earning rule", "points", f"{RULES}/GetEarningRule"
    ),
    staff(
        "PUT",
        "/v1/admin/rules/<rule_id>",
        "Replace an earning rule",
        "points",
        f"{RULES}/UpdateEarningRule",
        role="admin",
        path_map={"rule_id": "rule.rule_id"},
    ),
    staff(
        "POST",
        "/v1/admin/rules/<rule_id>/archive",
        "Archive an earning rule",
        "points",
        f"{RULES}/DeleteEarningRule",
        role="admin",
    ),
    staff(
        "GET",
        "/v1/admin/bonus-rules",
        "Bonus rules",
        "points",
        f"{RULES}/ListBonusRules",
        query=("include_archived", *PAGE),
    ),
    staff(
        "POST",
        "/v1/admin/bonus-rules",
        "Create a bonus rule",
        "points",
        f"{RULES}/CreateBonusRule",
        role="admin",
        idempotency="required",
        status=201,
    ),
    staff(
        "POST",
        "/v1/admin/gifts",
        "Give points or a voucher to a member or a segment",
        "points",
        f"{RULES}/GrantGift",
        role="operator",
        idempotency="required",
        status=201,
    ),
    staff(
        "GET",
        "/v1/admin/gifts/<grant_id>",
        "A gift grant's progress",
        "points",
        f"{RULES}/GetGiftGrant",
    ),
    staff(
        "POST",
        "/v1/admin/simulate",
        "How many points a purchase would earn",
        "points",
        f"{RULES}/Simulate",
    ),
    # Rewards and vouchers
    staff(
        "GET",
        "/v1/admin/rewards",
        "The reward catalogue",
        "points",
        f"{REWARDS}/ListRewards",
        query=("statuses", "types", *PAGE),
    ),
    staff(
        "POST",
        "/v1/admin/rewards",
        "Create a reward",
        "points",
        f"{REWARDS}/CreateReward",
        role="admin",
        idempotency="required",
        status=201,
    ),
    staff(
        "POST",
        "/v1/admin/rewards/<reward_id>/stock",
        "Add or remove stock",
        "points",
        f"{REWARDS}/AdjustRewardStock",
        role="operator",
        idempotency="required",
    ),
    staff(
        "POST",
        "/v1/admin/rewards/<reward_id>/archive",
        "Withdraw a reward",
        "points",
        f"{REWARDS}/ArchiveReward",
        role="admin",
    ),
    staff(
        "POST",
        "/v1/admin/vouchers",
        "Issue a voucher (compensation, gift, birthday)",
        "points",
        f"{REWARDS}/IssueVoucher",
        role="operator",
        idempotency="required",
        status=201,
    ),
    staff(
        "POST",
        "/v1/admin/redemptions/<redemption_id>/cancel",
        "Cancel an unused redemption",
        "points",
        f"{REWARDS}/CancelRedemption",
        role="operator",
        idempotency="required",
    ),
    # Messages
    staff(
        "GET",
        "/v1/admin/templates",
        "Message templates",
        "notifications",
        f"{TEMPLATES}/ListTemplates",
        query=("message_type", "language", "channel", *PAGE),
    ),
    staff(
        "POST",
        "/v1/admin/templates",
        "Save a template (a new version)",
        "notifications",
        f"{TEMPLATES}/SaveTemplate",
        role="admin",
    ),
    staff(
        "POST",
        "/v1/admin/templates/preview",
        "Render a template for a member",
        "notifications",
        f"{TEMPLATES}/PreviewTemplate",
    ),
    staff(
        "POST",
        "/v1/admin/bulk-sends",
        "Send a message to a segment",
        "notifications",
        f"{MESSAGES}/StartBulkSend",
        role="operator",
        idempotency="required",
        status=201,
    ),
    staff(
        "GET",
        "/v1/admin/bulk-sends/<bulk_send_id>",
        "A bulk send's progress",
        "notifications",
        f"{MESSAGES}/GetBulkSend",
    ),
    staff(
        "POST",
        "/v1/admin/bulk-sends/<bulk_send_id>/cancel",
        "Stop a bulk send",
        "notifications",
        f"{MESSAGES}/CancelBulkSend",
        role="operator",
    ),
    staff(
        "GET",
        "/v1/admin/dead-letters",
        "Deliveries that gave up",
        "notifications",
        f"{MESSAGES}/ListDeadLetters",
        query=PAGE,
    ),
    staff(
        "POST",
        "/v1/admin/dead-letters/retry",
        "Send dead letters again",
        "notifications",
        f"{MESSAGES}/RetryDeadLetters",
        role="operator",
    ),
    # API keys
    staff(
        "GET",
        "/v1/admin/api-keys",
        "API keys (never their secrets)",
        "points",
        f"{KEYS}/ListApiKeys",
        role="admin",
        query=("partner_id", "include_revoked"),
    ),
    staff(
        "POST",
        "/v1/admin/api-keys",
        "Create an API key (its secret is shown once)",
        "points",
        f"{KEYS}/CreateApiKey",
        role="admin",
        status=201,
    ),
    staff(
        "POST",
        "/v1/admin/api-keys/<key_id>/revoke",
        "Revoke an API key (at once)",
        "points",
        f"{KEYS}/RevokeApiKey",
        role="admin",
        after=_forget_keys,
    ),
]
