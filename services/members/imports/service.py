"""The imports' use cases: create an import, take its rows, start, stop and follow it; and
the runner that validates and applies an import's rows in batches.

Members are enrolled here, a batch at a time: the same domain rules as an enrolment
(`directory.domain.members.enrol`, the ladder's entry standing, a placement by hand in the
file's tier with the reason "import <id>"), written with one insert for the batch instead
of one round trip per member (the enrolment key of each is the row's key, so a batch
written again finds its members there). Their member.enrolled events go straight to the
members' event queue after the insert, under ids derived from the rows' keys, rather than
into each member's outbox: moving a batch's outboxes out of 1,000 member documents is a
second write of each, which doubled the store's work for an import. A batch the runner
did not finish is run again, and queues its members' events again under the same ids
(the queue and the stream each take an id once). Opening balances, voucher codes and stores belong
to the points service: each batch goes there through its API (`Points`), every row under
its key. Progress is written after each batch; a run that stops (StopImport, its process
stopping or dying) is taken up again from the first batch not recorded, whose rows then
find themselves applied.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from common import clock, logs
from common.clock import DEFAULT_TIME_ZONE, Clock
from common.loops import BackgroundLoop
from common.refusals import Refusal
from services.members.directory.domain import members as member_rules
from services.members.directory.domain.members import Enrolment, Member, MemberEnrolled
from services.members.directory.store import MemberStore
from services.members.imports import domain as rules
from services.members.imports.domain import (
    APPLYING,
    COMPLETED,
    FINISHED,
    MAX_ERRORS_KEPT,
    RECEIVING,
    REJECTED,
    RUNNING,
    STOPPED,
    VALIDATING,
    FirstSeen,
    Import,
    ImportNotFound,
    RowError,
)
from services.members.imports.store import ImportStore
from services.members.tiers import domain as tier_rules
from services.members.tiers.domain import Ladder

BATCH_SIZE = 1_000
LEASE_SECONDS = 60.0
CARD_DRAWS = 5
# (what a change announces, the member after it, request id, when, event id) -> (event id,
# envelope): directory/events.py
Announce = Callable[[object, Member, str, datetime, str], tuple[str, bytes]]


@dataclasses.dataclass(frozen=True)
class OpeningBalance:
    """An imported member's account as the ledger opens it."""

    member_id: str
    member_version: int
    tier_code: str
    earn_multiplier_bp: int
    points: int
    expires_at: datetime | None
    key: str


@dataclasses.dataclass(frozen=True)
class VoucherToIssue:
    key: str
    code: str
    reward_id: str
    member_id: str
    expires_at: datetime | None


class Points(Protocol):
    """What the imports ask of the points service (upstream.py); each answers one
    (field, reason) per item in order, ("", "") for one that is fine or applied."""

    def open_accounts(
        self, import_id: str, accounts: list[OpeningBalance]
    ) -> list[tuple[str, str]]: ...

    def vouchers(
        self, import_id: str, vouchers: list[VoucherToIssue], validate_only: bool
    ) -> list[tuple[str, str]]: ...

    def stores(
        self, import_id: str, stores: list[rules.StoreRow], validate_only: bool
    ) -> list[tuple[str, str]]: ...


class ImportDesk:
    def __init__(
        self,
        store: ImportStore,
        members: MemberStore,
        ladder: Callable[[], Ladder | None],
        announce: Announce,
        points: Points,
        queue: Callable[[list[tuple[str, bytes]], datetime], None],
        on_write: Callable[[str], None] = lambda _: None,
        clock: Clock = clock.now,
        batch_size: int = BATCH_SIZE,
        lease_seconds: float = LEASE_SECONDS,
    ) -> None:
        self.store = store
        self.members = members  # the directory's store: enrolment in bulk
        self.ladder = ladder  # the current tier ladder (Ladders.current)
        self.announce = announce  # the directory's events (directory/events.py)
        self.points = points
        self.queue = queue  # the members' event queue (EventOutbox.queue)
        self.on_write = on_write  # wakes the members' outbox relay
        self.clock = clock
        self.batch_size = batch_size
        self.lease = timedelta(seconds=lease_seconds)
        self.owner = f"imports-{uuid.uuid4().hex[:12]}"
        self.kick: Callable[[], None] = lambda: None  # wakes the runner (ImportRunner)

    # The API's use cases

    def create(
        self, import_id: str, kind: str, mode: str, rows_total: int, notify: bool, actor: str
    ) -> tuple[Import, bool]:
        """The import, and whether it existed already (the same request again)."""
        asked = Import(import_id, kind, mode, rows_total, notify, actor, self.clock())
        existing = self.store.insert(asked)
        if existing is None:
            return asked, False
        if not existing.same_request(asked):
            raise rules.refuse_reuse(existing)
        return existing, True

    def get(self, import_id: str) -> Import:
        found = self.store.get(import_id)
        if found is None:
            raise ImportNotFound()
        return found

    def errors(self, import_id: str, skip: int, limit: int) -> list[RowError]:
        self.get(import_id)
        return self.store.errors_page(import_id, skip, limit)

    def add_rows(self, import_id: str, first: int, rows: list[dict]) -> tuple[int, int]:
        """(rows received in all, rows of this page received before)."""
        current = self.get(import_id)
        rules.refuse_if_started(current)
        last = first + len(rows) - 1
        if last > current.rows_total:
            raise Refusal(
                "invalid",
                "ROWS_BEYOND_TOTAL",
                f"row {last} is beyond the import's {current.rows_total} rows",
                field="rows",
            )
        earlier = self.store.add_rows(import_id, first, rows)
        changed = sorted(row for row, stored in earlier if stored != rows[row - first])
        if changed:
            raise Refusal(
                "exists",
                "ROW_CHANGED",
                f"row {changed[0]} was added before with other fields",
                field=f"rows[{changed[0] - first}]",
            )
        received = self.store.count_rows(import_id)
        self.store.set(import_id, {"rows_received": received})
        return received, len(earlier)

    def start(self, import_id: str) -> Import:
        """Starts or resumes the import (its runner takes it up); a running or finished
        import is answered as it is."""
        current = self.get(import_id)
        if current.state in (RECEIVING, STOPPED):
            received = self.store.count_rows(import_id)
            if received < current.rows_total:
                raise Refusal(
                    "precondition",
                    "ROWS_MISSING",
                    f"{current.rows_total - received} of the {current.rows_total} rows are "
                    "still to be added",
                    field="import_id",
                )
            started = self.store.set(
                import_id,
                {
                    "state": APPLYING if current.validated else VALIDATING,
                    "started_at": self.clock(),
                    "rows_received": received,
                    "lease_owner": "",
                    "lease_until": None,
                },
                only_if={"state": current.state},
            )
            current = started or self.get(import_id)
        if current.state in RUNNING:
            self.kick()
        return current

    def stop(self, import_id: str) -> Import:
        """A running import stops after its batch in progress (its runner sees the state)."""
        current = self.get(import_id)
        if current.state in FINISHED:
            raise Refusal(
                "precondition",
                "IMPORT_FINISHED",
                f"the import is {current.state}",
                field="import_id",
            )
        if current.state not in RUNNING:
            return current
        stopped = self.store.set(
            import_id,
            {"state": STOPPED, "lease_owner": "", "lease_until": None},
            only_if={"state": {"$in": list(RUNNING)}},
        )
        return stopped or self.get(import_id)

    # The runner

    def run_due(self, stopping: threading.Event) -> None:
        """Runs every running import whose lease is free (or ran out: its runner died),
        one after the other, until none is left or the runner stops."""
        while not stopping.is_set():
            now = self.clock()
            claimed = self.store.claim(None, self.owner, now, now + self.lease)
            if claimed is None:
                return
            try:
                self.run(claimed, stopping)
            finally:
                self.store.set(
                    claimed.import_id,
                    {"lease_owner": "", "lease_until": None},
                    only_if={"lease_owner": self.owner},
                )

    def run(self, current: Import, stopping: threading.Event) -> None:
        job = _Job(self, current, stopping)
        if not current.validated and not job.validate():
            return
        job.apply()


class _Job:
    """One run of one import by this runner, while it holds the import's lease."""

    def __init__(self, desk: ImportDesk, current: Import, stopping: threading.Event) -> None:
        self.desk = desk
        self.store = desk.store
        self.current = current
        self.stopping = stopping
        self.kind = {"members": _Members, "voucher_codes": _Vouchers, "stores": _Stores}[
            current.kind
        ](desk, current)

    @property
    def import_id(self) -> str:
        return self.current.import_id

    def batches(self, start: int):
        total = self.current.rows_total
        for first in range(start, total + 1, self.desk.batch_size):
            yield first, min(first + self.desk.batch_size - 1, total)

    def record(self, changes: dict) -> bool:
        """Writes the progress while this runner still runs the import: False when it was
        stopped (or taken over), or this runner is stopping."""
        now = self.desk.clock()
        after = self.store.progress(
            self.import_id, self.desk.owner, {**changes, "lease_until": now + self.desk.lease}
        )
        if after is None:
            return False
        self.current = after
        return not self.stopping.is_set()

    def validate(self) -> bool:
        """Every row checked; True when the import may go on to apply its rows."""
        failed, recorded = 0, 0
        for first, last in self.batches(1):
            rows = self.store.rows_between(self.import_id, first, last)
            errors = self.kind.check(rows)
            bad = {e.row for e in errors}
            kept = errors[: max(MAX_ERRORS_KEPT - recorded, 0)]
            self.store.add_errors(self.import_id, kept)
            self.store.mark_bad(self.import_id, bad)
            failed, recorded = failed + len(bad), recorded + len(kept)
            if not self.record({"rows_validated": last, "rows_failed": failed}):
                return False
        rejected = bool(failed) and self.current.mode == "all_or_nothing"
        changes = {"validated": True, "rows_failed": failed}
        if rejected:
            changes |= {"state": REJECTED, "finished_at": self.desk.clock()}
        else:
            changes |= {"state": APPLYING}
        return self.record(changes) and not rejected

    def apply(self) -> None:
        applied, failed = self.current.rows_applied, self.current.rows_failed
        for first, last in self.batches(self.current.applied_through + 1):
            rows = [
                (row, fields)
                for row, fields, bad in self.store.rows_between(self.import_id, first, last)
                if not bad
            ]
            done, errors = self.kind.apply(rows)
            self.store.add_errors(self.import_id, errors)
            self.store.mark_bad(self.import_id, {e.row for e in errors})
            applied += done
            failed += len({e.row for e in errors})
            progress = {"applied_through": last, "rows_applied": applied, "rows_failed": failed}
            if not self.record(progress):
                return
        self.record({"state": COMPLETED, "finished_at": self.desk.clock()})


class _Members:
    """A members import: each row a member enrolled, placed in its tier, and their ledger
    account opened with the opening balance."""

    def __init__(self, desk: ImportDesk, current: Import) -> None:
        self.desk = desk
        self.current = current
        self.phones = FirstSeen("phone", "phone number")
        self.emails = FirstSeen("email", "e-mail address")

    def parse(self, rows, now: datetime, ladder: Ladder | None):
        codes = {tier.code for tier in ladder.tiers} if ladder else set()
        parsed, errors = [], []
        for row, fields in rows:
            member, problems = rules.member_row(row, fields, codes, now)
            errors += problems
            if member is not None:
                parsed.append(member)
        return parsed, errors

    def check(self, rows) -> list[RowError]:
        parsed, errors = self.parse(
            [(r, f) for r, f, _ in rows], self.desk.clock(), self.desk.ladder()
        )
        for member in parsed:
            errors += [
                e
                for e in (
                    self.phones.check(member.row, member.phone),
                    self.emails.check(member.row, member.email),
                )
                if e
            ]
        import_id = self.current.import_id
        for field, what in (("phone", "phone number"), ("email", "e-mail address")):
            values = [getattr(m, field) for m in parsed if getattr(m, field)]
            holders = self.desk.members.holders(field, values) if values else {}
            for member in parsed:
                holder = holders.get(getattr(member, field))
                if holder and holder.enrolment_key != rules.row_key(import_id, member.row):
                    errors.append(rules.taken(member.row, field, what))
        return sorted(errors, key=lambda e: (e.row, e.field))

    def apply(self, rows) -> tuple[int, list[RowError]]:
        desk, import_id = self.desk, self.current.import_id
        now, ladder = desk.clock(), desk.ladder()
        parsed, errors = self.parse(rows, now, ladder)
        keys = {m.row: rules.row_key(import_id, m.row) for m in parsed}
        enrolled = desk.members.holders("enrolment_key", list(keys.values())) if keys else {}
        waiting = [m for m in parsed if keys[m.row] not in enrolled]
        raced = []
        for _draw in range(CARD_DRAWS):
            if not waiting:
                break
            waiting, refused, inserted = self._insert(waiting, keys, now, ladder)
            errors += [e for e in refused if e.field != "enrolment_key"]
            raced += [e.row for e in refused if e.field == "enrolment_key"]
            enrolled |= {member.enrolment_key: member for member in inserted}
        errors += [
            RowError(m.row, "row", "no card number could be drawn for the member") for m in waiting
        ]
        if raced:  # enrolled meanwhile by another runner of this import: theirs stand
            enrolled |= desk.members.holders("enrolment_key", [keys[row] for row in raced])
        placed = [(m, enrolled[keys[m.row]]) for m in parsed if keys[m.row] in enrolled]
        if placed:
            self._announce([member for _row, member in placed])
        balances = [
            OpeningBalance(
                member_id=member.member_id,
                member_version=member.version,
                tier_code=member.tier.code,
                earn_multiplier_bp=_multiplier(ladder, member.tier.code),
                points=row.points,
                expires_at=row.points_expire_at,
                key=keys[row.row],
            )
            for row, member in placed
        ]
        outcomes = desk.points.open_accounts(import_id, balances) if balances else []
        for (row, _member), (field, why) in zip(placed, outcomes, strict=True):
            if why:
                errors.append(RowError(row.row, field or "points", why))
        return len(placed) - sum(1 for _f, why in outcomes if why), errors

    def _announce(self, members: list[Member]) -> None:
        """Queues the members' member.enrolled, each under an id derived from its row's
        key (so a batch run again queues the same events), and wakes the relay."""
        quiet = MemberEnrolled(quiet=not self.current.notify_members)
        request_id = logs.current_request_id()
        events = [
            self.desk.announce(
                quiet,
                member,
                request_id,
                member.enrolled_at,
                hashlib.sha256(f"member.enrolled:{member.enrolment_key}".encode()).hexdigest()[:32],
            )
            for member in members
        ]
        self.desk.queue(events, self.desk.clock())
        self.desk.on_write(members[0].member_id)

    def _insert(self, rows, keys: dict[int, str], now: datetime, ladder: Ladder | None):
        """Enrols `rows` in one insert: (the rows to try again with another card number,
        the rows refused, the members inserted)."""
        desk, import_id = self.desk, self.current.import_id
        first = desk.members.next_serials("member", len(rows))
        entry = tier_rules.entry_standing(ladder, now)
        made = []
        for serial, row in enumerate(rows, start=first):
            member, _ = member_rules.enrol(
                Enrolment(
                    idempotency_key=keys[row.row],
                    name=row.name,
                    phone=row.phone,
                    email=row.email,
                    birthday=row.birthday,
                    language=row.language,
                    time_zone=DEFAULT_TIME_ZONE,
                    preferred_channels=(),
                    consents=row.consents,
                    consent_source=rules.actor(import_id),
                    card_number="",
                    enrolment_channel="import",
                    partner_id="",
                    store_id="",
                    referral_code="",
                ),
                serial,
                "",
                entry,
                now,
            )
            target = ladder.tier(row.tier_code) if ladder and row.tier_code else None
            if target is not None and target.code != member.tier.code:
                standing, _ = tier_rules.place_by_hand(
                    member.tier,
                    ladder,
                    target,
                    rules.actor(import_id),
                    rules.reason(import_id),
                    keys[row.row],
                    now,
                )
                member = dataclasses.replace(member, tier=standing)
            made.append(member)
        refused = desk.members.insert_many(made)
        again, errors = [], []
        for index, field in sorted(refused.items()):
            row = rows[index]
            if field == "card_number":
                again.append(row)
            elif field in ("phone", "email"):
                what = "phone number" if field == "phone" else "e-mail address"
                errors.append(rules.taken(row.row, field, what))
            elif field == "enrolment_key":  # enrolled meanwhile by another run
                errors.append(RowError(row.row, "enrolment_key", "enrolled meanwhile"))
            else:
                errors.append(RowError(row.row, "row", f"could not be enrolled ({field})"))
        inserted = [member for index, member in enumerate(made) if index not in refused]
        return again, errors, inserted


class _Vouchers:
    """A voucher codes import: each row a voucher of a reward, issued to the member whose
    phone it names, with the code the other system printed."""

    def __init__(self, desk: ImportDesk, current: Import) -> None:
        self.desk = desk
        self.current = current
        self.codes = FirstSeen("code", "code")

    def _vouchers(self, rows, validate_only: bool) -> tuple[int, list[RowError]]:
        now = self.desk.clock()
        parsed, errors = [], []
        for row, fields in rows:
            voucher, problems = rules.voucher_row(row, fields, now)
            errors += problems
            if voucher is not None:
                parsed.append(voucher)
        if validate_only:
            errors += [e for v in parsed if (e := self.codes.check(v.row, v.code))]
        phones = [v.phone for v in parsed]
        holders = self.desk.members.holders("phone", phones) if phones else {}
        known = []
        for voucher in parsed:
            member = holders.get(voucher.phone)
            if member is None or member.status == "erased":
                errors.append(RowError(voucher.row, "phone", "no member has this phone number"))
            else:
                known.append((voucher, member.member_id))
        bad = {e.row for e in errors}
        known = [(v, m) for v, m in known if v.row not in bad]
        import_id = self.current.import_id
        asked = [
            VoucherToIssue(rules.row_key(import_id, v.row), v.code, v.reward_id, m, v.expires_at)
            for v, m in known
        ]
        outcomes = self.desk.points.vouchers(import_id, asked, validate_only) if asked else []
        for (voucher, _m), (field, why) in zip(known, outcomes, strict=True):
            if why:
                errors.append(RowError(voucher.row, field or "code", why))
        return len(known) - sum(1 for _f, why in outcomes if why), errors

    def check(self, rows) -> list[RowError]:
        _done, errors = self._vouchers([(r, f) for r, f, _ in rows], validate_only=True)
        return sorted(errors, key=lambda e: (e.row, e.field))

    def apply(self, rows) -> tuple[int, list[RowError]]:
        return self._vouchers(rows, validate_only=False)


class _Stores:
    """A stores import: each row a partner's store registered."""

    def __init__(self, desk: ImportDesk, current: Import) -> None:
        self.desk = desk
        self.current = current
        self.ids = FirstSeen("store_id", "store id")

    def _stores(self, rows, validate_only: bool) -> tuple[int, list[RowError]]:
        parsed, errors = [], []
        for row, fields in rows:
            store, problems = rules.store_row(row, fields)
            errors += problems
            if store is not None:
                parsed.append(store)
        if validate_only:
            errors += [e for s in parsed if (e := self.ids.check(s.row, s.store_id))]
        bad = {e.row for e in errors}
        parsed = [s for s in parsed if s.row not in bad]
        import_id = self.current.import_id
        outcomes = self.desk.points.stores(import_id, parsed, validate_only) if parsed else []
        for store, (field, why) in zip(parsed, outcomes, strict=True):
            if why:
                errors.append(RowError(store.row, field or "store_id", why))
        return len(parsed) - sum(1 for _f, why in outcomes if why), errors

    def check(self, rows) -> list[RowError]:
        _done, errors = self._stores([(r, f) for r, f, _ in rows], validate_only=True)
        return sorted(errors, key=lambda e: (e.row, e.field))

    def apply(self, rows) -> tuple[int, list[RowError]]:
        return self._stores(rows, validate_only=False)


def _multiplier(ladder: Ladder | None, code: str) -> int:
    tier = ladder.tier(code) if ladder else None
    return tier.earn_multiplier_bp if tier else 10_000


class ImportRunner(BackgroundLoop):
    """Runs the imports started (and those whose runner died) in the background: on a
    kick from StartImport, and every `sweep_seconds`."""

    def __init__(self, desk: ImportDesk, sweep_seconds: float = 5.0) -> None:
        super().__init__(
            "members-imports",
            lambda _kicked: desk.run_due(self.stopping),
            interval_seconds=sweep_seconds,
        )
        desk.kick = self.kick
