"""Every word the console's pages and menu name by its key exists in both languages (a
missing key would show itself, the key, on the page)."""

from __future__ import annotations

import re
from pathlib import Path

from gateway.console import pages, text

CONSOLE = Path(text.__file__).parent
# t('key') in a template, word("key", ...) in a page's code: keys written out whole (a key
# built from a prefix and an enum's name is checked by the pages that show it).
NAMED = re.compile(r"""\b(?:t|word)\(\s*(['"])([a-z0-9_]+)\1\s*[,)]""", re.IGNORECASE)


def _keys_named() -> dict[str, set[str]]:
    named: dict[str, set[str]] = {}
    for path in [*CONSOLE.rglob("*.html"), *CONSOLE.rglob("*.py")]:
        for match in NAMED.finditer(path.read_text(encoding="utf-8")):
            named.setdefault(match.group(2), set()).add(path.name)
    for _endpoint, key, _rpc in pages.MENU:
        named.setdefault(key, set()).add("MENU")
    return named


def test_every_key_a_page_names_has_its_words():
    named = _keys_named()
    assert len(named) > 200  # the pattern still finds the pages' words
    missing = {key: sorted(where) for key, where in named.items() if key not in text.WORDS}
    assert not missing, missing


def test_every_word_has_both_languages():
    empty = [key for key, (vi, en) in text.WORDS.items() if not vi.strip() or not en.strip()]
    assert not empty, empty
