"""Accounts on a Bluesky account after the shop changed its handle (the DID stays): Test
said "Bluesky refused the app password" although it was the right one, and typing the new
handle in and saving started the account's reading afresh, as if it were another account.
Now Test signs in by the DID the account keeps, the new handle saved keeps the account's
place and shows in the dialog, and another Bluesky account's app password is refused."""

from __future__ import annotations

import pytest

from inbox_app import secrets
from inbox_app.sources.poller import poll_once
from tests.sources.bluesky_standin import HANDLE, PASSWORD, SHOP_DID, Pds

NOW = 1_900_000_000
NEW_HANDLE = "harbourlane.example"


def _clicked(accounts_dialog, button, qtbot) -> list:
    with qtbot.waitSignal(accounts_dialog.tested, timeout=10000) as tested:
        button.click()
    qtbot.waitUntil(lambda: not accounts_dialog.busy)
    return tested.args


@pytest.fixture
def renamed_shop(accounts_dialog, http_server, corpus, store, qtbot) -> Pds:
    """The shop's account added in the window and read once; then the shop changes its
    handle on Bluesky."""
    pds = Pds(http_server)
    accounts_dialog.start_add("bluesky")
    accounts_dialog.set_field("name", "Shop")
    accounts_dialog.set_field("--handle", HANDLE)
    accounts_dialog.set_field("--service", http_server.base_url)
    accounts_dialog.set_field("secret", PASSWORD)
    said, ok = _clicked(accounts_dialog, accounts_dialog.ui.saveButton, qtbot)
    assert ok, said
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    (result,) = poll_once(store, at=NOW)
    assert result.error is None
    pds.handle = NEW_HANDLE
    return pds


def test_test_signs_in_after_the_handle_changed(accounts_dialog, renamed_shop, qtbot):
    assert _clicked(accounts_dialog, accounts_dialog.ui.detailTestButton, qtbot) == [
        f"Signed in as @{NEW_HANDLE} ({SHOP_DID}).", True]


def test_the_new_handle_saved_keeps_the_account_s_place(accounts_dialog, renamed_shop, store,
                                                        qtbot):
    place = store.get_account("Shop").cursor
    accounts_dialog.start_edit()
    accounts_dialog.set_field("--handle", NEW_HANDLE)
    assert _clicked(accounts_dialog, accounts_dialog.ui.saveButton, qtbot) == [
        f"Changes saved: signed in as @{NEW_HANDLE} ({SHOP_DID}).", True]
    assert store.get_account("Shop").cursor == place
    qtbot.waitUntil(lambda: NEW_HANDLE in accounts_dialog.ui.configLabel.text())


def test_another_bluesky_account_s_app_password_is_refused(accounts_dialog, renamed_shop,
                                                           store, qtbot):
    pds = renamed_shop
    pds.handle, pds.did, pds.password = ("someone-else.bsky.social",
                                         "did:plc:someoneelseentirely0000", "other-password")
    accounts_dialog.start_edit()
    accounts_dialog.set_field("--handle", "someone-else.bsky.social")
    accounts_dialog.set_field("secret", "other-password")
    refusal = ("That app password signs in as @someone-else.bsky.social "
               "(did:plc:someoneelseentirely0000), not as the Bluesky account this one reads "
               f"({SHOP_DID}): add a new account for @someone-else.bsky.social (Accounts → Add "
               "account, or `inbox-app account add bluesky`).")
    assert _clicked(accounts_dialog, accounts_dialog.ui.editTestButton, qtbot) == [refusal,
                                                                                  False]
    assert _clicked(accounts_dialog, accounts_dialog.ui.saveButton, qtbot) == [refusal, False]
    assert secrets.get_secret("Shop") == PASSWORD
    assert store.get_account("Shop").config["handle"] == HANDLE
