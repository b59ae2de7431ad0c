"""Taking a label off a selection of conversations (the queue's "Remove label…"): one
transaction, the label off in whatever case each has it, a new version for every one
changed (other computers show it gone), rules leaving it off them afterwards, and Ctrl+Z
putting it back as each had it (both engines)."""

from __future__ import annotations

import pytest

from inbox_app.core.rules import Rule
from inbox_app.store import QueueQuery, StoreError, UndoNotPossible
from tests.store.helpers import msg


@pytest.fixture
def shop(store):
    """Five open conversations; a rule labelled three of them wholesale-lead."""
    store.add_staff("Maya")
    store.save_messages([
        msg(f"e{i}", f"Question {i}", email=f"c{i}@example.com", thread=f"t{i}",
            at=1_800_000_000 + i) for i in range(5)])
    ids = sorted(store.queue_ids(QueueQuery(filter="all", order="newest")))
    for conversation_id in ids[:3]:
        store.label(conversation_id, "wholesale-lead")
    store.label(ids[3], "refund")
    return store, ids


def versions(store, ids):
    return [store.get_conversation(i).version for i in ids]


def test_the_label_comes_off_those_that_have_it_and_only_the_label(shop):
    store, ids = shop
    before = versions(store, ids)

    assert store.bulk_unlabel(ids, "Wholesale-Lead", staff="Maya") == 3

    assert [store.get_conversation(i).labels for i in ids] == [(), (), (), ("refund",), ()]
    after = versions(store, ids)
    assert [a - b for a, b in zip(after, before, strict=True)] == [1, 1, 1, 0, 0]
    events = store._rows("SELECT conversation_id, staff, data FROM events"
                         " WHERE action = 'unlabelled' ORDER BY conversation_id")
    assert [(e["conversation_id"], e["staff"]) for e in events] == \
        [(i, "Maya") for i in ids[:3]]
    assert store.queue_count(QueueQuery(tag="wholesale-lead", filter="all")) == 0


def test_nothing_to_take_off_changes_nothing(shop):
    store, ids = shop
    before = versions(store, ids)
    undo = []
    assert store.bulk_unlabel(ids, "compliant", undo=undo) == 0
    assert versions(store, ids) == before
    assert undo[0].states == ()
    with pytest.raises(StoreError, match="cannot be empty"):
        store.bulk_unlabel(ids, "  ")


def test_each_spelling_a_store_from_before_holds_comes_off(shop):
    store, ids = shop
    # Stores from before labels ignored case may hold "VIP" and "vip" side by side.
    store._exec("INSERT INTO conversation_labels (conversation_id, label, created_at)"
                " VALUES (?, 'VIP', 0), (?, 'vip', 0), (?, 'Vip', 0)", (ids[0], ids[1], ids[1]))
    undo = []
    assert store.bulk_unlabel(ids, "vip", undo=undo) == 2
    assert all("vip" not in (label.casefold() for label in store.get_conversation(i).labels)
               for i in ids)

    assert store.undo_bulk(undo[0], staff="Maya") == (2, 0)
    assert "VIP" in store.get_conversation(ids[0]).labels
    assert store.get_conversation(ids[1]).labels in (("Vip", "wholesale-lead"),
                                                     ("vip", "wholesale-lead"))


def test_undo_puts_it_back_except_where_it_is_back_already(shop):
    store, ids = shop
    undo = []
    store.bulk_unlabel(ids, "wholesale-lead", staff="Maya", undo=undo)
    store.label(ids[0], "WHOLESALE-LEAD")  # a colleague put it back meanwhile, in caps
    before = versions(store, ids)

    assert store.undo_bulk(undo[0], staff="Maya") == (2, 1)

    assert [store.get_conversation(i).labels for i in ids[:3]] == \
        [("WHOLESALE-LEAD",), ("wholesale-lead",), ("wholesale-lead",)]
    assert [a - b for a, b in zip(versions(store, ids), before, strict=True)] == \
        [0, 1, 1, 0, 0]
    with pytest.raises(UndoNotPossible, match="wholesale-lead was put back on them since"):
        store.undo_bulk(undo[0], staff="Maya")


def test_a_rule_leaves_off_what_was_taken_off_in_bulk(shop):
    store, ids = shop
    store.save_rule(Rule(name="Wholesale", words=("question",), labels=("wholesale-lead",)))
    store.bulk_unlabel(ids, "wholesale-lead", staff="Maya")

    store.run_rule("Wholesale", since=0)

    assert [store.get_conversation(i).labels for i in ids] == \
        [(), (), (), ("refund", "wholesale-lead"), ("wholesale-lead",)]


def test_the_labels_a_selection_has_between_them(shop):
    store, ids = shop
    store.label(ids[1], "Ärger")
    assert store.labels_among(ids[1:4]) == ["Ärger", "refund", "wholesale-lead"]
    assert store.labels_among([ids[4]]) == []
