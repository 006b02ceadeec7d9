"""The ledger's values as the contracts spell them (loyalty.points.v1): entries, lots,
holds, balances, programme settings, rule contributions. Shared by the points service's
servicers, so none of them needs another's module."""

from __future__ import annotations

from common.grpc_errors import answering_refusals
from loyalty.common.v1 import common_pb2
from loyalty.points.v1 import ledger_pb2, rules_pb2
from services.points.ledger import events as ledger_events
from services.points.ledger.domain import expiry
from services.points.ledger.domain.model import Entry, Hold, Lot
from services.points.ledger.domain.programme import Programme

DOMAIN = "loyalty.points.v1"
ENTRY_TYPES = {
    name.removeprefix("ENTRY_TYPE_").lower(): value for name, value in ledger_pb2.EntryType.items()
}
LOT_STATES = {
    "pending": ledger_pb2.LOT_STATE_PENDING,
    "available": ledger_pb2.LOT_STATE_AVAILABLE,
    "spent": ledger_pb2.LOT_STATE_SPENT,
    "expired": ledger_pb2.LOT_STATE_EXPIRED,
    "reversed": ledger_pb2.LOT_STATE_REVERSED,
}
LOT_SOURCES = {
    "purchase": ledger_pb2.LOT_SOURCE_PURCHASE,
    "bonus": ledger_pb2.LOT_SOURCE_BONUS,
    "adjustment": ledger_pb2.LOT_SOURCE_ADJUSTMENT,
}
HOLD_STATES = {
    "held": ledger_pb2.HOLD_STATE_HELD,
    "captured": ledger_pb2.HOLD_STATE_CAPTURED,
    "released": ledger_pb2.HOLD_STATE_RELEASED,
    "expired": ledger_pb2.HOLD_STATE_EXPIRED,
}
ROUNDING_NAMES = {
    ledger_pb2.EXPIRY_ROUNDING_NONE: "none",
    ledger_pb2.EXPIRY_ROUNDING_END_OF_DAY: "end_of_day",
    ledger_pb2.EXPIRY_ROUNDING_END_OF_MONTH: "end_of_month",
}

POLICY_NAMES = {
    ledger_pb2.RETURN_POLICY_TAKE_AVAILABLE_RECORD_SHORTFALL: "record_shortfall",
    ledger_pb2.RETURN_POLICY_ALLOW_NEGATIVE: "allow_negative",
    ledger_pb2.RETURN_POLICY_ABSORB: "absorb",
}

# Refusals and invalid requests become statuses with their details.
rpc = answering_refusals(DOMAIN)


def entry_message(member_id: str, entry: Entry) -> ledger_pb2.Entry:
    return ledger_pb2.Entry(
        entry_id=entry.entry_id,
        member_id=member_id,
        type=ENTRY_TYPES[entry.type],
        points=entry.points,
        available_delta=entry.available_delta,
        pending_delta=entry.pending_delta,
        held_delta=entry.held_delta,
        balance_after=entry.balance_after,
        pending_after=entry.pending_after,
        held_after=entry.held_after,
        partner_id=entry.partner_id,
        store_id=entry.store_id,
        transaction_id=entry.transaction_id,
        reference=entry.reference,
        reason=entry.reason,
        actor=entry.actor,
        lot_ids=entry.lot_ids,
        related_entry_id=entry.related_entry_id,
        hold_id=entry.hold_id,
        purpose=ledger_events.PURPOSES[entry.purpose],
        amount=common_pb2.Money(amount_minor=entry.amount_minor, currency=entry.currency)
        if entry.currency
        else None,
        shortfall_points=entry.shortfall_points,
        occurred_at=ledger_events.timestamp(entry.occurred_at),
        created_at=ledger_events.timestamp(entry.created_at),
    )


def balance_message(balance: dict) -> ledger_pb2.Balance:
    next_at = balance["next_expiry_at"]
    return ledger_pb2.Balance(
        member_id=balance["member_id"],
        available=balance["available"],
        pending=balance["pending"],
        held=balance["held"],
        lifetime_earned=balance["lifetime_earned"],
        lifetime_redeemed=balance["lifetime_redeemed"],
        next_expiry_date=expiry.last_local_day(next_at, balance["time_zone"]) if next_at else "",
        next_expiry_at=ledger_events.timestamp(next_at),
        next_expiry_points=balance["next_expiry_points"],
        expiring_soon_points=balance["expiring_soon_points"],
        expiring_soon_days=balance["expiring_soon_days"],
        shortfall=balance["shortfall"],
        version=balance["version"],
    )


def lot_message(member_id: str, lot: Lot, zone: str) -> ledger_pb2.Lot:
    return ledger_pb2.Lot(
        lot_id=lot.lot_id,
        member_id=member_id,
        source=LOT_SOURCES[lot.source],
        state=LOT_STATES[lot.state],
        points=lot.points,
        remaining=lot.remaining,
        held=lot.held,
        spent=lot.spent,
        expired=lot.expired,
        reversed=lot.reversed,
        earned_at=ledger_events.timestamp(lot.earned_at),
        available_at=ledger_events.timestamp(lot.available_at),
        expires_at=ledger_events.timestamp(lot.expires_at),
        expiry_date=expiry.last_local_day(lot.expires_at, zone) if lot.expires_at else "",
        partner_id=lot.partner_id,
        store_id=lot.store_id,
        transaction_id=lot.transaction_id,
        entry_id=lot.entry_id,
    )


def hold_message(member_id: str, hold: Hold) -> ledger_pb2.Hold:
    return ledger_pb2.Hold(
        hold_id=hold.hold_id,
        member_id=member_id,
        points=hold.points,
        captured_points=hold.captured_points,
        state=HOLD_STATES[hold.state],
        purpose=ledger_events.PURPOSES[hold.purpose],
        partner_id=hold.partner_id,
        store_id=hold.store_id,
        reference=hold.reference,
        transaction_id=hold.transaction_id,
        created_at=ledger_events.timestamp(hold.created_at),
        expires_at=ledger_events.timestamp(hold.expires_at),
        resolved_at=ledger_events.timestamp(hold.resolved_at),
    )


def programme_message(programme: Programme) -> ledger_pb2.ProgrammeSettings:
    rounding = {v: k for k, v in ROUNDING_NAMES.items()}
    policy = {v: k for k, v in POLICY_NAMES.items()}
    return ledger_pb2.ProgrammeSettings(
        time_zone=programme.time_zone,
        base_rates=[
            rules_pb2.BaseRate(
                spend_unit=common_pb2.Money(amount_minor=r.spend_unit_minor, currency=c),
                points_per_unit=r.points_per_unit,
            )
            for c, r in programme.base_rates.items()
        ],
        pending_days=programme.pending_days,
        expiry_months=programme.expiry_months,
        expiry_rounding=rounding[programme.expiry_rounding],
        return_policy=policy[programme.return_policy],
        hold_ttl_seconds=programme.hold_ttl_seconds,
        expiring_soon_days=programme.expiring_soon_days,
        max_purchase_amount_minor=programme.max_purchase_amount_minor,
        max_adjustment_points=programme.max_adjustment_points,
        max_earn_age_days=programme.max_earn_age_days,
        presence_waived_below_points=programme.presence_waived_below_points,
        version=programme.version,
        updated_by=programme.updated_by,
    )


RULE_KINDS = {
    name.removeprefix("EARNING_RULE_KIND_").lower(): value
    for name, value in rules_pb2.EarningRuleKind.items()
}
STACKINGS = {"multiply": rules_pb2.STACKING_MULTIPLY, "add": rules_pb2.STACKING_ADD}


def contribution_message(contribution: dict) -> rules_pb2.RuleContribution:
    """A breakdown line as the engine wrote it into the entry (older entries carry only
    name, kind, points and multiplier)."""
    return rules_pb2.RuleContribution(
        rule_id=contribution.get("rule_id", ""),
        rule_name=contribution["name"],
        kind=RULE_KINDS.get(contribution["kind"], 0),
        stacking=STACKINGS.get(contribution.get("stacking", ""), 0),
        points=contribution["points"],
        multiplier_bp=contribution.get("multiplier_bp", 0),
        line_ids=contribution.get("line_ids", []),
        capped=contribution.get("capped", False),
        qualifying=contribution.get("qualifying", True),
        note=contribution.get("note", ""),
    )
