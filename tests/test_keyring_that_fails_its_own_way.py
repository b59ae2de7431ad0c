"""A keyring backend that is there but fails with its own errors — the Secret Service's
D-Bus errors come as secretstorage's and jeepney's exceptions, not keyring's — is a
sentence on the account, never a traceback: the keyring is as good as missing."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend

from inbox_app import accounts, secrets
from inbox_app.sources import AccountSetup


class DBusNoReply(Exception):
    """As jeepney's DBusErrorResponse: not a keyring.errors.KeyringError."""


class SilentSecretService(KeyringBackend):
    """A Secret Service whose daemon does not answer."""

    priority = 1

    def get_password(self, service, username):
        raise DBusNoReply("org.freedesktop.DBus.Error.NoReply: Did not receive a reply")

    def set_password(self, service, username, password):
        raise DBusNoReply("org.freedesktop.DBus.Error.NoReply: Did not receive a reply")

    def delete_password(self, service, username):
        raise DBusNoReply("org.freedesktop.DBus.Error.NoReply: Did not receive a reply")


@pytest.fixture
def silent_keyring():
    keyring.set_keyring(SilentSecretService())  # the autouse memory_keyring puts its own back


@pytest.mark.parametrize("use", [lambda: secrets.set_secret("Shop", "pw"),
                                 lambda: secrets.get_secret("Shop"),
                                 lambda: secrets.delete_all("Shop")],
                         ids=["set", "get", "delete"])
def test_each_use_of_the_keyring_says_it_cannot_be_used(silent_keyring, use):
    with pytest.raises(secrets.KeyringUnavailable) as unavailable:
        use()
    assert str(unavailable.value).startswith(secrets.NO_KEYRING.removesuffix("."))
    assert str(unavailable.value).endswith("the keyring said: org.freedesktop.DBus.Error.NoReply:"
                                           " Did not receive a reply.")


def test_an_account_is_not_added_when_its_secret_cannot_be_kept(silent_keyring, store):
    with pytest.raises(secrets.KeyringUnavailable):
        accounts.add_account(store, "mastodon", "Shop", AccountSetup(
            {"server": "https://mastodon.example"}, "Access token"), "token", sign_in=None)
    assert store.list_accounts() == []


def test_account_add_on_the_command_line_says_so_in_one_sentence(silent_keyring, run_cli):
    code, out, err = run_cli("account", "add", "mastodon", "--name", "Shop", "--server",
                             "https://mastodon.example", "--no-check", stdin="token\n")
    assert code != 0 and out == ""
    assert err == ("inbox-app: " + secrets.NO_KEYRING.removesuffix(".") + "; the keyring said: "
                   "org.freedesktop.DBus.Error.NoReply: Did not receive a reply.\n")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
