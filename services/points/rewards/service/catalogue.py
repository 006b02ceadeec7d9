"""The reward catalogue: the CRM team's rewards, and the catalogue as one member sees it.

What a member sees is computed from a snapshot of the active rewards that each process
keeps under the catalogue's version; every change members can see (a reward saved, stock
taken or given back) bumps the version after it is stored, and every listing reads the
version first, so a listing never shows a catalogue older than the last change.
"""

from __future__ import annotations

import dataclasses
import threading
import uuid
from collections.abc import Callable
from datetime import datetime

from common.refusals import Refusal
from common.request_records import same_request
from services.points.ledger.domain.model import refuse
from services.points.rewards.domain import model
from services.points.rewards.domain.model import PaymentRate, Reward, Viewer, Visibility
from services.points.rewards.store import RewardStore


@dataclasses.dataclass(frozen=True)
class MemberReward:
    reward: Reward
    visible: bool
    affordable: bool
    points_short: int
    blocker: str  # "" when redeemable
    remaining_for_member: int  # -1 = unlimited


class Catalogue:
    def __init__(self, store: RewardStore, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.clock = clock
        self._snapshot: tuple[int, list[Reward]] = (-1, [])
        self._lock = threading.Lock()

    # The CRM team's side

    def create(self, reward: Reward, key: str, fingerprint: str, actor: str, dry: bool):
        """(the reward, replayed)."""
        previous = self.store.requests.get(f"create-reward:{key}")
        if previous:
            return self.get(same_request(previous, fingerprint)), True
        now = self.clock()
        stored = dataclasses.replace(
            reward,
            reward_id=reward.reward_id or uuid.uuid4().hex[:16],
            stock_remaining=reward.stock_total,
            version=1,
            created_at=now,
            updated_at=now,
            updated_by=actor,
        )
        if dry:
            return stored, False
        record = self.store.requests.remember(f"create-reward:{key}", fingerprint, stored.reward_id)
        if record["result_id"] != stored.reward_id:  # a twin request stored first
            return self.get(same_request(record, fingerprint)), True
        self.store.insert_reward(reward_doc(stored))
        self.store.bump_catalogue()
        return stored, False

    def update(self, reward: Reward, expected_version: int, actor: str, dry: bool) -> Reward:
        current = self.get(reward.reward_id)
        if current.version != expected_version:
            raise Refusal(
                "aborted",
                "VERSION_MISMATCH",
                f"the reward is at version {current.version}",
                "expected_version",
            )
        content = reward_doc(reward)
        for kept in ("_id", "stock_total", "stock_remaining", "version", "created_at"):
            content.pop(kept)
        content.update(updated_at=self.clock(), updated_by=actor)
        if dry:
            return reward_from({**reward_doc(current), **content})
        stored = self.store.replace_reward(reward.reward_id, expected_version, content)
        if stored is None:
            raise Refusal(
                "aborted", "VERSION_MISMATCH", "the reward changed meanwhile", "expected_version"
            )
        self.store.bump_catalogue()
        return reward_from(stored)

    def archive(self, reward_id: str, actor: str) -> Reward:
        current = self.get(reward_id)
        if current.status == model.ARCHIVED:
            return current
        archived = dataclasses.replace(current, status=model.ARCHIVED)
        return self.update(archived, current.version, actor, dry=False)

    def adjust_stock(self, reward_id: str, delta: int, key: str, fingerprint: str):
        """(the reward, replayed); STOCK_NEGATIVE when removing more than is left."""
        previous = self.store.requests.get(f"stock:{key}")
        if previous:
            return self.get(same_request(previous, fingerprint)), True
        reward = self.get(reward_id)
        if reward.unlimited_stock:
            raise Refusal(
                "invalid", "UNLIMITED_STOCK", "this reward's stock is unlimited", "reward_id"
            )
        record = self.store.requests.remember(f"stock:{key}", fingerprint, reward_id)
        same_request(record, fingerprint)
        adjusted = self.store.adjust_stock(reward_id, delta)
        if adjusted is None:
            self.store.requests.forget(f"stock:{key}")
            raise refuse(
                "STOCK_NEGATIVE",
                f"only {reward.stock_remaining} units are left",
                stock_remaining=reward.stock_remaining,
            )
        self.store.bump_catalogue()
        return reward_from(adjusted), False

    def get(self, reward_id: str) -> Reward:
        doc = self.store.reward(reward_id)
        if doc is None:
            raise Refusal("not_found", "REWARD_NOT_FOUND", "no such reward", "reward_id")
        return reward_from(doc)

    def find(self, reward_id: str) -> Reward | None:
        """The reward, or None when there is none of this id."""
        doc = self.store.reward(reward_id)
        return reward_from(doc) if doc else None

    def listing(self, statuses: list[str], types: list[str], skip: int, limit: int):
        query = {}
        if statuses:
            query["status"] = {"$in": statuses}
        if types:
            query["type"] = {"$in": types}
        return [reward_from(doc) for doc in self.store.listing(query, skip, limit)]

    # The member's side

    def active(self) -> list[Reward]:
        """The active rewards, from the snapshot if the catalogue has not changed since."""
        version = self.store.catalogue_version()
        with self._lock:
            if self._snapshot[0] == version:
                return self._snapshot[1]
        rewards = [reward_from(d) for d in self.store.listing({"status": model.ACTIVE}, 0, 0)]
        with self._lock:
            self._snapshot = (version, rewards)
        return rewards

    def for_member(self, viewer: Viewer, tier_ranks: dict[str, int]) -> list[MemberReward]:
        """Every active reward members redeem, as this member sees it (not yet available
        ones too; issue-only vouchers never)."""
        now = self.clock()
        counted = self.store.counted_for_member(viewer.member_id)
        return [
            view(reward, viewer, tier_ranks, counted.get(reward.reward_id, 0), now)
            for reward in self.active()
            if not reward.issue_only()
            and (reward.available_until is None or now < reward.available_until)
        ]


def view(reward: Reward, viewer: Viewer, ranks: dict[str, int], counted: int, now) -> MemberReward:
    visible = model.visible_to(reward, viewer, ranks)
    cost = model.price(reward)
    short = max(0, cost - viewer.available_points)
    left = reward.per_member_limit - counted if reward.per_member_limit else -1
    blockers = [
        ("not_visible", not visible),
        ("member_blocked", viewer.blocked),
        ("not_available", reward.issue_only() or not reward.available_at(now)),
        ("out_of_stock", not reward.in_stock()),
        ("member_limit_reached", left == 0),
        ("insufficient_points", short > 0),
    ]
    blocker = next((name for name, applies in blockers if applies), "")
    return MemberReward(reward, visible, short == 0, short, blocker, max(left, -1))


def reward_doc(reward: Reward) -> dict:
    doc = dataclasses.asdict(reward)
    doc["_id"] = doc.pop("reward_id")
    doc["partner_ids"] = list(reward.partner_ids)
    doc["visibility"] = {
        **doc["visibility"],
        "tier_codes": list(reward.visibility.tier_codes),
        "segment_ids": list(reward.visibility.segment_ids),
    }
    return doc


def reward_from(doc: dict) -> Reward:
    fields = {k: v for k, v in doc.items() if k not in ("_id", "stock_holders")}
    visibility = fields.pop("visibility", {})
    return Reward(
        reward_id=doc["_id"],
        **{
            **fields,
            "partner_ids": tuple(fields.get("partner_ids", ())),
            "payment_rate": PaymentRate(**fields.pop("payment_rate", {})),
            "visibility": Visibility(
                visibility.get("min_tier_code", ""),
                tuple(visibility.get("tier_codes", ())),
                tuple(visibility.get("segment_ids", ())),
                visibility.get("exclusive", False),
            ),
        },
    )
