"""Merging customers when something moved in between: a customer chosen a moment ago may
have been merged since (a message naming two addresses joins them while the merge
dialog is open, or on another computer), and a merged customer keeps receiving messages
until the merge is undone."""

from __future__ import annotations

import queue
import threading
import time

import pytest

from inbox_app.store import StoreError, open_store

from .helpers import msg


@pytest.fixture
def three(store):
    store.save_messages([
        msg("a1", "Order 1041?", email="ann@example.com", author="Ann Lee", thread="a"),
        msg("b1", "Still waiting", email="ann.lee@work.example", author="Ann L.", thread="b"),
        msg("c1", "Hi from my phone", kind="phone", phone="+1 207 555 0142", author="Ann",
            thread="c"),
    ])
    return [store.find_customer(r).id
            for r in ("ann@example.com", "ann.lee@work.example", "+1 207 555 0142")]


def test_merging_into_a_customer_merged_since_lands_on_the_one_it_joined(store, three):
    """Merged into a customer that was itself merged away, the other customer's
    conversations were moved onto the merged-away one and vanished from every view."""
    ann, work, phone = three
    store.merge_customers(ann, work)
    store.merge_customers(work, phone)   # "work" as the window knew it a moment ago
    merged = store.get_customer(ann)
    assert {i.value for i in merged.identities} == {
        "ann@example.com", "ann.lee@work.example", "+12075550142"}
    assert {c["id"] for c in store.customer_conversations(ann)} == \
        {c["id"] for c in store.customer_conversations(merged.id)}
    assert len(store.customer_conversations(ann)) == 3
    assert merged.messages == 3


def test_merging_a_customer_with_one_it_was_merged_into_is_refused(store, three):
    ann, work, _phone = three
    store.merge_customers(ann, work)
    with pytest.raises(StoreError, match="cannot be merged with itself"):
        store.merge_customers(ann, work)
    with pytest.raises(StoreError, match="cannot be merged with itself"):
        store.merge_customers(work, ann)


def test_undoing_a_merge_gives_back_what_came_in_through_the_other_since(store, three):
    """A message from the other customer's address that arrived after the merge stayed
    with the kept customer after Undo, while the address went back: the kept customer
    showed a conversation from someone it no longer reaches."""
    ann, work, _phone = three
    event = store.merge_customers(ann, work)
    store.save_messages([msg("b2", "New question", email="ann.lee@work.example",
                             author="Ann L.", thread="b-new")])
    store.unmerge_customers(event)
    later = store.find_customer("ann.lee@work.example")
    assert later.id == work
    assert len(store.customer_conversations(work)) == 2
    assert len(store.customer_conversations(ann)) == 1
    assert (store.get_customer(ann).messages, store.get_customer(work).messages) == (1, 2)


def test_two_desktops_merging_the_same_pair_opposite_ways_make_one_customer(
        store, store_location, three):
    """Ann merged into Ann L. on one computer while Ann L. was merged into Ann on another:
    each customer ended up merged into the other, and showing either one never returned
    (it followed the merge round and round)."""
    ann, work, _phone = three
    outcome: queue.Queue = queue.Queue()

    def merge_from_the_other_desktop():
        other = open_store(store_location)
        try:
            other.merge_customers(work, ann)
            outcome.put("merged")
        except StoreError as error:
            outcome.put(error)
        finally:
            other.close()

    with store.transaction():
        store.merge_customers(ann, work)
        racer = threading.Thread(target=merge_from_the_other_desktop)
        racer.start()
        time.sleep(0.3)  # the other desktop now waits for this one (both engines make it)
    racer.join(30)
    assert not racer.is_alive()
    result = outcome.get_nowait()
    assert isinstance(result, StoreError) and "with itself" in str(result)
    assert store.get_customer(work).id == store.get_customer(ann).id == ann
    assert len(store.customer_conversations(ann)) == 2
