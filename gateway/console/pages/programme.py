"""The programme: earning rules and campaigns (draft, try a basket with and without the
draft, publish). Bonuses, the tier ladder and rewards are areas of their own (bonuses.py,
tiers.py, rewards.py), linked from the programme's page."""

from __future__ import annotations

import uuid
from datetime import timedelta

from flask import g, redirect, render_template, request, url_for

from common import clock
from gateway.console import forms, programme_forms, roles, text
from gateway.console.calls import RULES, as_dict, change, rpc_call

PLACE = 30

MENU = [("console.programme", "programme", f"{RULES}/ListEarningRules")]

WORDS = {
    "sim_now": ("Chương trình hiện tại", "As it is now"),
    "sim_with_draft": ("Khi xuất bản bản nháp này", "With this draft"),
    "sim_draft_hint": (
        "Bản nháp được tính như đã xuất bản; chưa có gì thay đổi.",
        "The draft counted as if published; nothing changes yet.",
    ),
    "prog_more": ("Cấu hình khác", "More of the programme"),
}


def register(bp) -> None:
    @bp.get("/programme")
    def programme():
        rules = rpc_call(f"{RULES}/ListEarningRules", page={"page_size": 200}).rules
        now = clock.now().astimezone(text.ZONE)
        return render_template(
            "console/programme.html",
            rules=rules,
            starts=(now + timedelta(days=1)).strftime("%Y-%m-%dT00:00"),
            ends=(now + timedelta(days=3)).strftime("%Y-%m-%dT00:00"),
            may_configure=roles.may(g.role, f"{RULES}/CreateEarningRule"),
        )

    @bp.post("/programme/campaigns")
    def create_campaign():
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
            f"{RULES}/CreateEarningRule",
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
        result = rpc_call(f"{RULES}/Simulate", **basket)
        # A draft is also tried as if published, beside the programme as it is now.
        drafted = (
            rpc_call(f"{RULES}/Simulate", with_rule_ids=[rule_id], **basket)
            if _is_draft(rule)
            else None
        )
        if request.headers.get("HX-Request"):
            return render_template(
                "console/_simulation.html", rule=rule, result=result, drafted=drafted
            )
        return _rule_page(rule_id, result, drafted)

    @bp.post("/programme/rules/<rule_id>/publish")
    def publish(rule_id: str):
        rule = rpc_call(f"{RULES}/GetEarningRule", rule_id=rule_id).rule
        rule.enabled = True
        change(
            f"{RULES}/UpdateEarningRule",
            "rule.published",
            rule_id,
            rule.name,
            rule=as_dict(rule),
            expected_version=str(rule.version),
            reason="published in the console",
        )
        forms.flash("ok", text.word("published", g.language))
        return redirect(url_for("console.rule", rule_id=rule_id), 303)


def _is_draft(rule) -> bool:
    return not rule.enabled and not rule.archived


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
        may_publish=roles.may(g.role, f"{RULES}/UpdateEarningRule"),
    )
