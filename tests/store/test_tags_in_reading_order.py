"""A customer's tags read in the same order on both engines, as a person reads a list."""

from __future__ import annotations

from .helpers import msg


def test_tags_are_listed_alphabetically_in_any_case_on_both_engines(store):
    store.save_messages([msg("1", "Hi", email="ann@example.com")])
    ann = store.find_customer("ann@example.com").id
    for tag in ("VIP", "complaint", "apple", "Wholesale"):
        store.tag_customer(ann, tag)
    wanted = ["apple", "complaint", "VIP", "Wholesale"]  # SQLite put the capitals first
    assert list(store.get_customer(ann).tags) == wanted
    assert store.all_tags() == wanted
    (exported,) = [row for row in store.customer_export_rows() if row["id"] == ann]
    assert exported["tags"] == wanted
