"""The member directory's use cases: enrol, recognise, list, update, consent, block, erase,
and qualify a referral.

Every change is one version-checked write of the member's document, with the events
that announce it (the outbox); a write that finds the version moved reads again and
retries. Requests arrive checked and normalised by the servicer; what a change does is
the domain's (domain/members.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from datetime import date, datetime, timedelta

from common import clock, logs
from common.clock import Clock
from common.refusals import Refusal
from services.members.directory.cache import MemberLookups
from services.members.directory.domain import members as rules
from services.members.directory.domain.members import (
    ConsentRecord,
    Enrolment,
    FirstPurchase,
    Member,
    MemberFilter,
    MemberNotFound,
    Plan,
    Taken,
)
from services.members.directory.store import MemberStore
from services.members.tiers.domain import TierStanding

MAX_ATTEMPTS = 20
# Random card numbers drawn for one enrolment before a collision is the answer.
CARD_DRAWS = 5
# (what a change announces, the member after it, request id, when) -> (event id, envelope)
Announce = Callable[[object, Member, str, datetime], tuple[str, bytes]]


class Directory:
    def __init__(
        self,
        store: MemberStore,
        lookups: MemberLookups,
        announce: Announce,
        placement: Callable[[datetime], TierStanding],
        on_write: Callable[[str], None] = lambda _: None,
        clock: Clock = clock.now,
    ) -> None:
        self.store = store
        self.lookups = lookups  # the tills' lookup cache, rewritten on every write
        self.announce = announce  # encodes the events (events.py)
        self.placement = placement  # a new member's tier standing (the ladder's entry tier)
        self.on_write = on_write  # wakes the outbox relay
        self.clock = clock

    # Enrolment

    def enrol(self, request: Enrolment) -> tuple[Member, bool]:
        """The member, and whether this was the original enrolment replayed."""
        fingerprint = rules.fingerprint(request)
        earlier = self.store.find("enrolment_key", request.idempotency_key)
        if earlier is not None:
            return rules.replayed(earlier, fingerprint), True
        now = self.clock()
        referrer = ""
        if request.referral_code:
            referrer = rules.referrer_of(self.store.find("referral_code", request.referral_code))
        serial = self.store.next_serial("member")
        placement = self.placement(now)
        request_id = logs.current_request_id()
        for draw in range(1, CARD_DRAWS + 1):
            member, announced = rules.enrol(request, serial, referrer, placement, now)
            try:
                self.store.insert(
                    member, [self.announce(a, member, request_id, now) for a in announced]
                )
                break
            except Taken as taken:
                earlier = self.store.find("enrolment_key", request.idempotency_key)
                if taken.field == "enrolment_key" and earlier is not None:
                    return rules.replayed(earlier, fingerprint), True  # a retry that raced
                # A card number drawn at random that another member already holds: draw
                # again (the member asked for none, so none of theirs is taken).
                if taken.field == "card_number" and not request.card_number and draw < CARD_DRAWS:
                    continue
                raise
        self.lookups.written(None, member)
        self.on_write(member.member_id)
        return member, False

    # Reading

    def get(self, member_id: str) -> Member:
        member = self.store.get(member_id)
        if member is None:
            raise MemberNotFound()
        return member

    def find(self, field: str, value: str) -> Member:
        """The member holding a till's key (phone, e-mail, card number, QR token or member
        number), as the contract shows it (MemberLookups): from the lookup cache, else from
        the store and cached. Erased members hold no key but their member number, so they
        are found only by that (as erased, as GetMember shows them)."""
        member = self.lookups.get(field, value)
        if member is None:
            member = self.store.find(field, value)
            if member is None:
                raise MemberNotFound(field, "no member matches")
            self.lookups.put(field, value, member)
        return member

    def batch(self, member_ids: list[str]) -> list[Member]:
        """The members that exist among `member_ids`, in their order."""
        found = self.store.many(member_ids)
        return [found[i] for i in member_ids if i in found]

    def referrals(self, member_id: str) -> tuple[Member, list[Member]]:
        """The member, and the members they referred, newest first."""
        return self.get(member_id), self.store.referred_by(member_id)

    def consent_history(self, member_id: str, channel: str | None) -> list[ConsentRecord]:
        """The member's consent changes, newest first, of one channel or (None) all."""
        return rules.consent_history(self.get(member_id), channel)

    def birthdays_in(self, month: int) -> list[Member]:
        """Active members born in `month`, by id."""
        return self.store.birthdays(month)

    def birthdays_on(self, day: date) -> list[Member]:
        """Active members who celebrate on `day`, by id."""
        return self.store.birthdays(day.month, rules.birthday_days(day))

    def birthdays_at(self, instant: datetime) -> list[Member]:
        """Active members for whom `instant` falls on their birthday in their own time
        zone (the members' zones span about a day either side of UTC), by id."""
        candidates: dict[str, Member] = {}
        for offset in (-1, 0, 1):
            for member in self.birthdays_on((instant + timedelta(days=offset)).date()):
                candidates[member.member_id] = member
        return sorted(
            (m for m in candidates.values() if rules.celebrates_at(m, instant)),
            key=lambda m: m.member_id,
        )

    def listing(self, which: MemberFilter, skip: int, limit: int) -> list[Member]:
        """A page of the members `which` lets through, newest first."""
        return self.store.listing(which, skip, limit)

    # Changes

    def rotate_qr_token(self, member_id: str, idempotency_key: str) -> tuple[Member, bool]:
        """A new QR token (the old one stops working); the same key returns the same one."""
        replayed = []

        def plan(member: Member, now: datetime):
            if member.qr_rotation_key == idempotency_key:
                replayed.append(True)
                return None
            return rules.rotate_qr_token(member, idempotency_key, now)

        return self.change(member_id, plan, refuse_erased=True), bool(replayed)

    def update_profile(self, member_id: str, changes: dict, expected_version: int) -> Member:
        return self.change(
            member_id,
            lambda member, now: rules.update_profile(member, changes, expected_version, now),
            refuse_erased=True,
        )

    def update_consents(
        self, member_id: str, consents: list[tuple[str, bool]], source: str, actor: str
    ) -> Member:
        return self.change(
            member_id,
            lambda member, now: rules.update_consents(member, consents, source, actor, now),
            refuse_erased=True,
        )

    def set_status(self, member_id: str, status: str, actor: str, reason: str) -> Member:
        """Blocks or unblocks; a member already so is left unchanged (no event)."""
        return self.change(
            member_id,
            lambda member, now: rules.set_status(member, status, actor, reason, now),
            refuse_erased=True,
        )

    def erase(self, member_id: str) -> Member:
        """Removes the personal data for good; the member id, tier and ledger stay."""
        return self.change(member_id, rules.erase)

    def qualify_referral(self, member_id: str, purchase: FirstPurchase) -> None:
        """A member's first purchase qualifies the referral that brought them, once: a
        redelivered event finds it qualified and changes nothing. Members this service
        never had are passed over."""
        with contextlib.suppress(MemberNotFound):
            self.change(
                member_id, lambda member, now: rules.qualify_referral(member, purchase, now)
            )

    def change(
        self,
        member_id: str,
        plan: Plan,
        *,
        refuse_erased: bool = False,
        announce: Announce | None = None,
    ) -> Member:
        """Applies `plan(member, now) -> (the member after, [what it announces])` (or None:
        nothing to do) as one version-checked write, retrying on a conflict. The events are
        encoded by `announce` (by default the directory's own)."""
        announce = announce or self.announce
        for _ in range(MAX_ATTEMPTS):
            member = self.get(member_id)
            if refuse_erased:
                rules.refuse_if_erased(member)
            now = self.clock()
            planned = plan(member, now)
            if planned is None:
                return member
            after, announced = planned
            after = dataclasses.replace(after, version=member.version + 1)
            request_id = logs.current_request_id()
            outbox = [announce(what, after, request_id, now) for what in announced]
            self.lookups.writing(member, after)  # a crash after the store: no stale lookup
            written = self.store.update(member, after, outbox)
            if written is not None:
                self.lookups.written(member, written)
                if outbox:  # the relay has work only when the write carried events
                    self.on_write(member_id)
                return written
        raise Refusal("aborted", "CONTENTION", "the member changed too often; retry")
