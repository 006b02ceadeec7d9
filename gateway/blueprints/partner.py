"""/v1/partner: partner tills. A key acts for its partner (the partner id comes from the
key, never from the request) and only at that partner's stores, or the ones it names."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from gateway.access import authenticate, own_store
from gateway.api import Custom, Route
from gateway.calls import call
from gateway.errors import ApiError, FieldViolation
from loyalty.members.v1 import members_pb2
from loyalty.points.v1 import ledger_pb2

blueprint = Blueprint("partner", __name__)
LEDGER, REWARDS = "loyalty.points.v1.LedgerService", "loyalty.points.v1.RewardsService"
RULES = "loyalty.points.v1.EarningRulesService"
PAGE = ("page.page_size", "page.cursor")


def _partner(who):
    return {"partner_id": who.partner_id}


def _simulation(who):
    # A till simulates the programme as published: drafts are for staff to try.
    return {"partner_id": who.partner_id, "with_rule_ids": []}


def _payment(who):
    return {"partner_id": who.partner_id, "purpose": "REDEEM_PURPOSE_PAYMENT"}


ROUTES = [
    Route(
        "GET",
        "/v1/partner/stores",
        "My stores",
        "partner",
        "points",
        "loyalty.points.v1.PartnersService/ListStores",
        inject=_partner,
        query=PAGE,
    ),
    Route(
        "GET",
        "/v1/partner/holds/<hold_id>",
        "A hold this partner placed",
        "partner",
        "points",
        f"{LEDGER}/GetHold",
        inject=_partner,
    ),
    Route(
        "POST",
        "/v1/partner/nps-answers",
        "Record a member's satisfaction answer taken at the till (0 to 10)",
        "partner",
        "members",
        "loyalty.members.v1.InsightsService/RecordNpsAnswer",
        idempotency="required",
        status=201,
    ),
    Route(
        "POST",
        "/v1/partner/enrolments",
        "Enrol a member at the till",
        "partner",
        "members",
        "loyalty.members.v1.MembersService/EnrolMember",
        inject=_partner,
        idempotency="required",
        check=own_store,
        status=201,
    ),
    Route(
        "POST",
        "/v1/partner/earns",
        "Earn points for a purchase (the transaction id makes a "
        "retry safe; an Idempotency-Key may be sent too)",
        "partner",
        "points",
        f"{LEDGER}/Earn",
        inject=_partner,
        idempotency="optional",
        check=own_store,
    ),
    Route(
        "POST",
        "/v1/partner/returns",
        "Take back the points of returned goods",
        "partner",
        "points",
        f"{LEDGER}/Return",
        inject=_partner,
        idempotency="required",
        check=own_store,
    ),
    Route(
        "POST",
        "/v1/partner/holds",
        "Reserve points for a payment in progress",
        "partner",
        "points",
        f"{LEDGER}/PlaceHold",
        inject=_payment,
        idempotency="required",
        check=own_store,
        status=201,
    ),
    Route(
        "POST",
        "/v1/partner/holds/<hold_id>/capture",
        "Spend a hold's points",
        "partner",
        "points",
        f"{LEDGER}/CaptureHold",
        inject=_partner,
        idempotency="required",
    ),
    Route(
        "POST",
        "/v1/partner/holds/<hold_id>/release",
        "Give a hold's points back",
        "partner",
        "points",
        f"{LEDGER}/ReleaseHold",
        inject=_partner,
        idempotency="required",
    ),
    Route(
        "POST",
        "/v1/partner/payments",
        "Pay with points at the till",
        "partner",
        "points",
        f"{LEDGER}/Redeem",
        inject=_payment,
        idempotency="required",
        check=own_store,
        status=201,
    ),
    Route(
        "GET",
        "/v1/partner/vouchers/<code>",
        "Check whether a voucher can be used here",
        "partner",
        "points",
        f"{REWARDS}/CheckVoucher",
        inject=_partner,
        query=("store_id", "member_id", "purchase_amount.amount_minor", "purchase_amount.currency"),
        check=own_store,
    ),
    Route(
        "POST",
        "/v1/partner/vouchers/<code>/use",
        "Use a voucher",
        "partner",
        "points",
        f"{REWARDS}/UseVoucher",
        inject=_partner,
        idempotency="required",
        check=own_store,
    ),
    Route(
        "POST",
        "/v1/partner/simulate",
        "How many points a purchase would earn (changes nothing)",
        "partner",
        "points",
        f"{RULES}/Simulate",
        inject=_simulation,
        check=own_store,
    ),
]

MEMBER_AT_TILL = {
    "type": "object",
    "properties": {
        "member_id": {"type": "string"},
        "name_on_receipt": {"type": "string"},
        "tier_code": {"type": "string"},
        "points": {"type": "integer"},
        "status": {"type": "string"},
    },
    "required": ["member_id", "name_on_receipt", "tier_code", "points", "status"],
    "additionalProperties": False,
}
LOOKUP_KEYS = ("phone", "card_number", "qr_token")
OPERATIONS = [
    Custom(
        "GET",
        "/v1/partner/members",
        "Recognise a member by phone, card or QR token (only what a till needs)",
        "partner",
        "recogniseMember",
        MEMBER_AT_TILL,
        query={key: {"type": "string", "maxLength": 200} for key in LOOKUP_KEYS},
    ),
]


@blueprint.get("/v1/partner/members")
def recognise_member():
    authenticate(OPERATIONS[0])
    given = {key: request.args[key] for key in LOOKUP_KEYS if request.args.get(key)}
    if len(given) != 1:
        raise ApiError(
            400,
            "invalid_argument",
            "give one of phone, card_number or qr_token",
            [FieldViolation("phone", "give exactly one key")],
        )
    downstream = current_app.extensions["downstream"]
    member = call(
        downstream,
        "members",
        "loyalty.members.v1.MembersService/FindMember",
        members_pb2.FindMemberRequest(**given),
        read=True,
    ).member
    balance = call(
        downstream,
        "points",
        "loyalty.points.v1.LedgerService/GetBalance",
        ledger_pb2.GetBalanceRequest(member_id=member.member_id),
        read=True,
    ).balance
    return jsonify(
        {
            "member_id": member.member_id,
            "name_on_receipt": receipt_name(member.name),
            "tier_code": member.tier_code,
            "points": balance.available,
            "status": members_pb2.MemberStatus.Name(member.status),
        }
    )


def receipt_name(name: str) -> str:
    """ "Nguyễn Thị Lan" -> "N. T. Lan": enough to greet, not the whole name."""
    *others, given = name.split() or [""]
    return " ".join([*(f"{part[0]}." for part in others), given])
