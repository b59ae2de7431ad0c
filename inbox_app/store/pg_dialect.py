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

from inbox_app.store.base import typed_words

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


def tsquery_terms(text: str) -> tuple[str, str | None]:
    """A person's search text as (quoted words for websearch_to_tsquery, last word).

    Punctuation separates words, as in the indexed text; each word is quoted so
    `or`, `-` or quotes typed by a person stay plain text, as on SQLite. The last
    word (letters and digits only, safe inside to_tsquery) matches as a prefix.
    """
    words = [w for w in re.split(r"[\W_]+", " ".join(typed_words(text))) if w]
    if not words:
        return "", None
    return " ".join(f'"{w}"' for w in words[:-1]), words[-1]
