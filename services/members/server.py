"""The members service: what it offers over gRPC and what runs beside it."""

from __future__ import annotations

import dataclasses
import uuid

import mongoengine
import redis

from common import events as bus
from common.grpc_server import Registration
from common.service import ServiceContext
from common.versioned_cache import VersionedCache
from loyalty.members.v1 import (
    insights_pb2,
    insights_pb2_grpc,
    members_pb2,
    members_pb2_grpc,
    tiers_pb2,
    tiers_pb2_grpc,
)
from services.members.directory.referrals import Referrals
from services.members.directory.service import Directory
from services.members.insights.service import Insights
from services.members.insights_servicer import InsightsServicer
from services.members.ledger_figures import LedgerFigures
from services.members.lookups import MemberLookups
from services.members.relay import MembersRelay
from services.members.servicer import MembersServicer
from services.members.storage import MemberStore
from services.members.tiers.engine import TierEngine
from services.members.tiers.ladders import Ladders
from services.members.tiers_servicer import TiersServicer, ladder_message


@dataclasses.dataclass
class MembersParts:
    directory: Directory
    ladders: Ladders
    tiers: TierEngine
    referrals: Referrals
    insights: Insights
    relay: MembersRelay
    lookups: MemberLookups
    ledger: LedgerFigures

    def registrations(self) -> list[Registration]:
        return [
            Registration.of(
                members_pb2,
                members_pb2_grpc,
                "MembersService",
                MembersServicer(self.directory, self.lookups),
            ),
            Registration.of(
                tiers_pb2, tiers_pb2_grpc, "TiersService", TiersServicer(self.ladders, self.tiers)
            ),
            Registration.of(
                insights_pb2,
                insights_pb2_grpc,
                "InsightsService",
                InsightsServicer(self.insights, self.ledger),
            ),
        ]

    def ledger_consumer(self, client: redis.Redis, name: str) -> bus.StreamConsumer:
        """The tier engine and referrals reading the ledger's events (members' group)."""
        return bus.StreamConsumer(client, bus.POINTS_STREAM, "members", name, self._on_ledger_event)

    def _on_ledger_event(self, event) -> None:
        self.tiers.on_ledger_event(event)
        self.referrals.on_ledger_event(event)
        self.insights.on_ledger_event(event)


def build_members(db, redis_client, points_address: str) -> MembersParts:
    store = MemberStore(db)
    store.ensure_indexes()
    relay = MembersRelay(store, redis_client)
    ladders = Ladders(store, on_write=relay.kick, to_message=ladder_message)
    lookups = MemberLookups(VersionedCache(redis_client, "members:lookup"))
    # A crash between a member's write and its cache update could leave an older copy
    # cached: a starting instance forgets every cached lookup.
    lookups.cache.forget_all()
    directory = Directory(store, on_write=relay.kick, on_change=lookups.written)
    tiers = TierEngine(directory, ladders.current)
    directory.placement = lambda member: tiers.place_at_entry(member, ladders.current())
    insights = Insights(db)
    insights.ensure_indexes()
    return MembersParts(
        directory,
        ladders,
        tiers,
        Referrals(directory),
        insights,
        relay,
        lookups,
        LedgerFigures(points_address),
    )


def registrations(context: ServiceContext) -> list[Registration]:
    parts = build_members(mongoengine.get_db(), context.redis, context.settings.points_addr)
    consumer = parts.ledger_consumer(context.redis, f"members-{uuid.uuid4().hex[:8]}")
    context.workers += [parts.relay, consumer]
    return parts.registrations()
