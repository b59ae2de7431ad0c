"""Undoing a customer merge after the shop kept working on the merged customer: the undo
gives back what the merge took and keeps what people did since (a value set, a tag
taken off or added, a note, another merge), and it is done once only."""

from __future__ import annotations

import pytest

from inbox_app.store import StoreError

from .helpers import msg


@pytest.fixture
def ann_bob_dan(store):
    store.save_messages([
        msg("a1", "Order 1041?", email="ann@example.com", author="Ann Lee", thread="a"),
        msg("b1", "Still waiting", email="bob@example.com", author="Bob Stone", thread="b"),
        msg("d1", "Hello", email="dan@example.com", author="Dan Dee", thread="d"),
    ])
    return [store.find_customer(e).id
            for e in ("ann@example.com", "bob@example.com", "dan@example.com")]


def _customer_row(store, customer_id):
    return store._row("SELECT name, value, message_count, merged_into FROM customers"
                      " WHERE id = ?", (customer_id,))


def test_a_value_set_after_the_merge_stays_after_undo(store, ann_bob_dan):
    """Ann (100) merged into Bob (50) made Bob 150; the shop then set what the customer
    really spent (999) — Undo put Bob back to 50, losing the value typed since."""
    ann, bob, _dan = ann_bob_dan
    store.set_customer_value(ann, 100)
    store.set_customer_value(bob, 50)
    merge = store.merge_customers(bob, ann)
    store.set_customer_value(bob, 999)
    store.unmerge_customers(merge)
    assert store.get_customer(bob).value == 999
    assert store.get_customer(ann).value == 100


def test_undo_without_a_later_value_gives_the_kept_customer_its_own_back(store, ann_bob_dan):
    ann, bob, _dan = ann_bob_dan
    store.set_customer_value(ann, 100)
    merge = store.merge_customers(bob, ann)
    assert store.get_customer(bob).value == 100
    store.unmerge_customers(merge)
    assert store.get_customer(bob).value is None
    assert store.get_customer(ann).value == 100


def test_undo_keeps_what_a_later_merge_brought(store, ann_bob_dan):
    """Ann then Dan merged into Bob; undoing Ann's merge set Bob's value back to what it
    was before Ann's merge, so Dan's 7.50 (merged in afterwards) was lost."""
    ann, bob, dan = ann_bob_dan
    store.set_customer_value(ann, 100)
    store.set_customer_value(bob, 1)
    store.set_customer_value(dan, 7.5)
    merge = store.merge_customers(bob, ann)
    store.merge_customers(bob, dan)
    store.unmerge_customers(merge)
    kept = store.get_customer(bob)
    assert kept.value == 8.5
    assert {i.value for i in kept.identities} == {"bob@example.com", "dan@example.com"}
    assert kept.messages == 2
    assert (store.get_customer(ann).value, store.get_customer(ann).messages) == (100, 1)


def test_undoing_a_merge_the_kept_customer_went_on_to_join_elsewhere(store, ann_bob_dan):
    """Ann merged into Bob, then Bob into Dan; undoing Ann's merge gave Ann back but left
    Dan counting Ann's message and Ann's value: 3 messages for two addresses."""
    ann, bob, dan = ann_bob_dan
    store.set_customer_value(ann, 100)
    store.set_customer_value(dan, 7)
    merge = store.merge_customers(bob, ann)
    store.merge_customers(dan, bob)
    store.unmerge_customers(merge)
    dan_now = store.get_customer(dan)
    assert {i.value for i in dan_now.identities} == {"bob@example.com", "dan@example.com"}
    assert (dan_now.messages, dan_now.value) == (2, 7)
    assert store.get_customer(bob).id == dan
    assert len(store.customer_conversations(dan)) == 2
    assert store.get_customer(ann).messages == 1


def test_a_tag_taken_off_since_the_merge_is_not_given_back(store, ann_bob_dan):
    """Ann's "complaint" came along in the merge and the shop took it off the merged
    customer (the matter was settled); Undo gave it back to Ann."""
    ann, bob, _dan = ann_bob_dan
    store.tag_customer(ann, "complaint")
    store.tag_customer(ann, "VIP")
    merge = store.merge_customers(bob, ann)
    store.untag_customer(bob, "complaint")
    store.tag_customer(bob, "wholesale")
    store.unmerge_customers(merge)
    assert store.get_customer(ann).tags == ("VIP",)
    assert store.get_customer(bob).tags == ("wholesale",)


def test_a_moved_tag_given_again_since_the_merge_stays(store, ann_bob_dan):
    """VIP came with Ann; the shop took it off, then decided Bob is a VIP after all and
    tagged him again: Undo took Bob's new tag away with Ann's."""
    ann, bob, _dan = ann_bob_dan
    store.tag_customer(ann, "VIP")
    merge = store.merge_customers(bob, ann)
    store.untag_customer(bob, "VIP")
    store.tag_customer(bob, "VIP")
    store.unmerge_customers(merge)
    assert store.get_customer(bob).tags == ("VIP",)
    assert store.get_customer(ann).tags == ("VIP",)


def test_notes_and_name_given_since_stay_with_the_kept_customer(store, ann_bob_dan):
    ann, bob, _dan = ann_bob_dan
    store.add_note("Ann prefers email", customer_id=ann)
    merge = store.merge_customers(bob, ann)
    store.add_note("Called about the invoice", customer_id=bob)
    store.rename_customer(bob, "Robert Stone")
    store.unmerge_customers(merge)
    assert [n.text for n in store.notes(customer_id=ann)] == ["Ann prefers email"]
    assert [n.text for n in store.notes(customer_id=bob)] == ["Called about the invoice"]
    assert store.get_customer(bob).name == "Robert Stone"
    assert store.get_customer(ann).name == "Ann Lee"
    assert store.find_customer("robert stone").id == bob


def test_a_merge_is_undone_once(store, ann_bob_dan):
    """Undo pressed again (a second window, a double click) undid the merge a second
    time: it took away the VIP tag and the value Bob was given after the first undo."""
    ann, bob, _dan = ann_bob_dan
    store.tag_customer(ann, "VIP")
    merge = store.merge_customers(bob, ann)
    store.unmerge_customers(merge)
    store.tag_customer(bob, "VIP")
    store.set_customer_value(bob, 5)
    with pytest.raises(StoreError, match="undone already"):
        store.unmerge_customers(merge)
    assert (store.get_customer(bob).tags, store.get_customer(bob).value) == (("VIP",), 5)
    assert store.get_customer(ann).tags == ("VIP",)


def test_a_customer_merged_in_earlier_goes_back_with_the_one_it_joined(store, ann_bob_dan):
    """Dan had been merged into Ann before Ann was merged into Bob; after undoing Ann's
    merge, Dan's old number (in the history, in a script) still led to Bob."""
    ann, bob, dan = ann_bob_dan
    store.merge_customers(ann, dan)
    merge = store.merge_customers(bob, ann)
    store.unmerge_customers(merge)
    assert store.get_customer(dan).id == ann
    assert store.find_customer(str(dan)).name == "Ann Lee"
    assert {i.value for i in store.get_customer(ann).identities} == \
        {"ann@example.com", "dan@example.com"}
