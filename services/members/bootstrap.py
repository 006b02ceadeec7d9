"""The members service: what it offers over gRPC and what runs beside it."""

from __future__ import annotations

import dataclasses
import uuid

import redis

from common import events as bus
from common.grpc_server import Registration
from common.versioned_cache import VersionedCache
from loyalty.members.v1 import (
    insights_pb2,
    insights_pb2_grpc,
    members_pb2,
    members_pb2_grpc,
    tiers_pb2,
    tiers_pb2_grpc,
)
from services.members.config import MembersSettings
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
    store: MemberStore
    redis: redis.Redis
    event_retry_ms: int = 10_000
    _workers: list = dataclasses.field(default_factory=list)

    def prepare(self) -> None:
        """Indexes, and no cached lookup from before this start (a crash between a
        member's write and its cache update could have left an older copy)."""
        self.store.ensure_indexes()
        self.insights.ensure_indexes()
        self.lookups.cache.forget_all()

    def workers(self) -> list:
        if not self._workers:
            name = f"members-{uuid.uuid4().hex[:8]}"
            self._workers = [self.relay, self.ledger_consumer(self.redis, name)]
        return self._workers

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
        return bus.StreamConsumer(
            client,
            bus.POINTS_STREAM,
            "members",
            name,
            self._on_ledger_event,
            reclaim_idle_ms=self.event_retry_ms,
        )

    def _on_ledger_event(self, event) -> None:
        self.tiers.on_ledger_event(event)
        self.referrals.on_ledger_event(event)
        self.insights.on_ledger_event(event)


def bootstrap(settings: MembersSettings, db, redis_client: redis.Redis) -> MembersParts:
    """The members service as `python -m services.members` runs it (and the tests)."""
    return build_members(
        db,
        redis_client,
        settings.points_addr,
        event_retry_ms=int(settings.event_retry_seconds * 1000),
    )


def build_members(
    db, redis_client, points_address: str, *, event_retry_ms: int = 10_000
) -> MembersParts:
    store = MemberStore(db)
    relay = MembersRelay(store, redis_client)
    ladders = Ladders(store, on_write=relay.kick, to_message=ladder_message)
    lookups = MemberLookups(VersionedCache(redis_client, "members:lookup"))
    directory = Directory(store, on_write=relay.kick, on_change=lookups.written)
    tiers = TierEngine(directory, ladders.current)
    directory.placement = lambda member: tiers.place_at_entry(member, ladders.current())
    insights = Insights(db)
    return MembersParts(
        directory,
        ladders,
        tiers,
        Referrals(directory),
        insights,
        relay,
        lookups,
        LedgerFigures(points_address),
        store,
        redis_client,
        event_retry_ms,
    )
