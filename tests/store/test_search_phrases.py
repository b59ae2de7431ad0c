"""A phrase is found within one column of a message, on both engines.

A typed word with punctuation inside ("it's", "arrived-broken") is a phrase: its parts
side by side. SQLite's FTS5 matches a phrase within one column (title, text or author's
name). PostgreSQL's search document holds a message's columns in one tsvector, so
there their words are numbered apart (pg_search.fts_fields_document, m071): a
phrase must not run from the end of the title into the text, from the text into the
author's name, or between any two columns in the order the document holds them.
"""

from __future__ import annotations

import re

import pytest

from inbox_app.store import QueueQuery, open_store
from inbox_app.store import postgres as pg_engine
from inbox_app.store.pg_migrations import pg_migrations

from .helpers import msg

PHRASES_APART = "m071_search_phrases_stay_in_one_column"


def found(store, typed: str) -> list[str]:
    """The customers of the conversations a search finds (by a message, or a name)."""
    return sorted(r.customer_name for r in store.queue(QueueQuery(filter="all", search=typed)))


def matching(store, typed: str) -> list[str]:
    """The messages a search finds through their search index (external ids): what the
    queue finds by a message, apart from customers found by their own names."""
    sql, params = store.fts_match("messages", typed)
    return sorted(r["external_id"] for r in store._rows(
        f"SELECT external_id FROM messages WHERE id IN ({sql})", params))


@pytest.fixture
def columns(store):
    store.save_messages([
        msg("1", "Cracked lid and a dented tin. Regards", email="tim@x.org", author="Tim Cole",
            title="Parcel arrived broken"),
        msg("2", "Mind the gap please", email="ida@x.org", author="Ida Gap"),
    ])
    return store


@pytest.mark.parametrize(("typed", "expected"), [
    # Across two columns: in SQLite's order (title, text, author) and in the order
    # PostgreSQL's document holds them (title, author, text).
    ("broken-cracked", []),  # title → text
    ("regards-tim", []),  # text → author
    ("broken-tim", []),  # title → author
    ("cole-cracked", []),  # author → text
    ("please-ida", []),  # text → author, no title
    ("broken-cra", []),  # the prefix in the next column
    ("regards-ti", []),
    ("cole-cr", []),
    ("arrived-broken-cracked", []),
    # Within one column.
    ("parcel-arrived-broken", ["1"]),  # title
    ("arrived-bro", ["1"]),
    ("dented-tin", ["1"]),  # text
    ("tin.regards", ["1"]),
    ("cracked-li", ["1"]),
    ("tim-cole", ["1"]),  # author
    ("tim-co", ["1"]),
    ("ida-gap", ["2"]),
    # Words of different columns still find the message together, as on SQLite.
    ("broken cracked", ["1"]),
    ("regards tim", ["1"]),
    ("parcel cole", ["1"]),
    ("arrived-broken dented-tin tim-c", ["1"]),
    # PostgreSQL's placeholder between columns is the lexeme "gap": a column's own "gap"
    # stays a word like any other.
    ("gap", ["2"]),
    ("the-gap", ["2"]),
    ("gap-please", ["2"]),
    ("mind gap", ["2"]),
])
def test_a_phrase_is_found_within_one_column(columns, typed, expected):
    assert matching(columns, typed) == expected


def test_the_queue_finds_no_conversation_by_a_phrase_across_columns(columns):
    assert found(columns, "broken-cracked") == []
    assert found(columns, "regards-tim") == []
    assert found(columns, "arrived-broken") == ["Tim Cole"]


def test_a_phrase_in_the_title_or_the_name_is_found_beside_a_very_long_text(store):
    """A tsvector numbers words up to 16383, later ones all share that number (and so
    are no phrase): the title and the author's name come before the text."""
    store.save_messages([
        msg("1", " ".join(["word"] * 17_000) + " end", email="mary@x.org",
            author="Mary-Ann Lee", title="Your café order"),
    ])
    assert matching(store, "mary-ann") == ["1"]
    assert matching(store, "ann-lee") == ["1"]
    assert matching(store, "café-order") == ["1"]
    assert matching(store, "word-word-word") == ["1"]
    assert matching(store, "order-word") == []
    assert matching(store, "lee-word") == []


def test_the_migration_writes_every_document_again(pg_empty_url, monkeypatch):
    """A store written before m071, where a phrase ran from the title into the text, finds
    it no longer once opened by this version; new messages are indexed the same way."""
    earlier = pg_migrations[:[m.name for m in pg_migrations].index(PHRASES_APART)]
    with monkeypatch.context() as before:
        before.setattr(pg_engine, "pg_migrations", earlier)
        before.setattr(pg_engine, "schema_names", lambda: [m.name for m in earlier])
        old = open_store(pg_empty_url)
        try:
            old.save_messages([
                msg("1", "Cracked lid. Regards", email="tim@x.org", author="Tim Cole",
                    title="Parcel arrived broken"),
            ])
            assert PHRASES_APART not in old.applied_migrations()
            assert found(old, "broken-cracked") == ["Tim Cole"]  # what the migration mends
            assert found(old, "regards-tim") == ["Tim Cole"]
        finally:
            old.close()
    store = open_store(pg_empty_url)
    try:
        assert PHRASES_APART in store.applied_migrations()
        assert found(store, "broken-cracked") == []
        assert found(store, "regards-tim") == []
        assert found(store, "arrived-broken") == ["Tim Cole"]
        assert found(store, "broken cracked tim") == ["Tim Cole"]
        store.save_messages([
            msg("2", "Dented tin. Thanks", email="ida@x.org", author="Ida Gap",
                title="Late and dented"),
        ])
        assert found(store, "dented-dented") == []
        assert found(store, "thanks-ida") == []
        assert found(store, "dented-tin") == ["Ida Gap"]
        assert store._scalar("SELECT COUNT(*) AS n FROM messages_fts") == 2
    finally:
        store.close()


# Phrases typed on the demo store, found within one column (some in every apology the
# demo's staff write), and a few that used to run from a text into its author's name.
DEMO_PHRASES = [
    "it's", "I've", "that's-not", "I'm-really-sorry", "not-the-café", "thank-you",
    "thanks-so-much", "two-coffees", "your-subscription", "monthly-subscription",
    "we're-away", "Pausing-my", "Maya-Okafor", "Theo-Brandt", "Enjoy-Maya", "Enjoy-Priya",
    "Help-Alice", "Awful-Bea", "Disappointing-Dev", "Frustrating-Carla",
]


def test_phrases_find_the_same_on_both_engines_on_the_demo_store(demo_on_both_engines):
    solo, team = demo_on_both_engines

    def conversations(store, typed):
        return {r.conversation_id for r in store.queue(
            QueueQuery(filter="all", search=typed, limit=10_000))}

    differ = {typed: (len(conversations(solo, typed)), len(conversations(team, typed)))
              for typed in DEMO_PHRASES
              if conversations(solo, typed) != conversations(team, typed)}
    assert differ == {}
    assert all(conversations(solo, typed) for typed in DEMO_PHRASES[:14])

    # Every phrase of a column's last word and the next column's first, in either
    # engine's order: PostgreSQL finds no conversation that SQLite does not. (Not
    # always the same ones: a prefix is stemmed on SQLite, not on PostgreSQL, so
    # "café-Wes" finds "the café we…" there only.)
    word = re.compile(r"\w+")
    across = set()
    for row in solo._rows("SELECT title, text, author_name FROM messages"):
        words = [word.findall(row[column] or "") for column in ("title", "text", "author_name")]
        for first, second in ((0, 1), (1, 2), (0, 2), (2, 1)):
            if words[first] and words[second]:
                across.add(f"{words[first][-1]}-{words[second][0]}")
    assert len(across) > 500
    extra = {typed: sorted(conversations(team, typed) - conversations(solo, typed))
             for typed in sorted(across)}
    assert {typed: ids for typed, ids in extra.items() if ids} == {}
