"""Vouchers issued without spending points: by the CRM team (IssueVoucher), by bonus
rules and by gifts. Each issue is idempotent per member and key: the voucher's id derives
from them, and a limited reward's unit is held under that id."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from datetime import datetime

from common.refusals import Refusal
from services.points.ledger.domain.model import refuse
from services.points.rewards.service.catalogue import Catalogue
from services.points.rewards.service.vouchers import Vouchers
from services.points.rewards.store import RewardStore


@dataclasses.dataclass(frozen=True)
class Issue:
    member_id: str
    reward_id: str
    reason: str  # birthday, compensation, gift or bonus
    key: str
    actor: str
    note: str = ""
    expires_at: datetime | None = None
    complaint_reference: str = ""


class Issuer:
    def __init__(
        self, store: RewardStore, catalogue: Catalogue, vouchers: Vouchers, viewer: Callable
    ) -> None:
        self.store = store
        self.catalogue = catalogue
        self.vouchers = vouchers
        self.viewer = viewer

    def issue(self, issue: Issue) -> tuple[dict, bool]:
        """(the voucher, replayed)."""
        voucher_id = "i" + _digest(issue.member_id, issue.key)[:23]
        fingerprint = _digest(*map(str, dataclasses.astuple(issue)))
        existing = self.store.voucher(voucher_id)
        if existing is not None:
            if existing.get("fingerprint") != fingerprint:
                raise Refusal(
                    "exists",
                    "IDEMPOTENCY_KEY_REUSED",
                    "this idempotency key issued another voucher",
                    "idempotency_key",
                )
            return existing, True
        reward = self.catalogue.get(issue.reward_id)
        if not reward.carries_voucher():
            raise Refusal(
                "invalid",
                "NOT_A_VOUCHER",
                "points-as-payment rewards issue no voucher",
                "reward_id",
            )
        viewer, _ranks = self.viewer(issue.member_id)
        if viewer.erased or viewer.blocked:
            reason = "MEMBER_ERASED" if viewer.erased else "MEMBER_BLOCKED"
            raise refuse(reason, f"the member is {reason.split('_')[1].lower()}")
        if not reward.unlimited_stock:
            if not self.store.take_unit(reward.reward_id, voucher_id):
                raise refuse("OUT_OF_STOCK", "no stock left", reward_id=reward.reward_id)
            self.store.bump_catalogue()
        voucher = self.vouchers.issue(
            voucher_id,
            issue.member_id,
            reward,
            issue.reason,
            actor=issue.actor,
            expires_at=issue.expires_at,
            note=issue.note,
            complaint_reference=issue.complaint_reference,
            fingerprint=fingerprint,
        )
        return voucher, False


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
