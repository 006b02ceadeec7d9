"""The console's pages, one module per area of the back office, each found here by
itself (a new area is a new module, nothing else to edit). Each module has `register(bp)`
adding its routes to the console's blueprint, `PLACE` (its order in the menu), its menu
entries in `MENU` ((endpoint, word, the RPC its page reads, so the menu offers only what
the role may open)) and its own words in `WORDS` (key: (vi, en))."""

from __future__ import annotations

import importlib
import pkgutil

from gateway.console import text

AREAS = sorted(
    (importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)),
    key=lambda area: (getattr(area, "PLACE", 100), area.__name__),
)
MENU = [entry for area in AREAS for entry in getattr(area, "MENU", ())]
for _area in AREAS:
    text.add(getattr(_area, "WORDS", {}))


def register(bp) -> None:
    for area in AREAS:
        area.register(bp)
