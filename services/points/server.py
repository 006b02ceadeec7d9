"""The points service: what it offers over gRPC and what runs beside it."""

from __future__ import annotations

import mongoengine

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
from services.points.ledger_service import Ledger
from services.points.member_feed import MemberFeed
from services.points.partners import Partners
from services.points.partners_servicer import PartnersServicer
from services.points.relay import OutboxRelay
from services.points.reports import Reports
from services.points.servicer import LedgerServicer
from services.points.storage import LedgerStore


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
    ledger, relay = build_ledger(mongoengine.get_db(), context.redis)
    members = bus.StreamConsumer(
        context.redis,
        bus.MEMBERS_STREAM,
        "points",
        f"points-{id(ledger)}",
        MemberFeed(ledger.store).handle,
    )
    context.workers += [relay, members]
    # Earning rules and rewards: contracts first, behaviour with issue #6.
    return [
        Registration.of(
            ledger_pb2,
            ledger_pb2_grpc,
            "LedgerService",
            LedgerServicer(ledger, Reports(ledger.store)),
        ),
        Registration.of(
            partners_pb2, partners_pb2_grpc, "PartnersService", PartnersServicer(ledger.partners)
        ),
        Registration.of(rules_pb2, rules_pb2_grpc, "EarningRulesService"),
        Registration.of(rewards_pb2, rewards_pb2_grpc, "RewardsService"),
    ]
