"""Each count in the left bar is the number of conversations its view lists (both engines):
a count that says 8 over a view of 7 sends people looking for the one that is not there."""

from __future__ import annotations

import pytest

from inbox_app.core.timeutil import now
from inbox_app.store import QueueQuery

from .helpers import msg


@pytest.fixture
def shop(store):
    store.add_staff("Maya Okafor")
    store.save_messages([
        msg("ann-1", "Where is my order?", email="ann@x.org", author="Ann Lee"),
        msg("ann-2", "Also, the grinder is broken", email="ann@x.org", author="Ann Lee",
            at="2026-03-02T10:00:00Z"),
        msg("ben", "Do you do wholesale?", email="ben@x.org", author="Ben Ode"),
    ])
    return store


def conversation_ids(store) -> dict[str, int]:
    return {row["external_id"]: row["conversation_id"] for row in store._rows(
        "SELECT external_id, conversation_id FROM messages")}


def listed(store, **query) -> int:
    return len(store.queue(QueueQuery(limit=1000, staff="Maya Okafor", **query)))


def test_a_tag_counts_a_conversation_once_when_its_customer_and_it_both_have_it(shop):
    ids = conversation_ids(shop)
    ann = shop.find_customer("ann@x.org")
    shop.tag_customer(ann.id, "VIP")
    shop.label(ids["ann-1"], "vip")  # as a rule "VIP mail … --label vip" does
    shop.label(ids["ben"], "VIP")
    counts = shop.view_counts("Maya Okafor")
    assert listed(shop, tag="VIP") == 3
    assert counts["tag:VIP"] == 3


def test_the_due_count_leaves_out_a_conversation_merged_into_another(shop):
    ids = conversation_ids(shop)
    # An hour ago: overdue at any hour (an hour ahead, after 23:00, fell due tomorrow).
    shop.assign(ids["ann-2"], "Maya Okafor", due_at=now() - 3600)
    assert shop.view_counts("Maya Okafor")["due"] == listed(shop, filter="due") == 1
    shop.merge_conversations(ids["ann-1"], ids["ann-2"])
    # The merged-away one keeps its date but is listed nowhere; the kept one took it over.
    assert shop.view_counts("Maya Okafor")["due"] == listed(shop, filter="due") == 1
    assert shop.get_conversation(ids["ann-1"]).due_at is not None

