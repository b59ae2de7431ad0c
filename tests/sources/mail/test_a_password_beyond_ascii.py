"""A mail password with letters beyond ASCII ("Grüße-2026", common in German, French or
Spanish shops) signs in: Python's IMAP LOGIN takes ASCII only and failed with a
UnicodeEncodeError and a traceback in the log; SASL PLAIN carries UTF-8 (real dovecot)."""

from __future__ import annotations

import time
from uuid import uuid4

import pytest
from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from inbox_app import secrets
from inbox_app.sources import SourceError
from inbox_app.sources.mail_connection import PasswordRefused
from inbox_app.sources.mail_imap import imap_session
from inbox_app.sources.poller import poll_once
from tests.sources.mail.samples import mail
from tests.sources.mail.test_a_login_the_server_could_not_check import LoginAnswering

PASSWORD = "Grüße-2026 ñandú"


@pytest.fixture
def mailbox(dovecot) -> str:
    """A mailbox of its own whose password is PASSWORD, once dovecot knows it (it reads its
    password file again at most once a second)."""
    user = f"ute-{uuid4().hex[:8]}"
    dovecot.add_user(user, PASSWORD)
    deadline = time.monotonic() + 20
    while True:
        try:
            with IMAPClient(dovecot.host, port=dovecot.port, ssl=False, timeout=10) as client:
                client.plain_login(user, PASSWORD)
            return user
        except LoginError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_a_password_beyond_ascii_reads_the_mailbox(store, dovecot, mailbox, caplog):
    with IMAPClient(dovecot.host, port=dovecot.port, ssl=False, timeout=10) as client:
        client.plain_login(mailbox, PASSWORD)
        client.append("INBOX", mail(subject="Bestellung 1041", text="Wo bleibt sie?"))
    store.add_account("Laden", "email", dovecot.account_config("INBOX", user=mailbox))
    secrets.set_secret("Laden", PASSWORD)

    [result] = poll_once(store, account="Laden")

    assert (result.new, result.error) == (1, None)
    assert "Traceback" not in caplog.text


def test_a_wrong_password_beyond_ascii_is_refused_in_words(dovecot, mailbox):
    config = dovecot.account_config("INBOX", user=mailbox)
    with pytest.raises(PasswordRefused) as raised, \
            imap_session(config, "Grüsse-2026 ñandú", account_name="Laden"):
        pass
    assert str(raised.value).startswith(
        f"The mail server 127.0.0.1 refused the user name or password for {mailbox};")


def test_a_server_that_takes_ascii_only_says_what_password_to_use():
    server = LoginAnswering(b"[AUTHENTICATIONFAILED] Authentication failed.",
                            capabilities=b"IMAP4rev1 IDLE")
    try:
        with pytest.raises(SourceError) as raised, \
                imap_session(server.config(), PASSWORD, account_name="Laden"):
            pass
    finally:
        server.close()
    assert not isinstance(raised.value, PasswordRefused) and server.logins == 0
    assert str(raised.value) == (
        "The mail server 127.0.0.1 takes only passwords and user names of plain letters "
        "(A–Z), digits and punctuation at sign-in; use such a password, or an app password.")
