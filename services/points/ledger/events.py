"""The event each ledger entry announces (loyalty.events.v1), built with the entry.

The envelope's event id is the entry id, so a relay that publishes twice after a crash
publishes the same event, which consumers drop by id.

`ENTRY_EVENTS` says, for each entry type, which event it announces: the fields the event
copies from the entry under the same name, and the ones it works out (`_earned`, ...).
Every event also carries the balance after the entry.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

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


@dataclasses.dataclass(frozen=True)
class EntryEvent:
    """The event an entry type announces."""

    event_type: str  # "points.earned"; the envelope's payload field is "points_earned"
    message: type
    copied: tuple[str, ...]  # taken from the entry as they are
    worked_out: Callable[[Entry], dict[str, Any]] = lambda entry: {}

    @property
    def payload_field(self) -> str:
        return self.event_type.replace(".", "_")

    def payload(self, entry: Entry):
        fields = {name: getattr(entry, name) for name in self.copied}
        return self.message(**fields, **self.worked_out(entry), balance=_balance(entry))


def encode(member_id: str, entry: Entry, request_id: str) -> bytes:
    event = ENTRY_EVENTS.get(entry.type)
    if event is None:
        raise ValueError(f"no event for entry type {entry.type}")
    return bus.envelope(
        event.event_type,
        "points",
        member_id,
        request_id,
        occurred_at=entry.created_at,
        event_id=entry.entry_id,
        **{event.payload_field: event.payload(entry)},
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


def _earned(entry: Entry) -> dict[str, Any]:
    lot = entry.details.get("lot", {})
    pending = entry.pending_delta
    return {
        "amount": _money(entry),
        "pending_points": pending,
        "available_at": timestamp(lot.get("available_at")) if pending else None,
        "expires_at": timestamp(lot.get("expires_at")),
        "lot_id": lot.get("lot_id", ""),
        "purchased_at": timestamp(entry.occurred_at),
        "first_purchase": entry.details.get("first_purchase", False),
    }


def _reversed(entry: Entry) -> dict[str, Any]:
    return {
        "return_id": entry.reference,
        "original_transaction_id": entry.transaction_id,
        "purchased_at": timestamp(entry.details.get("purchased_at")),
        "returned_amount": _money(entry),
        "points_to_reverse": entry.details.get("points_to_reverse", 0),
        "reversed_points": -entry.points,
        "fully_returned": entry.details.get("fully_returned", False),
    }


def _expired(entry: Entry) -> dict[str, Any]:
    lots = entry.details.get("lots", [])
    return {
        "points": -entry.points,
        "lots": [events_pb2.ExpiredLot(lot_id=lot["lot_id"], points=lot["points"]) for lot in lots],
    }


def _bonus(entry: Entry) -> dict[str, Any]:
    details = entry.details
    lot = details.get("lot", {})
    return {
        "trigger": bonus_trigger(details.get("trigger", "")),
        "bonus_rule_id": details.get("bonus_rule_id", ""),
        "grant_id": details.get("grant_id", ""),
        "name": details.get("name", {}),
        "lot_id": lot.get("lot_id", ""),
        "expires_at": timestamp(lot.get("expires_at")),
        "reference": details.get("reference", ""),
        "voucher_code": details.get("voucher_code", ""),
    }


def _captured(entry: Entry) -> dict[str, Any]:
    return {
        "captured_points": -entry.points,
        "released_points": entry.details.get("released", 0),
        "purpose": PURPOSES[entry.purpose],
    }


def _hold_placed(entry: Entry) -> dict[str, Any]:
    hold = entry.details.get("hold", {})
    return {"points": entry.held_delta, "expires_at": timestamp(hold.get("expires_at"))}


def _hold_ended(entry: Entry) -> dict[str, Any]:
    return {"points": -entry.held_delta}


ENTRY_EVENTS = {
    model.EARN: EntryEvent(
        "points.earned",
        events_pb2.PointsEarned,
        copied=(
            "entry_id",
            "partner_id",
            "store_id",
            "transaction_id",
            "points",
            "qualifying_points",
        ),
        worked_out=_earned,
    ),
    model.ACTIVATE: EntryEvent(
        "points.activated",
        events_pb2.PointsActivated,
        copied=("entry_id", "lot_ids"),
        worked_out=lambda entry: {"points": entry.available_delta},
    ),
    model.REDEEM: EntryEvent(
        "points.redeemed",
        events_pb2.PointsRedeemed,
        copied=("entry_id", "reference", "partner_id", "store_id"),
        worked_out=lambda entry: {"points": -entry.points, "purpose": PURPOSES[entry.purpose]},
    ),
    model.REFUND: EntryEvent(
        "points.refunded",
        events_pb2.PointsRefunded,
        copied=("entry_id", "points", "reference"),
        worked_out=lambda entry: {"redeem_entry_id": entry.related_entry_id},
    ),
    model.REVERSAL: EntryEvent(
        "points.reversed",
        events_pb2.PointsReversed,
        copied=("entry_id", "partner_id", "store_id", "shortfall_points", "qualifying_points"),
        worked_out=_reversed,
    ),
    model.EXPIRE: EntryEvent(
        "points.expired", events_pb2.PointsExpired, copied=("entry_id",), worked_out=_expired
    ),
    model.BONUS: EntryEvent(
        "bonus.awarded",
        events_pb2.BonusAwarded,
        copied=("entry_id", "points", "qualifying_points"),
        worked_out=_bonus,
    ),
    model.ADJUST: EntryEvent(
        "points.adjusted",
        events_pb2.PointsAdjusted,
        copied=("entry_id", "points", "qualifying_points", "actor", "reason"),
    ),
    model.HOLD: EntryEvent(
        "hold.placed",
        events_pb2.HoldPlaced,
        copied=("hold_id", "partner_id", "store_id", "reference"),
        worked_out=_hold_placed,
    ),
    model.CAPTURE: EntryEvent(
        "hold.captured",
        events_pb2.HoldCaptured,
        copied=("hold_id", "entry_id", "partner_id", "store_id", "transaction_id"),
        worked_out=_captured,
    ),
    model.RELEASE: EntryEvent(
        "hold.released",
        events_pb2.HoldReleased,
        copied=("hold_id", "entry_id", "partner_id", "reason"),
        worked_out=_hold_ended,
    ),
    model.HOLD_EXPIRE: EntryEvent(
        "hold.expired",
        events_pb2.HoldExpired,
        copied=("hold_id", "entry_id", "partner_id"),
        worked_out=_hold_ended,
    ),
}


BONUS_TRIGGERS = {
    "welcome": rules_pb2.BONUS_TRIGGER_WELCOME,
    "first_purchase": rules_pb2.BONUS_TRIGGER_FIRST_PURCHASE,
    "birthday": rules_pb2.BONUS_TRIGGER_BIRTHDAY,
    "referral_referrer": rules_pb2.BONUS_TRIGGER_REFERRAL_REFERRER,
    "referral_referee": rules_pb2.BONUS_TRIGGER_REFERRAL_REFEREE,
    "gift": rules_pb2.BONUS_TRIGGER_GIFT,
    "custom_event": rules_pb2.BONUS_TRIGGER_CUSTOM_EVENT,
}


def bonus_trigger(kept) -> int:
    """The contract's trigger for the name an entry keeps (entries written before names
    were kept hold the contract's number itself)."""
    return kept if isinstance(kept, int) else BONUS_TRIGGERS.get(kept, 0)
