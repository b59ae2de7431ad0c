"""Words typed in quotes are a phrase: found side by side, in that order, on both engines.

Without quotes every word must appear anywhere; a person who types `"not working"` or
pastes a sentence in quotes means those words together, and the quotes used to be
dropped, so `"broken arrived"` found "arrived broken" and `"not working"` every message
holding both words anywhere."""

from __future__ import annotations

import pytest

from inbox_app.store import QueueQuery
from inbox_app.store.search_words import search_readings, typed_words

from .helpers import msg


@pytest.fixture
def shop(store):
    store.save_messages([
        msg("1", "Order A-1041 arrived broken", email="bob@x.org", author="Bob Marsh"),
        msg("2", "The app is not working since the update", email="ann@x.org", author="Ann Lee"),
        msg("3", "Working fine now, but the lid is not sealed", email="cy@x.org",
            author="Cy Penn"),
        msg("4", "Is my order 1041 shipped? The wi-fi kettle", email="dee@x.org", author="Dee"),
        msg("5", "I don't want the Straße edition", email="ed@x.de", author="Ed Kunz"),
    ])
    return store


def found(store, typed: str) -> list[str]:
    return sorted(r.customer_name for r in store.queue(QueueQuery(filter="all", search=typed)))


@pytest.mark.parametrize(("typed", "expected"), [
    ('"not working"', ["Ann Lee"]),
    ("not working", ["Ann Lee", "Cy Penn"]),  # without quotes: both words, anywhere
    ('"working not"', []),
    ('"arrived broken"', ["Bob Marsh"]),
    ('"broken arrived"', []),
    ("“not working”", ["Ann Lee"]),  # curly quotes, pasted from a document
    ("„not working“", ["Ann Lee"]),
    ("«not working»", ["Ann Lee"]),
    ('"not working" update', ["Ann Lee"]),  # a phrase and a word
    ('update "not working"', ["Ann Lee"]),
    ('"not   working"', ["Ann Lee"]),
    ('"not wor', ["Ann Lee"]),  # while typing: the last word of the phrase is a prefix
    ('"not working', ["Ann Lee"]),
    ('"order 1041"', ["Dee"]),
    ('"1041 order"', []),
    ('"wi-fi kettle"', ["Dee"]),
    ('"kettle wi-fi"', []),
    ('"don\'t want"', ["Ed Kunz"]),
    ('"want don\'t"', []),
    ('"strasse edition"', ["Ed Kunz"]),  # "ß" and "ss" alike inside a phrase too
    ('"refund"', []),
    ('"arrived"', ["Bob Marsh"]),  # one word in quotes is that word
    ('" "', []),
    ('"', []),
    ('refund" OR "x', []),  # quotes inside words stay plain text
])
def test_quoted_words_are_a_phrase(shop, typed, expected):
    assert found(shop, typed) == expected


def test_a_phrase_reads_back_as_typed():
    """A search is joined back into text between its steps (its readings): a phrase must
    come back as the same phrase."""
    for typed in ('"not working" update', '“not  working”', '"not wor'):
        words = typed_words(typed)
        assert typed_words(" ".join(words)) == words
        for reading in search_readings(typed):
            assert typed_words(reading) == typed_words(reading.replace("  ", " "))
    assert typed_words('"not working" update') == ['"not working"', "update"]
