"""Insights: the purchases the members service learns from the ledger's events, the
segment snapshots the CRM team targets, the programme's KPIs and its survey answers.

A segment computation reads members and purchases, computes every member's segments as
of one instant, and stores them as a snapshot with an id, so paging through a segment's
members stays consistent while a newer computation runs.
"""

from __future__ import annotations

import dataclasses
import itertools
import uuid
from datetime import datetime, timedelta
from typing import Protocol

from common import clock
from common.clock import Clock
from common.refusals import Refusal, key_reused
from services.members.directory.domain.members import MemberNotFound
from services.members.directory.store import MemberStore
from services.members.insights.domain import (
    MAX_EVENT_SEGMENTS,
    Computation,
    CustomEventDone,
    EventSegment,
    Kpis,
    LedgerFigures,
    MemberFacts,
    MemberSegment,
    NpsAnswer,
    Params,
    PointsExpired,
    PointsMoved,
    PurchaseMade,
    PurchaseReturned,
    changed_since_each,
    check_segment_id,
    compute_kpis,
    compute_segments,
    event_segment_members,
    points_by_period,
    scores_by_period,
    segment_counts,
)
from services.members.insights.store import InsightsStore


class Ledger(Protocol):
    """The points service's ledger, asked for the points it owes now (upstream.py)."""

    def liability(self) -> int: ...

    def partner_exists(self, partner_id: str) -> bool: ...


class Insights:
    def __init__(
        self,
        store: InsightsStore,
        members: MemberStore,
        ledger: Ledger,
        clock: Clock = clock.now,
    ) -> None:
        self.store = store
        self.members = members  # the directory's members, read for the figures
        self.ledger = ledger
        self.clock = clock

    # Learning purchases from the ledger

    def purchase_made(self, purchase: PurchaseMade) -> None:
        self.store.record_purchase(purchase)

    def purchase_returned(self, returned: PurchaseReturned) -> None:
        self.store.record_return(returned)

    def points_moved(self, moved: PointsMoved) -> None:
        if moved.refunds_entry_id:  # given back where it was redeemed
            partner = self.store.partner_of_entry(moved.refunds_entry_id)
            moved = dataclasses.replace(moved, partner_id=partner)
        self.store.record_points(moved)

    def points_expired(self, expired: PointsExpired) -> None:
        lots = self.store.lot_partners([lot_id for lot_id, _ in expired.lots])
        for moved in expired.by_partner(lots):
            self.store.record_points(moved)

    def custom_event_done(self, done: CustomEventDone) -> None:
        self.store.record_custom_event(done)

    # Custom event segments

    def define_event_segment(self, segment: EventSegment) -> EventSegment:
        problems = segment.problems()
        if problems:
            field, what = problems[0]
            raise Refusal("invalid", "INVALID_EVENT_SEGMENT", what, field=field)
        for defined in self.store.event_segment_definitions():
            if defined.segment_id == segment.segment_id:
                return defined
        if self.store.count_event_segments() >= MAX_EVENT_SEGMENTS:
            raise Refusal(
                "precondition",
                "TOO_MANY_EVENT_SEGMENTS",
                f"at most {MAX_EVENT_SEGMENTS} custom event segments",
                field="segment",
            )
        # As the store keeps it (milliseconds), so a definition reads back the same.
        now = _as_stored(self.clock())
        return self.store.add_event_segment(dataclasses.replace(segment, created_at=now))

    def event_segments(self) -> list[EventSegment]:
        return self.store.event_segment_definitions()

    def delete_event_segment(self, segment_id: str) -> EventSegment:
        removed = self.store.remove_event_segment(segment_id)
        if removed is None:
            raise Refusal(
                "not_found", "SEGMENT_NOT_FOUND", "no such event segment", field="segment_id"
            )
        return removed

    def _event_segments(self, as_of: datetime) -> dict[str, list[str]]:
        """Each member's custom event segment ids as of `as_of`."""
        definitions = self.store.event_segment_definitions()
        if not definitions:
            return {}
        longest = max(d.days for d in definitions)
        events = self.store.custom_events_between(
            sorted({d.event_name for d in definitions}),
            as_of - timedelta(days=longest),
            as_of,
        )
        return event_segment_members(definitions, events, as_of)

    # Segments

    def recompute(self, as_of: datetime | None, params: Params) -> Computation:
        """Every active member's segments as of `as_of` (now, if None), kept as a new
        computation."""
        started = self.clock()
        as_of = as_of or started
        qualified = self.members.qualified_referrals()
        referred = self.members.referrals_made()
        facts = [
            MemberFacts(
                m.member_id,
                m.enrolled_at,
                m.tier_code,
                qualified.get(m.member_id, 0),
                referred.get(m.member_id, 0),
            )
            for m in self.members.summaries(active_only=True)
        ]
        segments = compute_segments(facts, self.store.purchases_in(params.currency), as_of, params)
        by_event = self._event_segments(as_of)
        for segment in segments:
            segment.segment_ids.extend(by_event.get(segment.member_id, ()))
        computation = Computation(
            computation_id=uuid.uuid4().hex,
            as_of=as_of,
            started_at=started,
            finished_at=self.clock(),
            currency=params.currency,
            members=len(segments),
            counts=segment_counts(segments),
        )
        self.store.save_computation(computation, segments)
        return computation

    def latest(self) -> Computation:
        computation = self.store.latest()
        if computation is None:
            raise Refusal("precondition", "SEGMENTS_NOT_COMPUTED", "run the segments job first")
        return computation

    def member_segment(self, member_id: str) -> tuple[MemberSegment, Computation]:
        """The member's segments in the latest computation, and that computation."""
        computation = self.latest()
        found = self.store.member_segment(member_id, computation.computation_id)
        if found is None:
            raise Refusal(
                "not_found",
                "MEMBER_NOT_SEGMENTED",
                "the member is in no segment of the latest computation",
                field="member_id",
            )
        return found, computation

    def segment_members(
        self, segment_id: str, computation_id: str, skip: int, limit: int
    ) -> tuple[str, list[str], int]:
        """(computation id, a page of the ids of the segment's members, how many it has)
        in the computation `computation_id` (the latest, if empty)."""
        chosen = computation_id or self.latest().computation_id
        check_segment_id(segment_id)
        if computation_id and not self.store.has_computation(computation_id):
            raise Refusal(
                "not_found",
                "COMPUTATION_NOT_FOUND",
                "no such computation (or expired)",
                field="computation_id",
            )
        members, total = self.store.segment_members(chosen, segment_id, skip, limit)
        return chosen, members, total

    # KPIs and survey answers

    def kpis(self, start: datetime, end: datetime, currency: str, partner_id: str = "") -> Kpis:
        """The programme's KPIs for [start, end): the series of that one period."""
        return self.kpis_series([start, end], currency, partner_id)[0]

    def kpis_series(
        self, boundaries: list[datetime], currency: str, partner_id: str = ""
    ) -> list[Kpis]:
        """The programme's KPIs for each period [b0, b1), [b1, b2) ... of the ascending
        `boundaries`, the ledger's figures among them; with `partner_id`, that partner's
        (the liability and NPS stay the programme's). Each source is read once for the
        whole series and split into periods in memory: a pass per period read every
        member and purchase again for each month of a dashboard."""
        if partner_id and not self.ledger.partner_exists(partner_id):
            raise Refusal(
                "not_found", "PARTNER_NOT_FOUND", f"no partner {partner_id!r}", field="partner_id"
            )
        members = self.members.summaries(active_only=False)
        purchases = self.store.purchases_in(currency, partner_id)
        enrolled_here = self.members.enrolled_at(partner_id) if partner_id else None
        # Split where the store's range reads would have cut (it compares milliseconds).
        # The answers in one read: nps_answers has no index on answered_at, so a read per
        # period would scan the whole collection each time.
        cuts = [_as_stored(b) for b in boundaries]
        scores = scores_by_period(cuts, self.store.nps_answers_between(cuts[0], cuts[-1]))
        moved = self.store.points_moved_between(cuts[0], cuts[-1], partner_id or None)
        points = points_by_period(cuts, moved)
        liability, now = self.ledger.liability(), self.clock()
        history_from = self.store.owed_recorded_from()
        at_ends = self._liabilities_at(boundaries[1:], liability, now, history_from)
        return [
            Kpis(
                compute_kpis(members, purchases, scores[i], start, end, enrolled_here),
                LedgerFigures(liability, *points[i], at_ends[i], history_from),
                now,
                partner_id,
            )
            for i, (start, end) in enumerate(itertools.pairwise(boundaries))
        ]

    def _liabilities_at(
        self, instants: list[datetime], now_owed: int, now: datetime, history_from: datetime | None
    ) -> list[int | None]:
        """The liability at each of the ascending `instants`: what is owed now less what
        the events since then added (read once, from the earliest instant that needs it);
        None before the first event recorded with its change (unknown)."""
        past = [i for i in instants if i < now and history_from is not None and i >= history_from]
        owed_since = {}
        if past:
            changes = self.store.owed_changes_since(_as_stored(past[0]))
            since = changed_since_each([_as_stored(i) for i in past], changes)
            owed_since = dict(zip(past, since, strict=True))
        return [
            now_owed if i >= now else now_owed - owed_since[i] if i in owed_since else None
            for i in instants
        ]

    def record_nps(
        self,
        key: str,
        member_id: str,
        score: int,
        comment: str,
        survey: str,
        answered_at: datetime | None,
    ) -> tuple[str, bool]:
        """(answer id, replayed); the same key with another answer is refused. The answer
        was given at `answered_at` (now, if None)."""
        if not self.members.exists(member_id):
            raise MemberNotFound()
        answer = NpsAnswer(key, member_id, score, comment, survey, answered_at or self.clock())
        earlier = self.store.add_nps_answer(answer)
        if earlier is None:
            return key, False
        if not answer.same_as(earlier):
            raise key_reused("this key recorded another answer")
        return key, True


def _as_stored(instant: datetime) -> datetime:
    """`instant` to the millisecond, as the store keeps and compares instants."""
    return instant.replace(microsecond=instant.microsecond // 1000 * 1000)
