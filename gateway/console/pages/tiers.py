"""The tier ladder: its tiers, thresholds and benefits, edited as one form. Every edit is
checked by the members service first (ValidateTierLadder) and shown back with the
service's own field errors; only a sound ladder is saved (SetTierLadder, admin), with the
version it was read at so two people editing at once cannot overwrite each other."""

from __future__ import annotations

from flask import g, redirect, render_template, request, url_for

from gateway.console import forms, roles, text
from gateway.console import programme_forms as read
from gateway.console.calls import Refused, as_dict, change, rpc_call

TIERS = "loyalty.members.v1.TiersService"
PLACE = 32
BLANK_ROWS = 2  # empty rows offered for new tiers
MAX_ROWS = 20  # the service allows 1..20 tiers

MENU = [("console.tier_ladder", "tl_menu", f"{TIERS}/GetTierLadder")]

MEASURES = ("QUALIFYING_MEASURE_POINTS", "QUALIFYING_MEASURE_SPEND")
WINDOWS = ("WINDOW_KIND_ROLLING_MONTHS", "WINDOW_KIND_CALENDAR_YEAR")
DOWNGRADES = ("DOWNGRADE_MODE_DROP_ONE_TIER", "DOWNGRADE_MODE_RECALCULATE")

WORDS = {
    "tl_menu": ("Bậc hạng", "Tier ladder"),
    "tl_title": ("Bậc hạng thành viên", "The tier ladder"),
    "tl_none": ("Chưa có bậc hạng nào.", "No tier ladder yet."),
    "tl_edit": ("Sửa bậc hạng", "Edit the ladder"),
    "tl_code": ("Mã hạng", "Tier code"),
    "tl_threshold": ("Ngưỡng", "Threshold"),
    "tl_multiplier": ("Hệ số tích điểm", "Earn multiplier"),
    "tl_free_shipping": ("Miễn phí giao hàng", "Free shipping"),
    "tl_priority": ("Ưu tiên chăm sóc", "Priority service"),
    "tl_exclusive": ("Quà độc quyền", "Exclusive rewards"),
    "tl_flags": ("Quyền lợi khác (mã, dấu phẩy)", "Other benefits (codes, commas)"),
    "tl_measure": ("Xét hạng theo", "Qualifies by"),
    "tl_currency": ("Tiền tệ (theo chi tiêu)", "Currency (spend)"),
    "tl_window": ("Kỳ xét", "Window"),
    "tl_months": ("Số tháng", "Months"),
    "tl_review": ("Xét lại sau (tháng)", "Review after (months)"),
    "tl_grace": ("Ân hạn (ngày)", "Grace (days)"),
    "tl_downgrade": ("Cách hạ hạng", "Downgrade"),
    "tl_rows_hint": (
        "Hạng đầu tiên có ngưỡng 0; ngưỡng phải tăng dần. Để trống mã để bỏ một hạng.",
        "The first tier's threshold is 0; thresholds must rise. Empty a code to drop a tier.",
    ),
    "tl_check": ("Kiểm tra", "Check"),
    "tl_save": ("Kiểm tra và lưu", "Check and save"),
    "tl_problems": ("Bậc hạng chưa hợp lệ", "The ladder is not valid"),
    "tl_valid": ("Bậc hạng hợp lệ (chưa lưu)", "The ladder is valid (not saved yet)"),
    "tl_saved": ("Đã lưu bậc hạng", "Tier ladder saved"),
    "QUALIFYING_MEASURE_POINTS": ("Điểm xét hạng", "Qualifying points"),
    "QUALIFYING_MEASURE_SPEND": ("Chi tiêu", "Spend"),
    "WINDOW_KIND_ROLLING_MONTHS": ("N tháng gần nhất", "The last N months"),
    "WINDOW_KIND_CALENDAR_YEAR": ("Năm dương lịch", "Calendar year"),
    "DOWNGRADE_MODE_DROP_ONE_TIER": ("Hạ một hạng", "Drop one tier"),
    "DOWNGRADE_MODE_RECALCULATE": ("Tính lại hạng", "Recalculate"),
}


def register(bp) -> None:
    @bp.get("/programme/tiers")
    def tier_ladder():
        ladder = as_dict(rpc_call(f"{TIERS}/GetTierLadder").ladder)
        return _page(ladder, ladder, [])

    @bp.post("/programme/tiers")
    def edit_tier_ladder():
        # Checking is a read, but this form edits: a role that may not save is refused
        # before anything (the page offers it no form either).
        if not roles.may(g.role, f"{TIERS}/SetTierLadder"):
            raise Refused(f"{TIERS}/SetTierLadder")
        ladder = _ladder_from_form()
        problems = rpc_call(f"{TIERS}/ValidateTierLadder", ladder=ladder).problems
        stored = as_dict(rpc_call(f"{TIERS}/GetTierLadder").ladder)
        if problems:
            return _page(stored, ladder, problems, status=422)
        if request.form.get("intent") == "check":
            forms.flash("ok", text.word("tl_valid", g.language))
            return _page(stored, ladder, [])
        saved = change(
            f"{TIERS}/SetTierLadder",
            "tier_ladder.changed",
            "tier ladder",
            " < ".join(tier["code"] for tier in ladder["tiers"]),
            ladder=ladder,
            expected_version=str(read.number("version", read.INT64)),
            reason=forms.field("reason", 500) or "edited in the console",
        )
        forms.flash("ok", f"{text.word('tl_saved', g.language)} (v{saved.ladder.version})")
        return redirect(url_for("console.tier_ladder"), 303)


def _page(stored: dict, edited: dict, problems, status: int = 200):
    """The ladder as stored (the table) and as being edited (the form, with the
    service's problems beside the rows they concern)."""
    tiers = list(edited.get("tiers", []))
    rows = tiers + [{} for _ in range(min(BLANK_ROWS, MAX_ROWS - len(tiers)))]
    found = [(p.field, p.description) for p in problems]
    page = render_template(
        "console/tiers.html",
        stored=stored,
        edited=edited,
        rows=rows,
        problems=found,
        row_problems=[_of_row(found, i) for i in range(len(rows))],
        measures=MEASURES,
        windows=WINDOWS,
        downgrades=DOWNGRADES,
        may_save=roles.may(g.role, f"{TIERS}/SetTierLadder"),
    )
    return page, status


def _of_row(found: list[tuple[str, str]], index: int) -> list[tuple[str, str]]:
    prefix = f"ladder.tiers[{index}]"
    return [(field, text) for field, text in found if field.startswith(prefix)]


def _ladder_from_form() -> dict:
    """A TierLadder (JSON names) from the form: the rows with a code, in the order shown."""
    measure = forms.field("measure", 64)
    spend = measure == "QUALIFYING_MEASURE_SPEND"
    currency = forms.field("currency", 3).upper() or "VND"
    tiers = []
    for i in range(MAX_ROWS + BLANK_ROWS):
        code = forms.field(f"code_{i}", 32)
        if not code:
            continue
        threshold = read.number(f"threshold_{i}", read.INT64)
        tiers.append(
            {
                "code": code,
                "name": read.without_empty(
                    {
                        "vi": forms.field(f"name_vi_{i}") or None,
                        "en": forms.field(f"name_en_{i}") or None,
                    }
                ),
                **(
                    {"threshold_spend": {"amount_minor": str(threshold), "currency": currency}}
                    if spend
                    else {"threshold_points": str(threshold)}
                ),
                "benefits": {
                    "earn_multiplier_bp": read.basis_points(f"multiplier_{i}"),
                    "free_shipping": read.checked(f"free_shipping_{i}"),
                    "priority_service": read.checked(f"priority_service_{i}"),
                    "exclusive_rewards": read.checked(f"exclusive_rewards_{i}"),
                    "flags": read.codes(f"flags_{i}"),
                },
            }
        )
    return {
        "measure": measure if measure in MEASURES else "QUALIFYING_MEASURE_UNSPECIFIED",
        "currency": currency if spend else "",
        "window": {
            "kind": _choice("window", WINDOWS, "WINDOW_KIND_UNSPECIFIED"),
            "months": read.number("months"),
        },
        "tiers": tiers,
        "downgrade": {
            "review_period_months": read.number("review_period_months"),
            "grace_period_days": read.number("grace_period_days"),
            "mode": _choice("downgrade", DOWNGRADES, "DOWNGRADE_MODE_UNSPECIFIED"),
        },
    }


def _choice(name: str, allowed: tuple[str, ...], unset: str) -> str:
    value = forms.field(name, 64)
    return value if value in allowed else unset
