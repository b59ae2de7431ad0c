"""What the store itself refuses, whoever asks (the window, a script, the command line):
an account read less than once a day, and a customer "number" past any id it holds —
`customer show 99999999999999999999` crashed in the database driver, `²` in int()."""

from __future__ import annotations

import pytest

from inbox_app.store import NotFound, StoreError

from .helpers import msg


def test_an_account_read_less_than_once_a_day_is_refused(store):
    with pytest.raises(StoreError, match="at least once a day"):
        store.add_account("Reviews", "feed", {"url": "https://reviews.example/feed"},
                          poll_interval=86401)
    store.add_account("Reviews", "feed", {"url": "https://reviews.example/feed"},
                      poll_interval=86400)
    with pytest.raises(StoreError, match="at least once a day"):
        store.update_account("Reviews", poll_interval=10**12)
    assert store.get_account("Reviews").poll_interval == 86400


@pytest.mark.parametrize("text", ["99999999999999999999", "²", "9" * 400])
def test_a_number_no_customer_can_have_is_looked_up_as_a_name(store, text):
    store.save_messages([msg("e1", "Hi", email="ann@example.com", author="Ann Lee")])
    with pytest.raises(NotFound):
        store.find_customer(text)
