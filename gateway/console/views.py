"""The console's pages. Each reads and changes the programme through the same RPCs the
REST API calls (gateway/calls.py, the gateway's clients of the services), as the signed-in
staff member ("staff:<e-mail>" in every audit trail), within their role (roles.py); the
services decide everything else. Every change made here is also written to the staff
activity log (StaffService.RecordActivity)."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta

from flask import (
    Response,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from google.protobuf import json_format

from common import clock
from common.contracts import message_classes
from gateway.calls import call
from gateway.console import roles, sessions, text
from gateway.errors import ApiError

STAFF = "loyalty.points.v1.StaffService"
MEMBERS = "loyalty.members.v1.MembersService"
LEDGER = "loyalty.points.v1.LedgerService"
RULES = "loyalty.points.v1.EarningRulesService"
REWARDS = "loyalty.points.v1.RewardsService"
SERVICE_OF = {"members": "members", "points": "points", "notifications": "notifications"}
ROLE_NAMES = {1: "viewer", 2: "support", 3: "marketer", 4: "admin"}
ROLE_VALUES = {name: value for value, name in ROLE_NAMES.items()}
MAX_ADJUSTMENT = 1_000_000
CAMPAIGN = 8


class Refused(Exception):
    """An action above the staff member's role."""


def service_of(rpc: str) -> str:
    return rpc.split(".")[1]  # "loyalty.points.v1.X/Y" -> "points"


def rpc_call(rpc: str, read: bool = True, **fields):
    """Calls `rpc` with `fields` (as JSON names them) for the signed-in staff member."""
    if not roles.may(g.role, rpc):
        raise Refused(rpc)
    request_class, _ = message_classes(rpc)
    if "actor" in request_class.DESCRIPTOR.fields_by_name:
        fields["actor"] = g.actor
    message = json_format.ParseDict(fields, request_class())
    return call(current_app.extensions["downstream"], service_of(rpc), rpc, message, read=read)


def change(rpc: str, action: str, subject: str, detail: str = "", **fields):
    """A change through `rpc`, then its line in the activity log."""
    reply = rpc_call(rpc, read=False, **fields)
    record(action, subject, detail)
    return reply


def record(action: str, subject: str, detail: str = "") -> None:
    call(
        current_app.extensions["downstream"],
        "points",
        f"{STAFF}/RecordActivity",
        message_classes(f"{STAFF}/RecordActivity")[0](
            actor=g.actor, action=action, subject=subject, detail=detail[:500]
        ),
    )


def as_dict(message) -> dict:
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def flash(kind: str, message: str) -> None:
    g.session.flash.append([kind, message])
    sessions.save(g.session)


def refused_message(rpc: str) -> str:
    allowed = ", ".join(roles.who_may(rpc))
    return {
        "vi": f"Vai trò của bạn ({g.role}) không được làm việc này; cần vai trò: {allowed}.",
        "en": f"Your role ({g.role}) may not do this; it needs: {allowed}.",
    }[g.language]


def error_message(error: ApiError) -> str:
    fields = "; ".join(f"{v.field}: {v.description}" for v in error.violations)
    return f"{error.message}" + (f" ({fields})" if fields else "")


def register(bp) -> None:
    @bp.get("/sign-in")
    def sign_in_page():
        if g.session is None:
            g.session = sessions.new(language=_language())
        return render_template("console/sign_in.html", error="")

    @bp.post("/sign-in")
    def sign_in():
        email = request.form.get("email", "")[:200]
        password = request.form.get("password", "")[:200]
        request_class, _ = message_classes(f"{STAFF}/SignIn")
        try:
            reply = call(
                current_app.extensions["downstream"],
                "points",
                f"{STAFF}/SignIn",
                request_class(email=email, password=password, client_address=request.remote_addr),
            )
        except ApiError as error:
            if error.status >= 500:
                raise
            message = error.message if error.status != 401 else _wrong_credentials()
            return render_template("console/sign_in.html", error=message, email=email), 401
        staff = reply.staff
        sessions.end(g.session)  # a new session at every sign-in
        g.session = sessions.new(staff.staff_id, staff.language or "vi")
        return redirect(url_for("console.dashboard"), 303)

    @bp.post("/sign-out")
    def sign_out():
        sessions.end(g.session)
        g.console_clear_cookie = True
        return redirect(url_for("console.sign_in_page"), 303)

    @bp.post("/language")
    def language():
        chosen = request.form.get("language", "vi")
        g.session.language = chosen if chosen in text.LANGUAGES else "vi"
        sessions.save(g.session)
        return redirect(_back(), 303)

    @bp.get("/")
    def dashboard():
        months = _months(6)
        kpis = []
        for start, end in months:
            reply = rpc_call(
                "loyalty.members.v1.InsightsService/GetKpis",
                period_start=_rfc3339(start),
                period_end=_rfc3339(end),
                currency="VND",
            )
            kpis.append((start, reply.kpis))
        latest = kpis[-1][1]
        labels = [f"{start:%m/%Y}" for start, _ in kpis]
        charts = {
            "labels": labels,
            "members": [k.members_total for _, k in kpis],
            "new_members": [k.new_members for _, k in kpis],
            "issued": [k.points_issued for _, k in kpis],
            "redeemed": [k.points_redeemed for _, k in kpis],
            "retention": [round(k.retention_rate * 100, 1) for _, k in kpis],
            "repeat": [round(k.repeat_purchase_rate * 100, 1) for _, k in kpis],
            "tiers": [[t.tier_code, t.members] for t in latest.tier_distribution],
            "words": {
                key: text.word(key, g.language)
                for key in (
                    "members_total",
                    "new_members",
                    "issued",
                    "redeemed",
                    "retention",
                    "repeat",
                    "tiers",
                )
            },
        }
        return render_template(
            "console/dashboard.html",
            latest=latest,
            kpis=kpis,
            charts=json.dumps(charts).replace("<", "\\u003c"),
        )

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
        reason = request.form.get("reason", "").strip()
        try:
            amount = int(request.form.get("points", "0").replace(".", "").replace(",", ""))
        except ValueError:
            amount = 0
        if not amount or abs(amount) > MAX_ADJUSTMENT or not reason or len(reason) > 200:
            flash(
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
        flash(
            "ok",
            f"{text.word('done', g.language)}: {amount:+d} → "
            f"{text.points(reply.balance.available)}",
        )
        return redirect(url_for("console.member", member_id=member_id), 303)

    @bp.post("/members/<member_id>/<any(block, unblock):what>")
    def block(member_id: str, what: str):
        reason = request.form.get("reason", "").strip()[:200] or "console"
        rpc = f"{MEMBERS}/{'BlockMember' if what == 'block' else 'UnblockMember'}"
        change(rpc, f"member.{what}ed", member_id, reason, member_id=member_id, reason=reason)
        flash("ok", text.word("done", g.language))
        return redirect(url_for("console.member", member_id=member_id), 303)

    @bp.get("/programme")
    def programme():
        rules = rpc_call(f"{RULES}/ListEarningRules", page={"page_size": 200}).rules
        rewards = rpc_call(f"{REWARDS}/ListRewards", page={"page_size": 50})
        now = clock.now().astimezone(text.ZONE)
        return render_template(
            "console/programme.html",
            rules=rules,
            rewards=getattr(rewards, "rewards", []),
            starts=(now + timedelta(days=1)).strftime("%Y-%m-%dT00:00"),
            ends=(now + timedelta(days=3)).strftime("%Y-%m-%dT00:00"),
            may_configure=roles.may(g.role, f"{RULES}/CreateEarningRule"),
        )

    @bp.post("/programme/campaigns")
    def create_campaign():
        name = request.form.get("name", "").strip()[:200]
        try:
            multiplier_bp = round(
                float(request.form.get("multiplier", "0").replace(",", ".")) * 10000
            )
        except ValueError:
            multiplier_bp = 0
        rule = {
            "name": name,
            "display_name": {"vi": name, "en": name},
            "kind": "EARNING_RULE_KIND_CAMPAIGN",
            "enabled": False,
            "priority": 100,
            "stacking": "STACKING_MULTIPLY",
            "multiplier_bp": multiplier_bp,
            "schedule": {
                "starts_at": _form_time("starts"),
                "ends_at": _form_time("ends"),
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
        try:
            amount = int(request.form.get("amount", "0").replace(".", "").replace(",", ""))
        except ValueError:
            amount = 0
        result = rpc_call(
            f"{RULES}/Simulate",
            partner_id=request.form.get("partner_id", "")[:64],
            tier_code=request.form.get("tier_code", "")[:64],
            amount={"amount_minor": str(amount), "currency": "VND"},
            occurred_at=_form_time("at"),
            language=g.language,
        )
        if request.headers.get("HX-Request"):
            return render_template("console/_simulation.html", result=result)
        return _rule_page(rule_id, result)

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
        flash("ok", text.word("published", g.language))
        return redirect(url_for("console.rule", rule_id=rule_id), 303)

    @bp.get("/staff")
    def staff():
        if not roles.may(g.role, f"{STAFF}/ListStaff"):
            raise Refused(f"{STAFF}/ListStaff")
        accounts = rpc_call(f"{STAFF}/ListStaff").staff
        return render_template("console/staff.html", accounts=accounts, roles=ROLE_VALUES)

    @bp.post("/staff")
    def create_staff():
        email = request.form.get("email", "")[:200]
        role = request.form.get("role", "viewer")
        change(
            f"{STAFF}/CreateStaff",
            "staff.invited",
            email,
            role,
            email=email,
            name=request.form.get("name", "")[:100],
            role=ROLE_VALUES.get(role, 0),
            password=request.form.get("password", "")[:200],
            language=request.form.get("language", "vi"),
        )
        flash("ok", text.word("done", g.language))
        return redirect(url_for("console.staff"), 303)

    @bp.post("/staff/<staff_id>")
    def update_staff(staff_id: str):
        fields: dict = {"staff_id": staff_id}
        if role := request.form.get("role"):
            fields["role"] = ROLE_VALUES.get(role, 0)
        if status := request.form.get("status"):
            fields["status"] = {"active": 1, "disabled": 2}.get(status, 0)
        # The staff service records the change itself (who, what, when).
        rpc_call(f"{STAFF}/UpdateStaff", read=False, **fields)
        flash("ok", text.word("done", g.language))
        return redirect(url_for("console.staff"), 303)

    @bp.get("/activity")
    def activity():
        reply = rpc_call(
            f"{STAFF}/ListActivity",
            subject=request.args.get("subject", "")[:200],
            page={"page_size": 100, "cursor": request.args.get("cursor", "")[:64]},
        )
        return render_template(
            "console/activity.html", activities=reply.activities, next=reply.page_info.next_cursor
        )


def _rule_page(rule_id: str, result):
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
        may_publish=roles.may(g.role, f"{RULES}/UpdateEarningRule"),
    )


def _find_member(query: str) -> str:
    keys = []
    if "@" in query:
        keys.append({"email": query})
    else:
        keys += [{"phone": query}, {"card_number": query.replace(" ", "")}]
    for key in keys:
        try:
            return rpc_call(f"{MEMBERS}/FindMember", **key).member.member_id
        except ApiError as error:
            if error.status not in (400, 404):
                raise
    try:
        return rpc_call(f"{MEMBERS}/GetMember", member_id=query).member.member_id
    except ApiError as error:
        if error.status not in (400, 404):
            raise
    return ""


def _months(count: int) -> list[tuple[datetime, datetime]]:
    """The last `count` calendar months (local), the current one last and cut at now."""
    now = clock.now().astimezone(text.ZONE)
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    months = []
    for _ in range(count):
        end = (start + timedelta(days=32)).replace(day=1)
        months.append((start, min(end, now + timedelta(seconds=1))))
        start = (start - timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def _rfc3339(value: datetime) -> str:
    return value.astimezone().isoformat()


def _form_time(field: str) -> str:
    raw = request.form.get(field, "")
    try:
        local = datetime.fromisoformat(raw).replace(tzinfo=text.ZONE)
    except ValueError:
        abort(Response("bad time", 400))
    return local.isoformat()


def _language() -> str:
    chosen = request.args.get("lang", "")
    if chosen in text.LANGUAGES:
        return chosen
    best = request.accept_languages.best_match(text.LANGUAGES)
    return best or "vi"


def _wrong_credentials() -> str:
    return {"vi": "Sai e-mail hoặc mật khẩu.", "en": "Wrong e-mail or password."}[
        g.session.language if g.session else "vi"
    ]


def _back() -> str:
    target = request.referrer or ""
    path = target.split("://", 1)[-1]
    path = path[path.find("/") :] if "/" in path else ""
    return path if path.startswith("/console") else url_for("console.dashboard")
