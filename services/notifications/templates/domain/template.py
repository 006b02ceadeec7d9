"""A template: one version of the words of a (type, language, channel), checked when saved
and rendered when a message is created."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from datetime import datetime

from common.refusals import Refusal
from services.notifications.contacts.domain import Channel
from services.notifications.templates.domain import catalogue, syntax
from services.notifications.templates.domain.catalogue import MessageType

LANGUAGES = ("vi", "en")
FALLBACK_LANGUAGE = "vi"
MAX_BODY, MAX_SMS, MAX_SUBJECT = 20_000, 640, 200
CHANNELS = frozenset(Channel)
NEEDS_SUBJECT = {Channel.EMAIL, Channel.PUSH, Channel.INBOX}


@dataclasses.dataclass(frozen=True)
class Template:
    """A draft (version 0, or the next version when only checked) or a stored version."""

    message_type: MessageType
    language: str
    channel: Channel
    subject: str
    body: str
    version: int = 0
    is_default: bool = False
    updated_at: datetime | None = None
    updated_by: str = ""
    template_id: str = ""  # a stored version's: "<key>:<version>"

    @property
    def key(self) -> str:
        return template_key(self.message_type, self.language, self.channel)


@dataclasses.dataclass(frozen=True)
class Preview:
    """A template rendered for a member, sent to no one."""

    subject: str
    body: str
    language: str
    template_version: int


def template_key(message_type: int, language: str, channel: int) -> str:
    return f"{int(message_type)}:{language}:{int(channel)}"


@functools.lru_cache(maxsize=1024)
def parsed(source: str) -> syntax.Template:
    return syntax.parse(source)


def problems(message_type: int, language: str, channel: int, subject: str, body: str):
    """(field, reason) for everything wrong with a template; empty when it is good."""
    found = []
    if language not in LANGUAGES:
        found.append(("language", 'must be "vi" or "en"'))
    if channel not in CHANNELS:
        found.append(("channel", "must be EMAIL, SMS, PUSH or INBOX"))
    if message_type not in catalogue.OFFERED:
        found.append(("message_type", "must be a message type"))
        return found
    if not body.strip():
        found.append(("body", "is required"))
    elif len(body) > MAX_BODY:
        found.append(("body", f"is longer than {MAX_BODY} characters"))
    if channel in NEEDS_SUBJECT and not subject.strip():
        found.append(("subject", "is required for e-mail, push and inbox templates"))
    offered = catalogue.names(message_type)
    rendered = {}
    for field, source in (("subject", subject), ("body", body)):
        try:
            template = parsed(source)
            template.check_offered(offered)
            rendered[field] = template.render(catalogue.examples(message_type))
        except syntax.TemplateError as exc:
            found.append((field, str(exc)))
    if channel == Channel.SMS and len(rendered.get("body", "")) > MAX_SMS:
        found.append(("body", f"renders longer than {MAX_SMS} characters for an SMS"))
    if len(rendered.get("subject", "")) > MAX_SUBJECT:
        found.append(("subject", f"renders longer than {MAX_SUBJECT} characters"))
    return found


def required_variables(template: Template) -> set[str]:
    """Variables the template prints outside any {#if}: a sender must give them."""
    needed = set()
    for source in (template.subject, template.body):
        needed |= {node.name for node in parsed(source).nodes if isinstance(node, syntax.Variable)}
    return needed - {variable.name for variable in catalogue.COMMON}


def check_given(template: Template, values: Mapping[str, str]) -> None:
    """VARIABLES_MISSING names what the template needs and a sender did not give."""
    missing = sorted(name for name in required_variables(template) if not values.get(name))
    if missing:
        raise Refusal(
            "invalid",
            "VARIABLES_MISSING",
            "the template needs " + ", ".join(f"{{{name}}}" for name in missing),
            "variables",
        )


def render(template: Template, values: Mapping[str, str], channel: int) -> tuple[str, str]:
    """(subject, body); e-mail bodies are HTML, so their values are escaped."""
    subject = parsed(template.subject).render(values)
    body = parsed(template.body).render(values, escape_html=channel == Channel.EMAIL)
    return subject, body
