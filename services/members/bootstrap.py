"""The members service: what it offers over gRPC and what runs beside it, wired here and
only here."""

from __future__ import annotations

import dataclasses
import uuid

import redis

from common import events as bus
from common.grpc_server import Registration
from common.versioned_cache import VersionedCache
from loyalty.members.v1 import (
    exports_pb2,
    exports_pb2_grpc,
    imports_pb2,
    imports_pb2_grpc,
    insights_pb2,
    insights_pb2_grpc,
    members_pb2,
    members_pb2_grpc,
    tiers_pb2,
    tiers_pb2_grpc,
)
from services.members.config import MembersSettings
from services.members.directory import events as member_events
from services.members.directory.cache import MemberLookups
from services.members.directory.consumers import Referrals
from services.members.directory.events import MembersRelay
from services.members.directory.service import Directory
from services.members.directory.servicer import MembersServicer
from services.members.directory.store import EventOutbox, MemberStore
from services.members.exports.service import MemberExports
from services.members.exports.servicer import MembersExportsServicer
from services.members.exports.store import MemberExportStore
from services.members.imports.service import ImportDesk, ImportRunner
from services.members.imports.servicer import ImportsServicer
from services.members.imports.store import ImportStore
from services.members.imports.upstream import PointsImports
from services.members.insights.consumers import PurchaseFacts
from services.members.insights.service import Insights
from services.members.insights.servicer import InsightsServicer
from services.members.insights.store import InsightsStore
from services.members.insights.upstream import Ledger
from services.members.tiers import events as tier_events
from services.members.tiers.consumers import TierCounter
from services.members.tiers.service import Ladders, TierEngine
from services.members.tiers.servicer import TiersServicer
from services.members.tiers.store import LadderStore


@dataclasses.dataclass
class MembersParts:
    directory: Directory
    ladders: Ladders
    tiers: TierEngine
    insights: Insights
    lookups: MemberLookups
    relay: MembersRelay
    member_store: MemberStore
    insights_store: InsightsStore
    # What follows the ledger's events, in this order (the members' consumer group).
    ledger_followers: tuple[TierCounter, Referrals, PurchaseFacts]
    redis: redis.Redis
    imports: ImportDesk
    import_store: ImportStore
    import_runner: ImportRunner
    event_retry_ms: int = 10_000
    _workers: list = dataclasses.field(default_factory=list)
    exports: MemberExports | None = None

    def migrate(self) -> None:
        """Once per deployment (`python -m services.members migrate`, or at every start
        with MIGRATE_AT_START): the indexes, and the name words of members stored before
        the search by name."""
        self.member_store.ensure_indexes()
        self.member_store.add_name_words()
        self.insights_store.ensure_indexes()
        self.import_store.ensure_indexes()

    def prepare(self) -> None:
        """Nothing at each start. The lookups cached are kept: every replica shares them,
        and a write makes the keys it touches misses before it reaches the store
        (MemberLookups.writing), so one that dies halfway leaves no stale lookup."""

    def workers(self) -> list:
        if not self._workers:
            name = f"members-{uuid.uuid4().hex[:8]}"
            self._workers = [
                self.relay,
                self.ledger_consumer(self.redis, name),
                self.import_runner,
            ]
        return self._workers

    def registrations(self) -> list[Registration]:
        return [
            Registration.of(
                members_pb2, members_pb2_grpc, "MembersService", MembersServicer(self.directory)
            ),
            Registration.of(
                tiers_pb2, tiers_pb2_grpc, "TiersService", TiersServicer(self.ladders, self.tiers)
            ),
            Registration.of(
                insights_pb2,
                insights_pb2_grpc,
                "InsightsService",
                InsightsServicer(self.insights),
            ),
            Registration.of(
                exports_pb2,
                exports_pb2_grpc,
                "MembersExportsService",
                MembersExportsServicer(self.exports),
            ),
            Registration.of(
                imports_pb2, imports_pb2_grpc, "ImportsService", ImportsServicer(self.imports)
            ),
        ]

    def ledger_consumer(self, client: redis.Redis, name: str) -> bus.StreamConsumer:
        """The tier engine, referrals and insights reading the ledger's events (members'
        group)."""
        return bus.StreamConsumer(
            client,
            bus.POINTS_STREAM,
            "members",
            name,
            self._on_ledger_event,
            reclaim_idle_ms=self.event_retry_ms,
        )

    def _on_ledger_event(self, event) -> None:
        for follower in self.ledger_followers:
            follower.on_ledger_event(event)


def bootstrap(
    settings: MembersSettings,
    db,
    redis_client: redis.Redis,
    cache_client: redis.Redis | None = None,
) -> MembersParts:
    """The members service as `python -m services.members` runs it (and the tests):
    streams on `redis_client` (REDIS_URL), the tills' lookups on `cache_client`
    (REDIS_CACHE_URL, by default the same)."""
    return build_members(
        db,
        redis_client,
        settings.points_addr,
        event_retry_ms=int(settings.event_retry_seconds * 1000),
        cache_client=cache_client,
    )


def build_members(
    db,
    redis_client,
    points_address: str,
    *,
    event_retry_ms: int = 10_000,
    cache_client: redis.Redis | None = None,
) -> MembersParts:
    member_store = MemberStore(db)
    insights_store = InsightsStore(db)
    relay = MembersRelay(EventOutbox(db), redis_client)
    lookups = MemberLookups(VersionedCache(cache_client or redis_client, "members:lookup"))
    ladders = Ladders(LadderStore(db), tier_events.ladder_changed, on_write=relay.kick)
    directory = Directory(
        member_store,
        lookups,
        member_events.announce,
        placement=ladders.entry_standing,
        on_write=relay.kick,
    )
    tiers = TierEngine(directory, member_store, ladders.current, tier_events.announce)
    insights = Insights(insights_store, member_store, Ledger(points_address))
    import_store = ImportStore(db)
    imports = ImportDesk(
        import_store,
        member_store,
        ladders.current,
        member_events.announce,
        PointsImports(points_address),
        relay.outbox.queue,
        on_write=relay.kick,
    )
    return MembersParts(
        directory=directory,
        ladders=ladders,
        tiers=tiers,
        insights=insights,
        lookups=lookups,
        relay=relay,
        member_store=member_store,
        insights_store=insights_store,
        ledger_followers=(TierCounter(tiers), Referrals(directory), PurchaseFacts(insights)),
        redis=redis_client,
        exports=MemberExports(MemberExportStore(db), insights),
        imports=imports,
        import_store=import_store,
        import_runner=ImportRunner(imports),
        event_retry_ms=event_retry_ms,
    )
