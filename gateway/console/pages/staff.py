"""Staff accounts (admins only) and the activity log: who changed what, and when."""

from __future__ import annotations

from flask import g, redirect, render_template, request, url_for

from gateway.console import forms, text
from gateway.console.calls import ROLE_VALUES, STAFF, change, rpc_call

PLACE = 90

WORDS = {
    "set_password": ("Đặt mật khẩu mới", "Set a new password"),
    "activity_by": ("Người thực hiện (vd staff:an@sen.vn)", "By (e.g. staff:an@sen.vn)"),
}
MENU = [
    ("console.staff", "staff", f"{STAFF}/ListStaff"),
    ("console.activity", "activity", f"{STAFF}/ListActivity"),
]


def register(bp) -> None:
    @bp.get("/staff")
    def staff():
        accounts = rpc_call(f"{STAFF}/ListStaff").staff
        return render_template("console/staff.html", accounts=accounts, roles=ROLE_VALUES)

    @bp.post("/staff")
    def create_staff():
        email = forms.field("email")
        role = request.form.get("role", "viewer")
        change(
            f"{STAFF}/CreateStaff",
            "staff.invited",
            email,
            role,
            email=email,
            name=forms.field("name", 100),
            role=ROLE_VALUES.get(role, 0),
            password=request.form.get("password", "")[:200],
            language=request.form.get("language", "vi")[:2],
        )
        forms.flash("ok", text.word("done", g.language))
        return redirect(url_for("console.staff"), 303)

    @bp.post("/staff/<staff_id>")
    def update_staff(staff_id: str):
        fields: dict = {"staff_id": staff_id}
        if role := request.form.get("role"):
            fields["role"] = ROLE_VALUES.get(role, 0)
        if status := request.form.get("status"):
            fields["status"] = {"active": 1, "disabled": 2}.get(status, 0)
        if password := request.form.get("password"):  # a reset: ends their sessions
            fields["password"] = password[:201]
        # The staff service records the change itself (who, what, when).
        rpc_call(f"{STAFF}/UpdateStaff", read=False, **fields)
        forms.flash("ok", text.word("done", g.language))
        return redirect(url_for("console.staff"), 303)

    @bp.get("/activity")
    def activity():
        chosen = {name: request.args.get(name, "").strip()[:200] for name in ("actor", "subject")}
        reply = rpc_call(
            f"{STAFF}/ListActivity",
            **chosen,
            page={"page_size": 100, "cursor": request.args.get("cursor", "")[:64]},
        )
        return render_template(
            "console/activity.html",
            activities=reply.activities,
            chosen=chosen,
            next=reply.page_info.next_cursor,
        )
