"""TemplatesService over gRPC: checks and translates; the library keeps the templates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from common.clock import DEFAULT_TIME_ZONE
from common.grpc_errors import answering_refusals
from common.paging import next_offset, offset_page
from common.refusals import Refusal
from common.validation import Checks
from loyalty.notifications.v1 import templates_pb2, templates_pb2_grpc
from services.notifications.contacts import ContactBook, Erased
from services.notifications.library import TemplateLibrary, problems, render
from services.notifications.sending import Messenger, Outgoing
from services.notifications.templates import catalogue
from services.notifications.wire import template_message

DOMAIN = "loyalty.notifications.v1"
rpc = answering_refusals(DOMAIN)


class TemplatesServicer(templates_pb2_grpc.TemplatesServiceServicer):
    def __init__(
        self,
        library: TemplateLibrary,
        contacts: ContactBook,
        messenger: Messenger,
        clock: Callable[[], datetime],
    ) -> None:
        self.library = library
        self.contacts = contacts
        self.messenger = messenger
        self.clock = clock

    @rpc
    def SaveTemplate(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("actor", request.actor)
        draft = _checked_draft(checks, request.template, "template.")
        checks.done()
        saved = self.library.save(
            draft, request.expected_version, request.actor, self.clock(), request.validate_only
        )
        return templates_pb2.SaveTemplateResponse(template=template_message(saved))

    @rpc
    def GetTemplate(self, request, context):
        found = self.library.get(
            request.message_type, request.language, request.channel, request.version
        )
        return templates_pb2.GetTemplateResponse(template=template_message(found))

    @rpc
    def ListTemplates(self, request, context):
        checks = Checks(DOMAIN)
        skip, size = offset_page(checks, request.page)
        checks.done()
        found = self.library.listing(request.message_type, request.language, request.channel)
        page = found[skip : skip + size + 1]
        return templates_pb2.ListTemplatesResponse(
            templates=[template_message(t) for t in page[:size]],
            page_info=next_offset(page, skip, size),
        )

    @rpc
    def PreviewTemplate(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("member_id", request.member_id)
        checks.check(request.message_type in catalogue.OFFERED, "message_type", "is required")
        draft = (
            _checked_draft(checks, request.draft, "draft.") if request.HasField("draft") else None
        )
        checks.done()
        contact = self._contact(request.member_id)
        language = request.language or contact.language
        template = draft or self.library.resolve(request.message_type, language, request.channel)
        if template is None:
            raise Refusal(
                "not_found", "TEMPLATE_NOT_FOUND", "no template for this type and channel"
            )
        variables = {**catalogue.examples(request.message_type), **request.variables}
        out = Outgoing("", contact.member_id, request.message_type, "", variables)
        values = self.messenger.values(out, contact, template["language"], self.clock())
        subject, body = render(template, values, request.channel)
        return templates_pb2.PreviewTemplateResponse(
            subject=subject,
            body=body,
            language=template["language"],
            template_version=template.get("version", 0),
        )

    @rpc
    def ListTemplateVariables(self, request, context):
        checks = Checks(DOMAIN)
        checks.check(request.message_type in catalogue.OFFERED, "message_type", "is required")
        checks.done()
        offered = catalogue.offered(request.message_type)
        return templates_pb2.ListTemplateVariablesResponse(
            variables=[
                templates_pb2.TemplateVariable(
                    name=v.name,
                    description=v.description,
                    example=catalogue.formatted(
                        request.message_type, {v.name: v.example}, "vi", DEFAULT_TIME_ZONE
                    )[v.name],
                )
                for v in offered
            ]
        )

    @rpc
    def InstallDefaultTemplates(self, request, context):
        installed, skipped = self.library.install_defaults(
            request.overwrite, request.actor or "system:install", self.clock()
        )
        return templates_pb2.InstallDefaultTemplatesResponse(installed=installed, skipped=skipped)

    def _contact(self, member_id: str):
        try:
            contact = self.contacts.get(member_id)
        except Erased:
            contact = None
        if contact is None:
            raise Refusal("not_found", "MEMBER_UNKNOWN", "no contact data for this member")
        return contact


def _checked_draft(checks: Checks, template, prefix: str) -> dict:
    for field, reason in problems(
        template.message_type, template.language, template.channel, template.subject, template.body
    ):
        checks.fail(prefix + field, reason)
    return {
        "message_type": template.message_type,
        "language": template.language,
        "channel": template.channel,
        "subject": template.subject,
        "body": template.body,
    }
