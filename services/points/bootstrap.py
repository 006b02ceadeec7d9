"""The points service: what it offers over gRPC and what runs beside it."""

from __future__ import annotations

import dataclasses
import uuid

import redis

from common import events as bus
from common.grpc_server import Registration
from common.versioned_cache import VersionedCache
from loyalty.points.v1 import (
    ledger_pb2,
    ledger_pb2_grpc,
    partners_pb2,
    partners_pb2_grpc,
    rewards_pb2,
    rewards_pb2_grpc,
    rules_pb2,
    rules_pb2_grpc,
)
from services.points.api_keys import ApiKeys
from services.points.api_keys_servicer import ApiKeysServicer
from services.points.config import PointsSettings
from services.points.ledger_service import Ledger
from services.points.member_feed import AccountOpener, MemberFeed
from services.points.members_view import MembersView
from services.points.partners import Partners
from services.points.partners_servicer import PartnersServicer
from services.points.relay import OutboxRelay
from services.points.reports import Reports
from services.points.rewards_parts import build_rewards
from services.points.rewards_servicer import RewardsParts, RewardsServicer
from services.points.rules_parts import build_rules
from services.points.rules_servicer import EarningRulesServicer, RulesParts
from services.points.servicer import LedgerServicer
from services.points.storage import LedgerStore


@dataclasses.dataclass
class PointsParts:
    ledger: Ledger
    relay: OutboxRelay
    members: MembersView
    rewards: RewardsParts
    rules: RulesParts
    api_keys: ApiKeys
    redis: redis.Redis
    bootstrap_admin_key: str = ""
    event_retry_ms: int = 10_000
    _workers: list = dataclasses.field(default_factory=list)

    def prepare(self) -> None:
        """Indexes, the bootstrap key, and no cached balance from before this start (a
        crash between an account write and its cache update could have left one)."""
        self.ledger.store.ensure_indexes()
        self.ledger.cache.forget_all()
        self.rewards.catalogue.store.ensure_indexes()
        self.rules.book.store.ensure_indexes()
        self.api_keys.ensure_indexes()
        self.api_keys.bootstrap(self.bootstrap_admin_key)

    def workers(self) -> list:
        """The relay, the accounts following the members' events, and the bonus rules
        following enrolments, referrals and first purchases: one set per replica."""
        if not self._workers:
            name = f"points-{uuid.uuid4().hex[:8]}"
            timing = {"reclaim_idle_ms": self.event_retry_ms}
            self._workers = [
                self.relay,
                self.member_feed(self.redis, name, **timing),
                *self.bonus_feeds(self.redis, name, **timing),
            ]
        return self._workers

    def registrations(self) -> list[Registration]:
        return [
            Registration.of(
                ledger_pb2,
                ledger_pb2_grpc,
                "LedgerService",
                LedgerServicer(self.ledger, Reports(self.ledger.store)),
            ),
            Registration.of(
                partners_pb2,
                partners_pb2_grpc,
                "PartnersService",
                PartnersServicer(self.ledger.partners),
            ),
            Registration.of(
                rules_pb2, rules_pb2_grpc, "EarningRulesService", EarningRulesServicer(self.rules)
            ),
            Registration.of(
                partners_pb2, partners_pb2_grpc, "ApiKeysService", ApiKeysServicer(self.api_keys)
            ),
            Registration.of(
                rewards_pb2, rewards_pb2_grpc, "RewardsService", RewardsServicer(self.rewards)
            ),
        ]

    def member_feed(self, client: redis.Redis, name: str, **timing) -> bus.StreamConsumer:
        """The accounts following the members' events (consumer group "points")."""
        return bus.StreamConsumer(
            client,
            bus.MEMBERS_STREAM,
            "points",
            name,
            MemberFeed(self.ledger.store, self.members.forget_ladder).handle,
            **timing,
        )

    def bonus_feeds(self, client: redis.Redis, name: str, **timing) -> list[bus.StreamConsumer]:
        """The bonus rules following enrolments, referrals and first purchases (group
        "points-bonuses")."""
        bonuses = self.rules.bonuses
        return [
            bus.StreamConsumer(
                client,
                bus.MEMBERS_STREAM,
                "points-bonuses",
                name,
                bonuses.on_members_event,
                **timing,
            ),
            bus.StreamConsumer(
                client, bus.POINTS_STREAM, "points-bonuses", name, bonuses.on_points_event, **timing
            ),
        ]

    def recover(self) -> None:
        """What the relay's sweep mends after a crash: earns, redemptions and gift grants
        half done."""
        self.ledger.recover()
        self.rewards.redemptions.recover()
        self.rules.gifts.resume_stalled()


def bootstrap(settings: PointsSettings, db, redis_client: redis.Redis) -> PointsParts:
    """The points service as `python -m services.points` runs it (and the tests)."""
    return build_points(
        db,
        redis_client,
        settings.members_addr,
        settings.bootstrap_admin_key,
        event_retry_ms=int(settings.event_retry_seconds * 1000),
    )


def build_points(
    db,
    redis_client,
    members_address: str,
    bootstrap_admin_key: str = "",
    *,
    event_retry_ms: int = 10_000,
) -> PointsParts:
    ledger, relay = build_ledger(db, redis_client)
    members = MembersView(members_address)
    ledger.open_account = AccountOpener(members, ledger.store)
    rewards = build_rewards(db, ledger, members, lambda: relay.kick(""), ledger.clock)
    rules = build_rules(db, ledger, members, rewards)
    api_keys = ApiKeys(db, ledger.partners, ledger.clock)
    parts = PointsParts(
        ledger,
        relay,
        members,
        rewards,
        rules,
        api_keys,
        redis_client,
        bootstrap_admin_key,
        event_retry_ms,
    )
    relay.recover = parts.recover
    return parts


def build_ledger(db, redis_client) -> tuple[Ledger, OutboxRelay]:
    """The ledger over a store and a Redis, with its relay (no I/O until used)."""
    store = LedgerStore(db)
    cache = VersionedCache(redis_client)
    relay = OutboxRelay(store, redis_client)
    ledger = Ledger(store, cache, Partners(db), on_write=relay.kick)
    relay.recover = ledger.recover
    return ledger, relay
