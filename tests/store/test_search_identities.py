"""Searching for a customer by the address that wrote or the number that called."""

from __future__ import annotations

import pytest

from inbox_app.store import QueueQuery

from .helpers import msg


@pytest.fixture
def shop(store):
    store.set_setting("phone_region", "US")
    store.save_messages([
        msg("e1", "Where is my parcel?", email="Carla.Weber@mail.example", author="Carla Weber"),
        msg("p1", "Called about the grinder", kind="phone", phone="(207) 555-9336",
            author="Bo Lind"),
        msg("m1", "Love the beans", kind="mastodon", handle="@sam72@mastodon.social"),
        msg("e2", "Unrelated", email="other@mail.example", author="Someone Else"),
    ])
    return store


def found(store, text: str) -> list[str]:
    rows = store.queue(QueueQuery(filter="all", search=text))
    return sorted(row.customer_name for row in rows)


@pytest.mark.parametrize("typed, who", [
    ("carla.weber@mail.example", "Carla Weber"),
    ("CARLA.WEBER@MAIL.EXAMPLE", "Carla Weber"),
    ("555-9336", "Bo Lind"),
    ("(207) 555-9336", "Bo Lind"),
    ("+1 207 555 9336", "Bo Lind"),
    ("2075559336", "Bo Lind"),
    ("(207) 555", "Bo Lind"),  # the first digits as well as the last
    ("@sam72@mastodon.social", "@sam72@mastodon.social"),
    ("sam72@mastodon.social", "@sam72@mastodon.social"),
])
def test_a_customer_is_found_by_address_handle_or_number(shop, typed, who):
    assert found(shop, typed) == [who]
    assert shop.queue_count(QueueQuery(filter="all", search=typed)) == 1


@pytest.mark.parametrize("typed", ["555", "12345", "nobody@mail.example", "e.g.", "2026"])
def test_what_names_no_one_finds_no_one(shop, typed):
    assert found(shop, typed) == []
