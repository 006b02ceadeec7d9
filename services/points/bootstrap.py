"""The points service's one wiring module: every part built through its constructor
arguments, what it serves over gRPC, what runs beside it, and its start-up work.

`python -m services.points` runs `bootstrap` through common/service.py; so do the tests.
"""

from __future__ import annotations

import dataclasses
import uuid

import redis

from common import clock
from common import events as bus
from common.clock import Clock
from common.grpc_server import Registration
from common.loops import BackgroundLoop
from common.versioned_cache import VersionedCache
from loyalty.points.v1 import (
    custom_events_pb2,
    custom_events_pb2_grpc,
    exports_pb2,
    exports_pb2_grpc,
    ledger_pb2,
    ledger_pb2_grpc,
    partners_pb2,
    partners_pb2_grpc,
    presence_pb2,
    presence_pb2_grpc,
    rewards_pb2,
    rewards_pb2_grpc,
    rules_pb2,
    rules_pb2_grpc,
    staff_pb2,
    staff_pb2_grpc,
)
from services.points.config import PointsSettings
from services.points.exports.service import PointsExports
from services.points.exports.servicer import PointsExportsServicer
from services.points.exports.store import ExportStore
from services.points.ledger import cache as balances
from services.points.ledger.consumers import AccountOpener, MemberFeed
from services.points.ledger.relay import OutboxRelay
from services.points.ledger.reports import Reports
from services.points.ledger.service import Ledger
from services.points.ledger.service.accounts import Accounts
from services.points.ledger.service.credits import Credits
from services.points.ledger.service.jobs import Jobs
from services.points.ledger.service.programme import ProgrammeSettings
from services.points.ledger.service.purchases import Purchases
from services.points.ledger.service.spending import Spending
from services.points.ledger.servicer import LedgerServicer
from services.points.ledger.store import LedgerStore
from services.points.partners.service import ApiKeys, Partners
from services.points.partners.servicer import ApiKeysServicer, PartnersServicer
from services.points.partners.store import PartnerStore
from services.points.presence.service import Presence
from services.points.presence.servicer import PresenceServicer
from services.points.presence.store import PresenceStore
from services.points.rewards.events import CatalogueEvents
from services.points.rewards.service.batches import VoucherBatches
from services.points.rewards.service.catalogue import Catalogue
from services.points.rewards.service.issuing import Issuer
from services.points.rewards.service.redemptions import Redemptions
from services.points.rewards.service.viewer import viewer_of
from services.points.rewards.service.vouchers import Vouchers
from services.points.rewards.servicer import RewardsParts, RewardsServicer
from services.points.rewards.store import RewardStore
from services.points.rules.events import CustomEventAnnouncer
from services.points.rules.service.bonuses import Bonuses
from services.points.rules.service.book import RuleBook
from services.points.rules.service.custom_events import CustomEvents
from services.points.rules.service.gifts import Gifts
from services.points.rules.service.policy import RulesPolicy
from services.points.rules.servicer import (
    CustomEventsServicer,
    EarningRulesServicer,
    RulesParts,
)
from services.points.rules.store import CustomEventStore, RuleStore
from services.points.staff.service import Staff
from services.points.staff.servicer import StaffServicer
from services.points.staff.store import StaffStore
from services.points.upstream import MembersView

# How often each replica mends what a crash left half done (earns claimed and not
# applied, redemptions started, gift grants running).
RECOVERY_SECONDS = 5.0
# PointsSettings's default, refused in production.
DEVELOPMENT_PRESENCE_SECRET = "dev-only-presence-secret"  # noqa: S105


@dataclasses.dataclass
class PointsParts:
    """Every part of one points service instance, as `bootstrap` built them."""

    ledger: Ledger
    relay: OutboxRelay
    members: MembersView
    partners: Partners
    api_keys: ApiKeys
    presence: Presence
    rewards: RewardsParts
    rules: RulesParts
    redis: redis.Redis
    bootstrap_admin_key: str = ""
    event_retry_ms: int = 10_000
    staff: Staff | None = None
    bootstrap_staff: tuple[str, str] = ("", "")
    _workers: list = dataclasses.field(default_factory=list)
    exports: PointsExports | None = None

    def migrate(self) -> None:
        """Once per deployment (`python -m services.points migrate`, or at every start
        with MIGRATE_AT_START): the indexes, and the bootstrap admin key made valid."""
        self.ledger.store.ensure_indexes()
        self.rewards.catalogue.store.ensure_indexes()
        self.rules.book.store.ensure_indexes()
        self.rules.custom_events.store.ensure_indexes()
        self.partners.store.ensure_indexes()
        self.presence.store.ensure_indexes()
        self.api_keys.bootstrap(self.bootstrap_admin_key)
        if self.staff is not None:
            self.staff.store.ensure_indexes()
            self.staff.bootstrap(*self.bootstrap_staff)

    def prepare(self) -> None:
        """Nothing at each start. The cached balances are kept: every replica shares them,
        and a balance a crash left stale is forgotten by the balance floors (a worker
        below; services/points/ledger/cache.py), not by wiping everyone's at a start."""

    def workers(self) -> list:
        """One set per replica: the relay, the recovery sweep, the voucher batches' sweep
        (finishing the batches a stopped replica left), the accounts following the
        members' events, the bonus rules following enrolments, referrals and first
        purchases, and the balance floors following the ledger's own events."""
        if not self._workers:
            name = f"points-{uuid.uuid4().hex[:8]}"
            self._workers = [
                self.relay,
                BackgroundLoop(
                    "recovery", lambda _kicked: self.recover(), interval_seconds=RECOVERY_SECONDS
                ),
                self.rewards.batches,
                self._consumer(
                    bus.MEMBERS_STREAM,
                    "points",
                    name,
                    MemberFeed(self.ledger.store, self.members.forget_ladder).handle,
                ),
                self._consumer(
                    bus.MEMBERS_STREAM, "points-bonuses", name, self.rules.bonuses.on_members_event
                ),
                self._consumer(
                    bus.POINTS_STREAM, "points-bonuses", name, self.rules.bonuses.on_points_event
                ),
                bus.StreamConsumer(
                    self.redis,
                    bus.POINTS_STREAM,
                    balances.GROUP,
                    name,
                    handle_batch=balances.BalanceFloors(self.ledger.cache).handle,
                    reclaim_idle_ms=self.event_retry_ms,
                ),
            ]
        return self._workers

    def _consumer(self, stream: str, group: str, name: str, handle) -> bus.StreamConsumer:
        return bus.StreamConsumer(
            self.redis, stream, group, name, handle, reclaim_idle_ms=self.event_retry_ms
        )

    def registrations(self) -> list[Registration]:
        return [
            Registration.of(
                ledger_pb2,
                ledger_pb2_grpc,
                "LedgerService",
                LedgerServicer(self.ledger, Reports(self.ledger.store)),
            ),
            Registration.of(
                partners_pb2, partners_pb2_grpc, "PartnersService", PartnersServicer(self.partners)
            ),
            Registration.of(
                rules_pb2, rules_pb2_grpc, "EarningRulesService", EarningRulesServicer(self.rules)
            ),
            Registration.of(
                partners_pb2, partners_pb2_grpc, "ApiKeysService", ApiKeysServicer(self.api_keys)
            ),
            Registration.of(
                custom_events_pb2,
                custom_events_pb2_grpc,
                "CustomEventsService",
                CustomEventsServicer(self.rules.custom_events, self.rules.clock),
            ),
            Registration.of(
                rewards_pb2, rewards_pb2_grpc, "RewardsService", RewardsServicer(self.rewards)
            ),
            Registration.of(
                presence_pb2, presence_pb2_grpc, "PresenceService", PresenceServicer(self.presence)
            ),
            Registration.of(
                exports_pb2,
                exports_pb2_grpc,
                "PointsExportsService",
                PointsExportsServicer(self.exports),
            ),
            *(
                [
                    Registration.of(
                        staff_pb2, staff_pb2_grpc, "StaffService", StaffServicer(self.staff)
                    )
                ]
                if self.staff is not None
                else []
            ),
        ]

    def recover(self) -> None:
        """Mends earns, redemptions, gift grants and custom events a crash left half done."""
        self.ledger.purchases.recover()
        self.rewards.redemptions.recover()
        self.rules.gifts.resume_stalled()
        self.rules.custom_events.recover()


def bootstrap(
    settings: PointsSettings,
    db,
    redis_client: redis.Redis,
    cache_client: redis.Redis | None = None,
) -> PointsParts:
    """The points service as `python -m services.points` runs it (and the tests):
    streams on `redis_client` (REDIS_URL), cached balances on `cache_client`
    (REDIS_CACHE_URL, by default the same)."""
    return build_points(
        db,
        redis_client,
        settings.members_addr,
        settings.bootstrap_admin_key,
        presence_secret=settings.presence_secret,
        event_retry_ms=int(settings.event_retry_seconds * 1000),
        cache_client=cache_client,
        bootstrap_staff=(settings.bootstrap_staff_email, settings.bootstrap_staff_password),
    )


def build_points(
    db,
    redis_client,
    members_address: str,
    bootstrap_admin_key: str = "",
    *,
    presence_secret: str = DEVELOPMENT_PRESENCE_SECRET,
    event_retry_ms: int = 10_000,
    clock: Clock = clock.now,
    cache_client: redis.Redis | None = None,
    bootstrap_staff: tuple[str, str] = ("", ""),
) -> PointsParts:
    """Builds every part, each from the ones it needs (no I/O until used)."""
    members = MembersView(members_address)
    rule_store = RuleStore(db)
    book = RuleBook(rule_store, clock)
    presence = Presence(PresenceStore(db), presence_secret.encode(), clock)
    ledger, relay = build_ledger(
        db,
        redis_client,
        policy=RulesPolicy(book.earning_rules, members.segments),
        members=members,
        presence=presence,
        clock=clock,
        cache_client=cache_client,
    )
    reward_store = RewardStore(db)
    events = CatalogueEvents(reward_store, lambda: relay.kick(""))
    catalogue = Catalogue(reward_store, clock)
    vouchers = Vouchers(
        reward_store, events, lambda: ledger.programme.current().time_zone, clock, presence
    )
    viewer = viewer_of(ledger, members, catalogue.active)
    issuer = Issuer(reward_store, catalogue, vouchers, viewer)
    rewards = RewardsParts(
        catalogue=catalogue,
        redemptions=Redemptions(reward_store, catalogue, vouchers, ledger, viewer, events, clock),
        vouchers=vouchers,
        issuer=issuer,
        events=events,
        viewer=viewer,
        known_tiers=members.tier_codes,
        ledger=ledger,
        clock=clock,
        batches=VoucherBatches(vouchers, catalogue),
    )
    announce = events.bonus_awarded
    custom_event_store = CustomEventStore(db)
    custom_events = CustomEvents(
        custom_event_store,
        book,
        ledger,
        CustomEventAnnouncer(custom_event_store, lambda: relay.kick("")).recorded,
        clock,
    )
    rules = RulesParts(
        book=book,
        bonuses=Bonuses(book, ledger, issuer, announce, clock),
        gifts=Gifts(rule_store, ledger, issuer, members.segment_members, announce, clock),
        ledger=ledger,
        known_tiers=members.tier_codes,
        tier_multiplier=members.tier_multiplier,
        reward_exists=lambda reward_id: reward_store.reward(reward_id) is not None,
        birthdays_in_month=members.birthdays_in_month,
        clock=clock,
        custom_events=custom_events,
    )
    return PointsParts(
        ledger=ledger,
        relay=relay,
        members=members,
        partners=ledger.partners,
        api_keys=ApiKeys(ledger.partners.store, ledger.partners, clock),
        presence=presence,
        rewards=rewards,
        rules=rules,
        redis=redis_client,
        bootstrap_admin_key=bootstrap_admin_key,
        event_retry_ms=event_retry_ms,
        exports=PointsExports(ExportStore(db), clock),
        staff=Staff(StaffStore(db), clock),
        bootstrap_staff=bootstrap_staff,
    )


def build_ledger(
    db,
    redis_client,
    *,
    policy: RulesPolicy | None = None,
    members: MembersView | None = None,
    presence: Presence | None = None,
    clock: Clock = clock.now,
    cache_client: redis.Redis | None = None,
) -> tuple[Ledger, OutboxRelay]:
    """The ledger over a store and a Redis (balances cached on `cache_client`, by default
    the same), with its relay (no I/O until used). Without a members service it opens no
    account of its own accord."""
    store = LedgerStore(db)
    presence = presence or Presence(PresenceStore(db), DEVELOPMENT_PRESENCE_SECRET.encode())
    relay = OutboxRelay(store, redis_client)
    partners = Partners(PartnerStore(db), clock)
    accounts = Accounts(
        store,
        VersionedCache(cache_client or redis_client),
        ProgrammeSettings(store),
        on_write=relay.kick,
        open_account=AccountOpener(members, store) if members else None,
        clock=clock,
    )
    ledger = Ledger(
        accounts=accounts,
        purchases=Purchases(accounts, partners.check_till, policy),
        spending=Spending(accounts, partners.check_till, presence),
        credits=Credits(accounts),
        jobs=Jobs(accounts),
        partners=partners,
    )
    return ledger, relay
