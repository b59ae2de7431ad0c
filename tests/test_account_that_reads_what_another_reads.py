"""One mailbox, feed or Bluesky account added a second time under another name: refused,
in the window and on the command line alike, before anything is signed in to or kept in
the keyring. Before, both accounts read it and every message came in twice — two copies
in two conversations, since a message is one per account and id."""

from __future__ import annotations

import pytest

from inbox_app import accounts, secrets
from inbox_app.sources import AccountSetup
from inbox_app.store import StoreError


def email(address: str, host: str = "imap.example.com", folder: str = "INBOX") -> AccountSetup:
    return AccountSetup({"address": address, "user": address, "imap_host": host,
                         "imap_port": 993, "folder": folder, "smtp_host": "smtp.example.com"},
                        secret_label="Password")


def add(store, kind: str, name: str, setup: AccountSetup, secret: str | None = "pw"):
    return accounts.add_account(store, kind, name, setup, secret, sign_in=None)[0]


def test_the_same_mailbox_under_another_name_is_refused_and_keeps_no_secret(store):
    add(store, "email", "Shop mail", email("shop@example.com"))
    with pytest.raises(StoreError) as refused:
        add(store, "email", "Orders", email("shop@example.com", host="IMAP.Example.com."),
            secret="other")
    assert str(refused.value) == ("Shop mail already reads the INBOX of shop@example.com on"
                                  " imap.example.com: a second account would bring every"
                                  " message in twice.")
    assert [account.name for account in store.list_accounts()] == ["Shop mail"]
    assert secrets.get_secret("Orders") is None
    assert secrets.get_secret("Shop mail") == "pw"


def test_another_folder_or_another_mailbox_on_the_same_server_is_its_own(store):
    add(store, "email", "Shop mail", email("shop@example.com"))
    add(store, "email", "Support", email("shop@example.com", folder="Support"))
    add(store, "email", "Orders", email("orders@example.com"))
    assert len(store.list_accounts()) == 3


def test_the_same_feed_or_bluesky_handle_twice_is_refused(store):
    add(store, "feed", "Reviews", AccountSetup({"url": "https://reviews.example/feed.xml"}),
        secret=None)
    with pytest.raises(StoreError, match="Reviews already reads https://reviews.example/"
                                         "feed.xml: a second account would bring every"
                                         " item in twice."):
        add(store, "feed", "Brand watch",
            AccountSetup({"url": "https://reviews.example/feed.xml", "term": "Shop"},
                         watch="brand"), secret=None)
    add(store, "bluesky", "Bluesky", AccountSetup(
        {"handle": "shop.bsky.social", "service": "https://bsky.social"}, "App password"))
    with pytest.raises(StoreError, match="Bluesky already reads @shop.bsky.social"):
        add(store, "bluesky", "Sky", AccountSetup(
            {"handle": "Shop.bsky.social", "service": "https://bsky.social"}, "App password"))


def test_editing_an_account_into_another_ones_mailbox_is_refused(store):
    add(store, "email", "Shop mail", email("shop@example.com"))
    orders = add(store, "email", "Orders", email("orders@example.com"))
    with pytest.raises(StoreError, match="Shop mail already reads the INBOX"):
        accounts.update_account(store, orders, email("shop@example.com"), "new", sign_in=None)
    assert store.get_account("Orders").config["address"] == "orders@example.com"
    assert secrets.get_secret("Orders") == "pw"
    again = accounts.update_account(store, orders, email("orders@example.com", folder="Old"),
                                    None, sign_in=None)[0]
    assert again.config["folder"] == "Old"  # its own mailbox is not "another's"


def test_account_add_on_the_command_line_says_so_and_exits_2(run_cli, memory_keyring):
    code, _out, err = run_cli("account", "add", "feed", "--name", "Reviews", "--url",
                    "https://reviews.example/feed.xml", "--no-check")
    assert code == 0, err
    second_code, _out2, second_err = run_cli("account", "add", "feed", "--name", "More reviews", "--url",
                     "https://reviews.example/feed.xml", "--no-check")
    assert second_code == 2
    assert second_err.strip() == ("inbox-app: Reviews already reads https://reviews.example/feed.xml: a"
                                  " second account would bring every item in twice.")

