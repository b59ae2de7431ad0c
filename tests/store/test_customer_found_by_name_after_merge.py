"""A customer merged into another is still found by the name it had: scripts and people
go on naming "Fay Moreau" after she was merged into the customer who writes as Fay M."""

from __future__ import annotations

import pytest

from inbox_app.store import NotFound, QueueQuery

from .helpers import msg


@pytest.fixture
def fay(store):
    store.save_messages([
        msg("f1", "Order?", email="fay@example.com", author="Fay M.", thread="f"),
        msg("f2", "Calling", kind="phone", phone="+1 207 555 0142", author="Fay Moreau",
            thread="p"),
    ])
    return [store.find_customer(r).id for r in ("fay@example.com", "+1 207 555 0142")]


def test_a_merged_customer_is_found_by_its_old_name(store, fay):
    """`inbox-app tag "Fay Moreau" VIP` said "No customer matches" once Fay Moreau was
    merged, though `customer show` with her number still showed her."""
    kept, merged = fay
    store.merge_customers(kept, merged)
    assert store.find_customer("fay moreau").id == kept
    assert store.find_customer(str(merged)).id == kept


def test_after_undo_the_name_finds_the_customer_again(store, fay):
    kept, merged = fay
    store.unmerge_customers(store.merge_customers(kept, merged))
    assert store.find_customer("Fay Moreau").id == merged
    assert store.find_customer("Fay M.").id == kept


def test_a_live_customer_of_the_name_comes_before_a_merged_one(store, fay):
    kept, merged = fay
    store.save_messages([msg("o1", "Hi", email="other.fay@example.com", author="Fay Moreau")])
    other = store.find_customer("other.fay@example.com").id
    store.merge_customers(kept, merged)
    assert store.find_customer("Fay Moreau").id == other
    with pytest.raises(NotFound):
        store.find_customer("Fay Nobody")


def test_the_queue_search_finds_a_merged_customer_by_its_old_name(store, fay):
    """Searching the queue for "Zebedee" (the name the shop gave the caller) found nothing
    once the caller was merged into the customer who writes as Fay M."""
    kept, merged = fay
    store.rename_customer(merged, "Zebedee Quill")
    store.merge_customers(kept, merged)
    found = store.queue(QueueQuery(search="zebedee"))
    assert {row.customer_id for row in found} == {kept} and len(found) == 2


def test_the_customer_list_finds_a_merged_customer_by_its_old_name(store, fay):
    """The merge dialog's and the customer list's search found nothing for "Zebedee"."""
    kept, merged = fay
    store.rename_customer(merged, "Zebedee Quill")
    store.merge_customers(kept, merged)
    assert [customer.id for customer in store.list_customers(search="zebedee")] == [kept]
