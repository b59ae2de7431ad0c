"""Session-wide mail servers for the email tests (see servers.py), and an email account."""

from __future__ import annotations

import os

import pytest

from inbox_app import secrets
from tests.sources.mail.servers import DOVECOT, Dovecot, SMTPServer


@pytest.fixture(scope="session")
def dovecot():
    if not os.path.exists(DOVECOT):
        pytest.skip("dovecot is not installed (Debian package dovecot-imapd)")
    server = Dovecot()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def smtp_session_server():
    server = SMTPServer()
    yield server
    server.stop()


@pytest.fixture
def smtp_server(smtp_session_server):
    smtp_session_server.reset()
    yield smtp_session_server
    smtp_session_server.reset()


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
