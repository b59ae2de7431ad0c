"""A new account's keyring entry starts empty: a removed account whose secret the keyring
would not let go (locked at the time) left it under its name, and a new private feed of
that name, added without a password, would have sent the old account's password to the
new feed's server."""

from __future__ import annotations

from inbox_app import accounts, secrets
from inbox_app.sources import AccountSetup


def test_a_new_account_does_not_inherit_a_password_left_under_its_name(store, memory_keyring):
    secrets.set_secret("Members", "old-forum-password")
    secrets.set_secret("Members", '{"accessJwt": "x"}', slot="session")
    accounts.add_account(store, "feed", "Members", AccountSetup(
        {"url": "https://other.example/feed", "username": "owner"}, secret_label="Password"),
        None, sign_in=None)
    assert secrets.get_secret("Members") is None
    assert secrets.get_secret("Members", slot="session") is None
