"""Bulk imports: an import's life, and the rules every row of a file is checked by before
anything changes. Pure: the time is an argument, no I/O.

An import is created with its size, receives its rows in pages, then is started: every
row is validated (on its own, then against the other rows of the file, then, by the
service, against what the stores hold), and the good rows are applied in batches. Each
row is applied under a key derived from (import id, row number): the member's enrolment
key, the ledger's idempotency key of the opening balance, the voucher's id, the store's
id. So a row applied twice is applied once.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from common.clock import DEFAULT_TIME_ZONE
from common.refusals import Refusal
from services.members.directory.domain import identity

# Bounds: of an import, of a page of rows, of a row.
MAX_ROWS_TOTAL = 1_000_000
MAX_ROWS_PER_PAGE = 1_000
MAX_COLUMNS = 30
MAX_COLUMN_NAME = 64
MAX_VALUE = 1_000
MAX_NAME = 200
MAX_OPENING_POINTS = 1_000_000_000
# Errors kept per import: beyond it, bad rows are counted but not listed (a file of
# a million bad rows must not grow a million documents of reasons).
MAX_ERRORS_KEPT = 10_000
ERRORS_SHOWN = 20
IMPORT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
STORE_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
VOUCHER_CODE = re.compile(r"^[A-Z0-9]{4,32}$")
PROGRAMME_ZONE = ZoneInfo(DEFAULT_TIME_ZONE)

KINDS = ("members", "voucher_codes", "stores")
MODES = ("all_or_nothing", "skip_bad_rows")
RECEIVING, VALIDATING, APPLYING, STOPPED, COMPLETED, REJECTED = (
    "receiving",
    "validating",
    "applying",
    "stopped",
    "completed",
    "rejected",
)
RUNNING = (VALIDATING, APPLYING)
FINISHED = (COMPLETED, REJECTED)

CONSENT_COLUMNS = {"consent_sms": "sms", "consent_email": "email", "consent_push": "push"}
COLUMNS = {
    "members": (
        "name",
        "phone",
        "email",
        "birthday",
        "language",
        "tier",
        "points",
        "points_expire_on",
        *CONSENT_COLUMNS,
    ),
    "voucher_codes": ("code", "reward_id", "phone", "expires_on"),
    "stores": ("store_id", "partner_id", "name", "time_zone"),
}
YES = {"yes", "y", "true", "1", "có", "co", "x"}
NO = {"no", "n", "false", "0", "không", "khong", ""}


@dataclasses.dataclass(frozen=True)
class Import:
    import_id: str
    kind: str
    mode: str
    rows_total: int
    notify_members: bool
    created_by: str
    created_at: datetime
    state: str = RECEIVING
    rows_received: int = 0
    rows_validated: int = 0
    rows_applied: int = 0
    rows_failed: int = 0
    validated: bool = False  # every row validated (the apply may begin or resume)
    applied_through: int = 0  # every row up to this number is applied (or bad)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    lease_owner: str = ""
    lease_until: datetime | None = None

    def same_request(self, other: Import) -> bool:
        """Whether `other` asks for this import again (a CreateImport retried)."""
        fields = ("kind", "mode", "rows_total", "notify_members")
        return all(getattr(self, f) == getattr(other, f) for f in fields)


@dataclasses.dataclass(frozen=True)
class RowError:
    row: int
    field: str
    reason: str


@dataclasses.dataclass(frozen=True)
class MemberRow:
    row: int
    name: str
    phone: str
    email: str
    birthday: str
    language: str
    tier_code: str  # empty: the ladder's entry tier
    points: int
    points_expire_at: datetime | None  # None: the programme's expiry rule
    consents: tuple[tuple[str, bool], ...]


@dataclasses.dataclass(frozen=True)
class VoucherRow:
    row: int
    code: str
    reward_id: str
    phone: str
    expires_at: datetime | None


@dataclasses.dataclass(frozen=True)
class StoreRow:
    row: int
    store_id: str
    partner_id: str
    name: str
    time_zone: str


# Keys every row is applied under


def row_key(import_id: str, row: int) -> str:
    """The idempotency key of one row: the same (import, row) is applied once."""
    return f"import:{import_id}:{row}"


def actor(import_id: str) -> str:
    return f"import:{import_id}"


def reason(import_id: str) -> str:
    """Why an imported member holds their tier (their tier history says so)."""
    return f"import {import_id}"


# Refusals


class ImportNotFound(Refusal):
    def __init__(self) -> None:
        super().__init__("not_found", "IMPORT_NOT_FOUND", "no such import", field="import_id")


def refuse_reuse(existing: Import) -> Refusal:
    return Refusal(
        "exists",
        "IMPORT_ID_REUSED",
        f"import {existing.import_id!r} exists as another import "
        f"({existing.kind}, {existing.mode}, {existing.rows_total} rows)",
        field="import_id",
    )


def refuse_if_started(current: Import) -> None:
    if current.state != RECEIVING:
        raise Refusal(
            "precondition",
            "IMPORT_STARTED",
            f"the import was started ({current.state}): its rows cannot change",
            field="import_id",
        )


# The rows' own checks (every problem of a row, each naming its column)


def unknown_columns(kind: str, row: int, fields: dict[str, str]) -> list[RowError]:
    known = COLUMNS[kind]
    return [
        RowError(row, name, "is not a column of this import")
        for name in fields
        if name not in known
    ]


def member_row(
    row: int, fields: dict[str, str], tier_codes: set[str], now: datetime
) -> tuple[MemberRow | None, list[RowError]]:
    """The row as a member to enrol, or the problems found (`tier_codes`: the ladder's)."""
    errors = unknown_columns("members", row, fields)
    value = {name: fields.get(name, "").strip() for name in COLUMNS["members"]}
    name = value["name"]
    if not name:
        errors.append(RowError(row, "name", "is required"))
    elif len(name) > MAX_NAME:
        errors.append(RowError(row, "name", f"is longer than {MAX_NAME} characters"))
    phone = email = ""
    if value["phone"]:
        try:
            phone = identity.normalize_phone(value["phone"])
        except ValueError as error:
            errors.append(RowError(row, "phone", str(error)))
    if value["email"]:
        try:
            email = identity.normalize_email(value["email"])
        except ValueError as error:
            errors.append(RowError(row, "email", str(error)))
    if not value["phone"] and not value["email"]:
        errors.append(RowError(row, "phone", "a phone number or an e-mail address is required"))
    if value["birthday"]:
        try:
            identity.check_birthday(value["birthday"], now)
        except ValueError as error:
            errors.append(RowError(row, "birthday", str(error)))
    language = value["language"].lower() or "vi"
    if language not in identity.LANGUAGES:
        errors.append(RowError(row, "language", "must be vi or en"))
    tier = value["tier"].lower()
    if tier and tier not in tier_codes:
        known = ", ".join(sorted(tier_codes)) or "none: no ladder is set"
        errors.append(RowError(row, "tier", f"is not a tier of the ladder ({known})"))
    points = 0
    if value["points"]:
        points, problem = _points(value["points"])
        if problem:
            errors.append(RowError(row, "points", problem))
    expires_at = None
    if value["points_expire_on"]:
        expires_at, problem = _expiry(value["points_expire_on"], now)
        if problem:
            errors.append(RowError(row, "points_expire_on", problem))
    consents = []
    for column, channel in CONSENT_COLUMNS.items():
        given = value[column].lower()
        if given in YES:
            consents.append((channel, True))
        elif given not in NO:
            errors.append(RowError(row, column, "must be yes or no"))
        elif given:
            consents.append((channel, False))
    if errors:
        return None, errors
    member = MemberRow(
        row=row,
        name=name,
        phone=phone,
        email=email,
        birthday=value["birthday"],
        language=language,
        tier_code=tier,
        points=points,
        points_expire_at=expires_at,
        consents=tuple(consents),
    )
    return member, []


def voucher_row(
    row: int, fields: dict[str, str], now: datetime
) -> tuple[VoucherRow | None, list[RowError]]:
    errors = unknown_columns("voucher_codes", row, fields)
    value = {name: fields.get(name, "").strip() for name in COLUMNS["voucher_codes"]}
    code = imported_code(value["code"])
    if not value["code"]:
        errors.append(RowError(row, "code", "is required"))
    elif not VOUCHER_CODE.match(code):
        errors.append(
            RowError(row, "code", "must be 4..32 letters and digits (hyphens and spaces aside)")
        )
    if not value["reward_id"]:
        errors.append(RowError(row, "reward_id", "is required"))
    elif len(value["reward_id"]) > 128:
        errors.append(RowError(row, "reward_id", "is longer than 128 characters"))
    phone = ""
    if not value["phone"]:
        errors.append(RowError(row, "phone", "is required (the member the voucher belongs to)"))
    else:
        try:
            phone = identity.normalize_phone(value["phone"])
        except ValueError as error:
            errors.append(RowError(row, "phone", str(error)))
    expires_at = None
    if value["expires_on"]:
        expires_at, problem = _expiry(value["expires_on"], now)
        if problem:
            errors.append(RowError(row, "expires_on", problem))
    if errors:
        return None, errors
    return VoucherRow(row, code, value["reward_id"], phone, expires_at), []


def store_row(row: int, fields: dict[str, str]) -> tuple[StoreRow | None, list[RowError]]:
    errors = unknown_columns("stores", row, fields)
    value = {name: fields.get(name, "").strip() for name in COLUMNS["stores"]}
    if not value["store_id"]:
        errors.append(RowError(row, "store_id", "is required"))
    elif not STORE_ID.match(value["store_id"]):
        errors.append(
            RowError(row, "store_id", "must be lower-case letters, digits and hyphens, up to 64")
        )
    if not value["partner_id"]:
        errors.append(RowError(row, "partner_id", "is required"))
    elif not STORE_ID.match(value["partner_id"]):
        errors.append(RowError(row, "partner_id", "is not a partner id"))
    if not value["name"]:
        errors.append(RowError(row, "name", "is required"))
    elif len(value["name"]) > MAX_NAME:
        errors.append(RowError(row, "name", f"is longer than {MAX_NAME} characters"))
    time_zone = value["time_zone"] or DEFAULT_TIME_ZONE
    try:
        ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        errors.append(RowError(row, "time_zone", f"unknown time zone {time_zone!r}"))
    if errors:
        return None, errors
    return StoreRow(row, value["store_id"], value["partner_id"], value["name"], time_zone), []


def imported_code(raw: str) -> str:
    """A voucher code as the suite keeps it: upper case, without hyphens or spaces."""
    return raw.replace("-", "").replace(" ", "").upper()


# Against the other rows of the file


class FirstSeen:
    """Which row of the file first held each value of a unique column: a later row with
    the same value is a duplicate (the first is kept)."""

    def __init__(self, field: str, what: str) -> None:
        self.field = field
        self.what = what
        self.rows: dict[str, int] = {}

    def check(self, row: int, value: str) -> RowError | None:
        if not value:
            return None
        first = self.rows.setdefault(value, row)
        if first == row:
            return None
        return RowError(row, self.field, f"the same {self.what} as row {first}")


def taken(row: int, field: str, what: str) -> RowError:
    return RowError(row, field, f"this {what} belongs to another member")


# Values


def _points(raw: str) -> tuple[int, str]:
    text = raw.replace(",", "").replace(".", "").replace(" ", "")
    if not re.fullmatch(r"\d{1,10}", text):
        return 0, f"must be a whole number of points, 0..{MAX_OPENING_POINTS:,}"
    points = int(text)
    if points > MAX_OPENING_POINTS:
        return 0, f"must be at most {MAX_OPENING_POINTS:,}"
    return points, ""


def _expiry(raw: str, now: datetime) -> tuple[datetime | None, str]:
    """The end of the local day `raw` (YYYY-MM-DD, the programme's time zone): points or
    a voucher expiring "on" a day are good through that day."""
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return None, "must be a date, YYYY-MM-DD"
    if day < now.astimezone(PROGRAMME_ZONE).date():
        return None, "is in the past"
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=PROGRAMME_ZONE)
    return end, ""
