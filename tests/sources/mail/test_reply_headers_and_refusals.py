"""A reply as the customer's mail program sees it — the shop's name whole, an address on a
non-English domain written so servers take it — and what a person reads when the SMTP
server refuses the size or goes away mid-send: the reply failed, kept, and a retry
reaches the customer once."""

from __future__ import annotations

import email
from email import policy

import pytest
from aiosmtpd.controller import Controller

from inbox_app.replies import reply, retry_reply
from inbox_app.sources.poller import poll_once
from tests.sources.mail.samples import mail
from tests.sources.mail.servers import _Handler, free_port


def conversation_of(store, external_id):
    return store._scalar("SELECT conversation_id FROM messages WHERE external_id = ?",
                         (external_id,))


def parsed(received):
    return email.message_from_bytes(received.data, policy=policy.default)


class FlakyHandler(_Handler):
    """Accepts mail, or (while `drop_next` is set) reads the whole message and closes the
    connection without the "250" that would say it was taken."""

    def __init__(self):
        super().__init__()
        self.drop_next = False
        self.dropped: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        if self.drop_next:
            self.drop_next = False
            self.dropped.append(envelope.original_content or envelope.content)
            server.transport.close()
            return None
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def own_smtp():
    """An SMTP server of this test's own, without login, that can be made to misbehave."""
    servers = []

    def start(**options):
        handler = FlakyHandler()
        controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **options)
        controller.start()
        servers.append(controller)
        return controller

    yield start
    for controller in servers:
        controller.stop()


def test_the_business_name_reaches_the_customer_whole(store, dovecot, folder, smtp_server,
                                                      mail_account):
    mail_account()
    dovecot.deliver(folder, mail(message_id="<n1@ann>"))
    poll_once(store, account="shop")
    conversation_id = conversation_of(store, "<n1@ann>")
    names = ["Bäckerei Schmidt (Berlin)", "Corner Shop, Ltd", 'Tee "Zeit" Laden',
             "Corner Shop (Leeds)"]
    for name in names:
        store.set_setting("business_name", name)
        assert reply(store, conversation_id, "Thank you!", None).delivery == "sent"

    senders = [parsed(received)["From"].addresses[0] for received in smtp_server.received]
    assert [(a.display_name, a.addr_spec) for a in senders] == [
        (name, "shop@example.com") for name in names]


def test_a_customer_on_a_non_english_domain_gets_the_reply(store, dovecot, folder,
                                                           smtp_server, mail_account):
    """Raw UTF-8 in the header (RFC 6532, as many contact forms write it): the reply goes
    to the same domain in the form every mail server takes (xn--…)."""
    mail_account()
    dovecot.deliver(folder, (
        "From: Jörg Bäcker <jo@bücher.example>\r\nTo: shop@example.com\r\n"
        "Subject: Lieferung\r\nMessage-ID: <idn@buecher>\r\n"
        "Date: Sun, 01 Mar 2026 10:00:00 +0100\r\n\r\nWann kommt meine Bestellung?\r\n"
    ).encode())
    poll_once(store, account="shop")
    conversation_id = conversation_of(store, "<idn@buecher>")
    message = store.get_message(store._scalar("SELECT id FROM messages"))
    assert message.author_name == "Jörg Bäcker"
    assert [i.value for i in store.get_customer(message.customer_id).identities] == [
        "jo@bücher.example"]

    result = reply(store, conversation_id, "Morgen.", None)

    assert result.delivery == "sent", result.error
    [received] = smtp_server.received
    assert received.rcpt_tos == ["jo@xn--bcher-kva.example"]
    assert parsed(received)["To"].addresses[0].addr_spec == "jo@xn--bcher-kva.example"


def test_a_reply_over_the_servers_size_limit_is_failed_as_too_large(store, dovecot, folder,
                                                                     mail_account, own_smtp):
    server = own_smtp(data_size_limit=400)
    mail_account(smtp_port=server.port)
    dovecot.deliver(folder, mail(message_id="<big@ann>"))
    poll_once(store, account="shop")

    result = reply(store, conversation_of(store, "<big@ann>"), "A long answer. " * 40, None)

    assert result.delivery == "failed"
    assert result.error == ("The mail server refused the reply as too large (552 Error: "
                            "message size exceeds fixed maximum message size).")
    assert store.get_message(result.message_id).text.startswith("A long answer.")
    assert server.handler.received == []


def test_a_server_gone_mid_send_fails_the_reply_and_the_retry_reaches_the_customer_once(
        store, dovecot, folder, mail_account, own_smtp):
    server = own_smtp()
    mail_account(smtp_port=server.port)
    dovecot.deliver(folder, mail(message_id="<drop@ann>"))
    poll_once(store, account="shop")
    server.handler.drop_next = True

    failed = reply(store, conversation_of(store, "<drop@ann>"), "It ships today.", None)

    assert failed.delivery == "failed"
    assert failed.error == (f"The mail server 127.0.0.1:{server.port} closed the connection "
                            "while the reply was being sent; it was not accepted, so it can "
                            "be sent again.")
    assert server.handler.received == []

    again = retry_reply(store, failed.message_id)

    assert again.delivery == "sent", again.error
    [received] = server.handler.received
    [first_try] = server.handler.dropped
    # Had the server kept the first try after all, the customer's mail program would see
    # one message: both tries carry the same Message-ID, which the stored reply keeps.
    message_id = parsed(received)["Message-ID"]
    assert email.message_from_bytes(first_try, policy=policy.default)["Message-ID"] == \
        message_id
    assert store.get_message(failed.message_id).external_id == message_id
    assert parsed(received).get_content().startswith("It ships today.")


def test_an_address_a_server_without_smtputf8_cannot_take_is_said_so(store, dovecot, folder,
                                                                      mail_account, own_smtp):
    server = own_smtp(enable_SMTPUTF8=False)
    mail_account(smtp_port=server.port)
    dovecot.deliver(folder, (
        "From: Jörg <jörg@example.de>\r\nTo: shop@example.com\r\nSubject: Frage\r\n"
        "Message-ID: <eai@example.de>\r\nDate: Sun, 01 Mar 2026 10:00:00 +0100\r\n\r\n"
        "Habt ihr offen?\r\n").encode())
    poll_once(store, account="shop")

    result = reply(store, conversation_of(store, "<eai@example.de>"), "Ja.", None)

    assert (result.delivery, result.error) == (
        "failed", "The mail server 127.0.0.1 cannot send to jörg@example.de: an address with "
        "non-ASCII letters before the @ needs SMTPUTF8, which this server does not offer.")
