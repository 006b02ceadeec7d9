"""The templates' collection.

templates  one document per template version, `_id` "<key>:<version>" with the key
           "<type>:<lang>:<channel>", so that two saves of the same version cannot both
           be stored.
"""

from __future__ import annotations

import dataclasses

from pymongo import ASCENDING, DESCENDING
from pymongo.errors import DuplicateKeyError

from services.notifications.contacts.domain import Channel
from services.notifications.templates.domain.catalogue import MessageType
from services.notifications.templates.domain.template import Template


class TemplateStore:
    def __init__(self, db) -> None:
        self._templates = db["templates"]

    def ensure_indexes(self) -> None:
        self._templates.create_index([("key", ASCENDING), ("version", DESCENDING)])

    def current(self, key: str) -> Template | None:
        found = self._templates.find({"key": key}).sort("version", -1).limit(1)
        return next((_template(doc) for doc in found), None)

    def version(self, key: str, version: int) -> Template | None:
        doc = self._templates.find_one({"key": key, "version": version})
        return _template(doc) if doc else None

    def add(self, template: Template) -> Template | None:
        """Stores a new version; None when that version exists (a concurrent save)."""
        stored = dataclasses.replace(template, template_id=f"{template.key}:{template.version}")
        try:
            self._templates.insert_one(_document(stored))
        except DuplicateKeyError:
            return None
        return stored

    def current_templates(self) -> list[Template]:
        """The current version of every template by key, in one query."""
        newest: dict[str, dict] = {}
        for doc in self._templates.find().sort([("key", 1), ("version", -1)]):
            newest.setdefault(doc["key"], doc)
        return [_template(doc) for doc in newest.values()]


def _document(template: Template) -> dict:
    return {
        "_id": template.template_id,
        "message_type": template.message_type,
        "language": template.language,
        "channel": template.channel,
        "subject": template.subject,
        "body": template.body,
        "key": template.key,
        "version": template.version,
        "updated_at": template.updated_at,
        "updated_by": template.updated_by,
        "is_default": template.is_default,
    }


def _template(doc: dict) -> Template:
    return Template(
        message_type=MessageType(doc["message_type"]),
        language=doc["language"],
        channel=Channel(doc["channel"]),
        subject=doc["subject"],
        body=doc["body"],
        version=doc["version"],
        is_default=doc.get("is_default", False),
        updated_at=doc.get("updated_at"),
        updated_by=doc.get("updated_by", ""),
        template_id=doc["_id"],
    )
