"""MembersService over gRPC: checks, normalises and translates; the rules are the
directory's."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import grpc

from common import events as bus
from common.grpc_errors import FieldViolation, ServiceError
from common.validation import Checks
from loyalty.members.v1 import members_pb2, members_pb2_grpc
from services.members.directory import events, identity
from services.members.directory.service import Directory, DirectoryError, Enrolment

DOMAIN = "loyalty.members.v1"
DEFAULT_LANGUAGE, DEFAULT_TIME_ZONE = "vi", "Asia/Ho_Chi_Minh"
CHANNEL_NAMES = {value: name for name, value in events.CHANNELS.items()}
PROFILE_PATHS = (
    "name",
    "phone",
    "email",
    "birthday",
    "language",
    "time_zone",
    "preferred_channels",
)
STATUS_OF = {
    "invalid": grpc.StatusCode.INVALID_ARGUMENT,
    "not_found": grpc.StatusCode.NOT_FOUND,
    "precondition": grpc.StatusCode.FAILED_PRECONDITION,
    "exists": grpc.StatusCode.ALREADY_EXISTS,
    "aborted": grpc.StatusCode.ABORTED,
}


def rpc(method):
    """Turns directory refusals into statuses with details."""

    @functools.wraps(method)
    def handle(self, request, context):
        try:
            return method(self, request, context)
        except DirectoryError as error:
            violations = [FieldViolation(error.field, error.message)] if error.field else []
            context.abort_with_status(
                ServiceError(
                    STATUS_OF[error.kind],
                    error.message,
                    reason=error.reason,
                    domain=DOMAIN,
                    violations=violations,
                ).to_status()
            )
        except ServiceError as error:
            context.abort_with_status(error.to_status())

    return handle


class MembersServicer(members_pb2_grpc.MembersServiceServicer):
    def __init__(self, directory: Directory, today=lambda: datetime.now(UTC).date()) -> None:
        self.directory = directory
        self.today = today

    @rpc
    def EnrolMember(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("idempotency_key", request.idempotency_key)
        profile = _profile(checks, request.profile, request.phone_region, self.today(), "profile.")
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
    def FindMember(self, request, context):
        checks = Checks(DOMAIN)
        key = request.WhichOneof("key")
        value = getattr(request, key) if key else ""
        if not checks.check(key is not None, "key", "give a phone, e-mail, card or QR token"):
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
            checks.check(path in PROFILE_PATHS, "update_mask", f"unknown field {path!r}")
        profile = _profile(
            checks, request.profile, request.phone_region, self.today(), "profile.", only=set(paths)
        )
        checks.done()
        changes = {path: profile.get(path, "") for path in paths if path in PROFILE_PATHS}
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
            member_id=member["_id"], erased_at=bus.timestamp(member["erased_at"])
        )


def _profile(
    checks: Checks, profile, region: str, today: date, prefix: str, only: set[str] | None = None
) -> dict:
    """The profile's fields, normalised; problems go to `checks` with their field path."""
    wanted = only if only is not None else set(PROFILE_PATHS)
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
            identity.check_birthday(profile.birthday, today)
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
    return value


def _consents(checks: Checks, consents) -> list[tuple[str, bool]]:
    result = []
    for index, consent in enumerate(consents):
        channel = CHANNEL_NAMES.get(consent.channel)
        if checks.check(channel is not None, f"consents[{index}].channel", "is unset"):
            result.append((channel, consent.granted))
    return result


def member_message(member: dict) -> members_pb2.Member:
    return members_pb2.Member(
        member_id=member["_id"],
        member_number=member["member_number"],
        card_number=member.get("card_number", ""),
        qr_token=member.get("qr_token", ""),
        name=member.get("name", ""),
        phone=member.get("phone", ""),
        email=member.get("email", ""),
        birthday=member.get("birthday", ""),
        language=member.get("language", ""),
        time_zone=member.get("time_zone", ""),
        preferred_channels=[events.CHANNELS[c] for c in member.get("preferred_channels", [])],
        consents=events.consents(member),
        status=events.STATUS[member["status"]],
        tier_code=member.get("tier_code", ""),
        referral_code=member.get("referral_code", ""),
        referred_by=member.get("referred_by", ""),
        enrolled_at=bus.timestamp(member["enrolled_at"]),
        updated_at=bus.timestamp(member.get("updated_at")),
        enrolment_channel=member.get("enrolment_channel", ""),
        enrolment_partner_id=member.get("enrolment_partner_id", ""),
        enrolment_store_id=member.get("enrolment_store_id", ""),
        blocked_reason=member.get("blocked_reason", ""),
        blocked_at=bus.timestamp(member.get("blocked_at")),
        erased_at=bus.timestamp(member.get("erased_at")),
        version=member["version"],
    )
