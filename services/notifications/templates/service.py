"""The template library: versions per (type, language, channel), checked when saved,
resolved and rendered when a message is created, previewed for a member.

Templates change rarely and are resolved for every message, so each process keeps the
current ones for REFRESH_SECONDS (one query brings them all): a save is seen at once by
the process that made it and within REFRESH_SECONDS by every other one.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime

from common.refusals import Refusal, version_mismatch
from services.notifications.contacts.domain import Contact
from services.notifications.templates.domain import catalogue, defaults
from services.notifications.templates.domain.template import (
    FALLBACK_LANGUAGE,
    Preview,
    Template,
    render,
    template_key,
)
from services.notifications.templates.store import TemplateStore

REFRESH_SECONDS = 5.0


class TemplateLibrary:
    def __init__(
        self,
        store: TemplateStore,
        contact_of: Callable[[str], Contact | None],
        *,
        refresh_seconds: float = REFRESH_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.contact_of = contact_of  # the contacts' copy (None when none or erased)
        self.refresh_seconds = refresh_seconds
        self.monotonic = monotonic
        self._lock = threading.Lock()
        self._kept: tuple[float, dict[str, Template]] | None = None
        # Bumped by every save: a read that began before it must not be kept after it.
        self._generation = 0

    def save(
        self, draft: Template, expected_version: int, actor: str, when: datetime, dry=False
    ) -> Template:
        """Stores `draft` (already checked) as the next version; ABORTED on a version race."""
        current = self.store.current(draft.key)
        version = current.version if current else 0
        if expected_version and expected_version != version:
            raise version_mismatch(f"the template is at version {version}, not {expected_version}")
        template = dataclasses.replace(
            draft, version=version + 1, updated_at=when, updated_by=actor
        )
        if dry:
            return template
        stored = self.store.add(template)
        self._forget()  # also after a lost race: the winner's version is news here too
        if stored is None:
            raise Refusal(
                "aborted", "VERSION_MISMATCH", "the template was saved meanwhile; read it again"
            )
        return stored

    def get(self, message_type: int, language: str, channel: int, version: int = 0) -> Template:
        key = template_key(message_type, language, channel)
        found = self.store.version(key, version) if version else self.store.current(key)
        if found is None:
            raise Refusal("not_found", "TEMPLATE_NOT_FOUND", f"no template {key} v{version}")
        return found

    def resolve(self, message_type: int, language: str, channel: int) -> Template | None:
        """The member's language, else Vietnamese; None when neither exists."""
        current = self._current()
        for candidate in dict.fromkeys((language, FALLBACK_LANGUAGE)):
            found = current.get(template_key(message_type, candidate, channel))
            if found:
                return found
        return None

    def _current(self) -> dict[str, Template]:
        """The current version of every template by key, as read at most
        `refresh_seconds` ago (or since the last save here)."""
        now = self.monotonic()
        with self._lock:
            kept, generation = self._kept, self._generation
        if kept and now - kept[0] < self.refresh_seconds:
            return kept[1]
        current = {template.key: template for template in self.store.current_templates()}
        with self._lock:
            if generation == self._generation:
                self._kept = (now, current)
        return current

    def _forget(self) -> None:
        with self._lock:
            self._kept = None
            self._generation += 1

    def listing(self, message_type: int, language: str, channel: int) -> list[Template]:
        return [
            template
            for template in self.store.current_templates()
            if (not message_type or template.message_type == message_type)
            and (not language or template.language == language)
            and (not channel or template.channel == channel)
        ]

    def install_defaults(self, overwrite: bool, actor: str, when: datetime) -> tuple[int, int]:
        installed = skipped = 0
        existing = {template.key for template in self.store.current_templates()}
        for message_type, language, channel, subject, body in defaults.every_default():
            if template_key(message_type, language, channel) in existing and not overwrite:
                skipped += 1
                continue
            draft = Template(message_type, language, channel, subject, body, is_default=True)
            try:
                self.save(draft, 0, actor, when)
                installed += 1
            except Refusal:  # another installer got there first: theirs stands
                skipped += 1
        return installed, skipped

    def preview(
        self,
        member_id: str,
        message_type: int,
        language: str,
        channel: int,
        draft: Template | None,
        variables: Mapping[str, str],
        now: datetime,
    ) -> Preview:
        """The saved template for the member's language (or `draft`) rendered for the
        member, with the type's examples for the variables not given."""
        contact = self.contact_of(member_id)
        if contact is None:
            raise Refusal("not_found", "MEMBER_UNKNOWN", "no contact data for this member")
        language = language or contact.language
        template = draft if draft is not None else self.resolve(message_type, language, channel)
        if template is None:
            raise Refusal(
                "not_found", "TEMPLATE_NOT_FOUND", "no template for this type and channel"
            )
        values = catalogue.for_member(
            message_type,
            {**catalogue.examples(message_type), **variables},
            name=contact.name,
            tier=contact.tier_name(template.language),
            language=template.language,
            time_zone=contact.time_zone,
            now=now,
        )
        subject, body = render(template, values, channel)
        return Preview(subject, body, template.language, template.version)
