"""Accounts are named in any case of any script, on both engines (SQL's lower() folds A-Z
only, so "café ü" did not find "Café Ü" and a second account "CAFÉ Ü" was taken)."""

from __future__ import annotations

import pytest

from inbox_app.store import NotFound, StoreError
from tests.store.helpers import msg


def test_an_account_is_found_by_its_name_in_any_case_of_any_script(store):
    store.add_account("Café Ü", "feed", {"url": "https://example.com/feed"})
    assert store.get_account("café ü").name == "Café Ü"
    assert store.get_account("  CAFÉ Ü ").name == "Café Ü"
    store.set_account_enabled("CAFÉ ü", False)
    assert not store.get_account("Café Ü").enabled
    with pytest.raises(StoreError, match="already an account called CAFÉ Ü"):
        store.add_account("CAFÉ Ü", "mastodon", {"server": "https://example.social"})
    with pytest.raises(NotFound):
        store.get_account("Cafe U")
    assert store.remove_account("café ü").name == "Café Ü"
    assert store.list_accounts() == []


def test_account_names_are_those_set_up_and_those_messages_were_filed_under(store):
    store.add_account("Shop mail", "email", {"host": "imap.example.com", "user": "shop"})
    store.save_messages([
        msg("r1", kind="feed", account="reviews"),
        msg("m1", account="Shop mail", email="ann@example.com"),
        msg("c1", kind="phone", account="", phone="+12075550101"),
    ])
    assert store.account_names() == ["reviews", "Shop mail"]
