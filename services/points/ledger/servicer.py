"""LedgerService over gRPC: checks and translates requests, calls the ledger, translates
answers. No ledger rules live here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from common import clock
from common.clock import Clock, to_the_millisecond
from common.validation import Checks
from loyalty.common.v1 import common_pb2
from loyalty.points.v1 import ledger_pb2, ledger_pb2_grpc
from services.points.ledger import events as ledger_events
from services.points.ledger.domain import expiry
from services.points.ledger.domain.model import Lot
from services.points.ledger.domain.programme import (
    CURRENCY_MINOR_UNITS,
    HIGHEST_ADJUSTMENT_POINTS,
    HIGHEST_EARN_AGE_DAYS,
    HIGHEST_PRESENCE_WAIVER_POINTS,
    HIGHEST_PURCHASE_AMOUNT_MINOR,
    BaseRate,
    Programme,
)
from services.points.ledger.domain.purchases import Purchase, PurchaseLine
from services.points.ledger.messages import (
    DOMAIN,
    ENTRY_TYPES,
    LOT_STATES,
    POLICY_NAMES,
    ROUNDING_NAMES,
    balance_message,
    contribution_message,
    entry_message,
    hold_message,
    lot_message,
    programme_message,
    rpc,
)
from services.points.ledger.reports import AuditResult, Reports
from services.points.ledger.service import Ledger, Outcome
from services.points.ledger.service.credits import ImportedAccount, OpeningBalances
from services.points.presence.messages import proof_from

MAX_LINES = 500
MAX_IMPORTED, MAX_OPENING_POINTS = 1_000, 1_000_000_000  # a bulk import's batch, balance
FUTURE_TOLERANCE = timedelta(minutes=5)
PURPOSE_NAMES = {
    ledger_pb2.REDEEM_PURPOSE_REWARD: "reward",
    ledger_pb2.REDEEM_PURPOSE_PAYMENT: "payment",
}


class LedgerServicer(ledger_pb2_grpc.LedgerServiceServicer):
    def __init__(self, ledger: Ledger, reports: Reports, clock: Clock = clock.now) -> None:
        self.ledger = ledger
        self.reports = reports
        self.clock = clock
        self.opening_balances = OpeningBalances(ledger.accounts)  # bulk imports

    # Mutations

    @rpc
    def Earn(self, request, context):
        _check_earn(request, self.clock(), self.ledger.programme.current())
        outcome = self.ledger.purchases.earn(purchase_of(request))
        entry = outcome.entry
        lot = entry.details.get("lot", {})
        return ledger_pb2.EarnResponse(
            **self._change_answer(outcome),
            points_awarded=entry.points,
            pending_points=entry.pending_delta,
            available_points=entry.available_delta,
            available_at=ledger_events.timestamp(lot.get("available_at"))
            if entry.pending_delta
            else None,
            qualifying_points=entry.qualifying_points,
            breakdown=[contribution_message(c) for c in entry.details.get("breakdown", [])],
            lot_id=lot.get("lot_id", ""),
            first_purchase=entry.details.get("first_purchase", False),
        )

    @rpc
    def Redeem(self, request, context):
        checks = _checks()
        _key_and_member(checks, request)
        checks.positive("points", request.points)
        checks.check(request.purpose in PURPOSE_NAMES, "purpose", "must be REWARD or PAYMENT")
        checks.text("reference", request.reference, required=False)
        presence = proof_from(checks, request.presence)
        checks.done()
        outcome = self.ledger.spending.redeem(
            request.member_id,
            request.points,
            PURPOSE_NAMES[request.purpose],
            request.reference,
            request.partner_id,
            request.store_id,
            request.idempotency_key,
            presence,
        )
        return ledger_pb2.RedeemResponse(**self._change_answer(outcome))

    @rpc
    def RefundRedemption(self, request, context):
        checks = _checks()
        _key_and_member(checks, request)
        checks.text("redeem_entry_id", request.redeem_entry_id)
        checks.who_and_why(request)
        checks.done()
        outcome = self.ledger.spending.refund(
            request.member_id,
            request.redeem_entry_id,
            request.actor,
            request.reason,
            request.idempotency_key,
        )
        return ledger_pb2.RefundRedemptionResponse(**self._change_answer(outcome))

    @rpc
    def PlaceHold(self, request, context):
        checks = _checks()
        _key_and_member(checks, request)
        checks.positive("points", request.points)
        checks.text("partner_id", request.partner_id)
        checks.text("store_id", request.store_id)
        checks.text("reference", request.reference, required=False)
        checks.check(0 <= request.ttl_seconds <= 86400, "ttl_seconds", "must be 0..86400")
        presence = proof_from(checks, request.presence)
        checks.done()
        purpose = PURPOSE_NAMES.get(request.purpose, "payment")
        outcome = self.ledger.spending.place_hold(
            request.member_id,
            request.points,
            purpose,
            request.partner_id,
            request.store_id,
            request.reference,
            request.ttl_seconds,
            request.idempotency_key,
            presence,
        )
        return ledger_pb2.PlaceHoldResponse(
            **self._hold_answer(outcome, outcome.entry.hold_id, request.partner_id)
        )

    @rpc
    def CaptureHold(self, request, context):
        checks = _hold_checks(request)
        checks.check(request.points >= 0, "points", "must not be negative")
        checks.text("transaction_id", request.transaction_id, required=False)
        checks.done()
        outcome = self.ledger.spending.capture_hold(
            request.hold_id,
            request.partner_id,
            request.points,
            request.transaction_id,
            request.idempotency_key,
        )
        return ledger_pb2.CaptureHoldResponse(
            **self._hold_answer(outcome, request.hold_id, request.partner_id),
            released_points=outcome.entry.details.get("released", 0),
        )

    @rpc
    def ReleaseHold(self, request, context):
        checks = _hold_checks(request)
        checks.text("reason", request.reason, required=False, max_length=500)
        checks.done()
        outcome = self.ledger.spending.release_hold(
            request.hold_id, request.partner_id, request.reason, request.idempotency_key
        )
        return ledger_pb2.ReleaseHoldResponse(
            **self._hold_answer(outcome, request.hold_id, request.partner_id)
        )

    @rpc
    def GetHold(self, request, context):
        checks = _checks()
        checks.text("hold_id", request.hold_id)
        checks.done()
        member_id, hold = self.ledger.spending.get_hold(request.hold_id, request.partner_id)
        return ledger_pb2.GetHoldResponse(hold=hold_message(member_id, hold))

    @rpc
    def Return(self, request, context):
        scope = _check_return(request)
        occurred_at = (
            request.occurred_at.ToDatetime(UTC) if request.HasField("occurred_at") else None
        )
        outcome = self.ledger.purchases.return_purchase(
            request.partner_id,
            request.store_id,
            request.return_id,
            request.original_transaction_id,
            request.member_id,
            scope,
            occurred_at,
            request.idempotency_key,
            currency=request.amount.currency if "amount_minor" in scope else "",
        )
        entry = outcome.entry
        return ledger_pb2.ReturnResponse(
            **self._change_answer(outcome),
            points_to_reverse=entry.details.get("points_to_reverse", 0),
            reversed_points=-entry.points,
            shortfall_points=entry.shortfall_points,
            qualifying_points_reversed=entry.qualifying_points,
            returned_amount=common_pb2.Money(
                amount_minor=entry.amount_minor, currency=entry.currency
            ),
            fully_returned=entry.details.get("fully_returned", False),
        )

    @rpc
    def Adjust(self, request, context):
        checks = _checks()
        _key_and_member(checks, request)
        checks.check(request.points != 0, "points", "must not be zero")
        highest = self.ledger.programme.current().largest_staff_credit()
        _check_at_most(checks, "points", request.points, highest)
        checks.who_and_why(request)
        checks.done()
        expires_at = request.expires_at.ToDatetime(UTC) if request.HasField("expires_at") else None
        outcome = self.ledger.credits.adjust(
            request.member_id,
            request.points,
            expires_at,
            request.counts_for_tier,
            request.actor,
            request.reason,
            request.idempotency_key,
        )
        return ledger_pb2.AdjustResponse(**self._change_answer(outcome))

    @rpc
    def OpenImportedAccounts(self, request, context):
        checks = _checks()
        checks.text("import_id", request.import_id, max_length=64)
        count = len(request.accounts)
        checks.check(1 <= count <= MAX_IMPORTED, "accounts", f"give 1..{MAX_IMPORTED:,} accounts")
        for index, item in enumerate(request.accounts[:MAX_IMPORTED]):
            where = f"accounts[{index}]"
            checks.text(f"{where}.member_id", item.member_id)
            checks.text(f"{where}.idempotency_key", item.idempotency_key)
            checks.positive(f"{where}.member_version", item.member_version)
            checks.check(
                0 <= item.points <= MAX_OPENING_POINTS,
                f"{where}.points",
                f"must be 0..{MAX_OPENING_POINTS:,}",
            )
            checks.check(
                0 <= item.earn_multiplier_bp <= 1_000_000,
                f"{where}.earn_multiplier_bp",
                "must be 0..1,000,000",
            )
        checks.done()
        outcomes = self.opening_balances.open(
            request.import_id,
            [
                ImportedAccount(
                    member_id=item.member_id,
                    member_version=item.member_version,
                    tier_code=item.tier_code,
                    earn_multiplier_bp=item.earn_multiplier_bp,
                    points=item.points,
                    expires_at=item.expires_at.ToDatetime(UTC)
                    if item.HasField("expires_at")
                    else None,
                    idempotency_key=item.idempotency_key,
                )
                for item in request.accounts
            ],
        )
        return ledger_pb2.OpenImportedAccountsResponse(
            outcomes=[
                ledger_pb2.ImportedAccountOutcome(
                    member_id=item.member_id,
                    applied=outcome.applied,
                    replayed=outcome.replayed,
                    refused=outcome.refused,
                )
                for item, outcome in zip(request.accounts, outcomes, strict=True)
            ]
        )

    # Reads

    @rpc
    def GetBalance(self, request, context):
        checks = _checks()
        checks.text("member_id", request.member_id)
        checks.done()
        return ledger_pb2.GetBalanceResponse(
            balance=balance_message(self.ledger.accounts.balance(request.member_id))
        )

    @rpc
    def ListEntries(self, request, context):
        checks = _checks()
        checks.text("member_id", request.member_id)
        before = _cursor(checks, request.page.cursor)
        size = _page_size(checks, request.page.page_size)
        checks.done()
        self.ledger.accounts.load(request.member_id)  # NOT_FOUND for an unknown member
        types = [name for name, value in ENTRY_TYPES.items() if value in request.types]
        entries = self.ledger.store.entries_page(request.member_id, before, size + 1, types)
        page = entries[:size]
        more = len(entries) > size
        return ledger_pb2.ListEntriesResponse(
            entries=[entry_message(request.member_id, e) for e in page],
            page_info=common_pb2.PageInfo(
                next_cursor=str(page[-1].account_version) if more else ""
            ),
        )

    @rpc
    def ListLots(self, request, context):
        checks = _checks()
        checks.text("member_id", request.member_id)
        checks.done()
        account = self.ledger.accounts.load(request.member_id)
        lots = sorted(account.lots, key=Lot.expiry_key)
        wanted = set(request.states) or {
            ledger_pb2.LOT_STATE_PENDING,
            ledger_pb2.LOT_STATE_AVAILABLE,
        }
        zone = self.ledger.programme.current().time_zone
        return ledger_pb2.ListLotsResponse(
            lots=[
                lot_message(account.member_id, lot, zone)
                for lot in lots
                if LOT_STATES[lot.state] in wanted
            ]
        )

    @rpc
    def ListExpiringPoints(self, request, context):
        checks = _checks()
        checks.check(
            request.HasField("window_start") and request.HasField("window_end"),
            "window_end",
            "both window_start and window_end are required",
        )
        checks.done()
        rows = self.reports.expiring(
            request.window_start.ToDatetime(UTC),
            request.window_end.ToDatetime(UTC),
            request.min_points or 1,
        )
        return ledger_pb2.ListExpiringPointsResponse(
            items=[
                ledger_pb2.ExpiringPoints(
                    member_id=m, expiry_date=d, expires_at=ledger_events.timestamp(at), points=p
                )
                for m, d, at, p in rows
            ]
        )

    # Jobs

    @rpc
    def RunExpiry(self, request, context):
        outcomes = self.ledger.jobs.run_expiry(_as_of(request, self.clock()), request.limit)
        lots = sum(len(o.entry.lot_ids) for o in outcomes)
        return ledger_pb2.RunExpiryResponse(
            lots_expired=lots,
            points_expired=-sum(o.entry.points for o in outcomes),
            members_affected=len(outcomes),
            more=bool(request.limit) and len(outcomes) >= request.limit,
        )

    @rpc
    def ActivatePending(self, request, context):
        outcomes = self.ledger.jobs.activate_pending(_as_of(request, self.clock()), request.limit)
        return ledger_pb2.ActivatePendingResponse(
            lots_activated=sum(len(o.entry.lot_ids) for o in outcomes),
            points_activated=sum(o.entry.available_delta for o in outcomes),
            members_affected=len(outcomes),
            more=bool(request.limit) and len(outcomes) >= request.limit,
        )

    @rpc
    def ExpireHolds(self, request, context):
        outcomes = self.ledger.jobs.expire_holds(_as_of(request, self.clock()), request.limit)
        entries = [e for o in outcomes for e in o.change.entries]
        return ledger_pb2.ExpireHoldsResponse(
            holds_expired=len(entries),
            points_released=sum(e.available_delta for e in entries),
            more=bool(request.limit) and len(outcomes) >= request.limit,
        )

    # Admin and reports

    @rpc
    def Audit(self, request, context):
        started = self.clock()
        result = self.reports.audit(list(request.member_ids))
        return audit_reply(result, started, self.clock())

    @rpc
    def GetSettlement(self, request, context):
        checks = _checks()
        valid = checks.check(
            request.HasField("period_start") and request.HasField("period_end"),
            "period_end",
            "period_start and period_end are required",
        )
        start = request.period_start.ToDatetime(UTC)
        end = request.period_end.ToDatetime(UTC)
        if valid:
            checks.check(start < end, "period_end", "must be after period_start")
        checks.done()
        rows = self.reports.settlement(start, end, request.partner_id)
        return ledger_pb2.GetSettlementResponse(
            period_start=request.period_start,
            period_end=request.period_end,
            partners=[
                ledger_pb2.PartnerSettlement(partner_id=p, **figures)
                for p, figures in sorted(rows.items())
            ],
        )

    @rpc
    def GetLiability(self, request, context):
        figures = self.reports.liability()
        return ledger_pb2.GetLiabilityResponse(
            computed_at=ledger_events.timestamp(self.clock()), **figures
        )

    @rpc
    def GetProgrammeSettings(self, request, context):
        return ledger_pb2.GetProgrammeSettingsResponse(
            settings=programme_message(self.ledger.store.programme())
        )

    @rpc
    def UpdateProgrammeSettings(self, request, context):
        programme = _check_programme(request)
        stored = self.ledger.programme.update(programme, request.expected_version)
        return ledger_pb2.UpdateProgrammeSettingsResponse(settings=programme_message(stored))

    # Translation helpers

    def _change_answer(self, outcome: Outcome) -> dict:
        """What every answer to a change of the ledger carries: its entry, the balance
        after it and whether it was a replay."""
        return {
            "entry": self._entry(outcome),
            "balance": self._balance_after(outcome),
            "replayed": outcome.replayed,
        }

    def _hold_answer(self, outcome: Outcome, hold_id: str, partner_id: str) -> dict:
        """A change of a hold's answer: the hold as the change left it, with the above."""
        hold = self.ledger.spending.hold_after(outcome, hold_id, partner_id)
        return {
            "hold": hold_message(outcome.account.member_id, hold),
            **self._change_answer(outcome),
        }

    def _entry(self, outcome: Outcome) -> ledger_pb2.Entry:
        return entry_message(outcome.account.member_id, outcome.entry)

    def _balance_after(self, outcome: Outcome) -> ledger_pb2.Balance:
        """The balance after the change: for a replay, the one the first answer gave (kept
        with the entry; entries older than that keep only the three buckets)."""
        if not outcome.replayed:
            return balance_message(outcome.balance)
        entry = outcome.entry
        if "answered" in entry.details:
            return balance_message(entry.details["answered"])
        return ledger_pb2.Balance(
            member_id=outcome.account.member_id,
            available=entry.balance_after,
            pending=entry.pending_after,
            held=entry.held_after,
            version=entry.account_version // 1000,
        )


def purchase_of(request: ledger_pb2.EarnRequest) -> Purchase:
    return Purchase(
        member_id=request.member_id,
        partner_id=request.partner_id,
        store_id=request.store_id,
        transaction_id=request.transaction_id,
        amount_minor=request.amount.amount_minor,
        currency=request.amount.currency,
        occurred_at=to_the_millisecond(request.occurred_at.ToDatetime(UTC)),
        lines=tuple(
            PurchaseLine(
                line.line_id, line.sku, line.category, line.quantity, line.amount.amount_minor
            )
            for line in request.lines
        ),
        idempotency_key=request.idempotency_key,
    )


def _checks() -> Checks:
    return Checks(DOMAIN)


def _key_and_member(checks: Checks, request) -> None:
    checks.text("idempotency_key", request.idempotency_key)
    checks.text("member_id", request.member_id)


def _hold_checks(request) -> Checks:
    checks = _checks()
    checks.text("idempotency_key", request.idempotency_key)
    checks.text("hold_id", request.hold_id)
    checks.text("partner_id", request.partner_id)
    return checks


def _check_money(checks: Checks, field: str, money, *, positive: bool = True) -> None:
    if positive:
        checks.positive(f"{field}.amount_minor", money.amount_minor)
    else:
        checks.check(money.amount_minor >= 0, f"{field}.amount_minor", "must not be negative")
    checks.check(
        money.currency in CURRENCY_MINOR_UNITS,
        f"{field}.currency",
        f"unknown ISO-4217 currency {money.currency!r}",
    )


def _check_earn(request, now: datetime, programme: Programme) -> None:
    checks = _checks()
    checks.text("idempotency_key", request.idempotency_key, required=False)
    for field in ("member_id", "partner_id", "store_id", "transaction_id"):
        checks.text(field, getattr(request, field))
    _check_money(checks, "amount", request.amount)
    _check_at_most(
        checks,
        "amount.amount_minor",
        request.amount.amount_minor,
        programme.largest_purchase_minor(),
    )
    if checks.check(request.HasField("occurred_at"), "occurred_at", "is required"):
        occurred_at = request.occurred_at.ToDatetime(UTC)
        checks.check(
            occurred_at <= now + FUTURE_TOLERANCE,
            "occurred_at",
            "is more than 5 minutes in the future",
        )
        days = programme.max_earn_age_days or Programme.max_earn_age_days
        checks.check(
            occurred_at >= now - timedelta(days=days),
            "occurred_at",
            f"is more than {days} days ago (the programme's max_earn_age_days)",
        )
    if checks.check(len(request.lines) <= MAX_LINES, "lines", f"more than {MAX_LINES} lines"):
        _check_lines(checks, request)
    checks.done()


def _check_at_most(checks: Checks, field: str, value: int, highest: int) -> None:
    checks.check(abs(value) <= highest, field, f"must be at most {highest:,} in size")


def _check_lines(checks: Checks, request) -> None:
    seen = set()
    for index, line in enumerate(request.lines):
        field = f"lines[{index}]"
        checks.text(f"{field}.line_id", line.line_id, max_length=64)
        checks.check(line.line_id not in seen, f"{field}.line_id", "duplicate line_id")
        seen.add(line.line_id)
        checks.text(f"{field}.sku", line.sku, required=False, max_length=64)
        checks.text(f"{field}.category", line.category, required=False, max_length=64)
        checks.positive(f"{field}.quantity", line.quantity)
        _check_money(checks, f"{field}.amount", line.amount, positive=False)
        checks.check(
            line.amount.currency == request.amount.currency,
            f"{field}.amount.currency",
            "must be the purchase's currency",
        )
    if request.lines:
        total = sum(line.amount.amount_minor for line in request.lines)
        checks.check(
            total == request.amount.amount_minor,
            "lines",
            f"line amounts sum to {total}, not to amount {request.amount.amount_minor}",
        )


def _check_return(request) -> dict:
    checks = _checks()
    checks.text("idempotency_key", request.idempotency_key, required=False)
    for field in ("partner_id", "store_id", "return_id", "original_transaction_id"):
        checks.text(field, getattr(request, field))
    checks.text("member_id", request.member_id, required=False)
    scope = request.WhichOneof("scope")
    checks.check(scope is not None, "scope", "one of full, lines or amount is required")
    if scope == "full":
        checks.check(request.full, "full", "must be true when given")
    elif scope == "amount":
        _check_money(checks, "amount", request.amount)
    elif scope == "lines":
        lines = request.lines.lines
        checks.check(0 < len(lines) <= MAX_LINES, "lines.lines", f"1..{MAX_LINES} lines")
        ids = [line.line_id for line in lines]
        checks.check(len(ids) == len(set(ids)), "lines.lines", "a line_id appears twice")
        for index, line in enumerate(lines):
            checks.text(f"lines.lines[{index}].line_id", line.line_id, max_length=64)
            checks.positive(f"lines.lines[{index}].quantity", line.quantity)
    checks.done()
    if scope == "full":
        return {"full": True}
    if scope == "amount":
        return {"amount_minor": request.amount.amount_minor}
    return {"lines": [(line.line_id, line.quantity) for line in request.lines.lines]}


def _check_programme(request) -> Programme:
    checks = _checks()
    settings = request.settings
    checks.who_and_why(request)
    try:
        expiry.local_date(clock.now(), settings.time_zone or "?")
    except ValueError:
        checks.fail("settings.time_zone", f"unknown time zone {settings.time_zone!r}")
    currencies = [rate.spend_unit.currency for rate in settings.base_rates]
    checks.check(
        len(currencies) == len(set(currencies)), "settings.base_rates", "a currency appears twice"
    )
    for index, rate in enumerate(settings.base_rates):
        _check_money(checks, f"settings.base_rates[{index}].spend_unit", rate.spend_unit)
        checks.positive(f"settings.base_rates[{index}].points_per_unit", rate.points_per_unit)
    checks.check(settings.pending_days >= 0, "settings.pending_days", "must not be negative")
    checks.check(settings.expiry_months >= 0, "settings.expiry_months", "must not be negative")
    checks.check(
        settings.expiry_rounding in ROUNDING_NAMES, "settings.expiry_rounding", "must be set"
    )
    checks.check(settings.return_policy in POLICY_NAMES, "settings.return_policy", "must be set")
    checks.check(
        1 <= settings.hold_ttl_seconds <= 86400, "settings.hold_ttl_seconds", "must be 1..86400"
    )
    checks.check(
        settings.expiring_soon_days >= 0, "settings.expiring_soon_days", "must not be negative"
    )
    for field, highest in (
        ("max_purchase_amount_minor", HIGHEST_PURCHASE_AMOUNT_MINOR),
        ("max_adjustment_points", HIGHEST_ADJUSTMENT_POINTS),
        ("max_earn_age_days", HIGHEST_EARN_AGE_DAYS),
        ("presence_waived_below_points", HIGHEST_PRESENCE_WAIVER_POINTS),
    ):
        value = getattr(settings, field)
        checks.check(0 <= value <= highest, f"settings.{field}", f"must be 0..{highest:,}")
    checks.done()
    return Programme(
        time_zone=settings.time_zone,
        base_rates={
            r.spend_unit.currency: BaseRate(r.spend_unit.amount_minor, r.points_per_unit)
            for r in settings.base_rates
        },
        pending_days=settings.pending_days,
        expiry_months=settings.expiry_months,
        expiry_rounding=ROUNDING_NAMES[settings.expiry_rounding],
        return_policy=POLICY_NAMES[settings.return_policy],
        hold_ttl_seconds=settings.hold_ttl_seconds,
        expiring_soon_days=settings.expiring_soon_days,
        max_purchase_amount_minor=settings.max_purchase_amount_minor
        or Programme.max_purchase_amount_minor,
        max_adjustment_points=settings.max_adjustment_points or Programme.max_adjustment_points,
        max_earn_age_days=settings.max_earn_age_days or Programme.max_earn_age_days,
        presence_waived_below_points=settings.presence_waived_below_points,
        updated_by=request.actor,
    )


def _as_of(request, now: datetime) -> datetime:
    return request.as_of.ToDatetime(UTC) if request.HasField("as_of") else now


def _cursor(checks: Checks, cursor: str) -> int | None:
    if not cursor:
        return None
    if not checks.check(cursor.isdigit(), "page.cursor", "is not a cursor this service gave"):
        return None
    return int(cursor)


def _page_size(checks: Checks, size: int) -> int:
    checks.check(size >= 0, "page.page_size", "must not be negative")
    return min(size or 50, 500)


def audit_reply(result: AuditResult, started: datetime, finished: datetime):
    """The Audit RPC's answer, which the audit job (audit_job.py) prints too."""
    totals = result.totals
    return ledger_pb2.AuditResponse(
        accounts_checked=result.accounts_checked,
        totals=ledger_pb2.ProgrammeTotals(**vars(totals)) if totals else None,
        drifts=[
            ledger_pb2.Drift(
                member_id=d.member_id, field=d.field, expected=d.expected, actual=d.actual
            )
            for d in result.drifts
        ],
        clean=not result.drifts,
        started_at=ledger_events.timestamp(started),
        finished_at=ledger_events.timestamp(finished),
    )
