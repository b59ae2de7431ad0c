"""Ctrl+Z on a customer merge or split after the same customers changed elsewhere (the
command line, another computer): the undo never drags in a customer it did not part,
and an undo that can no longer be done leaves the undo list instead of blocking it."""

from __future__ import annotations

import pytest

from inbox_app.store import open_store
from tests.gui.conftest import STAFF, settle
from tests.store.helpers import msg


@pytest.fixture
def shop(tmp_path):
    location = str(tmp_path / "shop.db")
    store = open_store(location)
    store.add_staff(STAFF)
    store.save_messages([
        msg("a1", "Order 1041?", email="ann@example.com", author="Ann Lee", thread="a"),
        msg("a2", "Me again", email="ann.lee@work.example", author="Ann Lee", thread="a2"),
        msg("b1", "Still waiting", email="bob@example.com", author="Bob Stone", thread="b"),
        msg("c1", "Hi there", email="cat@example.com", author="Cat Wong", thread="c"),
    ])
    store.merge_customers(store.find_customer("ann@example.com").id,
                          store.find_customer("ann.lee@work.example").id)
    store.close()
    return location


def test_undoing_a_split_whose_customer_joined_another_since(make_window, shop, qtbot):
    """Ann's work address split off, then (on another computer) merged into Cat Wong;
    Ctrl+Z "undid the split" by merging Cat Wong — her own address and all — into Ann.
    Then the undo list kept offering the same undo."""
    window = make_window(shop)
    elsewhere = open_store(shop)
    try:
        ann = elsewhere.find_customer("ann@example.com").id
        cat = elsewhere.find_customer("cat@example.com").id
        bob = elsewhere.find_customer("bob@example.com").id
        window.merging.merge_customers(bob, ann, "Ann Lee")
        settle(qtbot, window)
        work = next(i for i in elsewhere.get_customer(bob).identities
                    if i.value == "ann.lee@work.example")
        window.merging.split_identity(work.id, work.value)
        settle(qtbot, window)
        split_off = elsewhere.find_customer("ann.lee@work.example").id
        elsewhere.merge_customers(cat, split_off, staff="Maya")

        window.ui.actionUndoMerge.trigger()
        settle(qtbot, window)
        assert {i.value for i in elsewhere.get_customer(cat).identities} == \
            {"cat@example.com", "ann.lee@work.example"}
        assert elsewhere.get_customer(cat).id == cat
        assert "cannot be undone" in window.statusBar().currentMessage()
        assert [e.kind for e in window.merging.undo_stack] == ["customers"]

        window.ui.actionUndoMerge.trigger()      # the merge itself still can be
        settle(qtbot, window)
        assert {i.value for i in elsewhere.get_customer(ann).identities} == \
            {"ann@example.com"}
        assert {i.value for i in elsewhere.get_customer(bob).identities} == \
            {"bob@example.com"}
        assert window.merging.undo_stack == []
        assert not window.ui.actionUndoMerge.isEnabled()
    finally:
        elsewhere.close()


def test_undoing_a_merge_undone_elsewhere_already(make_window, shop, qtbot):
    window = make_window(shop)
    elsewhere = open_store(shop)
    try:
        ann = elsewhere.find_customer("ann@example.com").id
        bob = elsewhere.find_customer("bob@example.com").id
        window.merging.merge_customers(bob, ann, "Ann Lee")
        settle(qtbot, window)
        (entry,) = window.merging.undo_stack
        elsewhere.unmerge_customers(entry.key, staff="Maya")
        elsewhere.tag_customer(bob, "VIP")
        window.ui.actionUndoMerge.trigger()
        settle(qtbot, window)
        assert "undone already" in window.statusBar().currentMessage()
        assert window.merging.undo_stack == []
        assert elsewhere.get_customer(bob).tags == ("VIP",)
    finally:
        elsewhere.close()
