"""A person's search text as an SQLite FTS5 query."""

from __future__ import annotations

import re

from inbox_app.store.search_words import plain_letters, typed_words


def fts5_query(text: str) -> str:
    """A person's search text as a safe FTS5 query: every word must appear.

    Each word is quoted (so `AND`, `*`, `:` or quotes typed by a person are plain
    text), and the last word matches as a prefix so results follow typing. Letters the
    index holds spelled plainly (search_words.PLAIN_LETTERS: ø, ł, æ, ß…) are spelled so:
    "Søren", "soren" and "SØREN" find the same, as "Straße" and "strasse" do.
    """
    words = []
    for word in typed_words(text):
        cleaned = plain_letters(word.replace('"', ""))
        if re.search(r"\w", cleaned):
            words.append(cleaned)
    if not words:
        return '""'
    return " AND ".join(f'"{word}"' for word in words) + "*"
