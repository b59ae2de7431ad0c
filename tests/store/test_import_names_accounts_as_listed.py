"""An import names an account as its source wrote it: "reviews" for the shop's "Reviews".
The same review polled by the account and imported from a file must stay one message, and
a message filed under one spelling is found again under another (both engines)."""

from __future__ import annotations

from tests.store.helpers import msg

FEED = {"url": "https://example.com/reviews.xml"}


def _accounts(store) -> list[str]:
    return [row["account"] for row in store._rows("SELECT account FROM messages ORDER BY id")]


def test_an_import_in_another_case_files_under_the_shops_account(store):
    store.add_account("Reviews", "feed", FEED)
    store.save_messages([msg("r-1", "Lovely shop", kind="feed", account="Reviews")])

    again = store.save_messages([msg("r-1", "Lovely shop", kind="feed", account="reviews"),
                                 msg("r-2", "Slow delivery", kind="feed", account="REVIEWS")])

    assert (again.imported, again.duplicates) == (1, 1)
    assert _accounts(store) == ["Reviews", "Reviews"]
    assert store.stats()["conversations"] == 2


def test_without_an_account_the_first_spelling_stored_is_kept(store):
    store.save_messages([msg("m-1", "Where is my order?", account="Orders@Shop.example",
                             email="ann@example.com")])

    again = store.save_messages([msg("m-1", "Where is my order?",
                                     account="orders@shop.example", email="ann@example.com")])

    assert (again.imported, again.duplicates) == (0, 1)
    assert _accounts(store) == ["Orders@Shop.example"]


def test_an_exact_name_is_kept_even_beside_a_twin_in_another_case(store):
    """An older store may hold "Shop" and "shop", each its own account: the exact one wins,
    and a third spelling that could be either is left as written rather than guessed."""
    store.add_account("Shop", "feed", FEED)
    with store.transaction():
        store._insert(
            "INSERT INTO accounts (name, kind, config, watch, enabled, poll_interval, cursor,"
            " failures, created_at) VALUES ('shop', 'feed', '{}', NULL, 1, 900, '{}', 0, 0)"
            " RETURNING id", ())

    store.save_messages([msg("a", kind="feed", account="shop"),
                         msg("b", kind="feed", account="Shop"),
                         msg("c", kind="feed", account="SHOP")])

    assert _accounts(store) == ["shop", "Shop", "SHOP"]


def test_accounts_of_other_kinds_are_not_taken_for_stored_spellings(store):
    """Only an account row names an account across kinds; messages of another channel
    filed under a similar name say nothing about this one."""
    store.save_messages([msg("t-1", kind="telegram", account="Support", handle="@ann")])

    store.save_messages([msg("e-1", kind="email", account="support", email="bo@example.com")])

    assert _accounts(store) == ["Support", "support"]
