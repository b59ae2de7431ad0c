"""Undoing a customer merge after an identity was split off the merged customer: no
customer may be left with no identity at all, and nothing may be counted twice."""

from __future__ import annotations

import queue
import threading
import time

import pytest

from inbox_app.store import StoreError, open_store

from .helpers import msg


@pytest.fixture
def ann_and_bob(store):
    store.save_messages([
        msg("a1", "Order 1041?", email="ann@example.com", author="Ann Lee", thread="a"),
        msg("a2", "Calling about 1041", kind="phone", phone="+1 207 555 0142",
            author="Ann Lee", thread="a-phone"),
        msg("b1", "Still waiting", email="bob@example.com", author="Bob Stone", thread="b"),
    ])
    ann, bob = (store.find_customer(e).id for e in ("ann@example.com", "bob@example.com"))
    store.merge_customers(ann, store.find_customer("+1 207 555 0142").id)
    store.tag_customer(ann, "VIP")
    store.add_note("Ann prefers email", customer_id=ann)
    return ann, bob


def _identity(store, customer_id, value):
    return next(i.id for i in store.get_customer(customer_id).identities if i.value == value)


def _live_customers(store):
    rows = store._rows("SELECT id FROM customers WHERE merged_into IS NULL ORDER BY id")
    return [store.get_customer(row["id"]) for row in rows]


def _assert_no_empty_customer(store):
    for customer in _live_customers(store):
        assert customer.identities, f"customer #{customer.id} {customer.name} has no identity"
        counted = store._scalar("SELECT COUNT(*) AS n FROM messages WHERE customer_id = ?"
                                " AND direction = 'in'", (customer.id,))
        assert customer.messages == counted


def test_undo_after_everything_it_brought_was_split_off(store, ann_and_bob):
    """Ann merged into Bob, Ann's address split off again as a new customer, then Undo:
    the address went back to Ann and the split-off customer was left with no identity —
    an empty "Ann Lee" in the customer list that still counted a message."""
    ann, bob = ann_and_bob
    merge = store.merge_customers(bob, ann)
    split_off = store.split_identity(_identity(store, bob, "ann@example.com"))
    store.split_identity(_identity(store, bob, "+12075550142"))
    store.unmerge_customers(merge)
    _assert_no_empty_customer(store)
    ann_now = store.get_customer(ann)
    assert {i.value for i in ann_now.identities} == {"ann@example.com", "+12075550142"}
    assert (ann_now.tags, ann_now.messages) == (("VIP",), 2)
    assert [n.text for n in store.notes(customer_id=ann)] == ["Ann prefers email"]
    assert store.get_customer(split_off).id == ann
    assert {i.value for i in store.get_customer(bob).identities} == {"bob@example.com"}
    assert len(store.customer_conversations(ann)) == 2
    assert len(store.customer_conversations(bob)) == 1


def test_undo_after_part_of_what_it_brought_was_split_off(store, ann_and_bob):
    ann, bob = ann_and_bob
    merge = store.merge_customers(bob, ann)
    split_off = store.split_identity(_identity(store, bob, "+12075550142"))
    store.unmerge_customers(merge)
    _assert_no_empty_customer(store)
    assert {i.value for i in store.get_customer(ann).identities} == {"ann@example.com"}
    assert {i.value for i in store.get_customer(split_off).identities} == {"+12075550142"}
    assert store.get_customer(split_off).id == split_off
    assert {i.value for i in store.get_customer(bob).identities} == {"bob@example.com"}


def test_undo_after_the_kept_customers_own_identity_was_split_off(store, ann_and_bob):
    """Ann merged into Bob, Bob's own address split off, then Undo: Ann's addresses went
    back and Bob was left with nothing — no address, no conversation."""
    ann, bob = ann_and_bob
    store.save_messages([
        msg("d1", "Hi", email="dan@example.com", author="Dan Dee", thread="d"),
        msg("d2", "Hi again", email="dan@example.com", kind="phone", phone="+1 207 555 0199",
            author="Dan Dee", thread="d"),
    ])
    merge = store.merge_customers(bob, ann)
    split_off = store.split_identity(_identity(store, bob, "bob@example.com"))
    dan = store.find_customer("dan@example.com").id
    dans_phone = store.split_identity(_identity(store, dan, "+12075550199"))
    store.unmerge_customers(merge)
    _assert_no_empty_customer(store)
    assert store.get_customer(dans_phone).id == dans_phone  # not Bob's to take back
    assert {i.value for i in store.get_customer(bob).identities} == {"bob@example.com"}
    assert store.get_customer(split_off).id == bob
    assert len(store.customer_conversations(bob)) == 1
    assert {i.value for i in store.get_customer(ann).identities} == \
        {"ann@example.com", "+12075550142"}


def test_undo_refused_when_what_it_brought_has_joined_someone_else(store, ann_and_bob):
    """The split-off address was merged into a third customer since: giving it back would
    take it from them, so the undo is refused and nothing changes."""
    ann, bob = ann_and_bob
    store.save_messages([msg("c1", "Hi", email="cat@example.com", author="Cat", thread="c")])
    cat = store.find_customer("cat@example.com").id
    merge = store.merge_customers(bob, ann)
    for value in ("ann@example.com", "+12075550142"):
        split_off = store.split_identity(_identity(store, bob, value))
        store.merge_customers(cat, split_off)
    with pytest.raises(StoreError, match="cannot be undone"):
        store.unmerge_customers(merge)
    assert store.get_customer(ann).id == bob
    assert len(store.get_customer(cat).identities) == 3
    _assert_no_empty_customer(store)


def test_an_identity_split_off_and_merged_back_goes_back_with_the_rest(store, ann_and_bob):
    """Undo gives back what the merge brought that the merged customer still has, however
    it came to have it again."""
    ann, bob = ann_and_bob
    total = store._scalar("SELECT COUNT(*) AS n FROM messages WHERE direction = 'in'")
    merge = store.merge_customers(bob, ann)
    phone = store.split_identity(_identity(store, bob, "+12075550142"))
    store.merge_customers(bob, phone)
    store.unmerge_customers(merge)
    _assert_no_empty_customer(store)
    assert sum(c.messages for c in _live_customers(store)) == total
    assert {i.value for i in store.get_customer(ann).identities} == \
        {"ann@example.com", "+12075550142"}
    assert {i.value for i in store.get_customer(bob).identities} == {"bob@example.com"}
    assert len(store.customer_conversations(ann)) == 2


def test_two_desktops_splitting_a_customers_last_two_identities_at_once(
        store, store_location, ann_and_bob):
    """Each desktop split off one of Ann's two identities at the same moment: both saw two
    and went ahead, and Ann was left with none."""
    ann, _bob = ann_and_bob
    email, phone = (_identity(store, ann, value)
                    for value in ("ann@example.com", "+12075550142"))
    outcome: queue.Queue = queue.Queue()

    def split_on_the_other_desktop():
        other = open_store(store_location)
        try:
            outcome.put(other.split_identity(phone))
        except StoreError as error:
            outcome.put(error)
        finally:
            other.close()

    with store.transaction():
        store.split_identity(email)
        racer = threading.Thread(target=split_on_the_other_desktop)
        racer.start()
        time.sleep(0.3)  # the other desktop has read Ann's identities and waits to write
    racer.join(30)
    assert not racer.is_alive()
    result = outcome.get_nowait()
    assert isinstance(result, StoreError) and "only identity" in str(result)
    _assert_no_empty_customer(store)
