"""Undoing a bulk action puts each conversation back as it was before it — snoozed ones
snoozed again, each its own assignee — except those someone changed since (both engines)."""

from __future__ import annotations

import pytest

from inbox_app.core.timeutil import now
from inbox_app.store import QueueQuery, UndoNotPossible
from tests.store.helpers import msg


@pytest.fixture
def shop(store):
    """Six open conversations of three customers; two snoozed, one of them Theo's."""
    store.add_staff("Maya")
    store.add_staff("Theo")
    store.save_messages([
        msg(f"e{i}", f"Question {i}", email=f"c{i // 2}@example.com", thread=f"t{i}",
            at=1_800_000_000 + i) for i in range(6)])
    ids = store.queue_ids(QueueQuery(filter="all", order="newest"))
    store.snooze(ids[0], now() + 7200)
    store.snooze(ids[1], now() + 3600)
    store.assign(ids[1], "Theo")
    return store, sorted(ids)


def _states(store, ids):
    return {i: (c.status, c.snoozed_until, c.assignee, c.due_at, c.closed_at)
            for i in ids for c in [store.get_conversation(i)]}


def test_undoing_a_bulk_close_puts_each_back_as_it_was(shop):
    store, ids = shop
    before = _states(store, ids)
    undo = []

    assert store.bulk_close(ids, staff="Maya", undo=undo) == 6
    assert {store.get_conversation(i).status for i in ids} == {"closed"}
    assert store.undo_bulk(undo[0], staff="Maya") == (6, 0)

    assert _states(store, ids) == before
    assert store.queue_count(QueueQuery(filter="open")) == 4
    reopened = store._rows("SELECT conversation_id FROM events WHERE action = 'reopened'")
    assert len(reopened) == 4  # the snoozed two went back to sleep, not "reopened"


def test_undoing_a_bulk_assign_gives_each_its_own_assignee_back(shop):
    store, ids = shop
    before = _states(store, ids)
    undo = []
    store.bulk_assign(ids, "Maya", due_at=now() + 86400, staff="Maya", undo=undo)

    store.undo_bulk(undo[0], staff="Maya")

    assert _states(store, ids) == before
    assert store.get_conversation(ids[-2]).assignee == "Theo"


def test_a_conversation_changed_since_is_left_as_the_colleague_left_it(shop):
    store, ids = shop
    undo = []
    store.bulk_close(ids, staff="Maya", undo=undo)
    store.reopen_conversation(ids[2], staff="Theo")
    store.assign(ids[2], "Theo", staff="Theo")

    assert store.undo_bulk(undo[0], staff="Maya") == (5, 1)

    theirs = store.get_conversation(ids[2])
    assert (theirs.status, theirs.assignee) == ("open", "Theo")


def test_an_undo_with_nothing_left_to_put_back_says_so_and_changes_nothing(shop):
    store, ids = shop
    undo = []
    store.bulk_snooze(ids[:2], now() + 600, staff="Maya", undo=undo)
    for conversation_id in ids[:2]:
        store.close_conversation(conversation_id, staff="Theo")

    with pytest.raises(UndoNotPossible, match="All 2 were changed since"):
        store.undo_bulk(undo[0], staff="Maya")
    assert {store.get_conversation(i).status for i in ids[:2]} == {"closed"}


def test_undoing_a_bulk_label_or_tag_takes_off_only_what_it_added(shop):
    store, ids = shop
    store.label(ids[0], "Refund")
    store.tag_customer(store.get_conversation(ids[0]).customer_id, "VIP")
    labels, tags = [], []
    assert store.bulk_label(ids, "refund", staff="Maya", undo=labels) == 5
    assert store.bulk_tag(ids, "vip", staff="Maya", undo=tags) == 2

    assert store.undo_bulk(labels[0], staff="Maya") == (5, 0)
    assert store.undo_bulk(tags[0], staff="Maya") == (2, 0)

    assert [list(store.get_conversation(i).labels) for i in ids] == [["Refund"]] + [[]] * 5
    assert [list(store.get_customer(store.get_conversation(i).customer_id).tags)
            for i in ids[::2]] == [["VIP"], [], []]
    with pytest.raises(UndoNotPossible):
        store.undo_bulk(labels[0], staff="Maya")
