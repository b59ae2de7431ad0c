"""An SMTP server that takes the whole reply and then says nothing (a slow virus or spam
scan, a server that hangs) until the app stops waiting: the reply may well reach the
customer, so the owner is told that instead of "could not be reached", which invites
sending it a second time."""

from __future__ import annotations

import asyncio
import threading

import pytest
from aiosmtpd.controller import Controller

from inbox_app.replies import reply
from inbox_app.sources import mail_smtp
from inbox_app.sources.poller import poll_once
from tests.sources.mail.samples import mail
from tests.sources.mail.servers import _Handler, free_port


class SilentAfterData(_Handler):
    """Keeps the message, then answers nothing until `release` is set."""

    def __init__(self):
        super().__init__()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        while not self.release.is_set():
            await asyncio.sleep(0.05)
        return await super().handle_DATA(server, session, envelope)


class SilentAtRecipient(_Handler):
    """Answers nothing to RCPT TO until `release` is set: the reply never left."""

    def __init__(self):
        super().__init__()
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        while not self.release.is_set():
            await asyncio.sleep(0.05)
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


@pytest.fixture
def silent_smtp(monkeypatch):
    monkeypatch.setattr(mail_smtp, "SMTP_TIMEOUT", 2.0)
    started = []

    def start(handler):
        controller = Controller(handler, hostname="127.0.0.1", port=free_port())
        controller.start()
        started.append((controller, handler))
        return controller

    yield start
    for controller, handler in started:
        handler.release.set()
        controller.stop()


def conversation_of(store, external_id):
    return store._scalar("SELECT conversation_id FROM messages WHERE external_id = ?",
                         (external_id,))


def test_a_reply_taken_but_not_confirmed_says_it_may_have_gone(store, dovecot, folder,
                                                                mail_account, silent_smtp):
    server = silent_smtp(SilentAfterData())
    mail_account(smtp_port=server.port)
    dovecot.deliver(folder, mail(message_id="<slow@ann>"))
    poll_once(store, account="shop")

    result = reply(store, conversation_of(store, "<slow@ann>"), "It ships today.", None)

    assert result.delivery == "failed"
    assert "could not be reached" not in result.error
    assert result.error == (
        f"The mail server 127.0.0.1:{server.port} took the reply but did not confirm it in "
        "time, so it may have reached the customer; make sure it did not before sending it "
        "again.")


def test_a_server_silent_before_the_reply_went_says_it_can_be_sent_again(store, dovecot, folder,
                                                                     mail_account, silent_smtp):
    server = silent_smtp(SilentAtRecipient())
    mail_account(smtp_port=server.port)
    dovecot.deliver(folder, mail(message_id="<slow2@ann>"))
    poll_once(store, account="shop")

    result = reply(store, conversation_of(store, "<slow2@ann>"), "It ships today.", None)

    assert result.delivery == "failed"
    assert result.error == (f"The mail server 127.0.0.1:{server.port} closed the connection "
                            "while the reply was being sent; it was not accepted, so it can "
                            "be sent again.")
