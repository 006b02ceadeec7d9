"""TemplatesService over gRPC: checks and translates; the library keeps the templates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from common import events as bus
from common.clock import DEFAULT_TIME_ZONE
from common.grpc_errors import answering_refusals
from common.paging import offset_page, page_of
from common.validation import Checks
from loyalty.notifications.v1 import templates_pb2, templates_pb2_grpc
from services.notifications.contacts.domain import Channel
from services.notifications.templates.domain import catalogue
from services.notifications.templates.domain.catalogue import MessageType
from services.notifications.templates.domain.template import Template, problems
from services.notifications.templates.service import TemplateLibrary

DOMAIN = "loyalty.notifications.v1"
rpc = answering_refusals(DOMAIN)


class TemplatesServicer(templates_pb2_grpc.TemplatesServiceServicer):
    def __init__(self, library: TemplateLibrary, clock: Callable[[], datetime]) -> None:
        self.library = library
        self.clock = clock

    @rpc
    def SaveTemplate(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("actor", request.actor)
        _check_draft(checks, request.template, "template.")
        checks.done()
        saved = self.library.save(
            _draft(request.template),
            request.expected_version,
            request.actor,
            self.clock(),
            request.validate_only,
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
        templates, page_info = page_of(found, skip, size)
        return templates_pb2.ListTemplatesResponse(
            templates=[template_message(t) for t in templates], page_info=page_info
        )

    @rpc
    def PreviewTemplate(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("member_id", request.member_id)
        checks.check(request.message_type in catalogue.OFFERED, "message_type", "is required")
        if request.HasField("draft"):
            _check_draft(checks, request.draft, "draft.")
        checks.done()
        preview = self.library.preview(
            request.member_id,
            MessageType(request.message_type),
            request.language,
            request.channel,
            _draft(request.draft) if request.HasField("draft") else None,
            dict(request.variables),
            self.clock(),
        )
        return templates_pb2.PreviewTemplateResponse(
            subject=preview.subject,
            body=preview.body,
            language=preview.language,
            template_version=preview.template_version,
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


def _check_draft(checks: Checks, template: templates_pb2.Template, prefix: str) -> None:
    for field, reason in problems(
        template.message_type, template.language, template.channel, template.subject, template.body
    ):
        checks.fail(prefix + field, reason)


def _draft(template: templates_pb2.Template) -> Template:
    """A checked draft (its read-only fields ignored)."""
    return Template(
        message_type=MessageType(template.message_type),
        language=template.language,
        channel=Channel(template.channel),
        subject=template.subject,
        body=template.body,
    )


def template_message(template: Template) -> templates_pb2.Template:
    return templates_pb2.Template(
        template_id=template.template_id,
        message_type=template.message_type,
        language=template.language,
        channel=template.channel,
        subject=template.subject,
        body=template.body,
        version=template.version,
        category=catalogue.category_of(template.message_type),
        is_default=template.is_default,
        updated_at=bus.timestamp(template.updated_at),
        updated_by=template.updated_by,
    )
