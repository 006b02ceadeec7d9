"""The marketer's everyday actions: a message to every member of a segment (a bulk send,
started now or at a time in the programme's zone, its counts followed while it runs,
cancelled before it is done), a gift of points and/or a voucher to one member or to
every member of a segment (confirmed first, followed while it runs), and a voucher issued
to one member. The services decide everything (consent, caps and quiet hours for the
messages, stock and blocked members for the gifts); this page asks them, within the staff
member's role, and writes every change in the activity log."""

from __future__ import annotations

import re
import uuid

from flask import g, redirect, render_template, request, url_for

from gateway.console import forms, roles, text
from gateway.console.calls import (
    REWARDS,
    RULES,
    Refused,
    change,
    largest_staff_credit,
    rpc_call,
)
from gateway.console.lookup import find_member
from gateway.console.pages.vouchers import grouped
from gateway.errors import ApiError
from loyalty.points.v1 import rules_pb2

PLACE = 55

MESSAGES = "loyalty.notifications.v1.MessagesService"
INSIGHTS = "loyalty.members.v1.InsightsService"
START, CANCEL = f"{MESSAGES}/StartBulkSend", f"{MESSAGES}/CancelBulkSend"
GRANT, ISSUE = f"{RULES}/GrantGift", f"{REWARDS}/IssueVoucher"

MENU = [("console.bulk_sends", "snd_menu", f"{MESSAGES}/ListBulkSends")]

FORM_KEY = re.compile(r"^[0-9a-f]{32}$")
# A bulk send carries only the marketing types: their consent rules are the marketing
# ones (GENERIC could be sent as transactional, past the members' consent).
SEND_TYPES = ("MESSAGE_TYPE_MARKETING", "MESSAGE_TYPE_WIN_BACK")
VOUCHER_REASONS = ("VOUCHER_REASON_GIFT", "VOUCHER_REASON_COMPENSATION", "VOUCHER_REASON_BONUS")
SEND_STATES = {
    1: "BULK_SEND_STATE_SCHEDULED",
    2: "BULK_SEND_STATE_RUNNING",
    3: "BULK_SEND_STATE_COMPLETED",
    4: "BULK_SEND_STATE_CANCELLED",
    5: "BULK_SEND_STATE_FAILED",
}
UNDER_WAY = {1, 2}  # scheduled or running: followed on the page, may be cancelled
GRANT_STATES = {
    1: "GIFT_GRANT_STATE_RUNNING",
    2: "GIFT_GRANT_STATE_COMPLETED",
    3: "GIFT_GRANT_STATE_FAILED",
}
POINTS_AS_PAYMENT = 6  # RewardType: not a voucher a member can be given

WORDS = {
    "snd_menu": ("Gửi hàng loạt", "Bulk sends"),
    "snd_title": ("Gửi tin hàng loạt", "Bulk sends"),
    "snd_name": ("Tên đợt gửi (nội bộ)", "Name (internal)"),
    "snd_segment": ("Phân khúc nhận tin", "Segment"),
    "snd_MESSAGE_TYPE_MARKETING": ("Khuyến mãi / bản tin", "Marketing / newsletter"),
    "snd_MESSAGE_TYPE_WIN_BACK": ("Mời quay lại", "Win-back offer"),
    "snd_msg_title": ("Tiêu đề", "Title"),
    "snd_text_hint": (
        "Mẫu tin đã chào hội viên bằng tên; nội dung được gửi đúng như gõ (không điền {name}).",
        "The template greets each member by name; the text goes as typed ({name} is not filled).",
    ),
    "snd_code": ("Mã ưu đãi (không bắt buộc)", "Offer code (optional)"),
    "snd_when": (
        "Gửi lúc (giờ Việt Nam; để trống = ngay)",
        "Send at (Vietnam time; empty = now)",
    ),
    "snd_rate": (
        "Tốc độ, tin mỗi giây (0 = mặc định)",
        "Rate, messages per second (0 = default)",
    ),
    "snd_required": ("bắt buộc cho mọi tin nhắn", "required for every message"),
    "snd_start": ("Bắt đầu gửi", "Start the send"),
    "snd_new": ("Gửi tin tới một phân khúc", "Send a message to a segment"),
    "snd_rules_hint": (
        "Chỉ hội viên đồng ý nhận tin khuyến mãi mới nhận; "
        "giờ yên lặng và giới hạn mỗi ngày vẫn áp dụng.",
        "Only members who agreed to marketing receive it; quiet hours and the daily cap apply.",
    ),
    "snd_no_segments": (
        "Chưa có phân khúc: hãy tính phân khúc trước.",
        "No segments yet: compute the segments first.",
    ),
    "snd_started": ("Đã tạo đợt gửi", "Bulk send started"),
    "snd_progress": ("Tiến độ", "Progress"),
    "snd_processed": ("Hội viên đã xử lý", "Members processed"),
    "snd_total": ("Hội viên trong phân khúc", "Members in the segment"),
    "snd_queued": ("Chờ gửi", "Queued"),
    "snd_sent": ("Đã gửi", "Sent"),
    "snd_deferred": ("Hoãn (giờ yên lặng, giới hạn)", "Deferred (quiet hours, cap)"),
    "snd_suppressed": ("Không gửi (không đồng ý, trùng)", "Suppressed (no consent, duplicate)"),
    "snd_failed": ("Lỗi, đang thử lại", "Failed, being retried"),
    "snd_dead": ("Bỏ cuộc", "Gave up"),
    "snd_scheduled_at": ("Gửi lúc", "Scheduled at"),
    "snd_started_at": ("Bắt đầu lúc", "Started at"),
    "snd_finished_at": ("Kết thúc lúc", "Finished at"),
    "snd_created": ("Tạo lúc", "Created"),
    "snd_error": ("Lỗi", "Error"),
    "snd_live": (
        "Đang gửi: số liệu tự cập nhật mỗi 2 giây.",
        "Under way: the counts update every 2 seconds.",
    ),
    "snd_cancel": ("Dừng đợt gửi", "Cancel the send"),
    "snd_cancel_reason": ("Lý do dừng", "Why cancel it"),
    "snd_cancel_confirm": (
        "Tôi hiểu: các tin đã xếp hàng vẫn được gửi; hội viên còn lại sẽ không nhận",
        "I understand: messages already queued still go; the other members get none",
    ),
    "snd_cancel_unconfirmed": (
        "Hãy đánh dấu ô xác nhận để dừng đợt gửi",
        "Tick the confirmation to cancel the send",
    ),
    "snd_cancelled": ("Đã dừng đợt gửi", "Bulk send cancelled"),
    "snd_BULK_SEND_STATE_SCHEDULED": ("Đã hẹn giờ", "Scheduled"),
    "snd_BULK_SEND_STATE_RUNNING": ("Đang gửi", "Running"),
    "snd_BULK_SEND_STATE_COMPLETED": ("Đã xong", "Completed"),
    "snd_BULK_SEND_STATE_CANCELLED": ("Đã dừng", "Cancelled"),
    "snd_BULK_SEND_STATE_FAILED": ("Lỗi", "Failed"),
    "gift_title": ("Tặng quà cho hội viên hoặc phân khúc", "Give a member or a segment a gift"),
    "gift_member_hint": (
        "Một hội viên: số điện thoại, số thẻ, số hội viên hoặc mã. Cả phân khúc: để trống và "
        "chọn phân khúc.",
        "One member: their phone, card, member number or id. A whole segment: leave it empty "
        "and choose the segment.",
    ),
    "gift_segment": ("Hoặc mọi hội viên của phân khúc", "Or every member of the segment"),
    "gift_one_member": ("(không: một hội viên)", "(none: one member)"),
    "gift_segment_confirm": (
        "Tôi hiểu: mọi hội viên của phân khúc đều nhận quà này, mỗi người một lần",
        "I understand: every member of the segment receives this gift, each once",
    ),
    "gift_whom_bad": (
        "member_id / segment_id: chọn một hội viên hoặc một phân khúc, không cả hai",
        "member_id / segment_id: give one member or one segment, not both",
    ),
    "snd_member_unknown": (
        "member_id: không có hội viên nào có số điện thoại, số thẻ, số hội viên, e-mail "
        "hoặc mã này",
        "member_id: no member has this phone, card number, member number, e-mail or id",
    ),
    "gift_segment_unconfirmed": (
        "Hãy đánh dấu ô xác nhận để tặng quà cho cả phân khúc",
        "Tick the confirmation to give the whole segment the gift",
    ),
    "gift_points": (
        "Điểm tặng mỗi hội viên (0 = không; tối đa ",
        "Points for each member (0 = none; at most ",
    ),
    "gift_reward": ("Phiếu quà tặng kèm (không bắt buộc)", "Voucher reward (optional)"),
    "gift_no_reward": ("Không kèm phiếu", "No voucher"),
    "gift_note": ("Lời nhắn cho hội viên (không bắt buộc)", "Note to the member (optional)"),
    "gift_reason": ("Lý do (nhật ký)", "Reason (audit trail)"),
    "gift_give": ("Tặng quà", "Give the gift"),
    "gift_given": ("Đã tặng quà", "Gift given"),
    "gift_grant": ("Quà tặng", "Gift grant"),
    "gift_entry": ("Bút toán điểm", "Points entry"),
    "gift_code": ("Mã phiếu", "Voucher code"),
    "gift_granted": ("Hội viên đã nhận", "Members granted"),
    "gift_skipped": ("Hội viên bỏ qua", "Members skipped"),
    "gift_by": ("Người tặng", "Given by"),
    "gift_GIFT_GRANT_STATE_RUNNING": ("Đang tặng", "Running"),
    "gift_GIFT_GRANT_STATE_COMPLETED": ("Đã xong", "Completed"),
    "gift_GIFT_GRANT_STATE_FAILED": ("Lỗi", "Failed"),
    "gift_open_member": ("Mở Hội viên 360", "Open Member 360"),
    "iv_title": ("Phát phiếu cho một hội viên", "Issue a voucher to a member"),
    "iv_reward": ("Phiếu (quà tặng)", "Voucher reward"),
    "iv_why": ("Loại phát", "Issued as"),
    "iv_VOUCHER_REASON_GIFT": ("Quà tặng", "Gift"),
    "iv_VOUCHER_REASON_COMPENSATION": ("Bồi thường khiếu nại", "Compensation"),
    "iv_VOUCHER_REASON_BONUS": ("Thưởng", "Bonus"),
    "iv_complaint": ("Mã khiếu nại (khi bồi thường)", "Complaint reference (compensation)"),
    "iv_issue": ("Phát phiếu", "Issue the voucher"),
    "iv_issued": ("Đã phát phiếu", "Voucher issued"),
}


def register(bp) -> None:
    @bp.get("/sends")
    def bulk_sends():
        cursor = _cursor()
        reply = rpc_call(f"{MESSAGES}/ListBulkSends", page={"page_size": 50, "cursor": cursor})
        may_start, may_grant, may_issue = (roles.may(g.role, rpc) for rpc in (START, GRANT, ISSUE))
        return render_template(
            "console/sends.html",
            sends=reply.bulk_sends,
            next=reply.page_info.next_cursor,
            first=bool(cursor),
            states=SEND_STATES,
            segments=_segments() if may_start or may_grant else [],
            rewards=_voucher_rewards() if may_grant or may_issue else [],
            send_types=SEND_TYPES,
            voucher_reasons=VOUCHER_REASONS,
            may_start=may_start,
            may_grant=may_grant,
            largest_credit=largest_staff_credit() if may_grant else 0,
            may_issue=may_issue,
            member_id=request.args.get("member_id", "")[:64],
            form_key=uuid.uuid4().hex,
        )

    @bp.post("/sends")
    def start_bulk_send():
        _allowed(START)
        name, variables = forms.field("name", 200), _variables()
        missing = [part for part in ("title", "text") if part not in variables]
        if missing:  # every member's message would be refused for it, one by one
            forms.flash("error", f"{missing[0]}: {text.word('snd_required', g.language)}")
            return redirect(url_for("console.bulk_sends"), 303)
        fields = {
            "idempotency_key": _key(),
            "name": name,
            "segment_id": forms.field("segment_id", 64),
            "message_type": _choice("message_type", SEND_TYPES),
            "variables": variables,
            "rate_per_second": forms.whole_number("rate_per_second"),
            "reason": "started in the console",
        }
        if request.form.get("scheduled_at", "").strip():
            fields["scheduled_at"] = forms.local_time("scheduled_at")
        reply = change(START, "bulk_send.started", name, fields["segment_id"], **fields)
        forms.flash("ok", text.word("snd_started", g.language))
        return redirect(
            url_for("console.bulk_send", bulk_send_id=reply.bulk_send.bulk_send_id), 303
        )

    @bp.get("/sends/<bulk_send_id>")
    def bulk_send(bulk_send_id: str):
        send = _send(bulk_send_id)
        return render_template(
            "console/send.html",
            send=send,
            states=SEND_STATES,
            may_cancel=roles.may(g.role, CANCEL) and send.state in UNDER_WAY,
        )

    @bp.get("/sends/<bulk_send_id>/progress")
    def bulk_send_progress(bulk_send_id: str):
        """The counts alone, asked for every 2 s by the page while the send is under way
        (the fragment stops asking once the send is done)."""
        return render_template(
            "console/_send_progress.html",
            send=_send(bulk_send_id),
            states=SEND_STATES,
            refreshed=True,
        )

    @bp.post("/sends/<bulk_send_id>/cancel")
    def cancel_bulk_send(bulk_send_id: str):
        _allowed(CANCEL)
        if request.form.get("confirm") != "yes":
            forms.flash("error", text.word("snd_cancel_unconfirmed", g.language))
            return redirect(url_for("console.bulk_send", bulk_send_id=bulk_send_id), 303)
        reason = forms.field("reason", 500)
        change(
            CANCEL,
            "bulk_send.cancelled",
            bulk_send_id,
            reason,
            bulk_send_id=bulk_send_id,
            reason=reason,
        )
        forms.flash("ok", text.word("snd_cancelled", g.language))
        return redirect(url_for("console.bulk_send", bulk_send_id=bulk_send_id), 303)

    @bp.post("/gifts")
    def grant_gift():
        _allowed(GRANT)
        target, problem = _gift_target()
        # The points' bounds (0 up to the programme's largest credit, points or a voucher)
        # are the service's: its refusal is shown, naming the field.
        points, reward_id = forms.whole_number("points"), forms.field("reward_id", 64)
        if problem:
            forms.flash("error", text.word(problem, g.language))
            return redirect(forms.back(), 303)
        reason = forms.field("reason", 500)
        fields = {
            "idempotency_key": _key(),
            **target,
            "points": points,
            "reward_id": reward_id,
            "reason": reason,
        }
        note = forms.field("note", 500)
        if note:
            fields["note"] = {g.language: note}
        detail = f"{points} points" + (f", voucher of {reward_id}" if reward_id else "")
        subject = target.get("member_id") or f"segment {target['segment_id']}"
        reply = change(GRANT, "gift.granted", subject, f"{detail}: {reason}", **fields)
        forms.flash("ok", text.word("gift_given", g.language))
        return redirect(url_for("console.gift_grant", grant_id=reply.grant.grant_id), 303)

    @bp.get("/gifts/<grant_id>")
    def gift_grant(grant_id: str):
        return render_template("console/gift.html", **_grant(grant_id))

    @bp.get("/gifts/<grant_id>/progress")
    def gift_grant_progress(grant_id: str):
        """The grant's counts, asked by the page every 2 s while it runs (htmx)."""
        return render_template("console/_gift_progress.html", **_grant(grant_id))

    @bp.post("/gifts/voucher")
    def issue_voucher():
        _allowed(ISSUE)
        member_id, reason = find_member(forms.field("member_id", 64)), forms.field("reason", 500)
        if not member_id:  # what was typed names nobody: nothing is issued
            forms.flash("error", text.word("snd_member_unknown", g.language))
            return redirect(forms.back(), 303)
        fields = {
            "idempotency_key": _key(),
            "member_id": member_id,
            "reward_id": forms.field("reward_id", 64),
            "issue_reason": _choice("issue_reason", VOUCHER_REASONS),
            "complaint_reference": forms.field("complaint_reference", 100),
            "reason": reason,
        }
        reply = change(
            ISSUE, "voucher.issued", member_id, f"{fields['reward_id']}: {reason}", **fields
        )
        # The code, to read out to the member at the counter or on the phone.
        forms.flash("ok", f"{text.word('iv_issued', g.language)}: {grouped(reply.voucher.code)}")
        return redirect(url_for("console.member", member_id=member_id), 303)


def _gift_target() -> tuple[dict, str]:
    """({"member_id": ...} or {"segment_id": ...}, the word saying what is wrong or "").
    A whole segment only with its confirmation ticked: each of its members is given the
    gift."""
    member_id, segment_id = forms.field("member_id", 64), forms.field("segment_id", 128)
    if bool(member_id) == bool(segment_id):
        return {}, "gift_whom_bad"
    if member_id:  # as staff know the member: a phone, card or member number, or the id
        found = find_member(member_id)
        return ({"member_id": found}, "") if found else ({}, "snd_member_unknown")
    if request.form.get("confirm") != "yes":
        return {}, "gift_segment_unconfirmed"
    return {"segment_id": segment_id}, ""


def _grant(grant_id: str) -> dict:
    grant = rpc_call(f"{RULES}/GetGiftGrant", grant_id=grant_id[:128]).grant
    under_way = grant.state == rules_pb2.GIFT_GRANT_STATE_RUNNING
    return {"grant": grant, "states": GRANT_STATES, "under_way": under_way}


def _allowed(rpc: str) -> None:
    """Refused before the form's own checks: someone outside the role learns nothing
    about what the form would have needed."""
    if not roles.may(g.role, rpc):
        raise Refused(rpc)


def _cursor() -> str:
    """The list's cursor is an offset: a number, and one a store can skip to (a longer
    one overflows the store's skip: refused by being ignored, the first page shown)."""
    cursor = request.args.get("cursor", "")[:12]
    return cursor if cursor.isdigit() else ""


def _send(bulk_send_id: str):
    return rpc_call(f"{MESSAGES}/GetBulkSend", bulk_send_id=bulk_send_id[:128]).bulk_send


def _key() -> str:
    """One idempotency key per form shown: a double click or a form sent again makes one
    send, one gift, one voucher."""
    key = request.form.get("form_key", "")
    return f"console:{key if FORM_KEY.match(key) else uuid.uuid4().hex}"


def _choice(name: str, allowed: tuple[str, ...]) -> str:
    """One of the form's offered values; anything else is sent as "not set", which the
    service refuses naming the field."""
    chosen = request.form.get(name, "")
    return chosen if chosen in allowed else allowed[0].rsplit("_", 1)[0] + "_UNSPECIFIED"


def _variables() -> dict[str, str]:
    """The templates' variables for a marketing message: {title}, {text} and an optional
    {code}."""
    values = {
        "title": forms.field("title", 200),
        "text": forms.field("text", 1000),
        "code": forms.field("code", 64),
    }
    return {name: value for name, value in values.items() if value}


def _segments():
    """The latest computation's segments; none before the first computation."""
    try:
        return rpc_call(f"{INSIGHTS}/ListSegments").segments
    except ApiError as error:
        if error.code == "segments_not_computed":
            return []
        raise


def _voucher_rewards():
    """Active rewards a member can be given a voucher of (not points as payment)."""
    reply = rpc_call(
        f"{REWARDS}/ListRewards", statuses=["REWARD_STATUS_ACTIVE"], page={"page_size": 200}
    )
    return [r for r in reply.rewards if r.type != POINTS_AS_PAYMENT]
