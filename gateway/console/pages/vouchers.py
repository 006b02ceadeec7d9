"""Voucher batches: a marketer generates codes for a reward (flyers, a partner's mailing),
exports them as CSV, watches how many are used and voids a batch. The points service
decides everything (bounds, uniqueness, what voiding does); this page only asks it."""

from __future__ import annotations

import csv
import io
import re
import uuid
from datetime import date, datetime, time, timedelta

from flask import (
    Response,
    g,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)

from gateway.console import forms, roles, text
from gateway.console.calls import REWARDS, change, record, rpc_call

PLACE = 40

MENU = [("console.voucher_batches", "vouchers", f"{REWARDS}/ListVoucherBatches")]

CREATE, VOID = f"{REWARDS}/CreateVoucherBatch", f"{REWARDS}/VoidVoucherBatch"
CODES_PER_PAGE = 100
EXPORT_PAGE = 500  # the service's largest page: a batch of 10,000 is 20 calls
FORM_KEY = re.compile(r"^[0-9a-f]{32}$")

WORDS = {
    "vouchers": ("Lô phiếu", "Voucher batches"),
    "vb_title": ("Lô mã phiếu giảm giá", "Voucher batches"),
    "vb_new": ("Tạo lô mã mới", "Generate a batch"),
    "vb_label": ("Tên lô (vd Tờ rơi Tết)", "Label (e.g. Tết flyer)"),
    "vb_reward": ("Quà tặng", "Reward"),
    "vb_count": ("Số mã (1 đến 10.000)", "Codes (1 to 10,000)"),
    "vb_expiry": (
        "Hết hạn sau ngày (để trống = theo quà tặng)",
        "Expires after (empty = the reward's)",
    ),
    "vb_generate": ("Tạo mã", "Generate"),
    "vb_generated": ("Đã tạo", "Generated"),
    "vb_used": ("Đã dùng", "Used"),
    "vb_unused": ("Chưa dùng", "Unused"),
    "vb_voided": ("Đã hủy", "Voided"),
    "vb_expired": ("Hết hạn chưa dùng", "Expired unused"),
    "vb_code": ("Mã", "Code"),
    "vb_member": ("Hội viên dùng", "Used by"),
    "vb_used_at": ("Thời gian dùng", "Used at"),
    "vb_export": ("Xuất CSV", "Export CSV"),
    "vb_void": ("Hủy lô mã", "Void the batch"),
    "vb_void_reason": ("Lý do hủy", "Why void it"),
    "vb_void_confirm": (
        "Tôi hiểu: mọi mã chưa dùng sẽ ngừng hoạt động ngay; mã đã dùng giữ nguyên",
        "I understand: every unused code stops working at once; used ones stay used",
    ),
    "vb_void_unconfirmed": (
        "Hãy đánh dấu ô xác nhận để hủy lô mã",
        "Tick the confirmation to void the batch",
    ),
    "vb_made": ("Đã tạo lô mã", "Batch generated"),
    "vb_void_done": ("Đã hủy lô mã", "Batch voided"),
    "vb_bad_date": ("expires: không phải ngày hợp lệ", "expires: not a date"),
    "vb_VOUCHER_BATCH_STATE_ACTIVE": ("Đang dùng được", "Active"),
    "vb_VOUCHER_BATCH_STATE_VOID": ("Đã hủy", "Void"),
    "vb_VOUCHER_BATCH_STATE_GENERATING": ("Đang tạo mã", "Generating"),
    "vb_generating": (
        "Đang tạo mã; trang tự tải lại. Xuất CSV khi đã tạo xong.",
        "Codes are being generated; this page reloads itself. Export once they are all in.",
    ),
    "vb_VOUCHER_STATE_ACTIVE": ("Chưa dùng", "Unused"),
    "vb_VOUCHER_STATE_USED": ("Đã dùng", "Used"),
    "vb_VOUCHER_STATE_EXPIRED": ("Hết hạn", "Expired"),
    "vb_VOUCHER_STATE_CANCELLED": ("Đã hủy", "Cancelled"),
}

BATCH_STATES = {
    1: "VOUCHER_BATCH_STATE_ACTIVE",
    2: "VOUCHER_BATCH_STATE_VOID",
    3: "VOUCHER_BATCH_STATE_GENERATING",
}
ACTIVE, VOIDED, GENERATING = 1, 2, 3
VOUCHER_STATES = {
    1: "VOUCHER_STATE_ACTIVE",
    2: "VOUCHER_STATE_USED",
    3: "VOUCHER_STATE_EXPIRED",
    4: "VOUCHER_STATE_CANCELLED",
}
CSV_HEADER = ("code", "printed_code", "state", "member_id", "used_at", "expires_at")


def register(bp) -> None:
    @bp.get("/vouchers")
    def voucher_batches():
        cursor = _cursor()
        reply = rpc_call(f"{REWARDS}/ListVoucherBatches", page={"page_size": 50, "cursor": cursor})
        may_create = roles.may(g.role, CREATE)
        return render_template(
            "console/vouchers.html",
            batches=reply.batches,
            next=reply.page_info.next_cursor,
            first=bool(cursor),
            rewards=_voucher_rewards() if may_create else [],
            may_create=may_create,
            form_key=uuid.uuid4().hex,
            states=BATCH_STATES,
        )

    @bp.post("/vouchers")
    def create_voucher_batch():
        label = forms.field("label", 100)
        key = request.form.get("form_key", "")
        fields = {
            "reward_id": forms.field("reward_id", 64),
            "count": forms.whole_number("count"),
            "label": label,
            "reason": "generated in the console",
            # One key per form shown: a double click or a resent form makes one batch.
            "idempotency_key": f"console:{key if FORM_KEY.match(key) else uuid.uuid4().hex}",
        }
        expires = _end_of_day(request.form.get("expires", "")[:10])
        if expires is False:
            forms.flash("error", text.word("vb_bad_date", g.language))
            return redirect(url_for("console.voucher_batches"), 303)
        if expires:
            fields["expires_at"] = expires
        reply = change(
            CREATE, "voucher_batch.generated", label, f"{fields['count']} codes", **fields
        )
        forms.flash("ok", text.word("vb_made", g.language))
        return redirect(url_for("console.voucher_batch", batch_id=reply.batch.batch_id), 303)

    @bp.get("/vouchers/<batch_id>")
    def voucher_batch(batch_id: str):
        batch = rpc_call(f"{REWARDS}/GetVoucherBatch", batch_id=batch_id).batch
        cursor = _cursor()
        page = rpc_call(
            f"{REWARDS}/ListBatchVouchers",
            batch_id=batch_id,
            page={"page_size": CODES_PER_PAGE, "cursor": cursor},
        )
        return render_template(
            "console/voucher_batch.html",
            batch=batch,
            vouchers=page.vouchers,
            next=page.page_info.next_cursor,
            first=bool(cursor),
            states=BATCH_STATES,
            voucher_states=VOUCHER_STATES,
            grouped=grouped,
            may_void=roles.may(g.role, VOID) and batch.state != VOIDED,
            generating=batch.state == GENERATING,
        )

    @bp.get("/vouchers/<batch_id>/export.csv")
    def export_voucher_batch(batch_id: str):
        batch = rpc_call(f"{REWARDS}/GetVoucherBatch", batch_id=batch_id).batch
        if batch.state == GENERATING:  # a part of the batch would pass for all of it
            forms.flash("error", text.word("vb_generating", g.language))
            return redirect(url_for("console.voucher_batch", batch_id=batch_id), 303)
        # Bearer codes leave the system here: who exported them goes in the activity log.
        record("voucher_batch.exported", batch.batch_id, f"{batch.generated} codes")
        return Response(
            stream_with_context(_csv_rows(batch)),
            mimetype="text/csv",
            headers={
                "Content-Disposition": f'attachment; filename="voucher-batch-{batch.batch_id}.csv"'
            },
        )

    @bp.post("/vouchers/<batch_id>/void")
    def void_voucher_batch(batch_id: str):
        if request.form.get("confirm") != "yes":
            forms.flash("error", text.word("vb_void_unconfirmed", g.language))
            return redirect(url_for("console.voucher_batch", batch_id=batch_id), 303)
        reason = forms.field("reason", 500)
        change(VOID, "voucher_batch.voided", batch_id, reason, batch_id=batch_id, reason=reason)
        forms.flash("ok", text.word("vb_void_done", g.language))
        return redirect(url_for("console.voucher_batch", batch_id=batch_id), 303)


def _csv_rows(batch):
    """The batch's codes as CSV lines, page by page from the service (never more than the
    batch holds, never the whole batch in memory at once)."""
    yield _line(CSV_HEADER)
    cursor, sent = "", 0
    while sent < batch.generated:
        page = rpc_call(
            f"{REWARDS}/ListBatchVouchers",
            batch_id=batch.batch_id,
            page={"page_size": EXPORT_PAGE, "cursor": cursor},
        )
        for voucher in page.vouchers[: batch.generated - sent]:
            yield _line(
                (
                    voucher.code,
                    grouped(voucher.code),
                    VOUCHER_STATES.get(voucher.state, ""),
                    voucher.member_id,
                    _rfc3339(voucher.used_at),
                    _rfc3339(voucher.expires_at),
                )
            )
            sent += 1
        cursor = page.page_info.next_cursor
        if not cursor:
            return


def grouped(code: str) -> str:
    """A code as it is printed and read out, "XXXX-XXXX-XXXX" (tills accept either form;
    the gateway does not import the points service, so not its codes.grouped)."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _line(values) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(values)
    return out.getvalue()


def _rfc3339(stamp) -> str:
    if not stamp.seconds and not stamp.nanos:
        return ""
    return stamp.ToDatetime().isoformat(timespec="seconds") + "Z"


def _voucher_rewards():
    """Rewards a batch can carry: active or draft vouchers (not points as payment)."""
    reply = rpc_call(
        f"{REWARDS}/ListRewards",
        statuses=["REWARD_STATUS_ACTIVE", "REWARD_STATUS_DRAFT"],
        page={"page_size": 200},
    )
    return [r for r in reply.rewards if r.type != 6]  # REWARD_TYPE_POINTS_AS_PAYMENT


def _cursor() -> str:
    cursor = request.args.get("cursor", "")[:12]
    return cursor if cursor.isdigit() else ""


def _end_of_day(raw: str):
    """A date field as the end of that day in the programme's zone (RFC 3339); "" when
    empty, False when it is not a date."""
    if not raw:
        return ""
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return False
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=text.ZONE).isoformat()
