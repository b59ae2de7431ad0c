"""Typing a customer's email address or handle into the search box: the results follow the
typing, as they do for words (the last word is a prefix), instead of the customer
vanishing once the "@" is typed and coming back at the last letter."""

from __future__ import annotations

import pytest

from inbox_app.store import QueueQuery

from .helpers import msg

ADDRESSES = {
    "kb1987@mail.example": "Kate Brown",  # an address that does not spell the name
    "sam_72@mastodon.social": "@sam_72@mastodon.social",
}


@pytest.fixture
def shop(store):
    store.save_messages([
        msg("e1", "Where is my parcel?", email="KB1987@mail.example", author="Kate Brown"),
        msg("m1", "Love the beans", kind="mastodon", handle="@sam_72@mastodon.social"),
        msg("e2", "Unrelated", email="kbx@mail.example", author="Someone Else"),
        msg("e3", "Also unrelated", email="sam-72@mail.example", author="Sam Dash"),
    ])
    return store


def found(store, typed: str) -> list[str]:
    return sorted(row.customer_name
                  for row in store.queue(QueueQuery(filter="all", search=typed)))


@pytest.mark.parametrize("address", ADDRESSES)
def test_each_letter_typed_after_the_at_sign_still_finds_the_customer(shop, address):
    who = ADDRESSES[address]
    at = address.index("@")
    missing = {typed: found(shop, typed)
               for typed in (address[:end] for end in range(at + 2, len(address) + 1))
               if found(shop, typed) != [who]}
    assert missing == {}
    assert found(shop, "@" + address[:at + 3].upper()) == [who]  # a handle, in any case


@pytest.mark.parametrize("typed", ["kb1988@", "kb1987@mail.examples", "kb19%7@", "kb_987@"])
def test_a_different_address_finds_no_one(shop, typed):
    """`_` and `%` in what is typed are letters, not wildcards."""
    assert found(shop, typed) == []
