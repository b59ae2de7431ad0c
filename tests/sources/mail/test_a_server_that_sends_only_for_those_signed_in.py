"""An SMTP server that sends only for those signed in, met where it offers no sign-in (the
port for server-to-server mail, 25, given as the sending server): it answers MAIL FROM with
"530 5.7.0 Authentication required" or "530 Must issue a STARTTLS command first". The
failed reply said "The mail server refused the sender address …", as if the shop's address
were wrong, and the Accounts dialog's test said "signed in" to that server; the shop now
reads what to change (aiosmtpd servers on loopback)."""

from __future__ import annotations

import pytest
from aiosmtpd.controller import Controller

from inbox_app.replies import reply
from inbox_app.sources import SourceError
from inbox_app.sources import mail as mail_channel
from inbox_app.sources.poller import poll_once
from tests.sources.mail.samples import mail
from tests.sources.mail.servers import _Handler, free_port


class AnsweringMail(_Handler):
    """Answers MAIL FROM (or RCPT TO) as told; counts the messages it took."""

    def __init__(self, answer: str | None, recipient_answer: str | None = None):
        super().__init__()
        self.answer = answer
        self.recipient_answer = recipient_answer

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.recipient_answer:
            return self.recipient_answer
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.answer:
            return self.answer
        envelope.mail_from = address
        return "250 OK"


@pytest.fixture
def smtp_answering():
    controllers = []

    def start(answer: str | None = None, recipient_answer: str | None = None, **options
              ) -> tuple[int, AnsweringMail]:
        handler = AnsweringMail(answer, recipient_answer)
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
        controller.start()
        controllers.append(controller)
        return port, handler

    yield start
    for controller in controllers:
        controller.stop()


def conversation_of(store, external_id):
    return store._scalar("SELECT conversation_id FROM messages WHERE external_id = ?",
                         (external_id,))


def failed_reply(store, dovecot, folder, mail_account, port) -> str | None:
    mail_account(smtp_port=port)
    dovecot.deliver(folder, mail(message_id="<s1@ann>"))
    poll_once(store, account="shop")
    result = reply(store, conversation_of(store, "<s1@ann>"), "It ships today.", None)
    assert result.delivery == "failed"
    return result.error


def test_a_server_wanting_a_sign_in_it_does_not_offer_says_to_use_the_sending_port(
        store, dovecot, folder, mail_account, smtp_answering):
    # aiosmtpd's own answer: sign-in required, and offered only over TLS.
    port, _ = smtp_answering(auth_required=True, auth_require_tls=True,
                             authenticator=lambda *args: None)

    error = failed_reply(store, dovecot, folder, mail_account, port)

    assert error == (
        f"The mail server 127.0.0.1:{port} sends mail only for those signed in, and it "
        "offers no sign-in on this port (530 5.7.0 Authentication required); use your "
        "provider's port for sending from a mail program: 587 with starttls, or 465 with ssl.")
    assert "sender address" not in error


def test_a_server_wanting_starttls_says_so(store, dovecot, folder, mail_account,
                                           smtp_answering):
    port, _ = smtp_answering("530 5.7.0 Must issue a STARTTLS command first")

    error = failed_reply(store, dovecot, folder, mail_account, port)

    assert error == (
        f"The mail server 127.0.0.1:{port} sends mail only over an encrypted connection (530 "
        "5.7.0 Must issue a STARTTLS command first); set its security to starttls (port 587).")


def test_a_relay_refused_to_a_client_not_signed_in_is_not_blamed_on_the_customer(
        store, dovecot, folder, mail_account, smtp_answering):
    port, _ = smtp_answering(recipient_answer="554 5.7.1 <ann@example.com>: Relay access denied")

    error = failed_reply(store, dovecot, folder, mail_account, port)

    assert error.startswith(f"The mail server 127.0.0.1:{port} sends mail only for those "
                            "signed in, and it offers no sign-in on this port (554 5.7.1 ")


def test_the_accounts_test_finds_it_before_a_reply_fails(dovecot, folder, smtp_answering):
    port, _ = smtp_answering(auth_required=True, auth_require_tls=True,
                             authenticator=lambda *args: None)
    config = dovecot.account_config(folder, smtp_port=port)

    with pytest.raises(SourceError) as raised:
        mail_channel.verify(config, dovecot.password)

    assert str(raised.value).startswith(
        f"The mail server 127.0.0.1:{port} sends mail only for those signed in")


def test_the_accounts_test_finds_a_sender_address_the_login_may_not_use(dovecot, folder,
                                                                        smtp_answering):
    port, handler = smtp_answering(
        "553 5.7.1 <shop@example.com>: Sender address rejected: not owned by user shop")
    config = dovecot.account_config(folder, smtp_port=port)

    with pytest.raises(SourceError) as raised:
        mail_channel.verify(config, dovecot.password)

    assert str(raised.value) == (
        "The mail server refused the sender address shop@example.com (553 5.7.1 "
        "<shop@example.com>: Sender address rejected: not owned by user shop).")
    assert handler.received == []


def test_the_accounts_test_of_a_good_server_still_signs_in(dovecot, folder, smtp_server):
    config = dovecot.account_config(folder, smtp_port=smtp_server.port)

    said = mail_channel.verify(config, dovecot.password)

    assert said.startswith("signed in to 127.0.0.1 and 127.0.0.1 as shop;")
    assert smtp_server.received == []  # the test sends nothing
