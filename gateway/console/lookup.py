"""Finding a member from what a staff member knows of them, as Member 360's search and
a template's preview both ask: a phone number, a card number, a member number (as the
card and the welcome message show it), an e-mail or a member id."""

from __future__ import annotations

import re

from gateway.console.calls import MEMBERS, rpc_call
from gateway.errors import ApiError

# "M000000042", however the member typed or read it out ("m000000042").
MEMBER_NUMBER = re.compile(r"[Mm]\d+")


def find_member(query: str) -> str:
    """The member a phone, card number, member number, e-mail or member id names ("" when
    none)."""
    if "@" in query:
        keys = [{"email": query}]
    elif MEMBER_NUMBER.fullmatch(query):
        keys = [{"member_number": query.upper()}]
    else:
        keys = [{"phone": query}, {"card_number": query.replace(" ", "")}]
    lookups = [(f"{MEMBERS}/FindMember", key) for key in keys]
    lookups.append((f"{MEMBERS}/GetMember", {"member_id": query}))
    for rpc, key in lookups:
        try:
            return rpc_call(rpc, **key).member.member_id
        except ApiError as error:
            if error.status not in (400, 404):
                raise
    return ""
