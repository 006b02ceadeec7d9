"""Message templates: one per message type and channel, in Vietnamese and English side by
side, with a live preview of both as the staff member types (rendered by the
notifications service for a real member, never saved) and the variables the type offers.
The service checks everything (syntax, unknown variables, lengths); its reasons are shown
beside the field they name."""

from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for

from gateway.console import forms, roles, text
from gateway.console.calls import change, rpc_call
from gateway.console.lookup import find_member
from gateway.errors import ApiError
from loyalty.common.v1 import common_pb2
from loyalty.notifications.v1 import templates_pb2

PLACE = 50

TEMPLATES = "loyalty.notifications.v1.TemplatesService"
LANGUAGES = text.LANGUAGES
BODY_LIMIT = 20_001  # one over the service's 20,000 so it, not the form, says "too long"
SUBJECT_LIMIT = 1_000  # the service's 200 after rendering; the raw text may be longer
MEMBER_QUERY_LIMIT = 200  # the preview's member: a phone, card number, e-mail or id

MENU = [("console.templates", "tpl_menu", f"{TEMPLATES}/ListTemplates")]

WORDS = {
    "tpl_menu": ("Mẫu tin nhắn", "Templates"),
    "tpl_title": ("Mẫu tin nhắn", "Message templates"),
    "tpl_updated": ("Cập nhật", "Updated"),
    "tpl_vi": ("Tiếng Việt", "Vietnamese"),
    "tpl_en": ("Tiếng Anh", "English"),
    "tpl_missing": ("chưa có", "none yet"),
    "tpl_variables": ("Biến có thể dùng", "Variables you can use"),
    "tpl_variable": ("Biến", "Variable"),
    "tpl_example": ("Ví dụ", "Example"),
    "tpl_preview": ("Xem trước", "Preview"),
    "tpl_preview_member": (
        "Xem trước cho hội viên (điện thoại, số thẻ, e-mail hoặc mã)",
        "Preview for a member (phone, card, e-mail or id)",
    ),
    "tpl_preview_hint": (
        "Xem trước cập nhật khi bạn gõ; không gửi gì cả.",
        "The preview follows as you type; nothing is sent.",
    ),
    "tpl_preview_needs_member": (
        "Nhập điện thoại, số thẻ, e-mail hoặc mã của một hội viên để xem trước.",
        "Enter a member's phone, card number, e-mail or id to see the preview.",
    ),
    "tpl_save": ("Lưu mẫu", "Save template"),
    "tpl_saved": ("Đã lưu mẫu", "Template saved"),
    "tpl_unchanged": ("Không có thay đổi để lưu", "Nothing changed to save"),
    "tpl_fix": ("Hãy sửa các lỗi bên dưới; chưa lưu gì.", "Fix the errors below; nothing saved."),
    "tpl_read_only": (
        "Chỉ quản trị viên được sửa mẫu.",
        "Only an admin may change templates.",
    ),
}


def register(bp) -> None:
    @bp.get("/templates")
    def templates():
        return render_template("console/templates.html", rows=_listing())

    @bp.get("/templates/<message_type>/<channel>")
    def template(message_type: str, channel: str):
        kind, way = _kind(message_type, channel)
        saved = _saved(kind, way)
        drafts = {language: _as_draft(saved[language]) for language in LANGUAGES}
        return _page(
            kind, way, saved, drafts, {}, request.args.get("member", "")[:MEMBER_QUERY_LIMIT]
        )

    @bp.post("/templates/<message_type>/<channel>/preview")
    def preview_template(message_type: str, channel: str):
        kind, way = _kind(message_type, channel)
        asked = forms.field("member", MEMBER_QUERY_LIMIT)
        member_id = find_member(asked) if asked else ""
        previews, errors = {}, {}
        if member_id:
            for language in LANGUAGES:
                try:
                    previews[language] = rpc_call(
                        f"{TEMPLATES}/PreviewTemplate",
                        member_id=member_id,
                        message_type=kind,
                        channel=way,
                        language=language,
                        draft=_typed(kind, way, language),
                    )
                except ApiError as error:  # shown in the preview, beside the language
                    errors[language] = _reasons(error, language)
        return render_template(
            "console/_template_preview.html",
            previews=previews,
            errors=errors,
            asked=asked,
            member_id=member_id,
        )

    @bp.post("/templates/<message_type>/<channel>")
    def save_template(message_type: str, channel: str):
        kind, way = _kind(message_type, channel)
        saved = _saved(kind, way)
        drafts = {language: _typed(kind, way, language) for language in LANGUAGES}
        changed = [lang for lang in LANGUAGES if _differs(drafts[lang], saved[lang])]
        if not changed:
            forms.flash("ok", text.word("tpl_unchanged", g.language))
            return redirect(url_for("console.template", message_type=message_type, channel=channel))
        # Both languages are checked before either is stored, so a save is all or nothing.
        errors: dict[str, str] = {}
        for language in changed:
            errors.update(_check(drafts[language], saved[language], language))
        if errors:
            asked = forms.field("member", MEMBER_QUERY_LIMIT)
            return _page(kind, way, saved, drafts, errors, asked, status=400)
        for language in changed:
            reply = change(
                f"{TEMPLATES}/SaveTemplate",
                "template.saved",
                f"{message_type}/{language}/{channel}",
                _version_note(saved[language]),
                template=drafts[language],
                expected_version=str(_version(saved[language])),
                reason="saved in the console",
            )
            saved[language] = reply.template
        forms.flash("ok", f"{text.word('tpl_saved', g.language)}: {', '.join(changed)}")
        # The member by id in the page's address: a phone or an e-mail typed to find them
        # would otherwise end up in access logs.
        asked = forms.field("member", MEMBER_QUERY_LIMIT)
        member = find_member(asked) if asked else ""
        return redirect(
            url_for("console.template", message_type=message_type, channel=channel, member=member)
            if member
            else url_for("console.template", message_type=message_type, channel=channel),
            303,
        )


def _listing() -> list[dict]:
    """Current templates grouped by (type, channel), each with its vi and en version."""
    found, cursor = [], ""
    for _ in range(10):  # 13 types x 4 channels x 2 languages fit in one page; bounded anyway
        reply = rpc_call(f"{TEMPLATES}/ListTemplates", page={"page_size": 500, "cursor": cursor})
        found.extend(reply.templates)
        cursor = reply.page_info.next_cursor
        if not cursor:
            break
    rows: dict[tuple[int, int], dict] = {}
    for template in found:
        row = rows.setdefault(
            (template.message_type, template.channel),
            {
                "message_type": _type_name(template.message_type),
                "channel": _channel_name(template.channel),
                "versions": {},
                "updated": template.updated_at,
            },
        )
        row["versions"][template.language] = template.version
        if template.updated_at.seconds > row["updated"].seconds:
            row["updated"] = template.updated_at
    return [rows[key] for key in sorted(rows)]


def _kind(message_type: str, channel: str) -> tuple[int, int]:
    """The type and channel a URL names ("WELCOME", "SMS"); 404 for anything else."""
    try:
        kind = templates_pb2.MessageType.Value(f"MESSAGE_TYPE_{message_type}")
        way = common_pb2.Channel.Value(f"CHANNEL_{channel}")
    except ValueError:
        abort(404)
    if not kind or not way:
        abort(404)
    return kind, way


def _saved(kind: int, way: int) -> dict:
    """The current template per language, None where there is none yet."""
    saved = {}
    for language in LANGUAGES:
        try:
            saved[language] = rpc_call(
                f"{TEMPLATES}/GetTemplate", message_type=kind, language=language, channel=way
            ).template
        except ApiError as error:
            if error.status != 404:
                raise
            saved[language] = None
    return saved


def _typed(kind: int, way: int, language: str) -> dict:
    """The template as the form holds it (a draft the service checks)."""
    return {
        "message_type": kind,
        "language": language,
        "channel": way,
        "subject": forms.field(f"subject_{language}", SUBJECT_LIMIT),
        "body": request.form.get(f"body_{language}", "")[:BODY_LIMIT],
    }


def _as_draft(template) -> dict:
    if template is None:
        return {"subject": "", "body": ""}
    return {"subject": template.subject, "body": template.body}


def _differs(draft: dict, saved) -> bool:
    if saved is None:
        return bool(draft["body"] or draft["subject"])
    return (draft["subject"], draft["body"]) != (saved.subject, saved.body)


def _check(draft: dict, saved, language: str) -> dict[str, str]:
    try:
        rpc_call(
            f"{TEMPLATES}/SaveTemplate",
            read=False,
            template=draft,
            expected_version=str(_version(saved)),
            validate_only=True,
        )
    except ApiError as error:
        if error.status != 400:
            raise
        return _reasons(error, language)
    return {}


def _reasons(error: ApiError, language: str) -> dict[str, str]:
    """The service's reasons by the form's field ("body_vi"), or under "" when it names
    none of them."""
    reasons: dict[str, str] = {}
    for violation in error.fields:
        field = violation.field.rsplit(".", 1)[-1]
        key = f"{field}_{language}" if field in ("subject", "body") else ""
        reasons[key] = "; ".join(filter(None, (reasons.get(key), violation.reason)))
    if not reasons:
        reasons[""] = error.message
    return reasons


def _version(template) -> int:
    return template.version if template is not None else 0


def _version_note(template) -> str:
    return f"v{_version(template) + 1}"


def _page(kind, way, saved, drafts, errors, member, status=200):
    variables = rpc_call(f"{TEMPLATES}/ListTemplateVariables", message_type=kind).variables
    return (
        render_template(
            "console/template.html",
            message_type=_type_name(kind),
            channel=_channel_name(way),
            saved=saved,
            drafts=drafts,
            errors=errors,
            variables=variables,
            member=member,
            has_subject=way != common_pb2.CHANNEL_SMS,
            may_save=roles.may(g.role, f"{TEMPLATES}/SaveTemplate"),
        ),
        status,
    )


def _type_name(value: int) -> str:
    return templates_pb2.MessageType.Name(value).removeprefix("MESSAGE_TYPE_")


def _channel_name(value: int) -> str:
    return common_pb2.Channel.Name(value).removeprefix("CHANNEL_")
