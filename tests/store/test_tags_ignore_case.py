"""Tags and labels are one word whatever its case: `vip` is the VIP tag the shop already
has, a filter by either finds both, and taking away one that is not there says so."""

from __future__ import annotations

import pytest

from inbox_app.store import NotFound, QueueQuery
from inbox_app.store.spellings import TAGS, distinct_values_sql

from .helpers import msg


@pytest.fixture
def shop(store):
    store.save_messages([msg(f"m{i}", f"Question {i}", email=f"c{i}@x.org",
                             author=f"Customer {i}") for i in range(4)])
    return store


def customer(store, number: int):
    return store.find_customer(f"c{number}@x.org")


def conversation(store, number: int) -> int:
    return store.customer_conversations(customer(store, number).id)[0]["id"]


def test_a_tag_in_another_case_reuses_the_spelling_the_shop_has(shop):
    assert shop.tag_customer(customer(shop, 0).id, "VIP") == "VIP"
    assert shop.tag_customer(customer(shop, 1).id, "vip") == "VIP"
    assert shop.tag_customer(customer(shop, 1).id, "Vip") == "VIP"  # has it: nothing added
    assert shop.tag_customer(customer(shop, 2).id, "grüße") == "grüße"
    assert shop.tag_customer(customer(shop, 3).id, "GRÜSSE") == "grüße"  # ß is ss
    assert customer(shop, 1).tags == ("VIP",)
    assert shop.all_tags() == ["grüße", "VIP"]
    tagged = shop._rows("SELECT customer_id FROM events WHERE action = 'customer.tagged'")
    assert len(tagged) == 4


def test_a_label_reuses_the_spelling_of_a_label_or_else_of_a_tag(shop):
    first, second, third = (conversation(shop, n) for n in range(3))
    assert shop.label(first, "Refund") == "Refund"
    assert shop.label(second, "REFUND") == "Refund"
    assert shop.label(second, "refund") == "Refund"
    shop.tag_customer(customer(shop, 0).id, "VIP")
    assert shop.label(third, "vip") == "VIP"
    assert shop.get_conversation(second).labels == ("Refund",)
    assert shop.all_labels() == ["Refund", "VIP"]
    assert shop.bulk_label([first, second, third], "rEfUnD") == 1
    assert shop.get_conversation(third).labels == ("Refund", "VIP")
    assert shop.bulk_tag([first, second, third], "vip") == 2
    assert shop.all_tags() == ["VIP"]


def test_filters_by_tag_or_label_ignore_case(shop):
    shop.tag_customer(customer(shop, 0).id, "VIP")
    shop.label(conversation(shop, 1), "Rückruf")
    # Spellings from before tags ignored case stay, and are found alike.
    shop._exec("INSERT INTO customer_tags (customer_id, tag, created_at) VALUES (?, 'vip', 0)",
               (customer(shop, 2).id,))
    assert sorted(shop.tag_spellings("Vip")) == ["VIP", "vip"]
    assert {c.name for c in shop.list_customers(tag="vIp")} == {"Customer 0", "Customer 2"}
    assert shop.tag_spellings("RÜCKRUF") == ["Rückruf"]
    assert shop.tag_spellings("nothing") == []
    assert [c.name for c in shop.list_customers(tag="nothing")] == []


def test_the_queue_filters_by_tag_or_label_in_any_case(shop):
    shop.tag_customer(customer(shop, 0).id, "VIP")
    shop.label(conversation(shop, 1), "Rückruf")
    shop._exec("INSERT INTO customer_tags (customer_id, tag, created_at) VALUES (?, 'vip', 0)",
               (customer(shop, 2).id,))
    queue = [row.customer_name for row in shop.queue(QueueQuery(filter="all", tag="Vip"))]
    assert sorted(queue) == ["Customer 0", "Customer 2"]
    assert [row.customer_name for row in shop.queue(QueueQuery(filter="all", tag="RÜCKRUF"))
            ] == ["Customer 1"]


def test_taking_away_a_tag_or_label_in_any_case_and_one_that_is_not_there(shop):
    ann, cid = customer(shop, 0), conversation(shop, 0)
    shop.tag_customer(ann.id, "VIP")
    shop.label(cid, "Refund")
    assert shop.untag_customer(ann.id, "wholesale") is None
    assert shop.unlabel(cid, "billing") is None
    assert shop.untag_customer(ann.id, "vip") == "VIP"
    assert shop.unlabel(cid, "REFUND") == "Refund"
    assert customer(shop, 0).tags == () and shop.get_conversation(cid).labels == ()
    assert shop.untag_customer(ann.id, "vip") is None
    with pytest.raises(NotFound):
        shop.unlabel(99999, "Refund")
    actions = [row["action"] for row in shop._rows(
        "SELECT action FROM events WHERE action IN ('customer.untagged', 'unlabelled')")]
    assert sorted(actions) == ["customer.untagged", "unlabelled"]


def test_merging_keeps_one_spelling(shop):
    ann, bob = customer(shop, 0), customer(shop, 1)
    shop.tag_customer(ann.id, "VIP")
    shop._exec("INSERT INTO customer_tags (customer_id, tag, created_at) VALUES (?, 'vip', 0)",
               (bob.id,))
    shop._exec("INSERT INTO customer_tags (customer_id, tag, created_at) VALUES (?, 'north', 0)",
               (bob.id,))
    event = shop.merge_customers(ann.id, bob.id)
    assert customer(shop, 0).tags == ("north", "VIP")
    shop.unmerge_customers(event)
    assert customer(shop, 0).tags == ("VIP",) and "north" in customer(shop, 1).tags
    first, second = conversation(shop, 2), conversation(shop, 3)
    shop.label(first, "Refund")
    shop._exec("INSERT INTO conversation_labels (conversation_id, label, created_at)"
               " VALUES (?, 'refund', 0)", (second,))
    shop.merge_conversations(first, second)
    assert shop.get_conversation(first).labels == ("Refund",)


def test_what_a_customer_or_conversation_already_has_is_said_as_it_has_it(shop):
    ann, cid = customer(shop, 0), conversation(shop, 0)
    shop.tag_customer(customer(shop, 1).id, "VIP")
    shop.label(conversation(shop, 1), "Refund")
    shop._exec("INSERT INTO customer_tags (customer_id, tag, created_at) VALUES (?, 'vip', 0)",
               (ann.id,))
    shop._exec("INSERT INTO conversation_labels (conversation_id, label, created_at)"
               " VALUES (?, 'refund', 0)", (cid,))
    assert shop.tag_customer(ann.id, "Vip") == "vip"
    assert shop.label(cid, "REFUND") == "refund"
    assert customer(shop, 0).tags == ("vip",)


def test_the_spellings_are_read_from_the_indexes_one_probe_each(shop):
    if shop.engine != "sqlite":
        pytest.skip("query plans are checked on SQLite; PostgreSQL plans itself")
    shop.tag_customer(customer(shop, 0).id, "VIP")
    shop.tag_customer(customer(shop, 1).id, "north")
    shop.tag_customer(customer(shop, 2).id, "north")
    assert shop._distinct_values(*TAGS) == ["VIP", "north"]
    sql = distinct_values_sql("customer_tags", "tag")
    steps = [row["detail"] for row in shop._rows("EXPLAIN QUERY PLAN " + sql)]
    assert [s for s in steps if "customer_tags" in s] == [
        "SEARCH customer_tags USING COVERING INDEX idx_customer_tags_tag",
        "SEARCH customer_tags USING COVERING INDEX idx_customer_tags_tag (tag>?)"], steps
