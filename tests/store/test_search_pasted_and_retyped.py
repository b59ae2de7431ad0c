"""What a shop owner pastes or retypes into the search box finds the message it names:
a link copied from the browser (with or without `https://` and `www.`, also a review's or
a post's own link), a `mailto:` or `tel:` link copied from a web page, an order code
typed without the dash the customer wrote (`A1041` for `A-1041`) or with one, a word
written with a hyphen or without (`e-mail`), a number typed in groups that a message
wrote in one run."""

from __future__ import annotations

from dataclasses import replace

import pytest

from inbox_app.core.identity import identity_refs
from inbox_app.store import QueueQuery

from .helpers import msg


@pytest.fixture
def shop(store):
    store.set_setting("phone_region", "GB")
    call = msg("p1", "Asked about wholesale beans", kind="phone", author="Harriet Jones")
    store.save_messages([
        msg("1", "Your order is at example.com/order/1041 if you want to check it",
            email="uma@x.org", author="Uma Link"),
        msg("2", "Please reply to my other address", email="ann@example.com",
            author="Ann Addr"),
        replace(call, identities=identity_refs("phone", phone="020 7946 0958", region="GB")),
        msg("3", "About order A-1041, the lid is cracked", email="dash@x.org",
            author="Dee Dash"),
        msg("4", "Order B2207 arrived without the filters", email="run@x.org",
            author="Ron Run"),
        replace(msg("5", "Kindest cafe team in town", kind="feed", author="Rita Review"),
                url="https://reviews.example/harbour-lane/134"),
        replace(msg("6", "Still waiting for my beans", kind="mastodon",
                    handle="@sam@mastodon.social", author="Sam Post"),
                url="https://mastodon.social/@sam/112233445566"),
        msg("7", "Please email the invoice to accounts", email="eve@x.org", author="Eve Mail"),
        msg("8", "Call me back on 07700900123 after five", email="ned@x.org",
            author="Ned Number"),
    ])
    return store


def found(store, typed: str) -> list[str]:
    return sorted(row.customer_name
                  for row in store.queue(QueueQuery(filter="all", search=typed)))


@pytest.mark.parametrize(("typed", "expected"), [
    # A link whose message wrote it without the scheme, or without "www.".
    ("https://example.com/order/1041", ["Uma Link"]),
    ("http://www.example.com/order/1041", ["Uma Link"]),
    ("www.example.com/order", ["Uma Link"]),
    ("example.com/order", ["Uma Link"]),  # what already worked
    ("https://example.com/order/1042", []),
    # Links copied from a web page's "write to us" and "call us".
    ("mailto:ann@example.com", ["Ann Addr"]),
    ("MAILTO:ann@example.com?subject=Order%201041", ["Ann Addr"]),
    ("mailto:ann@exam", ["Ann Addr"]),
    ("mailto:bob@example.com", []),
    # An address copied from a mail's header or a list, with what stood around it.
    ("Ann Addr <ann@example.com>", ["Ann Addr"]),
    ("<ann@example.com>", ["Ann Addr"]),
    ("ann@example.com,", ["Ann Addr"]),
    ("Bob <bob@example.com>", []),
    ("tel:+44 20 7946 0958", ["Harriet Jones"]),
    ("tel:+44-20-7946-0958", ["Harriet Jones"]),
    ("tel:02079460958", ["Harriet Jones"]),
    ("Tel: 020 7946 0958", ["Harriet Jones"]),
    ("tel:+44 20 7946 0959", []),
    # An order code typed with or without the dash the customer wrote.
    ("A1041", ["Dee Dash"]),
    ("a10", ["Dee Dash"]),  # as typed so far
    ("order A1041", ["Dee Dash"]),
    ("a-1041", ["Dee Dash"]),  # what already worked
    ("B-2207", ["Ron Run"]),
    ("b-22", ["Ron Run"]),
    ("B2207", ["Ron Run"]),
    ("A1042", []),
    ("B-2208", []),
    # A word written with a hyphen that the message wrote without.
    ("e-mail invoice", ["Eve Mail"]),
    # A number typed in groups, written in one run.
    ("07700 900123", ["Ned Number"]),
    ("07700 9001", ["Ned Number"]),
    ("07700 900124", []),
])
def test_what_is_pasted_or_retyped_finds_the_message(shop, typed, expected):
    assert found(shop, typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("https://reviews.example/harbour-lane/134", ["Rita Review"]),
    ("http://reviews.example/harbour-lane/134", ["Rita Review"]),
    ("https://www.reviews.example/harbour-lane/134", ["Rita Review"]),
    ("reviews.example/harbour-lane/134", ["Rita Review"]),
    ("https://reviews.example/harbour-lane/13", ["Rita Review"]),  # as pasted so far
    ("https://reviews.example/harbour-lane/135", []),
    ("https://mastodon.social/@sam/112233445566", ["Sam Post"]),
])
def test_a_messages_own_link_finds_it(shop, typed, expected):
    """A review's or a post's link, copied from the browser where the owner read it, finds
    its conversation though its words are not in the message's text."""
    assert found(shop, typed) == expected


def test_customer_list_finds_a_pasted_mailto_link(shop):
    assert [c.name for c in shop.list_customers(search="mailto:ann@example.com")] == [
        "Ann Addr"]


def test_a_pasted_link_is_looked_up_in_the_link_index(shop):
    """Never a read of every message's link: 200,000 messages, most of them without one."""
    if shop.engine != "sqlite":
        pytest.skip("query plans are checked on SQLite; PostgreSQL plans itself")
    sql, params = shop.queue_sql(QueueQuery(
        filter="all", search="https://reviews.example/harbour-lane/134"))
    steps = [row["detail"] for row in shop._rows("EXPLAIN QUERY PLAN " + sql, params)]
    assert any("idx_messages_url (url>? AND url<?)" in step for step in steps), steps
    assert not any(step.split()[:2] == ["SCAN", "messages"] for step in steps), steps


@pytest.mark.parametrize("typed", ["A1041 refund", "order #A1041"])
def test_a_code_typed_either_way_finds_a_common_word_with_it(shop, monkeypatch, typed):
    """The queue's plan for a common word (walking its ordered index) finds every
    spelling of the code too."""
    from inbox_app.store import sqlite

    monkeypatch.setattr(sqlite, "COMMON_SEARCH", 1)
    shop.save_messages([msg("9", "Refund for A1041 please", email="dash@x.org")])
    assert found(shop, typed) == ["Dee Dash"]
