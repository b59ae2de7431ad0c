"""Accounts → Edit, a new password typed, while a colleague at another computer removes
the account: Save says it is gone, and the new password is not left behind in this
computer's keyring (it was written before the store refused, so a removed account's
password sat there, to be found by anything later given that name)."""

from __future__ import annotations

import pytest

from inbox_app import accounts, secrets
from inbox_app.store import open_store
from tests.servers import static

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Members</title>
<item><title>Hello</title><guid>m1</guid><description>Hi</description></item></channel></rss>"""


def test_the_new_password_of_an_account_removed_meanwhile_is_not_kept(
        accounts_dialog, store, store_location, http_server, qtbot):
    http_server.route("GET", "/feed", static(RSS))
    store.add_account("Members", "feed", {"url": http_server.url("/feed"),
                                          "username": "owner"})
    secrets.set_secret("Members", "old-password")
    accounts_dialog.reload()
    qtbot.waitUntil(lambda: accounts_dialog.current_account() is not None)
    accounts_dialog.start_edit()
    accounts_dialog.set_field("secret", "new-password")

    colleague = open_store(store_location)
    try:
        colleague.remove_account("Members")  # their keyring is their own: ours keeps it
    finally:
        colleague.close()
    with qtbot.waitSignal(accounts_dialog.tested, timeout=10000) as tested:
        accounts_dialog.ui.saveButton.click()
    assert tested.args == ["There is no account called 'Members'.", False]
    assert secrets.get_secret("Members") == "old-password"


def test_a_store_that_refuses_the_change_leaves_the_password_as_it_was(
        store, http_server, monkeypatch):
    http_server.route("GET", "/feed", static(RSS))
    account = store.add_account("Members", "feed", {"url": http_server.url("/feed"),
                                                    "username": "owner"})
    secrets.set_secret("Members", "old-password")

    def refused(*_args, **_kwargs):
        raise accounts.StoreError("The shared database went away mid-save.")

    monkeypatch.setattr(store, "update_account", refused)
    setup = accounts.AccountSetup({"url": http_server.url("/feed"), "username": "owner"},
                                  "Password")
    with pytest.raises(accounts.StoreError):
        accounts.update_account(store, account, setup, "new-password", sign_in=None)
    assert secrets.get_secret("Members") == "old-password"
