"""Two windows on two stores (the shop's own beside the demo, or two shops' stores on a
network share) keep drafts in the one file on this computer: neither may write away the
other's."""

from __future__ import annotations

from inbox_app.gui.local_drafts import LocalDrafts


def test_each_window_keeps_its_own_drafts_in_the_shared_file(tmp_path):
    own = LocalDrafts(tmp_path, "/shares/shop/inbox.db")
    other = LocalDrafts(tmp_path, "postgresql://maya@db.local/shop")  # opened meanwhile
    own.put(7, "Maya", "Your order ships Monday.")
    other.put(3, "Maya", "The invoice is attached.")
    other.discard(3, "Maya")
    other.put(4, "Maya", "Thanks for the photos.")

    assert LocalDrafts(tmp_path, "/shares/shop/inbox.db").get(7, "Maya") == \
        "Your order ships Monday."
    assert LocalDrafts(tmp_path, "postgresql://maya@db.local/shop").get(4, "Maya") == \
        "Thanks for the photos."
    assert own.get(7, "Maya") == "Your order ships Monday."
