"""The event each ledger entry announces (loyalty.events.v1), built with the entry.

The envelope's event id is the entry id, so a relay that publishes twice after a crash
publishes the same event, which consumers drop by id.
"""

from __future__ import annotations

from common import events as bus
from common.events import timestamp
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.points.v1 import ledger_pb2, rules_pb2
from services.points.ledger.domain import model
from services.points.ledger.domain.model import Entry

PURPOSES = {
    "": ledger_pb2.REDEEM_PURPOSE_UNSPECIFIED,
    "reward": ledger_pb2.REDEEM_PURPOSE_REWARD,
    "payment": ledger_pb2.REDEEM_PURPOSE_PAYMENT,
}


def encode(member_id: str, entry: Entry, request_id: str) -> bytes:
    event_type, field, payload = _payload(entry)
    return bus.envelope(
        event_type,
        "points",
        member_id,
        request_id,
        occurred_at=entry.created_at,
        event_id=entry.entry_id,
        **{field: payload},
    ).SerializeToString()


def _balance(entry: Entry) -> events_pb2.BalanceAfter:
    return events_pb2.BalanceAfter(
        available=entry.balance_after,
        pending=entry.pending_after,
        held=entry.held_after,
        account_version=entry.account_version,
    )


def _money(entry: Entry) -> common_pb2.Money:
    return common_pb2.Money(amount_minor=entry.amount_minor, currency=entry.currency)


def _payload(entry: Entry):
    kind = entry.type
    hold = entry.details.get("hold", {})
    if kind == model.EARN:
        lot = entry.details.get("lot", {})
        pending = entry.pending_delta
        return (
            "points.earned",
            "points_earned",
            events_pb2.PointsEarned(
                entry_id=entry.entry_id,
                partner_id=entry.partner_id,
                store_id=entry.store_id,
                transaction_id=entry.transaction_id,
                amount=_money(entry),
                points=entry.points,
                qualifying_points=entry.qualifying_points,
                pending_points=pending,
                available_at=timestamp(lot.get("available_at")) if pending else None,
                expires_at=timestamp(lot.get("expires_at")),
                lot_id=lot.get("lot_id", ""),
                purchased_at=timestamp(entry.occurred_at),
                first_purchase=entry.details.get("first_purchase", False),
                balance=_balance(entry),
            ),
        )
    if kind == model.ACTIVATE:
        return (
            "points.activated",
            "points_activated",
            events_pb2.PointsActivated(
                entry_id=entry.entry_id,
                lot_ids=entry.lot_ids,
                points=entry.available_delta,
                balance=_balance(entry),
            ),
        )
    if kind == model.REDEEM:
        return (
            "points.redeemed",
            "points_redeemed",
            events_pb2.PointsRedeemed(
                entry_id=entry.entry_id,
                points=-entry.points,
                purpose=PURPOSES[entry.purpose],
                reference=entry.reference,
                partner_id=entry.partner_id,
                store_id=entry.store_id,
                balance=_balance(entry),
            ),
        )
    if kind == model.REFUND:
        return (
            "points.refunded",
            "points_refunded",
            events_pb2.PointsRefunded(
                entry_id=entry.entry_id,
                redeem_entry_id=entry.related_entry_id,
                points=entry.points,
                reference=entry.reference,
                balance=_balance(entry),
            ),
        )
    if kind == model.REVERSAL:
        return (
            "points.reversed",
            "points_reversed",
            events_pb2.PointsReversed(
                entry_id=entry.entry_id,
                partner_id=entry.partner_id,
                store_id=entry.store_id,
                return_id=entry.reference,
                original_transaction_id=entry.transaction_id,
                purchased_at=timestamp(entry.details.get("purchased_at")),
                returned_amount=_money(entry),
                points_to_reverse=entry.details.get("points_to_reverse", 0),
                reversed_points=-entry.points,
                shortfall_points=entry.shortfall_points,
                qualifying_points=entry.qualifying_points,
                fully_returned=entry.details.get("fully_returned", False),
                balance=_balance(entry),
            ),
        )
    if kind == model.EXPIRE:
        return (
            "points.expired",
            "points_expired",
            events_pb2.PointsExpired(
                entry_id=entry.entry_id,
                points=-entry.points,
                balance=_balance(entry),
                lots=[
                    events_pb2.ExpiredLot(lot_id=lot["lot_id"], points=lot["points"])
                    for lot in entry.details.get("lots", [])
                ],
            ),
        )
    if kind == model.BONUS:
        details = entry.details
        lot = details.get("lot", {})
        return (
            "bonus.awarded",
            "bonus_awarded",
            events_pb2.BonusAwarded(
                entry_id=entry.entry_id,
                trigger=bonus_trigger(details.get("trigger", "")),
                bonus_rule_id=details.get("bonus_rule_id", ""),
                grant_id=details.get("grant_id", ""),
                name=details.get("name", {}),
                points=entry.points,
                qualifying_points=entry.qualifying_points,
                lot_id=lot.get("lot_id", ""),
                expires_at=timestamp(lot.get("expires_at")),
                reference=details.get("reference", ""),
                voucher_code=details.get("voucher_code", ""),
                balance=_balance(entry),
            ),
        )
    if kind == model.ADJUST:
        return (
            "points.adjusted",
            "points_adjusted",
            events_pb2.PointsAdjusted(
                entry_id=entry.entry_id,
                points=entry.points,
                qualifying_points=entry.qualifying_points,
                actor=entry.actor,
                reason=entry.reason,
                balance=_balance(entry),
            ),
        )
    if kind == model.HOLD:
        return (
            "hold.placed",
            "hold_placed",
            events_pb2.HoldPlaced(
                hold_id=entry.hold_id,
                points=entry.held_delta,
                partner_id=entry.partner_id,
                store_id=entry.store_id,
                reference=entry.reference,
                expires_at=timestamp(hold.get("expires_at")),
                balance=_balance(entry),
            ),
        )
    if kind == model.CAPTURE:
        return (
            "hold.captured",
            "hold_captured",
            events_pb2.HoldCaptured(
                hold_id=entry.hold_id,
                entry_id=entry.entry_id,
                captured_points=-entry.points,
                released_points=entry.details.get("released", 0),
                purpose=PURPOSES[entry.purpose],
                partner_id=entry.partner_id,
                store_id=entry.store_id,
                transaction_id=entry.transaction_id,
                balance=_balance(entry),
            ),
        )
    if kind == model.RELEASE:
        return (
            "hold.released",
            "hold_released",
            events_pb2.HoldReleased(
                hold_id=entry.hold_id,
                entry_id=entry.entry_id,
                points=-entry.held_delta,
                partner_id=entry.partner_id,
                reason=entry.reason,
                balance=_balance(entry),
            ),
        )
    if kind == model.HOLD_EXPIRE:
        return (
            "hold.expired",
            "hold_expired",
            events_pb2.HoldExpired(
                hold_id=entry.hold_id,
                entry_id=entry.entry_id,
                points=-entry.held_delta,
                partner_id=entry.partner_id,
                balance=_balance(entry),
            ),
        )
    raise ValueError(f"no event for entry type {kind}")


BONUS_TRIGGERS = {
    "welcome": rules_pb2.BONUS_TRIGGER_WELCOME,
    "first_purchase": rules_pb2.BONUS_TRIGGER_FIRST_PURCHASE,
    "birthday": rules_pb2.BONUS_TRIGGER_BIRTHDAY,
    "referral_referrer": rules_pb2.BONUS_TRIGGER_REFERRAL_REFERRER,
    "referral_referee": rules_pb2.BONUS_TRIGGER_REFERRAL_REFEREE,
    "gift": rules_pb2.BONUS_TRIGGER_GIFT,
}


def bonus_trigger(kept) -> int:
    """The contract's trigger for the name an entry keeps (entries written before names
    were kept hold the contract's number itself)."""
    return kept if isinstance(kept, int) else BONUS_TRIGGERS.get(kept, 0)
