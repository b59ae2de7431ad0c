"""Whom a reply will reach, worked out before it is written (the window shows it above the
composer): the same addresses the reply then goes to — the customer, and whom they copied
in — never the shop's own, read from the store alone (no keyring, no server)."""

from __future__ import annotations

import email
from email import policy

import pytest

from inbox_app import secrets
from inbox_app.replies import SendError, reply
from inbox_app.sources.mail_parse import incoming_message, parse_message
from inbox_app.sources.mail_recipients import ReplyRecipients, reply_recipients
from inbox_app.sources.poller import poll_once
from tests.sources.mail.samples import mail
from tests.store.helpers import msg

pytestmark = pytest.mark.both_engines

SHOP = {"address": "shop@example.com", "aliases": ["orders@example.com"]}


def saved(store, raw: bytes, *, sent_folder: bool = False, account: str = "shop") -> int:
    """The conversation of a message read from the account's folder (or its Sent folder)."""
    own = {"shop@example.com", "orders@example.com"}
    store.save_messages([incoming_message(
        parse_message(raw), account=account, own_addresses=own, received_at=1_790_000_000,
        folder="Sent" if sent_folder else "INBOX", sent_folder=sent_folder)])
    return store._scalar("SELECT max(conversation_id) FROM messages")


def test_the_customer_is_answered_and_whom_they_copied_in_is_copied(store):
    store.add_account("shop", "email", SHOP, poll_interval=60)
    store.add_account("wholesale", "email", {"address": "trade@example.com"}, poll_interval=60)
    conversation_id = saved(store, mail(
        to="Corner Shop <shop@example.com>, Bob Park <bob@annco.example>",
        headers={"Cc": "Carla <carla@annco.example>, ORDERS@example.com, trade@example.com,"
                       " ann@example.com"}))

    assert reply_recipients(store, conversation_id) == ReplyRecipients(
        "ann@example.com", ("bob@annco.example", "carla@annco.example"))


def test_a_conversation_the_shop_started_goes_to_whom_it_was_written_to(store):
    store.add_account("shop", "email", SHOP, poll_interval=60)
    conversation_id = saved(store, mail(
        sender=("Corner Shop", "shop@example.com"), to="Dee Quinn <dee@example.net>",
        headers={"Cc": "eve@example.net"}, subject="Your quote"), sent_folder=True)

    assert reply_recipients(store, conversation_id) == ReplyRecipients(
        "dee@example.net", ("eve@example.net",))


def test_the_addresses_of_an_account_since_removed_are_still_not_recipients(store):
    """Sending then says the account is gone; until then the line must not name the shop."""
    conversation_id = saved(store, mail(headers={"Cc": "bob@annco.example, shop@example.com"}),
                            account="shop@example.com")

    assert reply_recipients(store, conversation_id) == ReplyRecipients(
        "ann@example.com", ("bob@annco.example",))


def test_mail_from_another_of_the_shop_s_mailboxes_is_never_answered_to_the_shop(store):
    """trade@ (the shop's wholesale mailbox) forwarding a customer's question to shop@:
    read by shop@'s account, it is a customer's message, and its From is the shop's own."""
    store.add_account("shop", "email", SHOP, poll_interval=60)
    store.add_account("wholesale", "email", {"address": "trade@example.com"}, poll_interval=60)
    conversation_id = saved(store, mail(sender=("Trade desk", "trade@example.com"),
                                        to="shop@example.com", subject="Fwd: bulk order"))

    with pytest.raises(SendError, match="no email address to reply to"):
        reply_recipients(store, conversation_id)


def test_a_conversation_without_an_address_says_so_as_sending_would(store):
    store.save_messages([msg("x1", kind="email", author="Nobody", thread="t-none")])
    conversation_id = store._scalar("SELECT max(conversation_id) FROM messages")

    with pytest.raises(SendError, match="no email address to reply to"):
        reply_recipients(store, conversation_id)


def test_what_is_shown_is_where_the_reply_goes(store, dovecot, folder, smtp_server,
                                               mail_account):
    mail_account(aliases=["orders@example.com"])
    store.add_account("wholesale", "email", {"address": "trade@example.com"}, poll_interval=60)
    dovecot.deliver(folder, mail(
        message_id="<shown@ann>", to="shop@example.com, Bob Park <bob@annco.example>",
        headers={"Cc": "carla@annco.example, Orders@Example.com, trade@example.com",
                 "Reply-To": "Ann at home <ann.lee@home.example>"}))
    poll_once(store, account="shop")
    conversation_id = store._scalar(
        "SELECT conversation_id FROM messages WHERE external_id = ?", ("<shown@ann>",))
    secrets.delete_secret("shop")  # showing whom it reaches needs no secret

    shown = reply_recipients(store, conversation_id)

    secrets.set_secret("shop", dovecot.password)
    assert reply(store, conversation_id, "It ships today.", None).delivery == "sent"
    received = smtp_server.received[-1]
    sent = email.message_from_bytes(received.data, policy=policy.default)
    assert [shown.to] == [a.addr_spec for a in sent["To"].addresses]
    assert list(shown.cc) == [a.addr_spec for a in sent["Cc"].addresses]
    assert sorted(received.rcpt_tos) == sorted([shown.to, *shown.cc])
