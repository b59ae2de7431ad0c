"""How the store's portable SQL and values are said to PostgreSQL (psycopg 3).

Portable SQL, for whoever writes a mixin query: `?` placeholders only; no
`?` operators, `E''` strings or dollar quotes; integers 0/1 for flags (never
`WHERE flag`); `COALESCE` not `IFNULL`; `CAST(x AS DOUBLE PRECISION)` not `REAL`;
`lower(a) LIKE lower(?)` (LIKE is case-sensitive on PostgreSQL); say `NULLS FIRST`
or `NULLS LAST` where NULLs are sorted (the engines disagree by default); a
parameter needs a type from its context (`? IS NULL` alone does not have one).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from psycopg.adapt import Loader
from psycopg.types.numeric import Int8Dumper

from inbox_app.store.search_words import typed_words

_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/|\?|%", re.S)


@lru_cache(maxsize=4096)
def to_pyformat(sql: str) -> str:
    """`?` placeholders as psycopg's `%s`, every literal `%` doubled.

    A `?` inside a quoted string, a quoted identifier or a comment is text, not a
    placeholder; a `%` anywhere is doubled because psycopg reads the whole query.
    """

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        return token.replace("%", "%%")

    return _TOKENS.sub(replace, sql)


class NumberLoader(Loader):
    """NUMERIC as SQLite would give it: int when whole (SUM), float otherwise (AVG)."""

    def load(self, data: Any) -> int | float:
        text = bytes(data).decode("ascii")
        if text.lstrip("-").isdigit():
            return int(text)
        return float(text)


class FlagDumper(Int8Dumper):
    """Python bools go in as 0/1: flags are integer columns on both engines."""

    def dump(self, obj: Any) -> bytes:
        return b"1" if obj else b"0"


def storable(value: Any) -> Any:
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")  # PostgreSQL text cannot hold NUL
    return value


def tsquery_terms(text: str) -> tuple[str, str, str | None]:
    """A person's search text as (earlier words, the last word's leading parts, its last
    part): the first two for websearch_to_tsquery, the last for a prefix to_tsquery.

    As FTS5 reads a quoted word: a typed word with punctuation inside ("it's",
    "a-1041") is its parts side by side, a phrase; a double quote typed in a word is
    dropped ('ref"und' is "refund"). Each word is quoted so `or`, `-` or quotes typed
    by a person stay plain text, as on SQLite. The last part (letters and digits only,
    safe inside to_tsquery) matches as a prefix, right after the parts before it.
    """
    phrases = []
    for word in typed_words(text):
        parts = [part for part in re.split(r"[\W_]+", word.replace('"', "")) if part]
        if parts:
            phrases.append(parts)
    if not phrases:
        return "", "", None
    *earlier, last = phrases
    lead = f'"{" ".join(last[:-1])}"' if len(last) > 1 else ""
    return " ".join(f'"{" ".join(parts)}"' for parts in earlier), lead, last[-1]
