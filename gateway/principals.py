"""Who is calling: a member (access token), a partner's tills or a staff member (API key)."""

from __future__ import annotations

import dataclasses
import hashlib

ROLES = ("viewer", "operator", "admin")  # each can do what the ones before it can


@dataclasses.dataclass(frozen=True)
class Principal:
    kind: str  # "member", "partner" or "staff"
    member_id: str = ""
    key_id: str = ""
    partner_id: str = ""
    store_ids: tuple[str, ...] = ()
    role: str = ""

    @property
    def actor(self) -> str:
        """How the services' audit trails name the caller."""
        if self.kind == "member":
            return f"member:{self.member_id}"
        if self.kind == "partner":
            return f"partner:{self.partner_id}/key:{self.key_id}"
        return f"staff:{self.key_id}"

    def own_key(self, idempotency_key: str) -> str:
        """The client's Idempotency-Key as the services keep it: within this caller's own
        scope (a partner's, a member's or a staff key's), so two callers choosing the
        same key never meet. 1 + 1 + 24 + 1 characters before the client's key."""
        owner = {"member": self.member_id, "partner": self.partner_id}.get(self.kind, self.key_id)
        scope = hashlib.sha256(f"{self.kind}:{owner}".encode()).hexdigest()[:24]
        return f"{self.kind[0]}:{scope}:{idempotency_key}"

    @property
    def limit_key(self) -> str:
        return self.member_id if self.kind == "member" else self.key_id

    def may(self, role: str) -> bool:
        return self.kind == "staff" and ROLES.index(self.role) >= ROLES.index(role)

    def serves(self, store_id: str) -> bool:
        """A partner key acts for its partner's stores (or only those it names)."""
        return not self.store_ids or store_id in self.store_ids
