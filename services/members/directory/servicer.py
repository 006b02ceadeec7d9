"""MembersService over gRPC: checks, normalises and translates; the rules are the
directory's."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from common import clock
from common import events as bus
from common.clock import DEFAULT_TIME_ZONE, Clock
from common.grpc_errors import answering_refusals
from common.paging import next_offset, offset_page, page_of
from common.validation import Checks
from loyalty.members.v1 import members_pb2, members_pb2_grpc
from services.members.directory import events
from services.members.directory.domain import identity
from services.members.directory.domain.members import (
    DEFAULT_LANGUAGE,
    PROFILE_FIELDS,
    Enrolment,
    Member,
    MemberFilter,
)
from services.members.directory.domain.names import MAX_QUERY_LENGTH, query_words
from services.members.directory.service import Directory

DOMAIN = "loyalty.members.v1"
CHANNEL_NAMES = {value: name for name, value in events.CHANNELS.items()}
# Refusals and invalid requests become statuses with their details.
rpc = answering_refusals(DOMAIN)


class MembersServicer(members_pb2_grpc.MembersServiceServicer):
    def __init__(self, directory: Directory, clock: Clock = clock.now) -> None:
        self.directory = directory
        self.clock = clock  # the day a birthday may not be after

    @rpc
    def EnrolMember(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("idempotency_key", request.idempotency_key)
        profile = _profile(checks, request.profile, request.phone_region, self.clock(), "profile.")
        checks.check(
            bool(profile.get("phone") or profile.get("email")),
            "profile.phone",
            "a phone number or an e-mail address is required",
        )
        consents = _consents(checks, request.consents)
        checks.text("consent_source", request.consent_source, required=bool(consents))
        if request.card_number:
            checks.check(
                identity.is_card_number(request.card_number),
                "card_number",
                "is not a card number (16 digits with a valid check digit)",
            )
        for field in ("referral_code", "enrolment_channel", "partner_id", "store_id"):
            checks.text(field, getattr(request, field), required=False, max_length=64)
        checks.done()
        member, replayed = self.directory.enrol(
            Enrolment(
                idempotency_key=request.idempotency_key,
                name=profile["name"],
                phone=profile.get("phone", ""),
                email=profile.get("email", ""),
                birthday=profile.get("birthday", ""),
                language=profile.get("language") or DEFAULT_LANGUAGE,
                time_zone=profile.get("time_zone") or DEFAULT_TIME_ZONE,
                preferred_channels=tuple(profile.get("preferred_channels", ())),
                consents=tuple(consents),
                consent_source=request.consent_source,
                card_number=request.card_number,
                enrolment_channel=request.enrolment_channel,
                partner_id=request.partner_id,
                store_id=request.store_id,
                referral_code=request.referral_code.upper(),
            )
        )
        return members_pb2.EnrolMemberResponse(member=member_message(member), replayed=replayed)

    @rpc
    def GetMember(self, request, context):
        return members_pb2.GetMemberResponse(
            member=member_message(self.directory.get(request.member_id))
        )

    @rpc
    def BatchGetMembers(self, request, context):
        checks = Checks(DOMAIN)
        checks.check(len(request.member_ids) <= 100, "member_ids", "at most 100 ids")
        checks.done()
        members = self.directory.batch(list(request.member_ids))
        return members_pb2.BatchGetMembersResponse(members=[member_message(m) for m in members])

    @rpc
    def ListMembers(self, request, context):
        checks = Checks(DOMAIN)
        skip, size = offset_page(checks, request.page)
        checks.text("name_query", request.name_query, required=False, max_length=MAX_QUERY_LENGTH)
        words = query_words(request.name_query)
        if request.name_query and len(request.name_query) <= MAX_QUERY_LENGTH:
            checks.check(bool(words), "name_query", "has no letter or digit to look for")
        checks.done()
        which = MemberFilter(
            statuses=tuple(
                name for name, value in events.STATUS.items() if value in request.statuses
            ),
            tier_codes=tuple(request.tier_codes),
            enrolled_from=bus.instant(request, "enrolled_from"),
            enrolled_to=bus.instant(request, "enrolled_to"),
            name_words=tuple(words),
        )
        found = self.directory.listing(which, skip, size + 1)
        return members_pb2.ListMembersResponse(
            members=[member_message(m) for m in found[:size]],
            page_info=next_offset(found, skip, size),
        )

    @rpc
    def ListConsentHistory(self, request, context):
        checks = Checks(DOMAIN)
        skip, size = offset_page(checks, request.page)
        checks.done()
        history = self.directory.consent_history(
            request.member_id, CHANNEL_NAMES.get(request.channel)
        )
        records, page_info = page_of(history, skip, size)
        return members_pb2.ListConsentHistoryResponse(
            records=[
                members_pb2.ConsentRecord(
                    channel=events.CHANNELS[r.channel],
                    granted=r.granted,
                    at=bus.timestamp(r.at),
                    source=r.source,
                    actor=r.actor,
                )
                for r in records
            ],
            page_info=page_info,
        )

    @rpc
    def RotateQrToken(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("idempotency_key", request.idempotency_key)
        checks.text("member_id", request.member_id)
        checks.done()
        member, replayed = self.directory.rotate_qr_token(
            request.member_id, request.idempotency_key
        )
        return members_pb2.RotateQrTokenResponse(qr_token=member.qr_token, replayed=replayed)

    @rpc
    def ListReferrals(self, request, context):
        checks = Checks(DOMAIN)
        skip, size = offset_page(checks, request.page)
        checks.done()
        referrer, referred = self.directory.referrals(request.member_id)
        shown, page_info = page_of(referred, skip, size)
        return members_pb2.ListReferralsResponse(
            referrals=[_referral(referrer, m) for m in shown],
            qualified_count=sum(1 for m in referred if m.referral_qualified_at),
            page_info=page_info,
        )

    @rpc
    def ListBirthdays(self, request, context):
        checks = Checks(DOMAIN)
        when = request.WhichOneof("when")
        day = None
        if when == "month":
            checks.check(1 <= request.month <= 12, "month", "must be 1..12")
        elif when == "date":
            try:
                day = date.fromisoformat(request.date)
            except ValueError:
                checks.fail("date", "must be a date, YYYY-MM-DD")
        elif when != "at":
            checks.fail("when", "give a date, an instant or a month")
        skip, size = offset_page(checks, request.page)
        checks.done()
        if when == "at":
            everyone = self.directory.birthdays_at(request.at.ToDatetime(UTC))
        elif when == "date":
            everyone = self.directory.birthdays_on(day)
        else:
            everyone = self.directory.birthdays_in(request.month)
        shown, page_info = page_of(everyone, skip, size)
        return members_pb2.ListBirthdaysResponse(
            members=[
                members_pb2.BirthdayMember(
                    member_id=m.member_id,
                    birthday=m.birthday,
                    time_zone=m.time_zone,
                    language=m.language,
                    tier_code=m.tier.code,
                )
                for m in shown
            ],
            page_info=page_info,
        )

    @rpc
    def FindMember(self, request, context):
        checks = Checks(DOMAIN)
        key = request.WhichOneof("key")
        value = getattr(request, key) if key else ""
        if not checks.check(
            key is not None, "key", "give a phone, e-mail, card, QR token or member number"
        ):
            checks.done()
        normalised = _normalise(checks, key, value, request.phone_region)
        checks.done()
        return members_pb2.FindMemberResponse(
            member=member_message(self.directory.find(key, normalised))
        )

    @rpc
    def UpdateMember(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("member_id", request.member_id)
        checks.text("actor", request.actor)
        paths = list(request.update_mask.paths)
        checks.check(bool(paths), "update_mask", "name the fields to change")
        for path in paths:
            checks.check(path in PROFILE_FIELDS, "update_mask", f"unknown field {path!r}")
        profile = _profile(
            checks, request.profile, request.phone_region, self.clock(), "profile.", only=set(paths)
        )
        checks.done()
        changes = {path: profile.get(path, "") for path in paths if path in PROFILE_FIELDS}
        member = self.directory.update_profile(request.member_id, changes, request.expected_version)
        return members_pb2.UpdateMemberResponse(member=member_message(member))

    @rpc
    def UpdateConsents(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("member_id", request.member_id)
        consents = _consents(checks, request.consents)
        checks.check(bool(consents), "consents", "give at least one channel")
        checks.text("source", request.source)
        checks.done()
        member = self.directory.update_consents(
            request.member_id, consents, request.source, request.actor or "member"
        )
        return members_pb2.UpdateConsentsResponse(member=member_message(member))

    @rpc
    def BlockMember(self, request, context):
        return members_pb2.BlockMemberResponse(member=self._set_status(request, "blocked"))

    @rpc
    def UnblockMember(self, request, context):
        return members_pb2.UnblockMemberResponse(member=self._set_status(request, "active"))

    def _set_status(self, request, status: str) -> members_pb2.Member:
        """Blocks ("blocked") or unblocks ("active") the member the request names."""
        checks = Checks(DOMAIN)
        checks.text("member_id", request.member_id)
        checks.text("actor", request.actor)
        checks.text("reason", request.reason, max_length=500)
        checks.done()
        return member_message(
            self.directory.set_status(request.member_id, status, request.actor, request.reason)
        )

    @rpc
    def EraseMember(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("member_id", request.member_id)
        checks.text("actor", request.actor)
        checks.text("reason", request.reason, max_length=500)
        checks.done()
        member = self.directory.erase(request.member_id)
        return members_pb2.EraseMemberResponse(
            member_id=member.member_id, erased_at=bus.timestamp(member.erased_at)
        )


def member_message(member: Member) -> members_pb2.Member:
    """A member as the contract shows it (loyalty.members.v1.Member)."""
    return members_pb2.Member(
        member_id=member.member_id,
        member_number=member.member_number,
        card_number=member.card_number,
        qr_token=member.qr_token,
        name=member.name,
        phone=member.phone,
        email=member.email,
        birthday=member.birthday,
        language=member.language,
        time_zone=member.time_zone,
        preferred_channels=[events.CHANNELS[c] for c in member.preferred_channels],
        consents=events.consents(member),
        status=events.STATUS[member.status],
        tier_code=member.tier.code,
        referral_code=member.referral_code,
        referred_by=member.referred_by,
        enrolled_at=bus.timestamp(member.enrolled_at),
        updated_at=bus.timestamp(member.updated_at),
        enrolment_channel=member.enrolment_channel,
        enrolment_partner_id=member.enrolment_partner_id,
        enrolment_store_id=member.enrolment_store_id,
        blocked_reason=member.blocked_reason,
        blocked_at=bus.timestamp(member.blocked_at),
        erased_at=bus.timestamp(member.erased_at),
        version=member.version,
    )


def _referral(referrer: Member, referee: Member) -> members_pb2.Referral:
    qualified = referee.referral_qualified_at
    return members_pb2.Referral(
        referral_id=referee.member_id,
        referrer_member_id=referrer.member_id,
        referee_member_id=referee.member_id,
        referral_code=referrer.referral_code,
        state=members_pb2.REFERRAL_STATE_QUALIFIED
        if qualified
        else members_pb2.REFERRAL_STATE_PENDING,
        created_at=bus.timestamp(referee.enrolled_at),
        qualified_at=bus.timestamp(qualified),
    )


def _profile(
    checks: Checks, profile, region: str, now: datetime, prefix: str, only: set[str] | None = None
) -> dict:
    """The profile's fields, normalised; problems go to `checks` with their field path."""
    wanted = only if only is not None else set(PROFILE_FIELDS)
    result: dict = {}
    if "name" in wanted:
        checks.text(f"{prefix}name", profile.name.strip(), max_length=200)
        result["name"] = profile.name.strip()
    for key in ("phone", "email"):
        value = getattr(profile, key)
        if key in wanted and value:
            result[key] = _normalise(checks, key, value, region, prefix)
    if "birthday" in wanted and profile.birthday:
        try:
            identity.check_birthday(profile.birthday, now)
            result["birthday"] = profile.birthday
        except ValueError as error:
            checks.fail(f"{prefix}birthday", str(error))
    language_ok = profile.language in identity.LANGUAGES
    if (
        "language" in wanted
        and profile.language
        and checks.check(language_ok, f"{prefix}language", "must be vi or en")
    ):
        result["language"] = profile.language
    if "time_zone" in wanted and profile.time_zone:
        try:
            ZoneInfo(profile.time_zone)
            result["time_zone"] = profile.time_zone
        except (ZoneInfoNotFoundError, ValueError):
            checks.fail(f"{prefix}time_zone", f"unknown time zone {profile.time_zone!r}")
    if "preferred_channels" in wanted:
        channels = [CHANNEL_NAMES.get(c) for c in profile.preferred_channels]
        checks.check(None not in channels, f"{prefix}preferred_channels", "a channel is unset")
        result["preferred_channels"] = [c for c in channels if c]
    return result


def _normalise(checks: Checks, key: str, value: str, region: str, prefix: str = "") -> str:
    try:
        if key == "phone":
            return identity.normalize_phone(value, region)
        if key == "email":
            return identity.normalize_email(value)
    except ValueError as error:
        checks.fail(f"{prefix}{key}", str(error))
        return ""
    if key == "card_number":
        checks.check(
            identity.is_card_number(value),
            "card_number",
            "is not a card number (16 digits with a valid check digit)",
        )
    if key == "member_number":
        checks.check(
            identity.is_member_number(value),
            "member_number",
            "is not a member number (M and 9 digits, as on the card)",
        )
    return value


def _consents(checks: Checks, consents) -> list[tuple[str, bool]]:
    result = []
    for index, consent in enumerate(consents):
        channel = CHANNEL_NAMES.get(consent.channel)
        if checks.check(channel is not None, f"consents[{index}].channel", "is unset"):
            result.append((channel, consent.granted))
    return result
