"""The template library: versions per (type, language, channel), checked when saved,
resolved and rendered when a message is created.

Templates change rarely and are resolved for every message, so each process keeps the
current ones for REFRESH_SECONDS (one query brings them all): a save is seen at once by
the process that made it and within REFRESH_SECONDS by every other one.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from datetime import datetime

from common.refusals import Refusal
from loyalty.common.v1 import common_pb2
from services.notifications.storage import NotificationStore
from services.notifications.templates import catalogue, defaults, syntax

LANGUAGES = ("vi", "en")
FALLBACK_LANGUAGE = "vi"
MAX_BODY, MAX_SMS, MAX_SUBJECT = 20_000, 640, 200
REFRESH_SECONDS = 5.0
NEEDS_SUBJECT = {common_pb2.CHANNEL_EMAIL, common_pb2.CHANNEL_PUSH, common_pb2.CHANNEL_INBOX}


def template_key(message_type: int, language: str, channel: int) -> str:
    return f"{message_type}:{language}:{channel}"


@functools.lru_cache(maxsize=1024)
def parsed(source: str) -> syntax.Template:
    return syntax.parse(source)


def problems(message_type: int, language: str, channel: int, subject: str, body: str):
    """(field, reason) for everything wrong with a template; empty when it is good."""
    found = []
    if language not in LANGUAGES:
        found.append(("language", 'must be "vi" or "en"'))
    if channel not in {common_pb2.CHANNEL_EMAIL, common_pb2.CHANNEL_SMS, *NEEDS_SUBJECT}:
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
    if channel == common_pb2.CHANNEL_SMS and len(rendered.get("body", "")) > MAX_SMS:
        found.append(("body", f"renders longer than {MAX_SMS} characters for an SMS"))
    if len(rendered.get("subject", "")) > MAX_SUBJECT:
        found.append(("subject", f"renders longer than {MAX_SUBJECT} characters"))
    return found


def required_variables(template: dict) -> set[str]:
    """Variables the template prints outside any {#if}: a sender must give them."""
    needed = set()
    for source in (template["subject"], template["body"]):
        needed |= {node.name for node in parsed(source).nodes if isinstance(node, syntax.Variable)}
    return needed - {variable.name for variable in catalogue.COMMON}


def render(template: dict, values: dict[str, str], channel: int) -> tuple[str, str]:
    """(subject, body); e-mail bodies are HTML, so their values are escaped."""
    subject = parsed(template["subject"]).render(values)
    body = parsed(template["body"]).render(values, escape_html=channel == common_pb2.CHANNEL_EMAIL)
    return subject, body


class TemplateLibrary:
    def __init__(
        self,
        store: NotificationStore,
        refresh_seconds: float = REFRESH_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.refresh_seconds = refresh_seconds
        self.monotonic = monotonic
        self._lock = threading.Lock()
        self._kept: tuple[float, dict[str, dict]] | None = None
        # Bumped by every save: a read that began before it must not be kept after it.
        self._generation = 0

    def save(self, draft: dict, expected_version: int, actor: str, when: datetime, dry=False):
        """Stores `draft` (already checked) as the next version; ABORTED on a version race."""
        key = template_key(draft["message_type"], draft["language"], draft["channel"])
        current = self.store.current_template(key)
        version = current["version"] if current else 0
        if expected_version and expected_version != version:
            raise Refusal(
                "aborted",
                "VERSION_MISMATCH",
                f"the template is at version {version}, not {expected_version}",
                "expected_version",
            )
        doc = {
            **draft,
            "key": key,
            "version": version + 1,
            "updated_at": when,
            "updated_by": actor,
            "is_default": draft.get("is_default", False),
        }
        if dry:
            return doc
        stored = self.store.add_template(doc)
        self._forget()  # also after a lost race: the winner's version is news here too
        if not stored:
            raise Refusal(
                "aborted", "VERSION_MISMATCH", "the template was saved meanwhile; read it again"
            )
        return doc

    def get(self, message_type: int, language: str, channel: int, version: int = 0) -> dict:
        key = template_key(message_type, language, channel)
        found = (
            self.store.template_version(key, version)
            if version
            else self.store.current_template(key)
        )
        if found is None:
            raise Refusal("not_found", "TEMPLATE_NOT_FOUND", f"no template {key} v{version}")
        return found

    def resolve(self, message_type: int, language: str, channel: int) -> dict | None:
        """The member's language, else Vietnamese; None when neither exists."""
        current = self._current()
        for candidate in dict.fromkeys((language, FALLBACK_LANGUAGE)):
            found = current.get(template_key(message_type, candidate, channel))
            if found:
                return found
        return None

    def _current(self) -> dict[str, dict]:
        """The current version of every template by key, as read at most
        `refresh_seconds` ago (or since the last save here)."""
        now = self.monotonic()
        with self._lock:
            kept, generation = self._kept, self._generation
        if kept and now - kept[0] < self.refresh_seconds:
            return kept[1]
        current = {doc["key"]: doc for doc in self.store.current_templates()}
        with self._lock:
            if generation == self._generation:
                self._kept = (now, current)
        return current

    def _forget(self) -> None:
        with self._lock:
            self._kept = None
            self._generation += 1

    def listing(self, message_type: int, language: str, channel: int) -> list[dict]:
        return [
            doc
            for doc in self.store.current_templates()
            if (not message_type or doc["message_type"] == message_type)
            and (not language or doc["language"] == language)
            and (not channel or doc["channel"] == channel)
        ]

    def install_defaults(self, overwrite: bool, actor: str, when: datetime) -> tuple[int, int]:
        installed = skipped = 0
        existing = {doc["key"] for doc in self.store.current_templates()}
        for message_type, language, channel, subject, body in defaults.every_default():
            key = template_key(message_type, language, channel)
            if key in existing and not overwrite:
                skipped += 1
                continue
            draft = {
                "message_type": message_type,
                "language": language,
                "channel": channel,
                "subject": subject,
                "body": body,
                "is_default": True,
            }
            try:
                self.save(draft, 0, actor, when)
                installed += 1
            except Refusal:  # another installer got there first: theirs stands
                skipped += 1
        return installed, skipped
