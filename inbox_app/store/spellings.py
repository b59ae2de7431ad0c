"""Words and names in any case: what SQLite's lower(), LIKE and NOCASE cannot do (they fold
A-Z only), for customer names looked up as typed and for tags and labels, one word in any
case, spelled as the shop already spells it."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from inbox_app.store.base import Engine

# Where tags and conversation labels are kept: one vocabulary, a word in any case.
TAGS = ("customer_tags", "tag")
LABELS = ("conversation_labels", "label")


def distinct_values_sql(table: str, column: str, where: str = "") -> str:
    """The different values of an indexed column (among the rows `where` selects, its
    parameters given twice), each found from the one before it: one index step each, where
    DISTINCT reads every entry."""
    first = f"SELECT MIN({column}) FROM {table}" + (f" WHERE {where}" if where else "")
    after = f"{where} AND {column} > v.value" if where else f"{column} > v.value"
    return (f"WITH RECURSIVE v(value) AS (SELECT ({first})"
            f" UNION ALL SELECT (SELECT MIN({column}) FROM {table} WHERE {after})"
            " FROM v WHERE v.value IS NOT NULL) SELECT value FROM v WHERE value IS NOT NULL")
# Every letter with a case lies in Unicode's first two planes; the others hold ideographs,
# tags, variation selectors and private use.
CASED_BELOW = 0x20000


def reading_key(word: str) -> tuple[str, str, str]:
    """Where a word goes in a list as a person reads it: in any case, its accented letters
    with their plain ones ("ärger" among the a's), alike on both engines (SQLite's ORDER
    BY put every capital first and "ä" after "z", PostgreSQL's followed the server)."""
    folded = word.casefold()
    plain = "".join(char for char in unicodedata.normalize("NFKD", folded)
                    if not unicodedata.combining(char))
    return plain, folded, word


DIGIT_RUNS = re.compile(r"(\d+)")


def _numbers_by_value(text: str) -> tuple[Any, ...]:
    """Text cut into its runs of digits, each read as a number ("10" after "2"), and the
    text between them: alternately text and number, so any two compare piece by piece.
    A number written with more digits ("010") goes after the same number without."""
    pieces = DIGIT_RUNS.split(text)
    return tuple((int(piece), len(piece)) if odd else piece
                 for piece, odd in zip(pieces, [False, True] * len(pieces), strict=False))


def staff_reading_key(name: str) -> tuple[Any, ...]:
    """Where a staff member's name goes in a list as a person reads it: reading_key's order
    (any case, "Ärger" among the a's) with numbers by their value, "Staffer 2" before
    "Staffer 10". The same in Python on both engines: their ORDER BY put capitals first."""
    plain, folded, word = reading_key(name)
    return _numbers_by_value(plain), _numbers_by_value(folded), word


def reading_order(words) -> list[str]:
    """Tags and labels in reading order: "apple", "complaint", "VIP" (see reading_key)."""
    return sorted(words, key=reading_key)


@lru_cache(maxsize=1)
def _folding_into() -> dict[str, str]:
    """Casefolded text → the other characters that casefold to it ("k" → "K" and the
    Kelvin sign, "ss" → "ß" and "ẞ")."""
    found: dict[str, str] = {}
    for code in range(CASED_BELOW):
        char = chr(code)
        folded = char.casefold()
        if folded != char:
            found[folded] = found.get(folded, "") + char
    return found


def _spelling_places(folded: str) -> list[tuple[str, bool]]:
    """For each character of a casefolded text, the characters that may stand there in a
    text casefolding to it, and whether it may be missing there: folded out of the
    character before it, as the second s of ß is. Every such text fits, and a few more."""
    into = _folding_into()
    places = [folded[i] + into.get(folded[i], "") for i in range(len(folded))]
    optional = [False] * len(folded)
    for start in range(len(folded)):
        for length in (2, 3):  # what one character casefolds into: at most three
            piece = folded[start:start + length]
            if len(piece) == length and piece in into:
                places[start] += into[piece]
                optional[start + 1:start + length] = [True] * (length - 1)
    return list(zip(places, optional, strict=True))


def glob_pattern(folded: str) -> str:
    """SQLite GLOB (case-sensitive, no escape character) for the spellings of `folded`."""
    parts = []
    for chars, optional in _spelling_places(folded):
        if optional:
            parts.append("*")
        elif len(chars) > 1:
            parts.append(f"[{chars}]")  # cased letters: never ] ^ - or a GLOB character
        else:
            parts.append(f"[{chars}]" if chars in "*?[" else chars)
    return "".join(parts)


def like_pattern(folded: str) -> str:
    """A LIKE pattern (escape `\\`) for the spellings of `folded` with A-Z lowered: a
    place another character may take (Ü for ü, the Kelvin sign for k) is any one."""
    parts = []
    for chars, optional in _spelling_places(folded):
        if optional:
            parts.append("%")
        elif not chars.isascii():
            parts.append("_")
        else:
            lowered = chars.lower()[0]
            parts.append(f"\\{lowered}" if lowered in "%_\\" else lowered)
    return "".join(parts)


def regex_pattern(folded: str) -> str:
    """A PostgreSQL regular expression (`~`, case-sensitive) for the spellings of `folded`."""
    parts = []
    for chars, optional in _spelling_places(folded):
        if len(chars) > 1:
            part = f"[{chars}]"  # cased letters: never ] ^ - [ or a backslash
        else:
            part = f"\\{chars}" if chars.isascii() and not chars.isalnum() else chars
        parts.append(part + "?" if optional else part)
    return "^" + "".join(parts) + "$"


class SpellingsMixin(Engine):
    def _casefold_match(self, column: str, text: str) -> tuple[str, list[Any]]:
        """SQL keeping the rows whose `column` may be `text` in another case — a pattern of
        its spellings, which lets a few more through: check them with str.casefold. The
        engines' own lower(), LIKE and NOCASE fold A-Z only. One pass over the rows, as
        `lower(column) = lower(?)` was, with no Python called per row."""
        folded = text.casefold()
        if self.engine == "postgres":
            # A regular expression costs several times what LIKE does, yet the planner would
            # try it first: CASE keeps LIKE first, for the few rows it lets through.
            return (f"CASE WHEN lower({column}) LIKE ? THEN {column} ~ ? ELSE FALSE END",
                    [like_pattern(folded), regex_pattern(folded)])
        return f"{column} GLOB ?", [glob_pattern(folded)]

    def tag_spellings(self, tag: str) -> list[str]:
        """Every spelling of a tag or label the store holds (the same but for case, as
        str.casefold compares), tags' first: a filter by `vip` is a filter by VIP. Stores
        from before tags ignored case may hold several."""
        return self._spellings(tag, TAGS)

    def _spellings(self, word: str, first: tuple[str, str]) -> list[str]:
        wanted = word.strip().casefold()
        found: list[str] = []
        for table, column in (first, LABELS if first == TAGS else TAGS):
            for value in self._distinct_values(table, column):
                if value.casefold() == wanted and value not in found:
                    found.append(value)
        return found

    def _distinct_values(self, table: str, column: str) -> list[str]:
        """The different values of an indexed column, one index probe each: a shop has a
        few dozen tags on 100,000 customers, and reading them all to find those would cost
        a pass over the whole index."""
        return [row["value"] for row in self._rows(distinct_values_sql(table, column))]

    def _spelling(self, word: str, first: tuple[str, str]) -> str:
        """How to store a tag or label: as the store already spells it in any case
        ("VIP" for "vip"; from the same kind first), else as written."""
        table, column = first
        if self._row(f"SELECT {column} FROM {table} WHERE {column} = ? LIMIT 1", (word,)):
            return word
        return next(iter(self._spellings(word, first)), word)

    def _spellings_with(self, word: str, first: tuple[str, str]) -> list[str]:
        """`word` and its other spellings in the store: having any of them is having it."""
        return [word, *(other for other in self._spellings(word, first) if other != word)]
