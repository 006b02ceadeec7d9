"""The programme: earning rules and campaigns (draft, try a basket with and without the
draft, publish with a confirmation, end or discard with a reason). Every form is offered
only to a role that may call its RPC (roles.may); the services still decide. Bonuses,
the tier ladder and rewards are areas of their own (bonuses.py, tiers.py, rewards.py),
linked from the programme's page."""

from __future__ import annotations

import uuid
from datetime import timedelta

from flask import g, redirect, render_template, request, url_for

from common import clock
from gateway.console import forms, programme_forms, roles, text
from gateway.console.calls import RULES, Refused, as_dict, change, error_message, rpc_call
from gateway.errors import ApiError

PLACE = 30

MENU = [("console.programme", "programme", f"{RULES}/ListEarningRules")]

CREATE, UPDATE = f"{RULES}/CreateEarningRule", f"{RULES}/UpdateEarningRule"
ARCHIVE, SIMULATE = f"{RULES}/DeleteEarningRule", f"{RULES}/Simulate"

WORDS = {
    "sim_now": ("Chương trình hiện tại", "As it is now"),
    "sim_with_draft": ("Khi xuất bản bản nháp này", "With this draft"),
    "sim_draft_hint": (
        "Bản nháp được tính như đã xuất bản; chưa có gì thay đổi.",
        "The draft counted as if published; nothing changes yet.",
    ),
    "prog_more": ("Cấu hình khác", "More of the programme"),
    # A rule's state, from its flags and its schedule against the clock (_state).
    "pg_scheduled": ("Đã lên lịch", "Scheduled"),
    "pg_running": ("Đang chạy", "Running"),
    "pg_ended": ("Đã kết thúc", "Ended"),
    "pg_archived": ("Đã lưu trữ", "Archived"),
    "pg_publish_confirm": (
        "Tôi hiểu: hội viên được tích điểm theo quy tắc này từ lúc bắt đầu",
        "I understand: members earn by this rule from its start",
    ),
    "pg_publish_unconfirmed": (
        "Hãy đánh dấu ô xác nhận để xuất bản",
        "Tick the confirmation to publish",
    ),
    "pg_end": ("Kết thúc và lưu trữ quy tắc", "End and archive the rule"),
    "pg_discard": ("Bỏ bản nháp", "Discard the draft"),
    "pg_end_confirm": (
        "Tôi hiểu: quy tắc ngừng áp dụng ngay và không thể bật lại",
        "I understand: the rule stops applying at once and cannot be turned back on",
    ),
    "pg_end_unconfirmed": (
        "Hãy đánh dấu ô xác nhận để kết thúc quy tắc",
        "Tick the confirmation to end the rule",
    ),
    "pg_read_only": (
        "Bạn có thể xem và thử chương trình; tạo, xuất bản và kết thúc do quản trị viên làm.",
        "You may read and try the programme; an admin creates, publishes and ends rules.",
    ),
}


def register(bp) -> None:
    @bp.get("/programme")
    def programme():
        now = clock.now().astimezone(text.ZONE)
        typed = {
            "name": "",
            "multiplier": "2",
            "starts": (now + timedelta(days=1)).strftime("%Y-%m-%dT00:00"),
            "ends": (now + timedelta(days=3)).strftime("%Y-%m-%dT00:00"),
        }
        return _programme_page(typed)

    @bp.post("/programme/campaigns")
    def create_campaign():
        try:
            return _create_campaign()
        except ApiError as error:
            if error.status == 403 or error.status >= 500:
                raise
            # Refused (e.g. ends before it starts): the form comes back as typed.
            forms.flash("error", error_message(error))
            typed = {key: forms.field(key, 32) for key in ("multiplier", "starts", "ends")}
            return _programme_page({**typed, "name": forms.field("name")}, 400)

    def _create_campaign():
        name = forms.field("name")
        multiplier_bp = programme_forms.basis_points("multiplier")
        rule = {
            "name": name,
            "display_name": {"vi": name, "en": name},
            "kind": "EARNING_RULE_KIND_CAMPAIGN",
            "enabled": False,
            "priority": 100,
            "stacking": "STACKING_MULTIPLY",
            "multiplier_bp": multiplier_bp,
            "schedule": {
                "starts_at": forms.local_time("starts"),
                "ends_at": forms.local_time("ends"),
            },
        }
        reply = change(
            CREATE,
            "campaign.drafted",
            name,
            f"x{multiplier_bp / 10000:g}",
            rule=rule,
            reason="drafted in the console",
            idempotency_key=f"console:{uuid.uuid4().hex}",
        )
        return redirect(url_for("console.rule", rule_id=reply.rule.rule_id), 303)

    @bp.get("/programme/rules/<rule_id>")
    def rule(rule_id: str):
        return _rule_page(rule_id, None)

    @bp.post("/programme/rules/<rule_id>/simulate")
    def simulate(rule_id: str):
        rule = rpc_call(f"{RULES}/GetEarningRule", rule_id=rule_id).rule
        basket = {
            "partner_id": forms.field("partner_id", 64),
            "tier_code": forms.field("tier_code", 64),
            "amount": {"amount_minor": str(forms.whole_number("amount")), "currency": "VND"},
            "occurred_at": forms.local_time("at"),
            "language": g.language,
        }
        result = rpc_call(SIMULATE, **basket)
        # A draft is also tried as if published, beside the programme as it is now.
        drafted = rpc_call(SIMULATE, with_rule_ids=[rule_id], **basket) if _is_draft(rule) else None
        if request.headers.get("HX-Request"):
            return render_template(
                "console/_simulation.html", rule=rule, result=result, drafted=drafted
            )
        return _rule_page(rule_id, result, drafted)

    @bp.post("/programme/rules/<rule_id>/publish")
    def publish(rule_id: str):
        if not roles.may(g.role, UPDATE):  # refused before the confirmation is looked at
            raise Refused(UPDATE)
        if request.form.get("confirm") != "yes":
            forms.flash("error", text.word("pg_publish_unconfirmed", g.language))
            return redirect(url_for("console.rule", rule_id=rule_id), 303)
        rule = rpc_call(f"{RULES}/GetEarningRule", rule_id=rule_id).rule
        rule.enabled = True
        change(
            UPDATE,
            "rule.published",
            rule_id,
            rule.name,
            rule=as_dict(rule),
            expected_version=str(rule.version),
            reason="published in the console",
        )
        forms.flash("ok", text.word("published", g.language))
        return redirect(url_for("console.rule", rule_id=rule_id), 303)

    @bp.post("/programme/rules/<rule_id>/archive")
    def archive_rule(rule_id: str):
        """Ends a published rule or discards a draft: the service archives it (it stops
        applying at once and stays readable for past entries' breakdowns)."""
        if not roles.may(g.role, ARCHIVE):
            raise Refused(ARCHIVE)
        if request.form.get("confirm") != "yes":
            forms.flash("error", text.word("pg_end_unconfirmed", g.language))
            return redirect(url_for("console.rule", rule_id=rule_id), 303)
        reason = forms.field("reason", 500)
        reply = change(ARCHIVE, "rule.archived", rule_id, reason, rule_id=rule_id, reason=reason)
        forms.flash("ok", f"{reply.rule.name}: {text.word('pg_archived', g.language)}")
        return redirect(url_for("console.programme"), 303)


def _is_draft(rule) -> bool:
    return not rule.enabled and not rule.archived


def _state(rule, now) -> str:
    """The word for where a rule stands now: published is not yet running before its
    start, and no longer after its end (an unset start or end is open)."""
    starts, ends = rule.schedule.starts_at, rule.schedule.ends_at
    if rule.archived:
        return "pg_archived"
    if not rule.enabled:
        return "draft"
    if starts.seconds and starts.ToDatetime(tzinfo=text.ZONE) > now:
        return "pg_scheduled"
    if ends.seconds and ends.ToDatetime(tzinfo=text.ZONE) <= now:
        return "pg_ended"
    return "pg_running"


def _programme_page(typed: dict, status: int = 200):
    """The list (archived rules too, marked so) and, for who may create, the new-campaign
    form holding `typed`."""
    reply = rpc_call(f"{RULES}/ListEarningRules", include_archived=True, page={"page_size": 200})
    now = clock.now()
    return render_template(
        "console/programme.html",
        rules=reply.rules,
        states={r.rule_id: _state(r, now) for r in reply.rules},
        typed=typed,
    ), status


def _rule_page(rule_id: str, result, drafted=None):
    rule = rpc_call(f"{RULES}/GetEarningRule", rule_id=rule_id).rule
    partners = rpc_call("loyalty.points.v1.PartnersService/ListPartners", page={"page_size": 100})
    starts = rule.schedule.starts_at
    at = (
        starts.ToDatetime(tzinfo=text.ZONE) + timedelta(hours=12)
        if starts.seconds
        else clock.now().astimezone(text.ZONE)
    )
    return render_template(
        "console/rule.html",
        rule=rule,
        partners=partners.partners,
        at=at.strftime("%Y-%m-%dT%H:%M"),
        result=result,
        drafted=drafted,
        state=_state(rule, clock.now()),
    )
