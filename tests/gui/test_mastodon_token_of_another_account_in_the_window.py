"""Accounts → Edit on a Mastodon account: a token of another account on the same server,
pasted by mistake, was saved (and Test connection said "signed in"), and the account then
read that account's mentions from its own place and replied as it. Save and Test connection
now refuse it in the same sentence and keep the token the account had; a token issued
again for the same account, or a test with the kept token, still signs in."""

from __future__ import annotations

import pytest

from inbox_app import secrets
from tests.sources.mastodon_standin import TOKEN
from tests.sources.test_mastodon_a_token_of_another_account import (
    OTHER,
    REISSUED,
    SHOP_ID,
    TwoAccountsServer,
    refusal,
)


def _clicked(accounts_dialog, button, qtbot) -> list:
    with qtbot.waitSignal(accounts_dialog.tested, timeout=10000) as tested:
        button.click()
    qtbot.waitUntil(lambda: not accounts_dialog.busy)
    return tested.args


@pytest.fixture
def editing_the_shop(accounts_dialog, http_server, corpus, qtbot):
    TwoAccountsServer(http_server)
    accounts_dialog.start_add("mastodon")
    accounts_dialog.set_field("name", "Shop")
    accounts_dialog.set_field("--server", http_server.base_url)
    accounts_dialog.set_field("secret", TOKEN)
    said, ok = _clicked(accounts_dialog, accounts_dialog.ui.saveButton, qtbot)
    assert ok, said
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    accounts_dialog.start_edit()
    return accounts_dialog


def test_another_account_s_token_is_refused_by_test_connection_as_by_save(
        editing_the_shop, store, qtbot):
    dialog = editing_the_shop
    dialog.set_field("secret", OTHER)
    assert _clicked(dialog, dialog.ui.editTestButton, qtbot) == [refusal("127.0.0.1"), False]
    assert _clicked(dialog, dialog.ui.saveButton, qtbot) == [refusal("127.0.0.1"), False]
    assert secrets.get_secret("Shop") == TOKEN
    assert store.get_account("Shop").config["account_id"] == SHOP_ID


def test_the_same_account_s_reissued_token_and_the_kept_one_still_sign_in(
        editing_the_shop, store, qtbot):
    dialog = editing_the_shop
    said, ok = _clicked(dialog, dialog.ui.editTestButton, qtbot)
    assert ok, said
    dialog.set_field("secret", REISSUED)
    said, ok = _clicked(dialog, dialog.ui.editTestButton, qtbot)
    assert ok, said
    said, ok = _clicked(dialog, dialog.ui.saveButton, qtbot)
    assert (said, ok) == ("Changes saved: signed in as @mastodonpy_test@127.0.0.1 (0 "
                          "followers).", True)
    assert secrets.get_secret("Shop") == REISSUED
    assert store.get_account("Shop").config["account_id"] == SHOP_ID
