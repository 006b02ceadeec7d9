"""The public events: the services' internal events (proto/loyalty/events/v1) encoded as
the JSON a subscriber receives, under the names and schemas of domain/catalogue.py.

The envelope's event id is the public `id`, so every attempt and every replay of an event
carries the same id (receivers dedupe on it). Enum values are spelled as lower-case words
without their prefix (REDEEM_PURPOSE_PAYMENT is "payment"); unset times are null.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime

from loyalty.events.v1 import events_pb2
from services.notifications.webhooks.domain.catalogue import BY_INTERNAL
from services.notifications.webhooks.domain.delivery import PublicEvent


def public_event(envelope: events_pb2.Envelope) -> PublicEvent | None:
    """The public event an internal one becomes; None when the catalogue has none for it."""
    kind = envelope.WhichOneof("payload")
    event_type = BY_INTERNAL.get(envelope.type)
    encode = DATA.get(kind or "")
    if event_type is None or encode is None:
        return None
    occurred_at = envelope.occurred_at.ToDatetime(UTC)
    body = {
        "id": envelope.event_id,
        "type": event_type.name,
        "occurred_at": _iso(occurred_at),
        "member_id": envelope.member_id,
        "data": encode(getattr(envelope, kind)),
    }
    payload = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return PublicEvent(envelope.event_id, event_type.name, envelope.member_id, occurred_at, payload)


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _time(message, field: str) -> str | None:
    return _iso(getattr(message, field).ToDatetime(UTC)) if message.HasField(field) else None


def _word(message, field: str) -> str:
    """An enum field's value as a word: TIER_CHANGE_REASON_MANUAL -> "manual"."""
    enum_type = message.DESCRIPTOR.fields_by_name[field].enum_type
    value = enum_type.values_by_number.get(getattr(message, field))
    if value is None or value.number == 0:
        return ""
    prefix = re.sub(r"(?<!^)(?=[A-Z])", "_", enum_type.name).upper() + "_"
    return value.name.removeprefix(prefix).lower()


def _money(message, field: str) -> dict | None:
    if not message.HasField(field):
        return None
    money = getattr(message, field)
    return {"amount_minor": money.amount_minor, "currency": money.currency}


def _balance(message) -> dict:
    balance = message.balance
    return {
        "available": balance.available,
        "pending": balance.pending,
        "held": balance.held,
        "account_version": balance.account_version,
    }


def _member_enrolled(event: events_pb2.MemberEnrolled) -> dict:
    return {
        "member_number": event.member_number,
        "tier_code": event.tier_code,
        "enrolment_channel": event.enrolment_channel,
        "partner_id": event.partner_id,
        "store_id": event.store_id,
        "referred_by": event.referred_by,
        "enrolled_at": _time(event, "enrolled_at"),
        "member_version": event.member_version,
    }


def _member_updated(event: events_pb2.MemberUpdated) -> dict:
    return {"changed_fields": list(event.changed_fields), "member_version": event.member_version}


def _member_erased(event: events_pb2.MemberErased) -> dict:
    return {"erased_at": _time(event, "erased_at"), "member_version": event.member_version}


def _tier_changed(event: events_pb2.TierChanged) -> dict:
    return {
        "from_tier": event.from_tier.code if event.HasField("from_tier") else "",
        "to_tier": event.to_tier.code,
        "upgrade": event.upgrade,
        "reason": _word(event, "reason"),
        "qualifying_value": event.qualifying_value,
        "tier_change_id": event.tier_change_id,
        "effective_at": _time(event, "effective_at"),
    }


def _points_earned(event: events_pb2.PointsEarned) -> dict:
    return {
        "entry_id": event.entry_id,
        "partner_id": event.partner_id,
        "store_id": event.store_id,
        "transaction_id": event.transaction_id,
        "amount": _money(event, "amount"),
        "points": event.points,
        "pending_points": event.pending_points,
        "available_at": _time(event, "available_at"),
        "expires_at": _time(event, "expires_at"),
        "purchased_at": _time(event, "purchased_at"),
        "balance": _balance(event),
    }


def _points_reversed(event: events_pb2.PointsReversed) -> dict:
    return {
        "entry_id": event.entry_id,
        "partner_id": event.partner_id,
        "store_id": event.store_id,
        "return_id": event.return_id,
        "original_transaction_id": event.original_transaction_id,
        "returned_amount": _money(event, "returned_amount"),
        "points_to_reverse": event.points_to_reverse,
        "reversed_points": event.reversed_points,
        "shortfall_points": event.shortfall_points,
        "fully_returned": event.fully_returned,
        "balance": _balance(event),
    }


def _points_expired(event: events_pb2.PointsExpired) -> dict:
    return {
        "entry_id": event.entry_id,
        "points": event.points,
        "lots": [
            {"lot_id": lot.lot_id, "points": lot.points, "expires_at": _time(lot, "expires_at")}
            for lot in event.lots
        ],
        "balance": _balance(event),
    }


def _points_redeemed(event: events_pb2.PointsRedeemed) -> dict:
    return {
        "entry_id": event.entry_id,
        "points": event.points,
        "purpose": _word(event, "purpose"),
        "reference": event.reference,
        "partner_id": event.partner_id,
        "store_id": event.store_id,
        "balance": _balance(event),
    }


def _voucher_issued(event: events_pb2.VoucherIssued) -> dict:
    return {
        "voucher_id": event.voucher_id,
        "reason": _word(event, "issue_reason"),
        "reward_id": event.reward_id,
        "reward_name": dict(event.reward_name),
        "percent_off_bp": event.percent_off_bp,
        "fixed_value": _money(event, "fixed_value"),
        "expires_at": _time(event, "expires_at"),
    }


def _voucher_used(event: events_pb2.VoucherUsed) -> dict:
    return {
        "voucher_id": event.voucher_id,
        "redemption_id": event.redemption_id,
        "partner_id": event.partner_id,
        "store_id": event.store_id,
        "transaction_id": event.transaction_id,
        "used_at": _time(event, "used_at"),
    }


def _reward_redeemed(event: events_pb2.RewardRedeemed) -> dict:
    return {
        "redemption_id": event.redemption_id,
        "reward_id": event.reward_id,
        "reward_name": dict(event.reward_name),
        "reward_type": _word(event, "reward_type"),
        "points_spent": event.points_spent,
        "entry_id": event.entry_id,
        "voucher_expires_at": _time(event, "voucher_expires_at"),
        "value": _money(event, "value"),
        "balance": _balance(event),
    }


def _message_delivered(event: events_pb2.MessageDelivered) -> dict:
    return {**_delivery(event), "sent_at": _time(event, "sent_at")}


def _message_failed(event: events_pb2.MessageFailed) -> dict:
    return {**_delivery(event), "reason": event.reason, "failed_at": _time(event, "failed_at")}


def _delivery(event) -> dict:
    """What message.delivered and message.failed both say of the delivery."""
    return {
        "message_id": event.message_id,
        "delivery_id": event.delivery_id,
        "channel": _word(event, "channel"),
        "message_type": _word(event, "message_type"),
        "category": _word(event, "category"),
        "attempts": event.attempts,
    }


# The envelope's payload field -> its `data`.
DATA: dict[str, Callable[..., dict]] = {
    "member_enrolled": _member_enrolled,
    "member_updated": _member_updated,
    "member_erased": _member_erased,
    "tier_changed": _tier_changed,
    "points_earned": _points_earned,
    "points_reversed": _points_reversed,
    "points_expired": _points_expired,
    "points_redeemed": _points_redeemed,
    "voucher_issued": _voucher_issued,
    "voucher_used": _voucher_used,
    "reward_redeemed": _reward_redeemed,
    "message_delivered": _message_delivered,
    "message_failed": _message_failed,
}
