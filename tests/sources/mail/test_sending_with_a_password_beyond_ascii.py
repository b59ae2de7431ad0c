"""Sending with a mail password holding letters beyond ASCII ("Grüße-2026"): Python's
smtplib signs in with ASCII only and failed with "Sending through … failed
(UnicodeEncodeError: …)"; reading already signs in with SASL PLAIN in UTF-8, and so now
does sending (a real aiosmtpd server on loopback)."""

from __future__ import annotations

import email
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from inbox_app.replies import SendError
from inbox_app.sources.mail_smtp import send_message, smtp_login
from tests.sources.mail.samples import mail
from tests.sources.mail.servers import _Handler, free_port

PASSWORD = "Grüße-2026 ñandú"


def smtp_config(port: int, user: str = "ute") -> dict:
    return {"address": "shop@example.com", "user": user, "smtp_host": "127.0.0.1",
            "smtp_port": port, "smtp_security": "none"}


def a_reply():
    return email.message_from_bytes(
        mail(subject="Re: Bestellung 1041", text="Sie ist unterwegs."), policy=policy.default)


def test_a_password_beyond_ascii_sends_the_reply(smtp_server):
    smtp_server.logins["ute"] = PASSWORD

    send_message(smtp_config(smtp_server.port), PASSWORD, a_reply(), account_name="Laden")

    [received] = smtp_server.wait_for(1)
    assert received.authenticated


def test_a_user_name_beyond_ascii_signs_in_too(smtp_server):
    smtp_server.logins["jürgen@bäckerei.example"] = "geheim"

    smtp_login(smtp_config(smtp_server.port, user="jürgen@bäckerei.example"), "geheim").quit()


def test_a_wrong_password_beyond_ascii_is_refused_in_words(smtp_server):
    smtp_server.logins["ute"] = PASSWORD

    with pytest.raises(SendError) as raised:
        smtp_login(smtp_config(smtp_server.port), "Grüsse-2026 ñandú", account_name="Laden")

    assert str(raised.value) == (
        "The mail server 127.0.0.1 refused the user name or password for ute; enter the "
        "account's current password (Accounts → Edit, or `inbox-app account secret 'Laden'`).")


@pytest.fixture
def login_only_server():
    """An aiosmtpd server offering AUTH LOGIN but not PLAIN; counts the sign-ins tried."""
    tries: list[bytes] = []

    def authenticate(server, session, envelope, mechanism, auth_data):
        tries.append(auth_data.login if isinstance(auth_data, LoginPassword) else b"")
        return AuthResult(success=False, handled=False)

    port = free_port()
    controller = Controller(_Handler(), hostname="127.0.0.1", port=port,
                            authenticator=authenticate, auth_require_tls=False,
                            auth_exclude_mechanism=["PLAIN"])
    controller.start()
    yield port, tries
    controller.stop()


def test_a_server_without_plain_says_what_password_to_use(login_only_server):
    port, tries = login_only_server

    with pytest.raises(SendError) as raised:
        smtp_login(smtp_config(port), PASSWORD, account_name="Laden")

    assert tries == []  # nothing a server guarding against guessing would count
    assert str(raised.value) == (
        "The mail server 127.0.0.1 takes only passwords and user names of plain letters "
        "(A–Z), digits and punctuation at sign-in; use such a password, or an app password.")


def test_an_ascii_password_still_signs_in_as_before(login_only_server):
    port, tries = login_only_server

    with pytest.raises(SendError) as raised:
        smtp_login(smtp_config(port), "plain-2026", account_name="Laden")

    assert tries == [b"ute"]
    assert "refused the user name or password for ute" in str(raised.value)
