"""The console's pages, one module per area of the back office. Each module has
`register(bp)` adding its routes to the console's blueprint, its menu entries in `MENU`
((endpoint, word, the RPC its page reads, so the menu offers only what the role may
open)) and its own words in `WORDS` (key: (vi, en))."""

from __future__ import annotations

from gateway.console import text
from gateway.console.pages import account, dashboard, members, programme, staff

AREAS = (account, dashboard, members, programme, staff)
MENU = [entry for area in AREAS for entry in getattr(area, "MENU", ())]
for _area in AREAS:
    text.add(getattr(_area, "WORDS", {}))


def register(bp) -> None:
    for area in AREAS:
        area.register(bp)
