"""Finding a member from what a staff member knows of them, as Member 360's search and
a template's preview both ask: a phone number, a card number, an e-mail or a member id."""

from __future__ import annotations

from gateway.console.calls import MEMBERS, rpc_call
from gateway.errors import ApiError


def find_member(query: str) -> str:
    """The member a phone, card number, e-mail or member id names ("" when none)."""
    keys = (
        [{"email": query}]
        if "@" in query
        else [
            {"phone": query},
            {"card_number": query.replace(" ", "")},
        ]
    )
    lookups = [(f"{MEMBERS}/FindMember", key) for key in keys]
    lookups.append((f"{MEMBERS}/GetMember", {"member_id": query}))
    for rpc, key in lookups:
        try:
            return rpc_call(rpc, **key).member.member_id
        except ApiError as error:
            if error.status not in (400, 404):
                raise
    return ""
