"""A purchase as a till reports it, and the claim that makes its transaction id earn once.

The earn path carries these typed values from the servicer to the store: the request
becomes a `Purchase`; claiming its transaction id makes a `PurchaseClaim` (the ids and
dates its lot will have); the rules price it; the account records it.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from services.points.ledger.domain.operations import fingerprint


@dataclasses.dataclass(frozen=True)
class PurchaseLine:
    line_id: str
    sku: str
    category: str
    quantity: int
    amount_minor: int


@dataclasses.dataclass(frozen=True)
class Purchase:
    member_id: str
    partner_id: str
    store_id: str
    transaction_id: str
    amount_minor: int
    currency: str
    occurred_at: datetime
    lines: tuple[PurchaseLine, ...] = ()
    idempotency_key: str = ""  # a second name for the same request, not part of it

    @property
    def key(self) -> str:
        return purchase_key(self.partner_id, self.transaction_id)

    def fingerprint(self) -> str:
        """What makes two requests the same purchase: every field but the idempotency
        key, in one canonical encoding (names, not positions; times in UTC)."""
        facts = dataclasses.asdict(self)
        del facts["idempotency_key"]
        return fingerprint(facts)


@dataclasses.dataclass(frozen=True)
class PurchaseClaim:
    """A transaction id claimed for a purchase, with what its earn will write."""

    purchase: Purchase
    fingerprint: str
    entry_id: str
    lot_id: str
    available_at: datetime
    expires_at: datetime | None
    claimed_at: datetime
    applied: bool = False

    @property
    def key(self) -> str:
        return self.purchase.key


def purchase_key(partner_id: str, transaction_id: str) -> str:
    # Partner ids hold no slash, so the first one separates the two unambiguously.
    return f"{partner_id}/{transaction_id}"
