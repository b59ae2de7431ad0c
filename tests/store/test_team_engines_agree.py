"""Team mode: what a shop of several computers found where the two engines disagreed."""

from __future__ import annotations

import threading

import pytest

from inbox_app.store import QueueQuery, StoreError, open_store
from tests.pgserver import wait_until

from .helpers import msg


@pytest.fixture
def texts(store):
    store.save_messages([
        msg("1", "My deliveries keep arriving late, I want a refund", email="ann@x.org",
            author="Ann Lee"),
        msg("2", "It's the second time, so send it again", email="bo@x.org", author="Bo Park"),
        msg("3", "It arrived. Sadly the lid was broken", email="cy@x.org", author="Cy Moss"),
    ])
    return store


# A typed word with punctuation inside is its parts side by side (FTS5 reads a quoted
# word so); a double quote typed inside a word is dropped, not a space.
@pytest.mark.parametrize(("typed", "expected"), [
    ("late-refund", []),  # both words are there, not side by side
    ("arriving-late", ["Ann Lee"]),
    ("it's", ["Bo Park"]),  # "It arrived. Sadly" has "it" and "s…" apart
    ("it's sec", ["Bo Park"]),
    ("it.sadly", []),  # a full stop in the text is no closer than a space
    ('ref"und', ["Ann Lee"]),
    ('"refund"', ["Ann Lee"]),
    ('a"rriving late', ["Ann Lee"]),
    ("want-a refund", ["Ann Lee"]),
    ("want-a-ref", ["Ann Lee"]),
    ("send-it-again", ["Bo Park"]),
    ("send-again", []),
])
def test_punctuation_inside_a_typed_word_finds_the_same_on_both_engines(texts, typed, expected):
    found = sorted(r.customer_name for r in texts.queue(QueueQuery(filter="all", search=typed)))
    assert found == expected


def _another_computer(store, store_location):
    if store.engine != "postgres":
        pytest.skip("one SQLite file is written by one transaction at a time")
    return open_store(store_location)


def _blocked_or_done(store, thread) -> bool:
    """The other computer's call either finished or waits on a lock this one holds."""
    return not thread.is_alive() or bool(store._scalar(
        "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        " AND datname = current_database() AND pid != pg_backend_pid()"))


@pytest.mark.parametrize("kind", ["label", "tag"])
def test_a_word_added_at_the_same_moment_in_two_cases_is_one_word(store, store_location, kind):
    """Maya labels a conversation "Urgent" while Theo, at another computer, labels it
    "urgent": the conversation has the label once, as the first of them spelled it
    (PostgreSQL's READ COMMITTED let both see no label and both insert their own)."""
    store.save_messages([msg("1", "Where is my order?", email="ann@x.org", author="Ann Lee")])
    conversation = store.queue(QueueQuery(filter="all"))[0]
    other = _another_computer(store, store_location)

    def add(on, word):
        if kind == "label":
            return on.label(conversation.conversation_id, word)
        return on.tag_customer(conversation.customer_id, word)

    answers = {}
    try:
        with store.transaction():
            add(store, "Urgent")
            theo = threading.Thread(target=lambda: answers.setdefault("theo", add(other, "urgent")))
            theo.start()
            assert wait_until(lambda: _blocked_or_done(store, theo), timeout=30)
        theo.join(30)
    finally:
        other.close()
    if kind == "label":
        held = store.get_conversation(conversation.conversation_id).labels
    else:
        held = store.get_customer(conversation.customer_id).tags
    assert (list(held), answers) == (["Urgent"], {"theo": "Urgent"})


def test_a_staff_member_added_at_two_computers_at_once_is_added_once(store, store_location):
    """The owner adds "Zoë Kim" at the counter while the back office adds "ZOË KIM": one is
    added, the other is told she is already there (both were added on PostgreSQL)."""
    other = _another_computer(store, store_location)
    answers = {}

    def add_there():
        try:
            answers["there"] = other.add_staff("ZOË KIM").name
        except StoreError as error:
            answers["there"] = str(error)

    try:
        with store.transaction():
            store.add_staff("Zoë Kim")
            there = threading.Thread(target=add_there)
            there.start()
            assert wait_until(lambda: _blocked_or_done(store, there), timeout=30)
        there.join(30)
    finally:
        other.close()
    assert [member.name for member in store.list_staff()] == ["Zoë Kim"]
    assert answers == {"there": "There is already a staff member called Zoë Kim."}  # as listed
