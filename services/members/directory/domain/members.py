"""A member of the programme, and the rules of every change a member goes through:
enrolment, profile, consents, QR token, status, erasure, and the referral their first
purchase qualifies. Pure: the time is an argument, no I/O.

A change takes the member as read and returns the member after it with what it announces
(the events the service writes in the same update), or None when there is nothing to do.
"""

from __future__ import annotations

import calendar
import dataclasses
import hashlib
import uuid
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from common.clock import DEFAULT_TIME_ZONE
from common.refusals import Refusal, key_reused, version_mismatch
from services.members.directory.domain import identity
from services.members.tiers.domain import TierStanding

DEFAULT_LANGUAGE = "vi"
# What a member may change of their profile.
PROFILE_FIELDS = (
    "name",
    "phone",
    "email",
    "birthday",
    "language",
    "time_zone",
    "preferred_channels",
)
# What erasure removes for good: every field that identifies or describes the person,
# and the enrolment's fingerprint (a hash of their details, which could be matched).
ERASED_FIELDS = (
    "enrolment_fingerprint",
    "name",
    "phone",
    "email",
    "birthday",
    "card_number",
    "qr_token",
    "enrolment_partner_id",
    "enrolment_store_id",
)


@dataclasses.dataclass(frozen=True)
class Consent:
    """Whether a channel may be used, since when, and who recorded it."""

    granted: bool
    at: datetime
    source: str = ""


@dataclasses.dataclass(frozen=True)
class ConsentRecord:
    """One change of a channel's consent, as the consent history keeps it."""

    channel: str
    granted: bool
    at: datetime
    source: str
    actor: str = ""


@dataclasses.dataclass(frozen=True)
class Member:
    member_id: str
    member_number: str
    status: str  # "active", "blocked" or "erased"
    enrolled_at: datetime
    version: int
    name: str = ""
    phone: str = ""  # E.164, or empty
    email: str = ""  # lower-cased, or empty
    birthday: str = ""  # YYYY-MM-DD, or empty
    language: str = ""
    time_zone: str = ""
    preferred_channels: tuple[str, ...] = ()
    consents: dict[str, Consent] = dataclasses.field(default_factory=dict)  # by channel
    consent_history: tuple[ConsentRecord, ...] = ()
    card_number: str = ""
    qr_token: str = ""
    qr_rotation_key: str = ""  # the idempotency key of the last rotation
    referral_code: str = ""
    referred_by: str = ""  # the referrer's member id
    referral_qualified_at: datetime | None = None
    updated_at: datetime | None = None
    enrolment_channel: str = ""
    enrolment_partner_id: str = ""
    enrolment_store_id: str = ""
    enrolment_key: str = ""  # the enrolment's idempotency key
    enrolment_fingerprint: str = ""
    blocked_reason: str = ""
    blocked_at: datetime | None = None
    erased_at: datetime | None = None
    tier: TierStanding = dataclasses.field(default_factory=TierStanding)


@dataclasses.dataclass(frozen=True)
class Enrolment:
    idempotency_key: str
    name: str
    phone: str  # E.164 or empty
    email: str  # lower-cased or empty
    birthday: str
    language: str
    time_zone: str
    preferred_channels: tuple[str, ...]
    consents: tuple[tuple[str, bool], ...]
    consent_source: str
    card_number: str
    enrolment_channel: str
    partner_id: str
    store_id: str
    referral_code: str


@dataclasses.dataclass(frozen=True)
class MemberFilter:
    """Which members a listing shows: those with any of `statuses` and of `tier_codes`
    (all, when empty), enrolled in [enrolled_from, enrolled_to) (open where None), whose
    name has a word starting with each of `name_words` (folded: names.py)."""

    statuses: tuple[str, ...] = ()
    tier_codes: tuple[str, ...] = ()
    enrolled_from: datetime | None = None
    enrolled_to: datetime | None = None
    name_words: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class MemberSummary:
    """What the programme's figures count of a member."""

    member_id: str
    enrolled_at: datetime
    tier_code: str


@dataclasses.dataclass(frozen=True)
class FirstPurchase:
    """A member's first purchase, as the ledger reports it (points.earned)."""

    partner_id: str
    transaction_id: str


# What the changes announce (the contact data and consents go with them: events.py)


@dataclasses.dataclass(frozen=True)
class MemberEnrolled:
    """member.enrolled: a member joined (quiet: a bulk import that asked for no welcome)."""

    quiet: bool = False


@dataclasses.dataclass(frozen=True)
class MemberUpdated:
    """member.updated: profile fields changed."""

    changed_fields: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class ConsentChanged:
    """consent.changed: a channel's consent was given or withdrawn."""

    channel: str


@dataclasses.dataclass(frozen=True)
class StatusChanged:
    """member.blocked or member.unblocked, as the member's status now says."""

    actor: str
    reason: str


@dataclasses.dataclass(frozen=True)
class MemberErased:
    """member.erased: every service forgets the member's personal data."""


@dataclasses.dataclass(frozen=True)
class ReferralQualified:
    """referral.qualified: the member's first purchase qualified their referral (the
    earning rules award both members' bonuses from it)."""

    referral_id: str
    purchase: FirstPurchase


# plan(member as read, now) -> (the member after, what it announces), or None
Plan = Callable[[Member, datetime], "tuple[Member, list] | None"]


# Refusals


class MemberNotFound(Refusal):
    """No member has this id (or holds this key)."""

    def __init__(self, field: str = "member_id", message: str = "no such member") -> None:
        super().__init__("not_found", "MEMBER_NOT_FOUND", message, field=field)


class Taken(Refusal):
    """A unique identifier already belongs to another member."""

    def __init__(self, field: str) -> None:
        super().__init__(
            "exists",
            f"{field.upper()}_TAKEN",
            f"this {field.replace('_', ' ')} belongs to another member",
            field=field,
        )


def refuse_if_erased(member: Member) -> None:
    if member.status == "erased":
        raise Refusal("precondition", "MEMBER_ERASED", "the member was erased")


# Enrolment


def fingerprint(request: Enrolment) -> str:
    """A hash of what an enrolment asked (all but its key), to tell a retry from a reuse."""
    asked = dataclasses.astuple(request)[1:]
    return hashlib.sha256(repr(asked).encode()).hexdigest()[:32]


def replayed(member: Member, request_fingerprint: str) -> Member:
    """The member an enrolment with this key made, if the same enrolment asks again."""
    # An erased member keeps no fingerprint: the retry gets the (erased) member back.
    if member.enrolment_fingerprint and member.enrolment_fingerprint != request_fingerprint:
        raise key_reused("this idempotency key enrolled someone else")
    return member


def enrol(
    request: Enrolment,
    serial: int,
    referrer_id: str,
    tier: TierStanding,
    now: datetime,
) -> tuple[Member, list[MemberEnrolled]]:
    """A new member from serial `serial` (their member number), with the card the till
    gave or one drawn at random, placed at `tier`; `referrer_id` is the member whose
    referral code they gave, if any."""
    member = Member(
        member_id=uuid.uuid4().hex,
        member_number=identity.member_number(serial),
        status="active",
        enrolled_at=now,
        version=1,
        name=request.name,
        phone=request.phone,
        email=request.email,
        birthday=request.birthday,
        language=request.language,
        time_zone=request.time_zone,
        preferred_channels=tuple(request.preferred_channels),
        consents={
            channel: Consent(granted, now, request.consent_source)
            for channel, granted in request.consents
        },
        consent_history=tuple(
            ConsentRecord(channel, granted, now, request.consent_source, "member")
            for channel, granted in request.consents
        ),
        card_number=request.card_number or identity.new_card_number(),
        qr_token=identity.new_qr_token(),
        referral_code=identity.new_referral_code(),
        referred_by=referrer_id,
        updated_at=now,
        enrolment_channel=request.enrolment_channel,
        enrolment_partner_id=request.partner_id,
        enrolment_store_id=request.store_id,
        enrolment_key=request.idempotency_key,
        enrolment_fingerprint=fingerprint(request),
        tier=tier,
    )
    return member, [MemberEnrolled()]


def referrer_of(referrer: Member | None) -> str:
    """The id of the member whose referral code an enrolment gave."""
    if referrer is None or referrer.status == "erased":
        raise Refusal(
            "invalid", "UNKNOWN_REFERRAL_CODE", "no member has this code", field="referral_code"
        )
    return referrer.member_id


# Changes


def update_profile(
    member: Member, changes: dict[str, object], expected_version: int, now: datetime
) -> tuple[Member, list[MemberUpdated]]:
    """The profile fields in `changes` (among PROFILE_FIELDS) set; an empty phone or
    e-mail removes it. `expected_version`, unless 0, must be the member's."""
    if expected_version and member.version != expected_version:
        raise version_mismatch(f"the member is at version {member.version}")
    values = dict(changes)
    if "preferred_channels" in values:
        values["preferred_channels"] = tuple(values["preferred_channels"])
    after = dataclasses.replace(member, **values, updated_at=now)
    return after, [MemberUpdated(tuple(sorted(changes)))]


def update_consents(
    member: Member, consents: list[tuple[str, bool]], source: str, actor: str, now: datetime
) -> tuple[Member, list[ConsentChanged]]:
    """The consents given or withdrawn, each change in the history and announced (a
    channel already so is left as it is)."""
    current = dict(member.consents)
    changed = [(c, g) for c, g in consents if c not in current or current[c].granted != g]
    history = list(member.consent_history)
    for channel, granted in changed:
        current[channel] = Consent(granted, now, source)
        history.append(ConsentRecord(channel, granted, now, source, actor))
    after = dataclasses.replace(
        member, consents=current, consent_history=tuple(history), updated_at=now
    )
    return after, [ConsentChanged(channel) for channel, _ in changed]


def rotate_qr_token(member: Member, idempotency_key: str, now: datetime) -> tuple[Member, list]:
    """A new QR token (the old one stops working)."""
    after = dataclasses.replace(
        member, qr_token=identity.new_qr_token(), qr_rotation_key=idempotency_key, updated_at=now
    )
    return after, []


def set_status(
    member: Member, status: str, actor: str, reason: str, now: datetime
) -> tuple[Member, list[StatusChanged]] | None:
    """Blocks ("blocked") or unblocks ("active"); None for a member already so."""
    if member.status == status:
        return None
    blocked = status == "blocked"
    after = dataclasses.replace(
        member,
        status=status,
        updated_at=now,
        blocked_reason=reason if blocked else "",
        blocked_at=now if blocked else None,
    )
    return after, [StatusChanged(actor, reason)]


def erase(member: Member, now: datetime) -> tuple[Member, list[MemberErased]] | None:
    """The personal data removed for good; the member id, tier and ledger stay."""
    if member.status == "erased":
        return None
    after = dataclasses.replace(
        member,
        **dict.fromkeys(ERASED_FIELDS, ""),
        status="erased",
        erased_at=now,
        updated_at=now,
        consents={c: dataclasses.replace(r, source="") for c, r in member.consents.items()},
        consent_history=tuple(dataclasses.replace(r, source="") for r in member.consent_history),
        preferred_channels=(),
        blocked_reason="",
    )
    return after, [MemberErased()]


def qualify_referral(
    member: Member, purchase: FirstPurchase, now: datetime
) -> tuple[Member, list[ReferralQualified]] | None:
    """A referred member's first purchase qualifies their referral, once."""
    if not member.referred_by or member.referral_qualified_at:
        return None
    qualified = ReferralQualified(uuid.uuid4().hex, purchase)
    return dataclasses.replace(member, referral_qualified_at=now), [qualified]


# Reading


def consent_history(member: Member, channel: str | None) -> list[ConsentRecord]:
    """The member's consent changes, newest first, of one channel or (None) all."""
    return [
        record
        for record in reversed(member.consent_history)
        if channel is None or record.channel == channel
    ]


def birthday_days(day: date) -> tuple[int, ...]:
    """The days of `day`'s month whose members celebrate on `day`: in a year without
    29 February, those born on it celebrate on 28 February."""
    if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
        return (28, 29)
    return (day.day,)


def celebrates_at(member: Member, instant: datetime) -> bool:
    """Whether `instant` falls on the member's birthday in their own time zone."""
    local = instant.astimezone(ZoneInfo(member.time_zone or DEFAULT_TIME_ZONE)).date()
    return identity.celebrates_on(member.birthday, local)
