"""Who is calling: a member (access token), a partner's tills or a staff member (API key)."""

from __future__ import annotations

import dataclasses

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

    @property
    def limit_key(self) -> str:
        return self.member_id if self.kind == "member" else self.key_id

    def may(self, role: str) -> bool:
        return self.kind == "staff" and ROLES.index(self.role) >= ROLES.index(role)

    def serves(self, store_id: str) -> bool:
        """A partner key acts for its partner's stores (or only those it names)."""
        return not self.store_ids or store_id in self.store_ids
