"""Members as a bulk export shows them: pure, no I/O.

An erased member keeps only what erasure keeps (id, number, status, tier, dates): the
export never shows personal data of an erased member, whatever a document still holds."""

from __future__ import annotations

import dataclasses
from datetime import datetime

DEFAULT_BATCH, MAX_BATCH = 500, 1000
ERASED = "erased"


@dataclasses.dataclass(frozen=True)
class ExportedMember:
    member_id: str
    member_number: str
    status: str
    tier_code: str
    enrolled_at: datetime | None
    name: str = ""
    phone: str = ""
    email: str = ""
    birthday: str = ""
    language: str = ""
    marketing_consents: tuple[str, ...] = ()
    erased_at: datetime | None = None


def batch_size(asked: int) -> int | None:
    """The batch size to use for `asked` (0: the default); None when out of bounds."""
    if asked == 0:
        return DEFAULT_BATCH
    return asked if 1 <= asked <= MAX_BATCH else None


def exported(doc: dict) -> ExportedMember:
    """A member document as the export shows it."""
    erased = doc.get("status") == ERASED
    personal = {} if erased else doc
    return ExportedMember(
        member_id=doc["_id"],
        member_number=doc.get("member_number", ""),
        status=doc.get("status", ""),
        tier_code=doc.get("tier_code", ""),
        enrolled_at=doc.get("enrolled_at"),
        name=personal.get("name", ""),
        phone=personal.get("phone", ""),
        email=personal.get("email", ""),
        birthday=personal.get("birthday", ""),
        language=doc.get("language", ""),
        marketing_consents=()
        if erased
        else tuple(sorted(c for c, v in (doc.get("consents") or {}).items() if v.get("granted"))),
        erased_at=doc.get("erased_at"),
    )
