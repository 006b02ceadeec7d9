"""The points service: what it offers over gRPC and what runs beside it."""

from __future__ import annotations

import dataclasses
import uuid

import mongoengine
import redis

from common import events as bus
from common.grpc_server import Registration
from common.service import ServiceContext
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


def build_points(
    db, redis_client, members_address: str, bootstrap_admin_key: str = ""
) -> PointsParts:
    ledger, relay = build_ledger(db, redis_client)
    members = MembersView(members_address)
    ledger.open_account = AccountOpener(members, ledger.store)
    rewards = build_rewards(db, ledger, members, lambda: relay.kick(""), ledger.clock)
    rules = build_rules(db, ledger, members, rewards)
    api_keys = ApiKeys(db, ledger.partners, ledger.clock)
    api_keys.ensure_indexes()
    api_keys.bootstrap(bootstrap_admin_key)
    parts = PointsParts(ledger, relay, members, rewards, rules, api_keys)
    relay.recover = parts.recover
    return parts


def build_ledger(db, redis_client) -> tuple[Ledger, OutboxRelay]:
    """The ledger over a store and a Redis, with its relay; recovers what a crash left."""
    store = LedgerStore(db)
    store.ensure_indexes()
    cache = VersionedCache(redis_client)
    # A crash between an account write and its cache update could leave an older balance
    # cached: a starting instance forgets every cached balance.
    cache.forget_all()
    relay = OutboxRelay(store, redis_client)
    ledger = Ledger(store, cache, Partners(db), on_write=relay.kick)
    relay.recover = ledger.recover
    return ledger, relay


def registrations(context: ServiceContext) -> list[Registration]:
    settings = context.settings
    parts = build_points(
        mongoengine.get_db(), context.redis, settings.members_addr, settings.bootstrap_admin_key
    )
    context.workers += [
        parts.relay,
        parts.member_feed(context.redis, f"points-{uuid.uuid4().hex[:8]}"),
    ]
    return parts.registrations()
