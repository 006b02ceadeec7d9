"""Member 360: find a member (by phone, card, member number, e-mail, id or name), see their
profile and consents, tier and progress to the next, balance, lots, history, redemptions,
vouchers, the messages sent to them and their referrals, and (within the role) adjust
their points, block them, send a message again or erase them."""

from __future__ import annotations

import uuid

from flask import abort, g, redirect, render_template, request, url_for

from gateway.blueprints import admin
from gateway.console import forms, roles, text
from gateway.console.calls import (
    LEDGER,
    MEMBERS,
    REWARDS,
    Refused,
    change,
    largest_staff_credit,
    rpc_call,
)
from gateway.console.lookup import find_member
from gateway.console.pages.vouchers import VOUCHER_STATES, grouped
from gateway.errors import ApiError
from loyalty.notifications.v1 import messages_pb2, templates_pb2

PLACE = 20

GIFT = "loyalty.points.v1.EarningRulesService/GrantGift"
TIERS = "loyalty.members.v1.TiersService"
MESSAGES = "loyalty.notifications.v1.MessagesService"
SEND, ERASE = f"{MESSAGES}/SendMessage", f"{MEMBERS}/EraseMember"
RESEND = f"{MESSAGES}/ResendMessage"
STATUS = {1: "ACTIVE", 2: "BLOCKED", 3: "ERASED"}
CHANNELS = ("EMAIL", "SMS", "PUSH", "INBOX")  # a resend's choices (Channel's names)
BLOCKED, ERASED = 2, 3
# Members a name search lists at most (the service's page); more: the query is refined.
MAX_FOUND = 50
MAX_NAME_QUERY = 100  # as ListMembers.name_query allows
LISTED = 20  # rows of each list on the member's page (newest first)
# The REST API's own check on a staff send (never a sign-in code: only the gateway sends
# those), applied to a resend too.
SEND_CHECK = next(route.check for route in admin.ROUTES if route.rpc == SEND and route.check)
MENU = [("console.members", "members", f"{MEMBERS}/GetMember")]
WORDS = {
    "m360_find_hint": (
        "Số điện thoại, số thẻ, số hội viên, e-mail, mã hội viên hoặc họ tên",
        "Phone, card number, member number, e-mail, member id or name",
    ),
    "m360_found": ("Hội viên có tên khớp", "Members whose name matches"),
    "m360_more": (
        "Còn nhiều hội viên khớp hơn; hãy gõ thêm họ tên để thu hẹp.",
        "More members match; type more of the name to narrow it down.",
    ),
    "m360_member_number": ("Số hội viên", "Member number"),
    "m360_consents": ("Đồng ý nhận tin", "Marketing consents"),
    "m360_granted": ("Đồng ý", "Granted"),
    "m360_yes": ("Có", "Yes"),
    "m360_no": ("Không", "No"),
    "m360_source": ("Nguồn", "Source"),
    "m360_consent_history": ("Lịch sử đồng ý", "Consent history"),
    "m360_tier_progress": ("Hạng và tiến độ", "Tier and progress"),
    "m360_no_ladder": ("Chương trình chưa có bậc hạng.", "The programme has no tiers yet."),
    "m360_qualifying": ("Đã tích lũy trong kỳ", "Qualifying so far"),
    "m360_next_tier": ("Hạng kế tiếp", "Next tier"),
    "m360_to_next": ("Còn thiếu", "Still needed"),
    "m360_top_tier": ("Đã ở hạng cao nhất", "At the top tier"),
    "m360_review": ("Xét hạng lại", "Next review"),
    "m360_below": ("Dưới ngưỡng của hạng hiện tại", "Below the current tier's threshold"),
    "m360_redemptions": ("Đổi quà", "Redemptions"),
    "m360_reward": ("Quà", "Reward"),
    "m360_vouchers": ("Phiếu quà tặng", "Vouchers"),
    "m360_voucher_code": ("Mã phiếu", "Code"),
    "m360_voucher_why": ("Lý do phát", "Why issued"),
    "m360_voucher_used": ("Dùng lúc", "Used at"),
    "m360_complaint": ("Khiếu nại", "Complaint"),
    "m360_VOUCHER_REASON_REDEMPTION": ("Đổi điểm", "Redeemed for points"),
    "m360_VOUCHER_REASON_BIRTHDAY": ("Sinh nhật", "Birthday"),
    "m360_VOUCHER_REASON_COMPENSATION": ("Bồi thường khiếu nại", "Compensation"),
    "m360_VOUCHER_REASON_GIFT": ("Quà tặng", "Gift"),
    "m360_VOUCHER_REASON_BONUS": ("Thưởng", "Bonus"),
    "m360_VOUCHER_REASON_IMPORT": ("Nhập từ hệ thống cũ", "Imported"),
    "m360_VOUCHER_REASON_BATCH": ("Mã từ lô phiếu", "From a voucher batch"),
    "m360_messages": ("Tin nhắn đã gửi", "Messages sent"),
    "m360_address": ("Địa chỉ", "Address"),
    "m360_resend": ("Gửi lại", "Send again"),
    "m360_no_channel": (
        "channel: hãy chọn ít nhất một kênh để gửi lại",
        "channel: choose at least one channel to send it on again",
    ),
    "m360_resent": ("Đã gửi lại tin nhắn", "Message sent again"),
    "m360_referrals": ("Giới thiệu bạn bè", "Referrals"),
    "m360_referred": ("Hội viên được giới thiệu", "Friend referred"),
    "m360_qualified": ("Đủ điều kiện", "Qualified"),
    "m360_erase": ("Xóa dữ liệu cá nhân", "Erase personal data"),
    "m360_erase_warning": (
        "Họ tên, điện thoại, e-mail, ngày sinh, số thẻ và mã QR bị xóa vĩnh viễn; "
        "mã hội viên, hạng và sổ điểm được giữ lại. Không thể hoàn tác.",
        "Name, phone, e-mail, birthday, card number and QR code are removed for good; the "
        "member id, tier and ledger stay. This cannot be undone.",
    ),
    "m360_erase_confirm": ("Gõ chính xác để xác nhận", "Type exactly, to confirm"),
    "m360_erase_mismatch": (
        "Chưa xóa: nội dung xác nhận không khớp, hoặc thiếu lý do (tối đa 200 ký tự).",
        "Not erased: the confirmation does not match, or the reason is missing (at most "
        "200 characters).",
    ),
    "m360_erased": ("Đã xóa dữ liệu cá nhân của hội viên", "The member's personal data is erased"),
}


def register(bp) -> None:
    @bp.get("/members")
    def members():
        query = request.args.get("q", "").strip()[:200]
        if not query:
            return render_template("console/members.html", query="", searched=False)
        found = find_member(query)
        if found:
            return redirect(url_for("console.member", member_id=found))
        named, more = _named(query)
        if len(named) == 1:
            return redirect(url_for("console.member", member_id=named[0].member_id))
        page = render_template(
            "console/members.html",
            query=query,
            searched=True,
            found=named,
            more=more,
            status_names=STATUS,
        )
        return page, 200 if named else 404

    @bp.get("/members/<member_id>")
    def member(member_id: str):
        profile = rpc_call(f"{MEMBERS}/GetMember", member_id=member_id).member
        erased = profile.status == ERASED
        may_adjust = not erased and roles.may(g.role, f"{LEDGER}/Adjust")
        return render_template(
            "console/member.html",
            member=profile,
            status_name=STATUS.get(profile.status, ""),
            key=uuid.uuid4().hex,
            may_adjust=may_adjust,
            largest_credit=largest_staff_credit() if may_adjust else 0,
            may_block=not erased and roles.may(g.role, f"{MEMBERS}/BlockMember"),
            may_gift=not erased and roles.may(g.role, GIFT),
            may_resend=not erased and roles.may(g.role, RESEND),
            may_erase=not erased and roles.may(g.role, ERASE),
            confirm_with=profile.name or profile.member_id,
            blocked=profile.status == BLOCKED,
            erased=erased,
            kind=_kind,
            **_points(member_id),
            **_tier(member_id),
            **_messages_and_friends(member_id),
        )

    @bp.post("/members/<member_id>/adjust")
    def adjust(member_id: str):
        # Bounds (non-zero, the programme's largest adjustment, a reason) are the ledger's:
        # its refusal is shown, naming the field.
        reason = forms.field("reason", 201)
        amount = forms.whole_number("points")
        reply = change(
            f"{LEDGER}/Adjust",
            "points.adjusted",
            member_id,
            f"{amount:+d}: {reason}",
            member_id=member_id,
            points=amount,
            reason=reason,
            idempotency_key=_idempotency_key(),
        )
        forms.flash(
            "ok",
            f"{text.word('done', g.language)}: {amount:+d} → "
            f"{text.points(reply.balance.available)}",
        )
        return redirect(url_for("console.member", member_id=member_id), 303)

    @bp.post("/members/<member_id>/<any(block, unblock):what>")
    def block(member_id: str, what: str):
        reason = forms.field("reason") or "console"
        rpc = f"{MEMBERS}/{'BlockMember' if what == 'block' else 'UnblockMember'}"
        change(rpc, f"member.{what}ed", member_id, reason, member_id=member_id, reason=reason)
        forms.flash("ok", text.word("done", g.language))
        return redirect(url_for("console.member", member_id=member_id), 303)

    @bp.post("/members/<member_id>/messages/<message_id>/resend")
    def resend(member_id: str, message_id: str):
        """The same message again, as a new one: the service keeps what it was sent with
        (an event's points, a voucher code), renders it with today's template for the
        member's contact data and consents now, and links it to the original."""
        if not roles.may(g.role, RESEND):
            raise Refused(RESEND)
        sent = rpc_call(f"{MESSAGES}/GetMessage", message_id=message_id[:64]).message
        if sent.member_id != member_id:
            abort(404)
        # A sign-in code is refused here with the REST API's words, before any call (the
        # service refuses it too).
        SEND_CHECK(None, messages_pb2.SendMessageRequest(message_type=sent.message_type))
        type_name = _kind(sent, "message_type")
        # The channels ticked, when the message went out on several (the service holds
        # them to the original's); else the original's, as the API's empty list means.
        channels = sorted({c for c in request.form.getlist("channel")[:8] if c in CHANNELS})
        if request.form.get("choosing") and not channels:
            forms.flash("error", text.word("m360_no_channel", g.language))
            return redirect(url_for("console.member", member_id=member_id), 303)
        change(
            RESEND,
            "message.resent",
            member_id,
            f"{type_name} {message_id} {' '.join(channels)}".rstrip(),
            message_id=sent.message_id,
            channels=[f"CHANNEL_{c}" for c in channels],
            idempotency_key=_idempotency_key(message_id, *channels),
        )
        forms.flash("ok", f"{text.word('m360_resent', g.language)}: {type_name}")
        return redirect(url_for("console.member", member_id=member_id), 303)

    @bp.post("/members/<member_id>/erase")
    def erase(member_id: str):
        """Erases once the staff member typed the member's name (their id when nameless)
        exactly; otherwise nothing is called."""
        if not roles.may(g.role, ERASE):
            raise Refused(ERASE)
        profile = rpc_call(f"{MEMBERS}/GetMember", member_id=member_id).member
        typed, reason = forms.field("confirm", 201), forms.field("reason", 201)
        if typed != (profile.name or profile.member_id) or not reason or len(reason) > 200:
            forms.flash("error", text.word("m360_erase_mismatch", g.language))
            return redirect(url_for("console.member", member_id=member_id), 303)
        change(  # the log names the member by id only: the name is what is being erased
            ERASE,
            "member.erased",
            member_id,
            reason,
            member_id=member_id,
            reason=reason,
            idempotency_key=_idempotency_key(),
        )
        forms.flash("ok", text.word("m360_erased", g.language))
        return redirect(url_for("console.member", member_id=member_id), 303)


def _named(query: str) -> tuple[list, bool]:
    """The members whose name matches `query` (the service's search: any case, without
    diacritics), newest first, and whether more match than are listed."""
    if "@" in query:
        return [], False
    try:
        reply = rpc_call(
            f"{MEMBERS}/ListMembers",
            name_query=query[:MAX_NAME_QUERY],
            page={"page_size": MAX_FOUND},
        )
    except ApiError as error:
        if error.status != 400:  # a query without a word to look for: nobody
            raise
        return [], False
    return list(reply.members), bool(reply.page_info.next_cursor)


def _points(member_id: str) -> dict:
    """The member's balance, lots, ledger history and redemptions."""
    return {
        "balance": rpc_call(f"{LEDGER}/GetBalance", member_id=member_id).balance,
        "lots": rpc_call(
            f"{LEDGER}/ListLots",
            member_id=member_id,
            states=["LOT_STATE_AVAILABLE", "LOT_STATE_PENDING"],
            page={"page_size": 50},
        ).lots,
        "entries": rpc_call(
            f"{LEDGER}/ListEntries", member_id=member_id, page={"page_size": 25}
        ).entries,
        "redemptions": rpc_call(
            f"{REWARDS}/ListRedemptions", member_id=member_id, page={"page_size": LISTED}
        ).redemptions,
        "vouchers": _vouchers(member_id),
    }


def _vouchers(member_id: str) -> list[dict]:
    """The member's vouchers in every state (the service lists only unused ones unless
    asked), soonest expiry first: the code as it is read out, the reward, why it was
    issued (with the complaint it compensates), its state and times."""
    vouchers = rpc_call(
        f"{REWARDS}/ListMemberVouchers",
        member_id=member_id,
        states=list(VOUCHER_STATES.values()),
        page={"page_size": LISTED},
    ).vouchers
    return [
        {
            "code": grouped(v.code),
            "reward": v.reward_name.get(g.language) or v.reward_name.get("vi") or v.reward_id,
            "why": f"m360_VOUCHER_REASON_{_kind(v, 'issue_reason')}",
            "complaint": v.complaint_reference,
            "state": f"vb_{VOUCHER_STATES.get(v.state, '')}",
            "expires_at": v.expires_at,
            "used_at": v.used_at,
        }
        for v in vouchers
    ]


def _tier(member_id: str) -> dict:
    """The member's tier, the next one and what is still needed for it (None before the
    programme has a ladder)."""
    reply = rpc_call(f"{TIERS}/GetMemberTier", member_id=member_id)
    if not reply.ladder_configured:
        return {"standing": None}
    standing = reply.member_tier
    # A ladder that counts spend measures in the currency's minor units, else in points.
    spend = standing.tier.threshold_spend.currency or standing.next_tier.threshold_spend.currency
    amount = text.vnd if spend else text.points
    return {
        "standing": standing,
        "tier_name": _tier_name(standing.tier),
        "next_tier_name": _tier_name(standing.next_tier) if standing.next_tier.code else "",
        "qualifying": amount(standing.qualifying_value),
        "to_next": amount(standing.remaining_to_next),
    }


def _messages_and_friends(member_id: str) -> dict:
    """The member's consents and their history, the deliveries of the messages sent to
    them (the first row of each message offers it again), and their referrals."""
    deliveries = rpc_call(
        f"{MESSAGES}/ListDeliveries", member_id=member_id, page={"page_size": LISTED}
    ).deliveries
    seen: set[str] = set()
    offered = []
    channels: dict[str, list[str]] = {}  # each message's channels, to choose among
    for delivery in deliveries:
        first = delivery.message_id not in seen
        seen.add(delivery.message_id)
        sign_in = delivery.message_type == templates_pb2.MESSAGE_TYPE_SIGN_IN_CODE
        offered.append(first and not sign_in)
        channels.setdefault(delivery.message_id, []).append(_kind(delivery, "channel"))
    referrals = rpc_call(f"{MEMBERS}/ListReferrals", member_id=member_id, page={"page_size": 20})
    return {
        "consent_history": rpc_call(
            f"{MEMBERS}/ListConsentHistory", member_id=member_id, page={"page_size": LISTED}
        ).records,
        "deliveries": list(zip(deliveries, offered, strict=True)),
        "channels_of": channels,
        "referrals": referrals.referrals,
        "qualified_referrals": referrals.qualified_count,
    }


def _tier_name(tier) -> str:
    return tier.name.get(g.language) or tier.name.get("vi") or tier.code


def _kind(message, field: str) -> str:
    """An enum field's value by its name without the enum's prefix ("SENT", "EMAIL")."""
    values = message.DESCRIPTOR.fields_by_name[field].enum_type.values
    prefix = values[0].name.rsplit("_", 1)[0] + "_"  # every enum starts with X_UNSPECIFIED
    number = getattr(message, field)
    found = next((value.name for value in values if value.number == number), str(number))
    return found.removeprefix(prefix)


def _idempotency_key(*extra: str) -> str:
    """The key of a change from this form (the page's key: a form sent twice is one
    change), per staff member."""
    key = request.form.get("key", "")[:64] or uuid.uuid4().hex
    return ":".join(("console", g.staff.staff_id, key, *extra))
