"""Redeeming a reward: the member's limit, one unit of stock, the points and the voucher,
each step idempotent per redemption, so the whole is all or nothing without a transaction.

    start   the redemption document, id derived from member and idempotency key
    count   against the member's per-reward limit        (undone on a later refusal)
    take    one unit of stock, never below zero          (undone on a later refusal)
    spend   the points: a ledger REDEEM keyed by the redemption (replays return it)
    issue   the voucher, id derived from the redemption
    finish  RewardRedeemed queued, state COMPLETED

A refusal at count, take or spend undoes the steps before it and removes the redemption,
so a retry is judged afresh. A crash anywhere leaves it "started": the same request
again, or the recovery sweep a minute later, runs the steps again and each finds its work
done or does it. Cancelling runs the reverse: voucher cancelled (refused once used),
points refunded through the ledger, unit and limit given back, RedemptionCancelled.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta

from common.refusals import Refusal
from services.points.ledger.domain.model import LedgerError, refuse
from services.points.rewards.domain import model
from services.points.rewards.domain.model import Reward, Viewer
from services.points.rewards.events import CatalogueEvents
from services.points.rewards.service.catalogue import Catalogue, view
from services.points.rewards.service.vouchers import Vouchers
from services.points.rewards.store import RewardStore

STALLED_AFTER = timedelta(minutes=1)
BLOCKER_REASONS = {
    "not_visible": "REWARD_NOT_VISIBLE",
    "member_blocked": "MEMBER_BLOCKED",
    "not_available": "REWARD_NOT_AVAILABLE",
    "out_of_stock": "OUT_OF_STOCK",
    "member_limit_reached": "MEMBER_LIMIT_REACHED",
    "insufficient_points": "INSUFFICIENT_POINTS",
}


@dataclasses.dataclass(frozen=True)
class RedeemRequest:
    member_id: str
    reward_id: str
    idempotency_key: str
    points: int = 0  # POINTS_AS_PAYMENT only
    partner_id: str = ""
    store_id: str = ""
    transaction_id: str = ""


class Redemptions:
    def __init__(
        self,
        store: RewardStore,
        catalogue: Catalogue,
        vouchers: Vouchers,
        ledger,
        viewer: Callable[[str], tuple[Viewer, dict[str, int]]],
        events: CatalogueEvents,
        clock: Callable[[], datetime],
    ) -> None:
        self.store = store
        self.catalogue = catalogue
        self.vouchers = vouchers
        self.ledger = ledger
        self.viewer = viewer
        self.events = events
        self.clock = clock

    def redeem(self, request: RedeemRequest) -> tuple[dict, bool]:
        """(the completed redemption, replayed)."""
        redemption_id = _derived("r", request.member_id, request.idempotency_key)
        existing = self.store.redemption(redemption_id)
        if existing is not None:
            return self._replay(existing, request), True
        reward = self.catalogue.get(request.reward_id)
        self._check(reward, request)
        doc = self._started(redemption_id, reward, request)
        if not self.store.start_redemption(doc):  # a twin request started it first
            return self._replay(self.store.redemption(redemption_id), request), True
        return self._complete(doc, reward), False

    def cancel(self, redemption_id: str, key: str, actor: str, reason: str) -> tuple[dict, bool]:
        redemption = self.get(redemption_id)
        cancel_key = _derived("c", redemption_id, key)
        if redemption["state"] == model.CANCELLED:
            if redemption.get("cancel_key") != cancel_key:
                raise refuse("REDEMPTION_ALREADY_CANCELLED", "the redemption was cancelled")
            return redemption, True
        if redemption["state"] == model.STARTED:
            redemption = self._complete(redemption, self.catalogue.get(redemption["reward_id"]))
        voucher_code = ""
        if redemption.get("voucher_id"):
            voucher_code = self.vouchers.cancel(redemption["voucher_id"])["code"]
        outcome = self.ledger.spending.refund(
            redemption["member_id"], redemption["entry_id"], actor, reason, f"cancel:{cancel_key}"
        )
        self._release(redemption)
        now = self.clock()
        cancelled = self.store.update_redemption(
            redemption_id,
            {"state": model.COMPLETED},
            {
                "state": model.CANCELLED,
                "cancelled_at": now,
                "updated_at": now,
                "cancel_key": cancel_key,
                "cancelled_by": actor,
                "cancel_reason": reason,
            },
        ) or self.get(redemption_id)
        balance = outcome.balance or self.ledger.accounts.balance(redemption["member_id"])
        self.events.redemption_cancelled(cancelled, voucher_code, balance)
        return cancelled, False

    def get(self, redemption_id: str) -> dict:
        found = self.store.redemption(redemption_id)
        if found is None:
            raise Refusal(
                "not_found", "REDEMPTION_NOT_FOUND", "no such redemption", "redemption_id"
            )
        return found

    def recover(self) -> int:
        """Finishes (or undoes) redemptions a crash left started."""
        stalled = self.store.stalled_redemptions(self.clock() - STALLED_AFTER)
        for redemption in stalled:
            with contextlib.suppress(Refusal):  # refused now: _complete undid it
                self._complete(redemption, self.catalogue.get(redemption["reward_id"]))
        return len(stalled)

    def _check(self, reward: Reward, request: RedeemRequest) -> None:
        if reward.type == model.PAYMENT and (
            problem := model.payment_problem(reward, request.points)
        ):
            raise Refusal("invalid", "BAD_POINTS", problem, "points")
        viewer, ranks = self.viewer(request.member_id)
        counted = self.store.counted_for_member(request.member_id).get(reward.reward_id, 0)
        seen = view(reward, viewer, ranks, counted, self.clock())
        short = model.price(reward, request.points) - viewer.available_points
        blocker = seen.blocker if seen.blocker != "insufficient_points" else ""
        if not blocker and short > 0:
            blocker = "insufficient_points"
        if blocker:
            raise refuse(
                BLOCKER_REASONS[blocker],
                f"cannot redeem: {blocker.replace('_', ' ')}",
                reward_id=reward.reward_id,
            )

    def _started(self, redemption_id: str, reward: Reward, request: RedeemRequest) -> dict:
        points = model.price(reward, request.points)
        now = self.clock()
        return {
            "_id": redemption_id,
            "member_id": request.member_id,
            "reward_id": reward.reward_id,
            "reward_type": reward.type,
            "reward_name": reward.name,
            "points_spent": points,
            "value_minor": model.payment_value(reward, points)
            if reward.type == model.PAYMENT
            else 0,
            "currency": reward.currency,
            "fingerprint": _derived("f", *map(str, dataclasses.astuple(request))),
            "partner_id": request.partner_id,
            "store_id": request.store_id,
            "transaction_id": request.transaction_id,
            "state": model.STARTED,
            "entry_id": "",
            "voucher_id": "",
            "created_at": now,
            "updated_at": now,
        }

    def _complete(self, doc: dict, reward: Reward) -> dict:
        """Runs every step; each finds its work done or does it."""
        holder = doc["_id"]
        try:
            if reward.per_member_limit and not self.store.count_for_member(
                doc["member_id"], reward.reward_id, holder, reward.per_member_limit
            ):
                raise refuse("MEMBER_LIMIT_REACHED", "the member reached this reward's limit")
            if not reward.unlimited_stock and not self.store.take_unit(reward.reward_id, holder):
                raise refuse("OUT_OF_STOCK", "no stock left", reward_id=reward.reward_id)
            spent = self.ledger.spending.redeem(
                doc["member_id"],
                doc["points_spent"],
                "reward",
                holder,
                doc["partner_id"],
                doc["store_id"],
                f"redemption:{holder}",
            )
        except LedgerError:
            self._release(doc)
            self.store.drop_redemption(holder)
            raise
        self.store.bump_catalogue()
        voucher = None
        if reward.carries_voucher():
            voucher = self.vouchers.issue(
                f"v{holder[1:]}",
                doc["member_id"],
                reward,
                "redemption",
                actor=f"member:{doc['member_id']}",
                redemption_id=holder,
            )
        now = self.clock()
        finished = self.store.update_redemption(
            holder,
            {"state": model.STARTED},
            {
                "state": model.COMPLETED,
                "entry_id": spent.entry.entry_id,
                "voucher_id": voucher["_id"] if voucher else "",
                "updated_at": now,
            },
        ) or self.get(holder)
        balance = spent.balance or self.ledger.accounts.balance(doc["member_id"])
        self.events.reward_redeemed(finished, voucher, balance)
        return finished

    def _release(self, doc: dict) -> None:
        """Gives back the unit and the limit count a redemption holds (if it holds them)."""
        self.store.give_back_unit(doc["reward_id"], doc["_id"])
        self.store.uncount_for_member(doc["member_id"], doc["reward_id"], doc["_id"])
        self.store.bump_catalogue()

    def _replay(self, existing: dict, request: RedeemRequest) -> dict:
        fingerprint = _derived("f", *map(str, dataclasses.astuple(request)))
        if existing["fingerprint"] != fingerprint:
            raise Refusal(
                "exists",
                "IDEMPOTENCY_KEY_REUSED",
                "this idempotency key was used for another redemption",
                "idempotency_key",
            )
        if existing["state"] == model.STARTED:
            return self._complete(existing, self.catalogue.get(existing["reward_id"]))
        return existing


def _derived(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:23]
