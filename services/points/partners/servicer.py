"""PartnersService over gRPC: checks and translates; the registry is partners.py."""

from __future__ import annotations

from collections.abc import Callable

from common import clock
from common import events as bus
from common.clock import DEFAULT_TIME_ZONE
from common.paging import DEFAULT_SIZE, MAX_SIZE
from common.validation import Checks
from loyalty.common.v1 import common_pb2
from loyalty.points.v1 import partners_pb2, partners_pb2_grpc
from services.points.ledger import events as ledger_events
from services.points.ledger.domain import expiry
from services.points.ledger.domain.programme import CURRENCY_MINOR_UNITS
from services.points.ledger.messages import DOMAIN, rpc
from services.points.partners.domain import (
    ACTIVE,
    ADMIN,
    ID_PATTERN,
    OPERATOR,
    PARTNER,
    SUSPENDED,
    VIEWER,
    ApiKey,
    Partner,
    Store,
)
from services.points.partners.service import ApiKeys, Partners

STATUS = {
    ACTIVE: partners_pb2.PARTNER_STATUS_ACTIVE,
    SUSPENDED: partners_pb2.PARTNER_STATUS_SUSPENDED,
}
STATUS_NAMES = {value: name for name, value in STATUS.items()}
MAX_IMPORTED = 1_000  # a bulk import's batch


class PartnersServicer(partners_pb2_grpc.PartnersServiceServicer):
    def __init__(self, partners: Partners) -> None:
        self.partners = partners

    @rpc
    def CreatePartner(self, request, context):
        checks = Checks(DOMAIN)
        _id(checks, "partner_id", request.partner_id)
        checks.text("name", request.name, max_length=200)
        checks.check(
            request.currency in CURRENCY_MINOR_UNITS,
            "currency",
            f"unknown ISO-4217 currency {request.currency!r}",
        )
        checks.text("actor", request.actor)
        checks.done()
        partner, replayed = self.partners.create_partner(
            request.partner_id, request.name, request.currency
        )
        return partners_pb2.CreatePartnerResponse(
            partner=partner_message(partner), replayed=replayed
        )

    @rpc
    def GetPartner(self, request, context):
        return partners_pb2.GetPartnerResponse(
            partner=partner_message(self.partners.partner(request.partner_id))
        )

    @rpc
    def ListPartners(self, request, context):
        partners, page = _keyset_page(
            request.page, self.partners.list_partners, lambda p: p.partner_id
        )
        return partners_pb2.ListPartnersResponse(
            partners=[partner_message(p) for p in partners], page=page
        )

    @rpc
    def UpdatePartner(self, request, context):
        checks = _update_checks(request)
        checks.done()
        partner = self.partners.update_partner(
            request.partner_id, request.name, STATUS_NAMES.get(request.status, ""), request.version
        )
        return partners_pb2.UpdatePartnerResponse(partner=partner_message(partner))

    @rpc
    def CreateStore(self, request, context):
        checks = Checks(DOMAIN)
        _id(checks, "store_id", request.store_id)
        checks.text("partner_id", request.partner_id)
        checks.text("name", request.name, max_length=200)
        _time_zone(checks, request.time_zone)
        checks.text("actor", request.actor)
        checks.done()
        store, replayed = self.partners.create_store(
            request.store_id,
            request.partner_id,
            request.name,
            request.time_zone or DEFAULT_TIME_ZONE,
        )
        return partners_pb2.CreateStoreResponse(store=store_message(store), replayed=replayed)

    @rpc
    def ImportStores(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("import_id", request.import_id, max_length=64)
        count = len(request.stores)
        checks.check(1 <= count <= MAX_IMPORTED, "stores", f"give 1..{MAX_IMPORTED:,} stores")
        for index, item in enumerate(request.stores[:MAX_IMPORTED]):
            checks.text(f"stores[{index}].store_id", item.store_id, max_length=64)
            checks.text(f"stores[{index}].partner_id", item.partner_id, max_length=64)
            checks.text(f"stores[{index}].name", item.name, max_length=200)
            checks.text(f"stores[{index}].time_zone", item.time_zone, required=False)
        checks.done()
        asked = [
            (s.store_id, s.partner_id, s.name, s.time_zone or DEFAULT_TIME_ZONE)
            for s in request.stores
        ]
        zones_ok = [_known_zone(zone) for *_, zone in asked]
        outcomes = self.partners.import_stores(
            [store for store, ok in zip(asked, zones_ok, strict=True) if ok], request.validate_only
        )
        answered, taken = [], iter(outcomes)
        for index, (store, ok) in enumerate(zip(asked, zones_ok, strict=True)):
            field, why, replayed = (
                next(taken) if ok else ("time_zone", f"unknown time zone {store[3]!r}", False)
            )
            answered.append(
                partners_pb2.ImportedStoreOutcome(
                    index=index, field=field, reason=why, replayed=replayed
                )
            )
        return partners_pb2.ImportStoresResponse(outcomes=answered)

    @rpc
    def GetStore(self, request, context):
        return partners_pb2.GetStoreResponse(
            store=store_message(self.partners.get_store(request.store_id))
        )

    @rpc
    def ListStores(self, request, context):
        stores, page = _keyset_page(
            request.page,
            lambda after, limit: self.partners.list_stores(request.partner_id, after, limit),
            lambda s: s.store_id,
        )
        return partners_pb2.ListStoresResponse(stores=[store_message(s) for s in stores], page=page)

    @rpc
    def UpdateStore(self, request, context):
        checks = _update_checks(request)
        _time_zone(checks, request.time_zone)
        checks.done()
        store = self.partners.update_store(
            request.store_id,
            request.name,
            STATUS_NAMES.get(request.status, ""),
            request.time_zone,
            request.version,
        )
        return partners_pb2.UpdateStoreResponse(store=store_message(store))


def _id(checks: Checks, field: str, value: str) -> None:
    checks.check(
        bool(ID_PATTERN.match(value)),
        field,
        "must be 1..64 characters of a-z, 0-9 and inner hyphens",
    )


def _known_zone(time_zone: str) -> bool:
    try:
        expiry.local_date(clock.now(), time_zone)
    except ValueError:
        return False
    return True


def _time_zone(checks: Checks, time_zone: str) -> None:
    if not time_zone:
        return
    try:
        expiry.local_date(clock.now(), time_zone)
    except ValueError:
        checks.fail("time_zone", f"unknown time zone {time_zone!r}")


def _update_checks(request) -> Checks:
    checks = Checks(DOMAIN)
    checks.text("actor", request.actor)
    checks.text("name", request.name, required=False, max_length=200)
    checks.check(request.version > 0, "version", "send the version you read")
    if request.status == partners_pb2.PARTNER_STATUS_SUSPENDED:
        checks.text("reason", request.reason, max_length=500)
    return checks


def _keyset_page(page, read: Callable[[str, int], list], key) -> tuple[list, common_pb2.PageInfo]:
    """A page of a listing in `key` order whose cursor is the last key shown: `read(after,
    limit)` reads one more than the page, to tell whether another follows. A negative or
    zero size is the default size."""
    size = min(page.page_size, MAX_SIZE) if page.page_size > 0 else DEFAULT_SIZE
    items = read(page.cursor, size + 1)
    more = len(items) > size
    return items[:size], common_pb2.PageInfo(next_cursor=key(items[size - 1]) if more else "")


def partner_message(partner: Partner) -> partners_pb2.Partner:
    return partners_pb2.Partner(
        partner_id=partner.partner_id,
        name=partner.name,
        currency=partner.currency,
        status=STATUS[partner.status],
        created_at=ledger_events.timestamp(partner.created_at),
        version=partner.version,
    )


def store_message(store: Store) -> partners_pb2.Store:
    return partners_pb2.Store(
        store_id=store.store_id,
        partner_id=store.partner_id,
        name=store.name,
        time_zone=store.time_zone,
        status=STATUS[store.status],
        created_at=ledger_events.timestamp(store.created_at),
        version=store.version,
    )


ROLES = {
    PARTNER: partners_pb2.API_KEY_ROLE_PARTNER,
    VIEWER: partners_pb2.API_KEY_ROLE_VIEWER,
    OPERATOR: partners_pb2.API_KEY_ROLE_OPERATOR,
    ADMIN: partners_pb2.API_KEY_ROLE_ADMIN,
}
ROLE_NAMES = {value: name for name, value in ROLES.items()}


class ApiKeysServicer(partners_pb2_grpc.ApiKeysServiceServicer):
    def __init__(self, keys: ApiKeys) -> None:
        self.keys = keys

    @rpc
    def CreateApiKey(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("name", request.name, max_length=200)
        checks.text("actor", request.actor)
        role = ROLE_NAMES.get(request.role)
        if checks.check(role is not None, "role", "is required"):
            partner_key = role == PARTNER
            checks.check(
                bool(request.partner_id) == partner_key,
                "partner_id",
                "is required for a partner key and only for one",
            )
            checks.check(
                partner_key or not request.store_ids, "store_ids", "only a partner key has stores"
            )
        checks.done()
        record, secret = self.keys.create(
            request.name, role, request.partner_id, list(request.store_ids), request.actor
        )
        return partners_pb2.CreateApiKeyResponse(key=key_message(record), secret=secret)

    @rpc
    def ListApiKeys(self, request, context):
        found = self.keys.listing(request.partner_id, request.include_revoked)
        return partners_pb2.ListApiKeysResponse(keys=[key_message(d) for d in found])

    @rpc
    def RevokeApiKey(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("key_id", request.key_id)
        checks.who_and_why(request)
        checks.done()
        return partners_pb2.RevokeApiKeyResponse(
            key=key_message(self.keys.revoke(request.key_id, request.actor))
        )

    @rpc
    def VerifyApiKey(self, request, context):
        return partners_pb2.VerifyApiKeyResponse(key=key_message(self.keys.verify(request.key)))


def key_message(key: ApiKey) -> partners_pb2.ApiKey:
    return partners_pb2.ApiKey(
        key_id=key.key_id,
        name=key.name,
        role=ROLES[key.role],
        partner_id=key.partner_id,
        store_ids=key.store_ids,
        created_at=bus.timestamp(key.created_at),
        created_by=key.created_by,
        revoked_at=bus.timestamp(key.revoked_at),
        revoked_by=key.revoked_by,
    )
