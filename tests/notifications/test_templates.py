"""Templates: checked when saved (with the reason), versioned, previewed for a member."""

from __future__ import annotations

import grpc
import pytest

from common.grpc_errors import details_of
from loyalty.notifications.v1 import templates_pb2 as pb
from services.notifications.templates.domain import catalogue, formatting, syntax
from services.notifications.templates.domain.catalogue import MessageType
from tests.support.notifications import EMAIL, INBOX, SMS, known_member


def save(service, **fields) -> pb.SaveTemplateResponse:
    template = pb.Template(
        message_type=fields.pop("message_type", pb.MESSAGE_TYPE_BIRTHDAY),
        language=fields.pop("language", "vi"),
        channel=fields.pop("channel", SMS),
        subject=fields.pop("subject", ""),
        body=fields.pop("body", "Chúc mừng sinh nhật {name}! Mã: {code}"),
    )
    return service.templates.SaveTemplate(
        pb.SaveTemplateRequest(template=template, actor="crm:mai", **fields)
    )


def refusal(service, **fields) -> list[tuple[str, str]]:
    with pytest.raises(grpc.RpcError) as refused:
        save(service, **fields)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    return [(v.field, v.description) for v in details_of(refused.value)[0]]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"body": "Chào {name}!\nMã của bạn: {code"},
            (
                "template.body",
                "line 2, column 13: '{' is never closed (write '{{' for a literal brace)",
            ),
        ),
        (
            {"body": "Chào {name}, bạn có {pionts} điểm"},
            ("template.body", "line 1, column 21: unknown variable {pionts}"),
        ),
        (
            {"body": "{#if code}Mã: {code}"},
            ("template.body", "line 1, column 1: {#if code} is never closed with {/if}"),
        ),
        ({"body": "{name|bold}"}, ("template.body", "line 1, column 1: unknown filter 'bold'")),
        ({"language": "fr"}, ("template.language", 'must be "vi" or "en"')),
        (
            {"channel": EMAIL},
            ("template.subject", "is required for e-mail, push and inbox templates"),
        ),
        ({"body": "x" * 700}, ("template.body", "renders longer than 640 characters for an SMS")),
        ({"body": "   "}, ("template.body", "is required")),
        ({"message_type": 0}, ("template.message_type", "must be a message type")),
    ],
)
def test_a_bad_template_is_refused_at_save_time_with_the_reason(notifications, fields, expected):
    violations = refusal(notifications, **fields)
    field, reason = expected
    assert any(f == field and d.startswith(reason) for f, d in violations), violations
    with pytest.raises(grpc.RpcError):  # nothing was stored under a new version
        notifications.templates.GetTemplate(
            pb.GetTemplateRequest(
                message_type=pb.MESSAGE_TYPE_BIRTHDAY, language="vi", channel=SMS, version=2
            )
        )


def test_every_bad_field_is_named_at_once(notifications):
    violations = refusal(notifications, language="xx", channel=EMAIL, body="{oops")
    assert {f for f, _ in violations} >= {"template.language", "template.subject", "template.body"}


def test_a_saved_template_is_a_new_version_and_a_stale_save_is_aborted(notifications):
    current = notifications.templates.GetTemplate(
        pb.GetTemplateRequest(message_type=pb.MESSAGE_TYPE_BIRTHDAY, language="vi", channel=SMS)
    ).template
    assert (current.version, current.is_default) == (1, True)

    saved = save(notifications, expected_version=1).template
    assert (saved.version, saved.is_default, saved.updated_by) == (2, False, "crm:mai")
    assert saved.category == pb.MESSAGE_CATEGORY_TRANSACTIONAL

    with pytest.raises(grpc.RpcError) as stale:
        save(notifications, expected_version=1)
    assert stale.value.code() == grpc.StatusCode.ABORTED
    dry = save(notifications, validate_only=True, body="Chúc mừng {name}!").template
    assert dry.version == 3
    again = notifications.templates.GetTemplate(
        pb.GetTemplateRequest(message_type=pb.MESSAGE_TYPE_BIRTHDAY, language="vi", channel=SMS)
    ).template
    assert again.version == 2  # validate_only stored nothing


def test_the_defaults_cover_every_type_language_and_channel(notifications):
    listed = notifications.templates.ListTemplates(
        pb.ListTemplatesRequest(page={"page_size": 500})
    ).templates
    kinds = {(t.message_type, t.language, t.channel) for t in listed}
    types = [v for v in pb.MessageType.values() if v]
    assert kinds == {(t, lang, ch) for t in types for lang in ("vi", "en") for ch in (1, 2, 3, 4)}
    again = notifications.templates.InstallDefaultTemplates(
        pb.InstallDefaultTemplatesRequest(actor="ops:an")
    )
    assert (again.installed, again.skipped) == (0, len(kinds))


def test_a_preview_renders_for_the_member_with_their_formats(notifications):
    member = known_member(notifications, language="vi")
    preview = notifications.templates.PreviewTemplate(
        pb.PreviewTemplateRequest(
            member_id=member,
            message_type=pb.MESSAGE_TYPE_PURCHASE_THANK_YOU,
            channel=INBOX,
            variables={"amount": "1250000 VND", "points": "1250", "balance": "5300"},
        )
    )
    assert preview.subject == "Cảm ơn Nguyễn Thị Lan! Bạn vừa nhận 1.250 điểm"
    assert "Hóa đơn 1.250.000 ₫" in preview.body
    english = notifications.templates.PreviewTemplate(
        pb.PreviewTemplateRequest(
            member_id=member,
            message_type=pb.MESSAGE_TYPE_PURCHASE_THANK_YOU,
            channel=INBOX,
            language="en",
            variables={"amount": "1250000 VND", "points": "1250", "balance": "5300"},
        )
    )
    assert "Your purchase of ₫1,250,000 earned 1,250 points" in english.body
    draft = notifications.templates.PreviewTemplate(
        pb.PreviewTemplateRequest(
            member_id=member,
            message_type=pb.MESSAGE_TYPE_BIRTHDAY,
            channel=SMS,
            draft=pb.Template(
                message_type=pb.MESSAGE_TYPE_BIRTHDAY,
                language="vi",
                channel=SMS,
                body=(
                    "Chúc mừng sinh nhật {name}! "
                    "Tặng anh/chị mã giảm giá 20% cho lần mua tới: {code}"
                ),
            ),
        )
    )
    assert draft.body == (
        "Chúc mừng sinh nhật Nguyễn Thị Lan! Tặng anh/chị mã giảm giá 20% cho lần mua tới: "
        "LS7K-2QXD-9M"
    )
    assert draft.template_version == 0


def test_variables_of_a_type_are_listed_with_formatted_examples(notifications):
    variables = notifications.templates.ListTemplateVariables(
        pb.ListTemplateVariablesRequest(message_type=pb.MESSAGE_TYPE_PURCHASE_THANK_YOU)
    ).variables
    examples = {v.name: v.example for v in variables}
    assert examples["amount"] == "1.250.000 ₫"
    assert examples["name"] == "Nguyễn Thị Lan"


def test_the_language_prints_only_what_it_is_given():
    template = syntax.parse("{name} {{literal}} {#if code}{code|upper}{#else}none{/if}")
    assert template.render({"name": "Lan", "code": "ab"}) == "Lan {literal} AB"
    assert (
        template.render({"name": "<b>", "code": ""}, escape_html=True) == "&lt;b&gt; {literal} none"
    )
    for attack in ("{0.__class__}", "{name.__class__}", "{__import__('os')}"):
        with pytest.raises(syntax.TemplateError):
            syntax.parse(attack)


def test_amounts_and_dates_follow_the_members_language():
    assert formatting.money(1_250_000, "VND", "vi") == "1.250.000 ₫"
    assert formatting.money(1_250_000, "VND", "en") == "₫1,250,000"
    assert formatting.money(1250, "USD", "vi") == "12,50 US$"
    assert formatting.money(1250, "USD", "en") == "$12.50"
    assert formatting.number(1234567, "vi") == "1.234.567"
    instant = {"valid_until": "2026-12-31T17:30:00Z"}  # 00:30 on 1 January in HCM
    redeemed = MessageType.REWARD_REDEEMED
    vi = catalogue.formatted(redeemed, instant, "vi", "Asia/Ho_Chi_Minh")
    en = catalogue.formatted(redeemed, instant, "en", "Asia/Ho_Chi_Minh")
    assert (vi["valid_until"], en["valid_until"]) == ("01/01/2027", "1 Jan 2027")
