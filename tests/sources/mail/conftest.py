"""A fresh folder and an email account on the session's mail servers (tests/conftest.py)."""

from __future__ import annotations

import pytest

from inbox_app import secrets


@pytest.fixture
def folder(dovecot) -> str:
    """A fresh IMAP folder for this test."""
    return dovecot.new_folder()


@pytest.fixture
def mail_account(store, dovecot, folder, smtp_server):
    """An email account `shop` on the test servers, its password in the (test) keyring."""

    def make(name: str = "shop", **extra):
        config = dovecot.account_config(folder, smtp_port=smtp_server.port)
        config.update(extra)
        store.add_account(name, "email", config, poll_interval=60)
        secrets.set_secret(name, dovecot.password)
        return store.get_account(name)

    return make
