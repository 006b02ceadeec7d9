"""The catalogue's events (loyalty.events.v1), queued in the shared event outbox with ids
derived from what they announce, so a step run twice queues one event."""

from __future__ import annotations

import hashlib
from datetime import datetime

from common import events as bus
from common.outbox import queue_events
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.points.v1 import rewards_pb2
from services.points.ledger.events import bonus_trigger
from services.points.rewards.store import RewardStore

TYPES = {
    "percentage_voucher": rewards_pb2.REWARD_TYPE_PERCENTAGE_VOUCHER,
    "fixed_voucher": rewards_pb2.REWARD_TYPE_FIXED_VOUCHER,
    "free_item": rewards_pb2.REWARD_TYPE_FREE_ITEM,
    "gift": rewards_pb2.REWARD_TYPE_GIFT,
    "event_ticket": rewards_pb2.REWARD_TYPE_EVENT_TICKET,
    "points_as_payment": rewards_pb2.REWARD_TYPE_POINTS_AS_PAYMENT,
}
REASONS = {
    "redemption": rewards_pb2.VOUCHER_REASON_REDEMPTION,
    "birthday": rewards_pb2.VOUCHER_REASON_BIRTHDAY,
    "compensation": rewards_pb2.VOUCHER_REASON_COMPENSATION,
    "gift": rewards_pb2.VOUCHER_REASON_GIFT,
    "bonus": rewards_pb2.VOUCHER_REASON_BONUS,
    "import": rewards_pb2.VOUCHER_REASON_IMPORT,
    "batch": rewards_pb2.VOUCHER_REASON_BATCH,
}


class CatalogueEvents:
    def __init__(self, store: RewardStore, on_queued=lambda: None) -> None:
        self.store = store
        self.on_queued = on_queued

    def reward_redeemed(self, redemption: dict, voucher: dict | None, balance: dict) -> None:
        self._queue(
            "reward.redeemed",
            "redeemed",
            redemption,
            events_pb2.RewardRedeemed(
                **_copied(redemption, "reward_id", "reward_name", "points_spent", "entry_id"),
                redemption_id=redemption["_id"],
                reward_type=TYPES[redemption["reward_type"]],
                voucher_code=voucher["code"] if voucher else "",
                voucher_expires_at=bus.timestamp(voucher["expires_at"]) if voucher else None,
                value=_money(redemption.get("value_minor", 0), redemption["currency"]),
                balance=_balance(balance),
            ),
        )

    def voucher_issued(self, voucher: dict) -> None:
        self._queue(
            "voucher.issued",
            "issued",
            voucher,
            events_pb2.VoucherIssued(
                **_copied(voucher, "reward_id", "reward_name", "percent_off_bp"),
                **_voucher_named(voucher),
                complaint_reference=voucher["complaint_reference"],
                issue_reason=REASONS[voucher["issue_reason"]],
                reward_type=TYPES[voucher["type"]],
                fixed_value=_money(voucher["fixed_value_minor"], voucher["currency"]),
                expires_at=bus.timestamp(voucher["expires_at"]),
                actor=voucher["issued_by"],
            ),
        )

    def voucher_used(self, voucher: dict) -> None:
        self._queue(
            "voucher.used",
            "used",
            voucher,
            events_pb2.VoucherUsed(
                **_voucher_named(voucher),
                redemption_id=voucher["redemption_id"],
                partner_id=voucher["used_partner_id"],
                store_id=voucher["used_store_id"],
                transaction_id=voucher["used_transaction_id"],
                used_at=bus.timestamp(voucher["used_at"]),
            ),
        )

    def redemption_cancelled(self, redemption: dict, voucher_code: str, balance: dict) -> None:
        self._queue(
            "redemption.cancelled",
            "cancelled",
            redemption,
            events_pb2.RedemptionCancelled(
                redemption_id=redemption["_id"],
                reward_id=redemption["reward_id"],
                voucher_code=voucher_code,
                points_refunded=redemption["points_spent"],
                actor=redemption.get("cancelled_by", ""),
                reason=redemption.get("cancel_reason", ""),
                balance=_balance(balance),
            ),
        )

    def bonus_awarded(self, member_id: str, details: dict, at: datetime, key: str) -> None:
        """A bonus that gave a voucher and no points (no ledger entry announces it)."""
        self._queue_event(
            "bonus.awarded",
            "bonus-" + hashlib.sha256(key.encode()).hexdigest()[:24],
            {"member_id": member_id, "created_at": at},
            events_pb2.BonusAwarded(
                **_copied(details, "name", "reference", "voucher_code"),
                trigger=bonus_trigger(details["trigger"]),
                bonus_rule_id=details.get("bonus_rule_id", ""),
                grant_id=details.get("grant_id", ""),
            ),
        )

    def _queue(self, event_type: str, step: str, subject: dict, payload) -> None:
        """Queues the event a step ("redeemed", "issued", ...) of a redemption or a voucher
        announces, with an id of the step and the subject's id."""
        self._queue_event(event_type, f"{step}-{subject['_id']}", subject, payload)

    def _queue_event(self, event_type: str, event_id: str, subject: dict, payload) -> None:
        when: datetime = subject.get("updated_at") or subject.get("created_at")
        event = bus.envelope(
            event_type,
            "points",
            subject["member_id"],
            f"catalogue:{event_id}",
            occurred_at=when,
            event_id=event_id,
            **{event_type.replace(".", "_"): payload},
        )
        queue_events(self.store.event_outbox, [(event_id, event.SerializeToString(), when)])
        self.on_queued()


def _copied(doc: dict, *names: str) -> dict:
    """The fields an event takes from a document under the same names."""
    return {name: doc[name] for name in names}


def _voucher_named(voucher: dict) -> dict:
    return {"voucher_id": voucher["_id"], "voucher_code": voucher["code"]}


def _balance(balance: dict) -> events_pb2.BalanceAfter:
    return events_pb2.BalanceAfter(
        available=balance["available"],
        pending=balance["pending"],
        held=balance["held"],
        account_version=balance["version"],
    )


def _money(amount_minor: int, currency: str) -> common_pb2.Money | None:
    return common_pb2.Money(amount_minor=amount_minor, currency=currency) if amount_minor else None
