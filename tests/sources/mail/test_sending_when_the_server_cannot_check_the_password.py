"""A mail server that cannot check the password just now (its password store is down:
"454 4.7.0 Temporary authentication failure", RFC 4954) said the password was refused and
to enter the current one: the owner changed a password that was right. It says the server
could not sign in just now, as reading does (a real aiosmtpd server on loopback)."""

from __future__ import annotations

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from inbox_app.replies import SendError
from inbox_app.sources.mail_smtp import smtp_login
from tests.sources.mail.servers import _Handler, free_port

TEMPORARY = "454 4.7.0 Temporary authentication failure"


@pytest.fixture
def server_port():
    """An aiosmtpd server whose password store does not answer."""
    port = free_port()
    controller = Controller(
        _Handler(), hostname="127.0.0.1", port=port, auth_require_tls=False,
        authenticator=lambda *args: AuthResult(success=False, handled=False,
                                               message=TEMPORARY))
    controller.start()
    yield port
    controller.stop()


@pytest.mark.parametrize("password", ["secret", "Grüße-2026"])
def test_a_password_the_server_could_not_check_is_not_called_refused(server_port, password):
    config = {"address": "shop@example.com", "user": "shop", "smtp_host": "127.0.0.1",
              "smtp_port": server_port, "smtp_security": "none"}

    with pytest.raises(SendError) as raised:
        smtp_login(config, password, account_name="Shop mail")

    assert str(raised.value) == (
        "The mail server 127.0.0.1 could not sign shop in just now (454 4.7.0 Temporary "
        "authentication failure); try again in a while.")
