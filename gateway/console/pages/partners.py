"""Partners, their stores and their tills' API keys: the businesses whose stores award and
take points. Everyone may read partners and stores; registering and changing them, and
every API key, is the admins' (gateway/blueprints/admin.py's least roles).

An API key's secret is shown once, in the answer to the request that created it (never
in a redirect's flash, which would keep it in the session store, and never logged): a
reload of the partner's page shows the key, never its secret again."""

from __future__ import annotations

from flask import current_app, g, redirect, render_template, request, url_for

from gateway.console import forms, roles, text
from gateway.console.calls import change, error_message, record, rpc_call
from gateway.errors import ApiError

PLACE = 80

PARTNERS = "loyalty.points.v1.PartnersService"
KEYS = "loyalty.points.v1.ApiKeysService"
PAGE_SIZE = 50
ACTIVE, SUSPENDED = 1, 2
STATUSES = {"active": ACTIVE, "suspended": SUSPENDED}
PARTNER_KEY = 1  # ApiKeyRole.API_KEY_ROLE_PARTNER
MAX_STORES_PER_KEY = 200
MENU = [("console.partners", "partners", f"{PARTNERS}/ListPartners")]
WORDS = {
    "partners": ("Đối tác", "Partners"),
    "pt_partner_id": ("Mã đối tác", "Partner id"),
    "pt_name": ("Tên", "Name"),
    "pt_id_hint": (
        "Chữ thường a-z, số và dấu gạch ngang, vd circle-k (không đổi được về sau)",
        "Lower-case a-z, digits and hyphens, e.g. circle-k (never changes)",
    ),
    "pt_currency": ("Tiền tệ", "Currency"),
    "pt_new_partner": ("Đối tác mới", "New partner"),
    "pt_edit_partner": ("Sửa đối tác", "Edit partner"),
    "pt_active": ("Đang hoạt động", "Active"),
    "pt_suspended": ("Tạm ngưng", "Suspended"),
    "pt_closed": ("Đã đóng", "Closed"),
    "pt_reason": ("Lý do (bắt buộc khi tạm ngưng/đóng)", "Reason (needed to suspend or close)"),
    "pt_save": ("Lưu", "Save"),
    "pt_stores": ("Cửa hàng", "Stores"),
    "pt_store_id": ("Mã cửa hàng", "Store id"),
    "pt_time_zone": ("Múi giờ", "Time zone"),
    "pt_new_store": ("Cửa hàng mới", "New store"),
    "pt_edit": ("Sửa", "Edit"),
    "pt_close_store": ("Đóng cửa hàng", "Close store"),
    "pt_reopen_store": ("Mở lại cửa hàng", "Reopen store"),
    "pt_keys": ("Khóa API của máy bán hàng", "Till API keys"),
    "pt_key_id": ("Mã khóa", "Key id"),
    "pt_key_name": ("Tên khóa (dùng cho việc gì)", "Key name (what it is for)"),
    "pt_key_stores": (
        "Chỉ các cửa hàng này (bỏ trống = mọi cửa hàng)",
        "Only these stores (none chosen = every store)",
    ),
    "pt_all_stores": ("Mọi cửa hàng", "Every store"),
    "pt_new_key": ("Tạo khóa API", "Create an API key"),
    "pt_created_by": ("Người tạo", "Created by"),
    "pt_revoked": ("Đã thu hồi", "Revoked"),
    "pt_revoke": ("Thu hồi khóa", "Revoke key"),
    "pt_revoke_reason": ("Lý do thu hồi", "Why revoke it"),
    "pt_revoke_confirm": (
        "Tôi hiểu: máy bán hàng dùng khóa này sẽ bị từ chối ngay",
        "I understand: tills using this key are refused at once",
    ),
    "pt_revoke_unconfirmed": (
        "Chưa thu hồi: hãy đánh dấu xác nhận và ghi lý do.",
        "Not revoked: tick the confirmation and give a reason.",
    ),
    "pt_secret": ("Khóa bí mật", "Secret key"),
    "pt_secret_once": (
        "Hãy sao chép khóa này ngay: nó chỉ hiện MỘT lần, không thể xem lại.",
        "Copy this key now: it is shown ONCE and cannot be seen again.",
    ),
    "pt_key_failed": ("Chưa tạo được khóa", "The key was not created"),
}


def register(bp) -> None:
    @bp.get("/partners")
    def partners():
        cursor = request.args.get("cursor", "")[:200]
        reply = rpc_call(
            f"{PARTNERS}/ListPartners", page={"page_size": PAGE_SIZE, "cursor": cursor}
        )
        return render_template(
            "console/partners.html",
            partners=reply.partners,
            next=reply.page.next_cursor,
            paged=bool(cursor),
        )

    @bp.post("/partners")
    def create_partner():
        partner_id = forms.field("partner_id", 64)
        change(
            f"{PARTNERS}/CreatePartner",
            "partner.created",
            partner_id,
            forms.field("name"),
            partner_id=partner_id,
            name=forms.field("name"),
            currency=forms.field("currency", 3).upper() or "VND",
        )
        forms.flash("ok", text.word("done", g.language))
        return redirect(url_for("console.partner", partner_id=partner_id), 303)

    @bp.get("/partners/<partner_id>")
    def partner(partner_id: str):
        return _partner_page(partner_id)

    @bp.post("/partners/<partner_id>")
    def update_partner(partner_id: str):
        status = request.form.get("status", "")
        reason = forms.field("reason", 500)
        change(
            f"{PARTNERS}/UpdatePartner",
            "partner.updated",
            partner_id,
            f"{status} {reason}".strip(),
            partner_id=partner_id,
            name=forms.field("name"),
            status=STATUSES.get(status, 0),
            version=str(forms.whole_number("version")),
            reason=reason,
        )
        forms.flash("ok", text.word("done", g.language))
        return redirect(url_for("console.partner", partner_id=partner_id), 303)

    @bp.post("/partners/<partner_id>/stores")
    def create_store(partner_id: str):
        store_id = forms.field("store_id", 64)
        change(
            f"{PARTNERS}/CreateStore",
            "store.created",
            store_id,
            partner_id,
            store_id=store_id,
            partner_id=partner_id,
            name=forms.field("name"),
            time_zone=forms.field("time_zone", 64),
        )
        forms.flash("ok", text.word("done", g.language))
        return redirect(url_for("console.partner", partner_id=partner_id), 303)

    @bp.post("/stores/<store_id>")
    def update_store(store_id: str):
        status = request.form.get("status", "")
        reason = forms.field("reason", 500)
        store = change(
            f"{PARTNERS}/UpdateStore",
            "store.updated",
            store_id,
            f"{status} {reason}".strip(),
            store_id=store_id,
            name=forms.field("name"),
            time_zone=forms.field("time_zone", 64),
            status={"active": ACTIVE, "closed": SUSPENDED}.get(status, 0),
            version=str(forms.whole_number("version")),
            reason=reason,
        ).store
        forms.flash("ok", text.word("done", g.language))
        return redirect(url_for("console.partner", partner_id=store.partner_id), 303)

    @bp.post("/partners/<partner_id>/keys")
    def create_api_key(partner_id: str):
        """The new key's secret, in this answer only: htmx swaps it into the page (whose
        address stays the partner's, so a reload shows no secret); without script, the
        whole page with it."""
        fragment = bool(request.headers.get("HX-Request"))
        name = forms.field("name")
        stores = request.form.getlist("store_ids")[:MAX_STORES_PER_KEY]
        try:
            reply = rpc_call(
                f"{KEYS}/CreateApiKey",
                read=False,
                name=name,
                role=PARTNER_KEY,
                partner_id=partner_id,
                store_ids=[s[:64] for s in stores],
            )
        except ApiError as error:
            if not fragment or error.status >= 500 or error.status == 403:
                raise
            # 200: htmx swaps in only what succeeded; this says what the service refused.
            return render_template("console/partner_key.html", error=error_message(error))
        record("api_key.created", partner_id, f"{reply.key.key_id} {name}")
        if fragment:
            return render_template("console/partner_key.html", key=reply.key, secret=reply.secret)
        return _partner_page(partner_id, created=(reply.key, reply.secret))

    @bp.post("/partners/<partner_id>/keys/<key_id>/revoke")
    def revoke_api_key(partner_id: str, key_id: str):
        reason = forms.field("reason", 500)
        if request.form.get("confirm") != "yes" or not reason:
            forms.flash("error", text.word("pt_revoke_unconfirmed", g.language))
            return redirect(url_for("console.partner", partner_id=partner_id), 303)
        change(
            f"{KEYS}/RevokeApiKey",
            "api_key.revoked",
            partner_id,
            key_id,
            key_id=key_id,
            reason=reason,
        )
        # As the REST API's revocation does: every gateway process forgets the keys it
        # verified, so the key is refused from now on, not after the key cache's minute.
        current_app.extensions["auth"].key_revoked()
        forms.flash("ok", text.word("done", g.language))
        return redirect(url_for("console.partner", partner_id=partner_id), 303)


def _partner_page(partner_id: str, created=None):
    partner = rpc_call(f"{PARTNERS}/GetPartner", partner_id=partner_id).partner
    cursor = request.args.get("cursor", "")[:200]
    stores = rpc_call(
        f"{PARTNERS}/ListStores",
        partner_id=partner_id,
        page={"page_size": PAGE_SIZE, "cursor": cursor},
    )
    keys = []
    if roles.may(g.role, f"{KEYS}/ListApiKeys"):  # keys are the admins'
        keys = rpc_call(f"{KEYS}/ListApiKeys", partner_id=partner_id, include_revoked=True).keys
    return render_template(
        "console/partner.html",
        partner=partner,
        stores=stores.stores,
        next=stores.page.next_cursor,
        paged=bool(cursor),
        keys=keys,
        created=created,
    )
