"""Finding a customer to merge with as you type: by name, and by the address, handle or
number they wrote from, as the queue's search finds their conversations."""

from __future__ import annotations

import pytest

from .helpers import msg


@pytest.fixture
def shop(store):
    store.save_messages([
        msg("h1", "Refund?", email="hana.lopez@fastmail.example", author="Hana Lopez"),
        msg("c1", "Call me", kind="phone", phone="+1 207 555 8877", author="Carl Ng"),
        msg("m1", "Love it", kind="mastodon", handle="@amir31@fosstodon.org", author="Amir"),
        msg("o1", "Other", email="olga@example.com", author="Olga"),
    ])
    return store


@pytest.mark.parametrize(("typed", "name"), [
    ("Hana", "Hana Lopez"),
    ("hana.lopez@fastmail.example", "Hana Lopez"),     # the name says nothing of fastmail
    ("HANA.LOPEZ@fastmail.example", "Hana Lopez"),
    ("(207) 555-8877", "Carl Ng"),
    ("555-8877", "Carl Ng"),
    ("+1 207 555 8877", "Carl Ng"),
    ("@amir31@fosstodon.org", "Amir"),
    ("amir31@fosstodon.org", "Amir"),
])
def test_a_customer_is_found_by_name_address_number_or_handle(shop, typed, name):
    """A full address, a number or a handle found nobody ("No other customer matches.")."""
    assert [c.name for c in shop.list_customers(search=typed)] == [name]


def test_what_names_nobody_finds_nobody(shop):
    assert shop.list_customers(search="nobody@example.com") == []
    assert shop.list_customers(search="999-0000") == []
