"""Member 360: find a member, see their profile, balance, lots and history, and (within
the role) adjust their points or block them."""

from __future__ import annotations

import uuid

from flask import g, redirect, render_template, request, url_for

from gateway.console import forms, roles, text
from gateway.console.calls import LEDGER, MEMBERS, change, rpc_call
from gateway.errors import ApiError

PLACE = 20

MAX_ADJUSTMENT = 1_000_000
MENU = [("console.members", "members", f"{MEMBERS}/GetMember")]


def register(bp) -> None:
    @bp.get("/members")
    def members():
        query = request.args.get("q", "").strip()[:200]
        if not query:
            return render_template("console/members.html", query="", searched=False)
        found = _find_member(query)
        if found:
            return redirect(url_for("console.member", member_id=found))
        return render_template("console/members.html", query=query, searched=True), 404

    @bp.get("/members/<member_id>")
    def member(member_id: str):
        profile = rpc_call(f"{MEMBERS}/GetMember", member_id=member_id).member
        balance = rpc_call(f"{LEDGER}/GetBalance", member_id=member_id).balance
        lots = rpc_call(
            f"{LEDGER}/ListLots",
            member_id=member_id,
            states=["LOT_STATE_AVAILABLE", "LOT_STATE_PENDING"],
            page={"page_size": 50},
        ).lots
        entries = rpc_call(f"{LEDGER}/ListEntries", member_id=member_id, page={"page_size": 25})
        return render_template(
            "console/member.html",
            member=profile,
            balance=balance,
            lots=lots,
            entries=entries.entries,
            key=uuid.uuid4().hex,
            may_adjust=roles.may(g.role, f"{LEDGER}/Adjust"),
            may_block=roles.may(g.role, f"{MEMBERS}/BlockMember"),
            blocked=profile.status == 2,
        )

    @bp.post("/members/<member_id>/adjust")
    def adjust(member_id: str):
        reason = forms.field("reason", 201)
        amount = forms.whole_number("points")
        if not amount or abs(amount) > MAX_ADJUSTMENT or not reason or len(reason) > 200:
            forms.flash(
                "error",
                {
                    "vi": "Nhập số điểm khác 0 (tối đa ±1.000.000) và lý do (tối đa 200 ký tự).",
                    "en": "Give non-zero points (at most ±1,000,000) and a reason "
                    "(at most 200 characters).",
                }[g.language],
            )
            return redirect(url_for("console.member", member_id=member_id), 303)
        key = request.form.get("key", "")[:64] or uuid.uuid4().hex
        reply = change(
            f"{LEDGER}/Adjust",
            "points.adjusted",
            member_id,
            f"{amount:+d}: {reason}",
            member_id=member_id,
            points=amount,
            reason=reason,
            idempotency_key=f"console:{g.staff.staff_id}:{key}",
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


def _find_member(query: str) -> str:
    """The member a phone, card number, e-mail or member id names ("" when none)."""
    keys = (
        [{"email": query}]
        if "@" in query
        else [
            {"phone": query},
            {"card_number": query.replace(" ", "")},
        ]
    )
    lookups = [(f"{MEMBERS}/FindMember", key) for key in keys]
    lookups.append((f"{MEMBERS}/GetMember", {"member_id": query}))
    for rpc, key in lookups:
        try:
            return rpc_call(rpc, **key).member.member_id
        except ApiError as error:
            if error.status not in (400, 404):
                raise
    return ""
