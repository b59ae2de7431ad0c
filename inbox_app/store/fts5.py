"""A person's search text as an SQLite FTS5 query."""

from __future__ import annotations

import itertools
import re

from inbox_app.store.search_words import typed_words


def fts5_query(text: str) -> str:
    """A person's search text as a safe FTS5 query: every word must appear.

    Each word is quoted (so `AND`, `*`, `:` or quotes typed by a person are plain
    text), and the last word matches as a prefix so results follow typing.
    """
    spellings = []
    for word in typed_words(text):
        cleaned = word.replace('"', "")
        if re.search(r"\w", cleaned):
            spellings.append(sharp_s_spellings(cleaned))
    if not spellings:
        return '""'
    terms = []
    for number, alternatives in enumerate(spellings, 1):
        prefix = "*" if number == len(spellings) else ""
        quoted = [f'"{spelling}"{prefix}' for spelling in alternatives]
        terms.append(quoted[0] if len(quoted) == 1 else f"({' OR '.join(quoted)})")
    return " AND ".join(terms)  # FTS5 has no implicit AND beside a parenthesis


def sharp_s_spellings(word: str) -> list[str]:
    """A word as typed and with "ß" and "ss" exchanged ("strasse", "straße").

    FTS5 folds accents but keeps "ß", which PostgreSQL's unaccent spells "ss"; a German
    word is written either way (and always "ss" in Switzerland), so both are looked for.
    """
    lowered = word.lower()
    spellings = [word]
    if "ß" in lowered:
        spellings.append(lowered.replace("ß", "ss"))
    # Each "ss" could be a "ß" (the first three: a word has at most eight spellings).
    parts = lowered.split("ss", 3)
    for joints in itertools.product(("ss", "ß"), repeat=len(parts) - 1):
        spelled = parts[0] + "".join(j + part for j, part in zip(joints, parts[1:], strict=True))
        if spelled not in spellings and spelled != lowered:
            spellings.append(spelled)
    return spellings
