"""Undoing a split (Ctrl+Z in the window): the customer split off goes back to the one
it came from — never with a customer merged into it since, nor a second time."""

from __future__ import annotations

import pytest

from inbox_app.store import StoreError

from .helpers import msg


@pytest.fixture
def ann_split(store):
    store.save_messages([
        msg("a1", "Order 1041?", email="ann@example.com", author="Ann Lee", thread="a"),
        msg("a2", "Calling", kind="phone", phone="+1 207 555 0142", author="Ann Lee",
            thread="p"),
        msg("d1", "Hello", email="dan@example.com", author="Dan Dee", thread="d"),
    ])
    ann = store.find_customer("ann@example.com").id
    store.merge_customers(ann, store.find_customer("+1 207 555 0142").id)
    phone = next(i.id for i in store.get_customer(ann).identities if i.kind == "phone")
    return ann, store.split_identity(phone)


def test_undoing_a_split_brings_the_identity_back_and_forgets_the_separation(store, ann_split):
    ann, split_off = ann_split
    store.undo_split(split_off)
    assert {i.value for i in store.get_customer(ann).identities} == \
        {"ann@example.com", "+12075550142"}
    assert store.get_customer(split_off).id == ann
    assert store._rows("SELECT * FROM customer_separations") == []


def test_a_split_whose_customer_took_in_another_since_is_not_undone(store, ann_split):
    """Dan was merged into the customer split off (on another computer); undoing the split
    merged Dan into Ann as well."""
    ann, split_off = ann_split
    store.merge_customers(split_off, store.find_customer("dan@example.com").id)
    with pytest.raises(StoreError, match="cannot be undone"):
        store.undo_split(split_off)
    assert {i.value for i in store.get_customer(ann).identities} == {"ann@example.com"}


def test_a_split_is_undone_once(store, ann_split):
    ann, split_off = ann_split
    store.undo_split(split_off)
    with pytest.raises(StoreError, match="undone already"):
        store.undo_split(split_off)
    assert len(store.get_customer(ann).identities) == 2
