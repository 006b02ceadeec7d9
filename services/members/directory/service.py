"""The member directory's use cases: enrol, recognise, update, consent, block, erase.

Every change is one version-checked write of the member's document, with the events
that announce it (the outbox); a write that finds the version moved reads again and
retries. Requests arrive checked and normalised by the servicer.
"""

from __future__ import annotations

import calendar
import dataclasses
import hashlib
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from common import clock, logs
from common import events as bus
from common.clock import DEFAULT_TIME_ZONE, Clock
from common.refusals import Refusal
from loyalty.events.v1 import events_pb2
from services.members.directory import events, identity
from services.members.storage import MemberStore, Taken

MAX_ATTEMPTS = 20
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


class DirectoryError(Refusal):
    """A request the members service refuses."""


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


class Directory:
    def __init__(
        self,
        store: MemberStore,
        on_write: Callable[[str], None] = lambda _: None,
        clock: Clock = clock.now,
        placement: Callable[[dict], dict] = lambda member: {},
        on_change: Callable[[dict | None, dict], None] = lambda before, after: None,
    ) -> None:
        self.store = store
        self.on_write = on_write  # wakes the outbox relay
        self.clock = clock
        self.placement = placement  # a new member's tier fields (the ladder's entry tier)
        self.on_change = on_change  # (before, after) of every write: the lookup cache

    # Enrolment

    def enrol(self, request: Enrolment) -> tuple[dict, bool]:
        """The member, and whether this was the original enrolment replayed."""
        fingerprint = _fingerprint(dataclasses.astuple(request)[1:])
        earlier = self.store.find("enrolment_key", request.idempotency_key)
        if earlier is not None:
            return self._replay(earlier, fingerprint), True
        member = self._new_member(request, fingerprint)
        member.update(self.placement(member))
        event = events.announce(
            "member.enrolled",
            member,
            logs.current_request_id(),
            member["enrolled_at"],
            member_enrolled=self._enrolled(member),
        )
        try:
            self.store.insert(member, [event])
        except Taken as taken:
            earlier = self.store.find("enrolment_key", request.idempotency_key)
            if taken.field == "enrolment_key" and earlier is not None:
                return self._replay(earlier, fingerprint), True  # a retry that raced
            raise _taken(taken.field) from None
        self.on_change(None, member)
        self.on_write(member["_id"])
        return member, False

    def _replay(self, member: dict, fingerprint: str) -> dict:
        # An erased member keeps no fingerprint: the retry gets the (erased) member back.
        if member.get("enrolment_fingerprint", fingerprint) != fingerprint:
            raise DirectoryError(
                "exists",
                "IDEMPOTENCY_KEY_REUSED",
                "this idempotency key enrolled someone else",
                field="idempotency_key",
            )
        return member

    def _new_member(self, request: Enrolment, fingerprint: str) -> dict:
        now = self.clock()
        referrer = self._referrer(request.referral_code)
        serial = self.store.next_serial("member")
        member = {
            "_id": uuid.uuid4().hex,
            "member_number": identity.member_number(serial),
            "card_number": request.card_number or identity.card_number(serial),
            "qr_token": identity.new_qr_token(),
            "referral_code": identity.new_referral_code(),
            "referred_by": referrer,
            "name": request.name,
            "birthday": request.birthday,
            "language": request.language,
            "time_zone": request.time_zone,
            "preferred_channels": list(request.preferred_channels),
            "consents": {
                channel: {"granted": granted, "at": now, "source": request.consent_source}
                for channel, granted in request.consents
            },
            "consent_history": [
                {
                    "channel": channel,
                    "granted": granted,
                    "at": now,
                    "source": request.consent_source,
                    "actor": "member",
                }
                for channel, granted in request.consents
            ],
            "status": "active",
            "tier_code": "",
            "enrolled_at": now,
            "updated_at": now,
            "enrolment_channel": request.enrolment_channel,
            "enrolment_partner_id": request.partner_id,
            "enrolment_store_id": request.store_id,
            "enrolment_key": request.idempotency_key,
            "enrolment_fingerprint": fingerprint,
            "version": 1,
        }
        # Absent, not empty: the unique indexes are sparse, so only present values count.
        member.update({k: v for k, v in (("phone", request.phone), ("email", request.email)) if v})
        return member

    def _referrer(self, code: str) -> str:
        if not code:
            return ""
        referrer = self.store.find("referral_code", code)
        if referrer is None or referrer["status"] == "erased":
            raise DirectoryError(
                "invalid", "UNKNOWN_REFERRAL_CODE", "no member has this code", field="referral_code"
            )
        return referrer["_id"]

    def _enrolled(self, member: dict):
        return events_pb2.MemberEnrolled(
            member_number=member["member_number"],
            contact=events.contact(member),
            tier_code=member["tier_code"],
            referral_code=member["referral_code"],
            referred_by=member["referred_by"],
            enrolment_channel=member["enrolment_channel"],
            partner_id=member["enrolment_partner_id"],
            store_id=member["enrolment_store_id"],
            enrolled_at=bus.timestamp(member["enrolled_at"]),
            member_version=member["version"],
        )

    # Reading

    def get(self, member_id: str) -> dict:
        member = self.store.get(member_id)
        if member is None:
            raise DirectoryError(
                "not_found", "MEMBER_NOT_FOUND", "no such member", field="member_id"
            )
        return member

    def find(self, field: str, value: str) -> dict:
        """A member by a till's key; erased members hold no key, so they are not found."""
        member = self.store.find(field, value)
        if member is None:
            raise DirectoryError("not_found", "MEMBER_NOT_FOUND", "no member matches", field=field)
        return member

    def batch(self, member_ids: list[str]) -> list[dict]:
        found = {
            m["_id"]: m
            for m in self.store.members.find({"_id": {"$in": member_ids}}, {"outbox": 0})
        }
        return [found[i] for i in member_ids if i in found]

    def referred_by(self, member_id: str) -> list[dict]:
        """The members `member_id` referred, newest first."""
        self.get(member_id)
        return list(
            self.store.members.find({"referred_by": member_id}, {"outbox": 0}).sort(
                "enrolled_at", -1
            )
        )

    def birthdays(self, month: int, day: int = 0, leap_year: bool = True) -> list[dict]:
        """Active members born on that day (or in that month). In a year without 29
        February, those born on it celebrate on 28 February."""
        if day:
            days = [day, 29] if (month, day) == (2, 28) and not leap_year else [day]
            pattern = "|".join(f"-{month:02d}-{d:02d}$" for d in days)
        else:
            pattern = f"-{month:02d}-"
        return list(
            self.store.members.find(
                {"birthday": {"$regex": pattern}, "status": "active"}, {"outbox": 0}
            ).sort("_id", 1)
        )

    def birthdays_at(self, instant: datetime) -> list[dict]:
        """Active members for whom `instant` falls on their birthday in their own time
        zone (the members' zones span about a day either side of UTC)."""
        candidates: dict[str, dict] = {}
        for offset in (-1, 0, 1):
            day = (instant + timedelta(days=offset)).date()
            for member in self.birthdays(day.month, day.day, calendar.isleap(day.year)):
                candidates[member["_id"]] = member
        return sorted(
            (m for m in candidates.values() if _birthday_on(m, instant)), key=lambda m: m["_id"]
        )

    def listing(
        self,
        statuses: list[str],
        tier_codes: list[str],
        enrolled_from,
        enrolled_to,
        skip: int,
        limit: int,
    ) -> list[dict]:
        query: dict = {}
        if statuses:
            query["status"] = {"$in": statuses}
        if tier_codes:
            query["tier_code"] = {"$in": tier_codes}
        window = {k: v for k, v in (("$gte", enrolled_from), ("$lt", enrolled_to)) if v}
        if window:
            query["enrolled_at"] = window
        return list(
            self.store.members.find(query, {"outbox": 0})
            .sort([("enrolled_at", -1), ("_id", 1)])
            .skip(skip)
            .limit(limit)
        )

    def rotate_qr_token(self, member_id: str, idempotency_key: str) -> tuple[dict, bool]:
        """A new QR token (the old one stops working); the same key returns the same one."""
        replayed = []

        def plan(member: dict, now: datetime):
            if member.get("qr_rotation_key") == idempotency_key:
                replayed.append(True)
                return None
            return (
                {
                    "qr_token": identity.new_qr_token(),
                    "qr_rotation_key": idempotency_key,
                    "updated_at": now,
                },
                (),
                [],
            )

        return self.change(member_id, plan, refuse_erased=True), bool(replayed)

    # Changes

    def update_profile(self, member_id: str, changes: dict, expected_version: int) -> dict:
        removed = tuple(k for k in ("phone", "email") if k in changes and not changes[k])
        kept = {k: v for k, v in changes.items() if k not in removed}

        def plan(member: dict, now: datetime):
            if expected_version and member["version"] != expected_version:
                raise DirectoryError(
                    "aborted",
                    "VERSION_MISMATCH",
                    f"the member is at version {member['version']}",
                    field="expected_version",
                )
            after = {**member, **kept, "updated_at": now}
            for field in removed:
                after.pop(field, None)
            return (
                {**kept, "updated_at": now},
                removed,
                [
                    (
                        "member.updated",
                        {
                            "member_updated": events_pb2.MemberUpdated(
                                contact=events.contact(after),
                                changed_fields=sorted(changes),
                                member_version=member["version"] + 1,
                            )
                        },
                    )
                ],
            )

        return self.change(member_id, plan, refuse_erased=True)

    def update_consents(
        self, member_id: str, consents: list[tuple[str, bool]], source: str, actor: str
    ) -> dict:
        def plan(member: dict, now: datetime):
            current = dict(member.get("consents", {}))
            changed = [(c, g) for c, g in consents if current.get(c, {}).get("granted") != g]
            history = list(member.get("consent_history", []))
            for channel, granted in changed:
                current[channel] = {"granted": granted, "at": now, "source": source}
                history.append(
                    {
                        "channel": channel,
                        "granted": granted,
                        "at": now,
                        "source": source,
                        "actor": actor,
                    }
                )
            after = {**member, "consents": current}
            announced = [
                (
                    "consent.changed",
                    {
                        "consent_changed": events_pb2.ConsentChanged(
                            consent=events.consent(channel, current[channel]),
                            contact=events.contact(after),
                            member_version=member["version"] + 1,
                        )
                    },
                )
                for channel, _ in changed
            ]
            return (
                {"consents": current, "consent_history": history, "updated_at": now},
                (),
                announced,
            )

        return self.change(member_id, plan, refuse_erased=True)

    def set_status(self, member_id: str, status: str, actor: str, reason: str) -> dict:
        """Blocks or unblocks; a member already so is left unchanged (no event)."""
        kind = "member_blocked" if status == "blocked" else "member_unblocked"

        def plan(member: dict, now: datetime):
            if member["status"] == status:
                return None
            message = getattr(
                events.events_pb2, "MemberBlocked" if status == "blocked" else "MemberUnblocked"
            )(actor=actor, reason=reason, member_version=member["version"] + 1)
            changes = {
                "status": status,
                "updated_at": now,
                "blocked_reason": reason if status == "blocked" else "",
                "blocked_at": now if status == "blocked" else None,
            }
            return changes, (), [(kind.replace("_", "."), {kind: message})]

        return self.change(member_id, plan, refuse_erased=True)

    def erase(self, member_id: str) -> dict:
        """Removes the personal data for good; the member id, tier and ledger stay."""

        def plan(member: dict, now: datetime):
            if member["status"] == "erased":
                return None
            history = [{**record, "source": ""} for record in member.get("consent_history", [])]
            consents = {c: {**r, "source": ""} for c, r in member.get("consents", {}).items()}
            return (
                {
                    "status": "erased",
                    "erased_at": now,
                    "updated_at": now,
                    "consents": consents,
                    "consent_history": history,
                    "preferred_channels": [],
                    "blocked_reason": "",
                },
                ERASED_FIELDS,
                [
                    (
                        "member.erased",
                        {
                            "member_erased": events_pb2.MemberErased(
                                erased_at=bus.timestamp(now), member_version=member["version"] + 1
                            )
                        },
                    )
                ],
            )

        return self.change(member_id, plan)

    def change(self, member_id: str, plan, refuse_erased: bool = False) -> dict:
        """Applies `plan(member, now) -> (changes, removed fields, [(event type, payload)])`
        (or None: nothing to do) as one version-checked write, retrying on a conflict."""
        for _ in range(MAX_ATTEMPTS):
            member = self.get(member_id)
            if refuse_erased and member["status"] == "erased":
                raise DirectoryError("precondition", "MEMBER_ERASED", "the member was erased")
            now = self.clock()
            planned = plan(member, now)
            if planned is None:
                return member
            changes, removed, announced = planned
            request_id = logs.current_request_id()
            after = {**member, **changes}
            outbox = [
                events.announce(kind, after, request_id, now, **payload)
                for kind, payload in announced
            ]
            try:
                written = self.store.update(member_id, member["version"], changes, removed, outbox)
            except Taken as taken:
                raise _taken(taken.field) from None
            if written is not None:
                self.on_change(member, written)
                if outbox:  # the relay has work only when the write carried events
                    self.on_write(member_id)
                return written
        raise DirectoryError("aborted", "CONTENTION", "the member changed too often; retry")


def _birthday_on(member: dict, instant: datetime) -> bool:
    local = instant.astimezone(ZoneInfo(member.get("time_zone") or DEFAULT_TIME_ZONE)).date()
    return identity.celebrates_on(member["birthday"], local)


def _taken(field: str) -> DirectoryError:
    return DirectoryError(
        "exists",
        f"{field.upper()}_TAKEN",
        f"this {field.replace('_', ' ')} belongs to another member",
        field=field,
    )


def _fingerprint(parts: tuple) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
