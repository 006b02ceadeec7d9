"""Finding members by name the way staff type it: without diacritics, in any case, by the
start of each word ("tran hoa" and "Hoa" both find "Trần Thị Hoa"). Pure functions.

A member's name is stored beside its folded words (store.py writes them with every
write, indexed), so a search reads the index rather than every member's name; erasure
removes the name and its words together, so an erased member is never found.
"""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY_LENGTH = 100
# Words of a query that count: more narrow nothing a person would type.
MAX_QUERY_WORDS = 6
_WORD = re.compile(r"\w+")
# Vietnamese letters that are letters of their own, not a base letter and a mark.
_OWN_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "ø": "o", "ł": "l"})


def fold(text: str) -> str:
    """`text` lower-cased without its marks: "Trần Thị Hoa" -> "tran thi hoa"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_OWN_LETTERS))
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept).casefold()


def name_words(name: str) -> list[str]:
    """The folded words of a member's name, each once, in order (what the index holds)."""
    return list(dict.fromkeys(_WORD.findall(fold(name))))


def query_words(query: str) -> list[str]:
    """The folded words of a name query (at most MAX_QUERY_WORDS); a member matches when
    each of them starts one of their name's words."""
    return name_words(query)[:MAX_QUERY_WORDS]
