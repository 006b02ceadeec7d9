"""The partner registry and the API keys: the use cases.

The ledger asks `check_till` on every till operation. Partners and stores change rarely,
so each instance keeps what it read for a few seconds (a suspension takes effect within
that time on every instance, at once on the one that made it) instead of adding a store
round trip to every earn.

A staff key can be bootstrapped from the environment (BOOTSTRAP_ADMIN_KEY) so that a new
installation has someone to create the others.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time

from common import clock
from common.clock import Clock
from common.refusals import Refusal
from services.points.ledger.domain.model import LedgerError, refuse
from services.points.partners.domain import (
    ACTIVE,
    ADMIN,
    ID_PATTERN,
    PARTNER,
    ApiKey,
    Partner,
    Store,
    digest,
    parse_key,
)
from services.points.partners.store import PartnerStore, Taken

REGISTRY_REFRESH_SECONDS = 5.0


class Partners:
    def __init__(self, store: PartnerStore, clock: Clock = clock.now) -> None:
        self.store = store
        self.clock = clock
        self._seen: dict[str, tuple[float, Partner | Store | None]] = {}
        self._lock = threading.Lock()

    # The ledger's check

    def check_till(self, partner_id: str, store_id: str = "") -> None:
        """Refuses an unknown or suspended partner, or a store that is unknown, closed or
        another partner's."""
        partner = self._recent("partner", partner_id, self.store.partner)
        if partner is None:
            raise LedgerError(
                "not_found", "PARTNER_NOT_FOUND", "no such partner", field="partner_id"
            )
        if partner.status != ACTIVE:
            raise refuse("PARTNER_SUSPENDED", "the partner is suspended", partner_id=partner_id)
        if not store_id:
            return
        store = self._recent("store", store_id, self.store.store)
        if store is None or store.partner_id != partner_id:
            raise LedgerError(
                "not_found", "STORE_NOT_FOUND", "no such store of this partner", field="store_id"
            )
        if store.status != ACTIVE:
            raise refuse("STORE_CLOSED", "the store is closed", store_id=store_id)

    def _recent(self, kind: str, key: str, read):
        now = time.monotonic()
        with self._lock:
            seen = self._seen.get(f"{kind}/{key}")
        if seen is not None and now - seen[0] <= REGISTRY_REFRESH_SECONDS:
            return seen[1]
        value = read(key)
        self._remember(kind, key, value)
        return value

    def _remember(self, kind: str, key: str, value) -> None:
        with self._lock:
            self._seen[f"{kind}/{key}"] = (time.monotonic(), value)

    # Partners

    def create_partner(self, partner_id: str, name: str, currency: str) -> tuple[Partner, bool]:
        partner = Partner(partner_id, name, currency, ACTIVE, self.clock(), 1)
        return self._create(self.store.insert_partner, partner, ("name", "currency"))

    def partner(self, partner_id: str) -> Partner:
        return _found(self.store.partner(partner_id), "partner_id")

    def list_partners(self, after: str, limit: int) -> list[Partner]:
        return self.store.partners(after, limit)

    def update_partner(self, partner_id: str, name: str, status: str, version: int) -> Partner:
        changes = _given(name=name, status=status)
        updated = self.store.update_partner(partner_id, changes, version)
        if updated is None:
            raise _moved(self.partner(partner_id).version, "partner_id")
        self._remember("partner", partner_id, updated)
        return updated

    # Stores

    def create_store(
        self, store_id: str, partner_id: str, name: str, time_zone: str
    ) -> tuple[Store, bool]:
        self.partner(partner_id)  # NOT_FOUND for an unknown partner
        store = Store(store_id, partner_id, name, time_zone, ACTIVE, self.clock(), 1)
        return self._create(self.store.insert_store, store, ("partner_id", "name", "time_zone"))

    def import_stores(
        self, stores: list[tuple[str, str, str, str]], validate_only: bool
    ) -> list[tuple[str, str, bool]]:
        """A bulk import's stores, (store_id, partner_id, name, time_zone) each: checked
        (validate_only) or registered as create_store would; (field, why, replayed) for
        each, field and why empty when the store is fine (or registered)."""
        partners: dict[str, Partner | None] = {}
        outcomes = []
        for store_id, partner_id, name, time_zone in stores:
            if partner_id not in partners:
                partners[partner_id] = self.store.partner(partner_id)
            existing = self.store.store(store_id)
            asked = (partner_id, name, time_zone)
            if not ID_PATTERN.match(store_id):
                outcomes.append(("store_id", "is not a store id", False))
            elif partners[partner_id] is None:
                outcomes.append(("partner_id", "no such partner", False))
            elif existing and (existing.partner_id, existing.name, existing.time_zone) != asked:
                outcomes.append(("store_id", f"store {store_id!r} exists with other fields", False))
            elif validate_only or existing:
                outcomes.append(("", "", existing is not None))
            else:
                try:
                    _store, replayed = self.create_store(store_id, partner_id, name, time_zone)
                except LedgerError as refusal:
                    outcomes.append((refusal.field or "store_id", refusal.message, False))
                    continue
                outcomes.append(("", "", replayed))
        return outcomes

    def get_store(self, store_id: str) -> Store:
        return _found(self.store.store(store_id), "store_id")

    def list_stores(self, partner_id: str, after: str, limit: int) -> list[Store]:
        self.partner(partner_id)
        return self.store.stores(partner_id, after, limit)

    def update_store(
        self, store_id: str, name: str, status: str, time_zone: str, version: int
    ) -> Store:
        changes = _given(name=name, status=status, time_zone=time_zone)
        updated = self.store.update_store(store_id, changes, version)
        if updated is None:
            raise _moved(self.get_store(store_id).version, "store_id")
        self._remember("store", store_id, updated)
        return updated

    @staticmethod
    def _create(insert, value, identity: tuple[str, ...]):
        """Inserts `value`; the same request again is a replay, a different one is taken."""
        try:
            insert(value)
            return value, False
        except Taken as taken:
            existing = taken.existing
        if all(getattr(existing, key) == getattr(value, key) for key in identity):
            return existing, True
        field = "partner_id" if isinstance(value, Partner) else "store_id"
        key = getattr(value, field)
        raise LedgerError(
            "exists", f"{field.upper()}_TAKEN", f"{field} {key!r} is taken", field=field
        )


class ApiKeys:
    def __init__(self, store: PartnerStore, partners: Partners, clock: Clock = clock.now):
        self.store = store
        self.partners = partners
        self.clock = clock

    def bootstrap(self, key: str) -> None:
        """Makes the environment's admin key valid (idempotent; a malformed one is ignored).
        Once revoked it stays revoked, whatever the environment still says."""
        parsed = parse_key(key)
        if parsed is None:
            return
        key_id, secret = parsed
        record = ApiKey(
            key_id,
            digest(secret),
            "bootstrap admin",
            ADMIN,
            "",
            (),
            self.clock(),
            "system:bootstrap",
        )
        self.store.upsert_key(record, keep_created=True)

    def create(
        self, name: str, role: str, partner_id: str, store_ids: list[str], actor: str
    ) -> tuple[ApiKey, str]:
        """(the record, the whole key to hand over once)."""
        if role == PARTNER:
            partner = self.partners.partner(partner_id)  # NOT_FOUND for an unknown one
            for store_id in store_ids:
                if self.partners.get_store(store_id).partner_id != partner.partner_id:
                    raise Refusal(
                        "invalid",
                        "STORE_NOT_PARTNERS",
                        f"store {store_id} is not the partner's",
                        "store_ids",
                    )
        key_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
        record = ApiKey(
            key_id, digest(secret), name, role, partner_id, tuple(store_ids), self.clock(), actor
        )
        self.store.insert_key(record)
        return record, f"lsk_{key_id}_{secret}"

    def listing(self, partner_id: str, include_revoked: bool) -> list[ApiKey]:
        return self.store.keys(partner_id, include_revoked)

    def revoke(self, key_id: str, actor: str) -> ApiKey:
        self.store.revoke_key(key_id, self.clock(), actor)
        found = self.store.key(key_id)
        if found is None:
            raise Refusal("not_found", "API_KEY_NOT_FOUND", "no such key", "key_id")
        return found

    def verify(self, key: str) -> ApiKey:
        parsed = parse_key(key)
        found = self.store.key(parsed[0]) if parsed else None
        if (
            found is None
            or found.revoked_at is not None
            or not hmac.compare_digest(found.secret_sha256, digest(parsed[1]))
        ):
            raise Refusal("unauthenticated", "BAD_API_KEY", "the key is not valid")
        return found


def _given(**changes: str) -> dict:
    return {name: value for name, value in changes.items() if value}


def _found(value, field: str):
    if value is None:
        raise LedgerError(
            "not_found", f"{field.upper()}_NOT_FOUND", f"no such {field[:-3]}", field=field
        )
    return value


def _moved(version: int, field: str) -> LedgerError:
    return LedgerError(
        "aborted", "VERSION_MISMATCH", f"the {field[:-3]} is at version {version}", field="version"
    )
