"""Bonus rules: points and/or a voucher awarded on an occasion (welcome, first purchase,
birthday, referral, a custom event). Everyone may read the list; creating, editing and
archiving configure the programme (admin, as the API says)."""

from __future__ import annotations

import uuid

from flask import g, redirect, render_template, url_for

from gateway.console import forms, text
from gateway.console import programme_forms as read
from gateway.console.calls import REWARDS, RULES, change, rpc_call

PLACE = 31

MENU = [("console.bonuses", "bn_menu", f"{RULES}/ListBonusRules")]

# The triggers a bonus rule may have (BONUS_TRIGGER_GIFT belongs to GrantGift only).
TRIGGERS = (
    "BONUS_TRIGGER_WELCOME",
    "BONUS_TRIGGER_FIRST_PURCHASE",
    "BONUS_TRIGGER_BIRTHDAY",
    "BONUS_TRIGGER_REFERRAL_REFERRER",
    "BONUS_TRIGGER_REFERRAL_REFEREE",
    "BONUS_TRIGGER_CUSTOM_EVENT",
)

WORDS = {
    "bn_menu": ("Thưởng", "Bonuses"),
    "bn_title": ("Quy tắc thưởng", "Bonus rules"),
    "bn_new": ("Quy tắc thưởng mới", "New bonus rule"),
    "bn_edit": ("Sửa quy tắc thưởng", "Edit the bonus rule"),
    "bn_trigger": ("Dịp thưởng", "Occasion"),
    "bn_points": ("Điểm thưởng", "Bonus points"),
    "bn_voucher": ("Kèm phiếu quà tặng", "With a voucher of"),
    "bn_no_voucher": ("Không kèm phiếu", "No voucher"),
    "bn_tiers": ("Chỉ các hạng (mã, dấu phẩy)", "Only tiers (codes, comma-separated)"),
    "bn_counts": ("Tính vào xét hạng", "Counts toward tiers"),
    "bn_enabled": ("Đang áp dụng", "Enabled"),
    "bn_event": ("Sự kiện tùy chỉnh (tên)", "Custom event (name)"),
    "bn_per_day": ("Tối đa mỗi ngày / hội viên", "At most per member per day"),
    "bn_per_week": ("Tối đa mỗi tuần / hội viên", "At most per member per week"),
    "bn_lifetime": ("Tối đa trọn đời / hội viên", "At most per member ever"),
    "bn_budget": ("Ngân sách điểm (toàn chương trình)", "Points budget (programme-wide)"),
    "bn_custom_hint": (
        "Chỉ cho dịp «sự kiện tùy chỉnh»; 0 = không giới hạn.",
        "For the custom event occasion only; 0 = no cap.",
    ),
    "bn_archive": ("Lưu trữ quy tắc", "Archive the rule"),
    "bn_archived": ("Đã lưu trữ", "Archived"),
    "bn_off": ("Tạm dừng", "Off"),
    "bn_save": ("Lưu quy tắc", "Save the rule"),
    "bn_saved": ("Đã lưu quy tắc thưởng", "Bonus rule saved"),
    "BONUS_TRIGGER_WELCOME": ("Chào mừng hội viên mới", "Welcome"),
    "BONUS_TRIGGER_FIRST_PURCHASE": ("Lần mua đầu tiên", "First purchase"),
    "BONUS_TRIGGER_BIRTHDAY": ("Tháng sinh nhật", "Birthday month"),
    "BONUS_TRIGGER_REFERRAL_REFERRER": ("Giới thiệu (người giới thiệu)", "Referral (referrer)"),
    "BONUS_TRIGGER_REFERRAL_REFEREE": ("Giới thiệu (người được giới thiệu)", "Referral (referee)"),
    "BONUS_TRIGGER_CUSTOM_EVENT": ("Sự kiện tùy chỉnh", "Custom event"),
}


def register(bp) -> None:
    @bp.get("/programme/bonuses")
    def bonuses():
        rules = rpc_call(
            f"{RULES}/ListBonusRules", include_archived=True, page={"page_size": 200}
        ).rules
        return render_template("console/bonuses.html", rules=rules, **_choices())

    @bp.post("/programme/bonuses")
    def create_bonus():
        rule = _rule_from_form()
        reply = change(
            f"{RULES}/CreateBonusRule",
            "bonus_rule.created",
            rule["name"],
            rule["trigger"],
            rule=rule,
            reason=forms.field("reason", 500) or "created in the console",
            idempotency_key=f"console:{uuid.uuid4().hex}",
        )
        forms.flash("ok", _saved())
        return redirect(url_for("console.bonus", bonus_rule_id=reply.rule.bonus_rule_id), 303)

    @bp.get("/programme/bonuses/<bonus_rule_id>")
    def bonus(bonus_rule_id: str):
        rule = rpc_call(f"{RULES}/GetBonusRule", bonus_rule_id=bonus_rule_id).rule
        return render_template("console/bonus.html", rule=rule, **_choices())

    @bp.post("/programme/bonuses/<bonus_rule_id>")
    def update_bonus(bonus_rule_id: str):
        rule = {**_rule_from_form(), "bonus_rule_id": bonus_rule_id}
        stored = rpc_call(f"{RULES}/GetBonusRule", bonus_rule_id=bonus_rule_id).rule
        if "custom_event" in rule and stored.custom_event.attribute_equals:
            # The form does not show attribute conditions; an edit keeps them.
            rule["custom_event"]["attribute_equals"] = dict(stored.custom_event.attribute_equals)
        change(
            f"{RULES}/UpdateBonusRule",
            "bonus_rule.updated",
            bonus_rule_id,
            rule["name"],
            rule=rule,
            expected_version=str(read.number("version", read.INT64)),
            reason=forms.field("reason", 500) or "edited in the console",
        )
        forms.flash("ok", _saved())
        return redirect(url_for("console.bonus", bonus_rule_id=bonus_rule_id), 303)

    @bp.post("/programme/bonuses/<bonus_rule_id>/archive")
    def archive_bonus(bonus_rule_id: str):
        reply = change(
            f"{RULES}/DeleteBonusRule",
            "bonus_rule.archived",
            bonus_rule_id,
            bonus_rule_id=bonus_rule_id,
            reason=forms.field("reason", 500) or "archived in the console",
        )
        forms.flash("ok", f"{reply.rule.name}: {_word('bn_archived')}")
        return redirect(url_for("console.bonuses"), 303)


def _rule_from_form() -> dict:
    """A BonusRule (JSON names) from the form; the service names whatever is wrong."""
    name = forms.field("name")
    trigger = forms.field("trigger", 64)
    rule = read.without_empty(
        {
            "name": name,
            "display_name": {"vi": forms.field("name_vi") or name, "en": forms.field("name_en")},
            "trigger": trigger if trigger in TRIGGERS else "BONUS_TRIGGER_UNSPECIFIED",
            "enabled": read.checked("enabled"),
            "points": str(read.number("points", read.INT64)),
            "voucher_reward_id": forms.field("voucher_reward_id", 64),
            "starts_at": read.optional_time("starts"),
            "ends_at": read.optional_time("ends"),
            "tier_codes": read.codes("tier_codes", 32),
            "counts_for_tier": read.checked("counts_for_tier"),
        }
    )
    if not rule["display_name"]["en"]:
        del rule["display_name"]["en"]
    if trigger == "BONUS_TRIGGER_CUSTOM_EVENT":
        rule["custom_event"] = {
            "event_name": forms.field("event_name", 64),
            "caps": {
                "per_member_day": read.number("per_member_day"),
                "per_member_week": read.number("per_member_week"),
                "per_member_lifetime": read.number("per_member_lifetime"),
                "points_budget": str(read.number("points_budget", read.INT64)),
            },
        }
    return rule


def _choices() -> dict:
    """What the form offers: the triggers, and the rewards whose voucher a bonus can give."""
    rewards = rpc_call(f"{REWARDS}/ListRewards", page={"page_size": 200}).rewards
    return {
        "triggers": TRIGGERS,
        "rewards": [r for r in rewards if r.status != 3],  # not ARCHIVED
        "reward_names": {r.reward_id: r.name.get(g.language) or r.name.get("vi") for r in rewards},
        "zone": text.ZONE,
    }


def _word(key: str) -> str:
    return text.word(key, g.language)


def _saved() -> str:
    return _word("bn_saved")
