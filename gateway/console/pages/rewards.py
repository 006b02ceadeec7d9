"""Rewards and their stock: the catalogue with the stock left, creating and editing a
reward (admin), archiving it (admin), and adding or removing stock with a reason (a
marketer may: stock is day-to-day programme work, as the API's roles say)."""

from __future__ import annotations

import uuid

from flask import g, redirect, render_template, url_for

from gateway.console import forms, text
from gateway.console import programme_forms as read
from gateway.console.calls import REWARDS, as_dict, change, rpc_call

PLACE = 33

MENU = [("console.rewards", "rewards", f"{REWARDS}/ListRewards")]

TYPES = (
    "REWARD_TYPE_PERCENTAGE_VOUCHER",
    "REWARD_TYPE_FIXED_VOUCHER",
    "REWARD_TYPE_FREE_ITEM",
    "REWARD_TYPE_GIFT",
    "REWARD_TYPE_EVENT_TICKET",
    "REWARD_TYPE_POINTS_AS_PAYMENT",
)
# The fields the form edits (a type's own fields among them, cleared when it changes);
# with the read-only ones, everything else of a stored reward is kept on an edit.
FORM_FIELDS = {
    "name",
    "type",
    "status",
    "points_cost",
    "min_purchase",
    "unlimited_stock",
    "voucher_validity_days",
    "voucher_expires_at",
    "per_member_limit",
    "percent_off_bp",
    "max_discount",
    "fixed_value",
    "item_sku",
    "event_at",
    "payment_rate",
    "stock_total",
    "stock_remaining",
    "version",
    "created_at",
    "updated_at",
    "updated_by",
}
STATUSES = ("REWARD_STATUS_DRAFT", "REWARD_STATUS_ACTIVE")  # archiving is its own action

WORDS = {
    "rw_title": ("Quà tặng và tồn kho", "Rewards and stock"),
    "rw_new": ("Quà tặng mới", "New reward"),
    "rw_edit": ("Sửa quà tặng", "Edit the reward"),
    "rw_left": ("Còn lại", "Left"),
    "rw_total": ("Đã nhập", "Stocked"),
    "rw_unlimited": ("Không giới hạn tồn kho", "Unlimited stock"),
    "rw_initial": ("Tồn kho ban đầu", "Initial stock"),
    "rw_percent": ("Giảm (%)", "Percent off"),
    "rw_max_discount": ("Giảm tối đa (₫)", "Largest discount (₫)"),
    "rw_fixed": ("Giảm (₫)", "Amount off (₫)"),
    "rw_min_purchase": ("Đơn tối thiểu (₫)", "Minimum purchase (₫)"),
    "rw_sku": ("Mã sản phẩm (SKU)", "Item SKU"),
    "rw_event_at": ("Thời gian sự kiện", "Event time"),
    "rw_rate_points": ("Điểm mỗi bước (trả bằng điểm)", "Points per step (pay with points)"),
    "rw_rate_value": ("Giá trị mỗi bước (₫)", "Value per step (₫)"),
    "rw_validity": ("Hiệu lực phiếu (ngày)", "Voucher valid for (days)"),
    "rw_expires_at": (
        "Hoặc phiếu hết hạn vào (hiệu lực 0 ngày)",
        "Or vouchers expire at (with 0 days)",
    ),
    "rw_limit": ("Tối đa mỗi hội viên (0 = không)", "At most per member (0 = none)"),
    "rw_save": ("Lưu quà tặng", "Save the reward"),
    "rw_saved": ("Đã lưu quà tặng", "Reward saved"),
    "rw_stock_adjust": ("Điều chỉnh tồn kho", "Adjust stock"),
    "rw_delta": ("Số lượng (+ nhập, - xuất)", "Units (+ add, - remove)"),
    "rw_stock_done": ("Đã điều chỉnh tồn kho", "Stock adjusted"),
    "rw_archive": ("Ngừng quà tặng", "Withdraw the reward"),
    "REWARD_TYPE_PERCENTAGE_VOUCHER": ("Phiếu giảm theo %", "Percentage voucher"),
    "REWARD_TYPE_FIXED_VOUCHER": ("Phiếu giảm tiền", "Fixed-value voucher"),
    "REWARD_TYPE_FREE_ITEM": ("Tặng sản phẩm", "Free item"),
    "REWARD_TYPE_GIFT": ("Quà hiện vật", "Gift"),
    "REWARD_TYPE_EVENT_TICKET": ("Vé sự kiện", "Event ticket"),
    "REWARD_TYPE_POINTS_AS_PAYMENT": ("Trả bằng điểm", "Pay with points"),
    "REWARD_STATUS_DRAFT": ("Bản nháp", "Draft"),
    "REWARD_STATUS_ACTIVE": ("Đang đổi được", "Active"),
    "REWARD_STATUS_ARCHIVED": ("Đã ngừng", "Withdrawn"),
}


def register(bp) -> None:
    @bp.get("/programme/rewards")
    def rewards():
        listed = rpc_call(f"{REWARDS}/ListRewards", page={"page_size": 200}).rewards
        return render_template("console/rewards.html", rewards=listed, **_choices())

    @bp.post("/programme/rewards")
    def create_reward():
        reward = _reward_from_form()
        if not reward.get("unlimited_stock"):
            reward["stock_total"] = str(read.number("stock", read.INT64))
        reply = change(
            f"{REWARDS}/CreateReward",
            "reward.created",
            reward["name"]["vi"],
            f"{reward['points_cost']} pts",
            reward=reward,
            reason=forms.field("reason", 500) or "created in the console",
            idempotency_key=f"console:{uuid.uuid4().hex}",
        )
        forms.flash("ok", text.word("rw_saved", g.language))
        return redirect(url_for("console.reward", reward_id=reply.reward.reward_id), 303)

    @bp.get("/programme/rewards/<reward_id>")
    def reward(reward_id: str):
        found = rpc_call(f"{REWARDS}/GetReward", reward_id=reward_id).reward
        return render_template("console/reward.html", reward=found, **_choices())

    @bp.post("/programme/rewards/<reward_id>")
    def update_reward(reward_id: str):
        stored = as_dict(rpc_call(f"{REWARDS}/GetReward", reward_id=reward_id).reward)
        # UpdateReward replaces the whole reward: what the form does not show
        # (descriptions, visibility, partners, availability) is kept as stored.
        kept = {k: v for k, v in stored.items() if k not in FORM_FIELDS}
        reward = {**kept, **_reward_from_form(), "reward_id": reward_id}
        change(
            f"{REWARDS}/UpdateReward",
            "reward.updated",
            reward_id,
            reward["name"]["vi"],
            reward=reward,
            expected_version=str(read.number("version", read.INT64)),
            reason=forms.field("reason", 500) or "edited in the console",
        )
        forms.flash("ok", text.word("rw_saved", g.language))
        return redirect(url_for("console.reward", reward_id=reward_id), 303)

    @bp.post("/programme/rewards/<reward_id>/stock")
    def adjust_stock(reward_id: str):
        delta = read.number("delta", read.INT64)
        reply = change(
            f"{REWARDS}/AdjustRewardStock",
            "reward.stock_adjusted",
            reward_id,
            f"{delta:+d}: {forms.field('reason', 400)}",
            reward_id=reward_id,
            delta=str(delta),
            reason=forms.field("reason", 500),
            idempotency_key=f"console:{uuid.uuid4().hex}",
        )
        left = text.points(reply.reward.stock_remaining)
        forms.flash("ok", f"{text.word('rw_stock_done', g.language)}: {left}")
        return redirect(url_for("console.reward", reward_id=reward_id), 303)

    @bp.post("/programme/rewards/<reward_id>/archive")
    def archive_reward(reward_id: str):
        change(
            f"{REWARDS}/ArchiveReward",
            "reward.archived",
            reward_id,
            reward_id=reward_id,
            reason=forms.field("reason", 500) or "withdrawn in the console",
        )
        forms.flash("ok", text.word("REWARD_STATUS_ARCHIVED", g.language))
        return redirect(url_for("console.reward", reward_id=reward_id), 303)


def _reward_from_form() -> dict:
    """A Reward (JSON names) from the form, with the fields of its type; the service
    names whatever is missing or wrong."""
    kind = forms.field("type", 64)
    status = forms.field("status", 64)
    name_en = forms.field("name_en")
    reward = {
        "name": {"vi": forms.field("name_vi"), **({"en": name_en} if name_en else {})},
        "type": kind if kind in TYPES else "REWARD_TYPE_UNSPECIFIED",
        "status": status if status in STATUSES else "REWARD_STATUS_DRAFT",
        "points_cost": str(read.number("points_cost", read.INT64)),
        "min_purchase": read.vnd("min_purchase"),
        "unlimited_stock": read.checked("unlimited_stock"),
        "voucher_validity_days": read.number("voucher_validity_days"),
        "voucher_expires_at": read.optional_time("voucher_expires_at"),
        "per_member_limit": read.number("per_member_limit"),
    }
    if kind == "REWARD_TYPE_PERCENTAGE_VOUCHER":
        reward["percent_off_bp"] = read.basis_points("percent_off", 100)
        reward["max_discount"] = read.vnd("max_discount")
    elif kind == "REWARD_TYPE_FIXED_VOUCHER":
        reward["fixed_value"] = read.vnd("fixed_value")
    elif kind in ("REWARD_TYPE_FREE_ITEM", "REWARD_TYPE_GIFT"):
        reward["item_sku"] = forms.field("item_sku", 64)
    elif kind == "REWARD_TYPE_EVENT_TICKET":
        reward["event_at"] = read.optional_time("event_at")
    elif kind == "REWARD_TYPE_POINTS_AS_PAYMENT":
        reward["payment_rate"] = read.without_empty(
            {"points": str(read.number("rate_points", read.INT64)), "value": read.vnd("rate_value")}
        )
    return read.without_empty(reward)


def _choices() -> dict:
    return {"types": TYPES, "statuses": STATUSES, "zone": text.ZONE}
