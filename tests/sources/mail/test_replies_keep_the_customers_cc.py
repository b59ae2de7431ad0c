"""A customer who copies a colleague in (Cc, or a second To) expects the shop's answer to
reach both, as Front's and Help Scout's replies do ("reply all"): the reply went to the
sender alone, and the colleague dropped out of the exchange. The shop's own addresses
(the account's address, its login, its aliases) are never copied in, and nobody is
Bcc'd. Checked with what the SMTP server (aiosmtpd) receives: the headers and RCPT TO."""

from __future__ import annotations

import email
from email import policy

from inbox_app.replies import reply
from inbox_app.sources.poller import poll_once
from tests.sources.mail.samples import mail


def conversation_of(store, external_id):
    return store._scalar("SELECT conversation_id FROM messages WHERE external_id = ?",
                         (external_id,))


def addresses(header) -> list[str]:
    return [address.addr_spec for address in header.addresses] if header else []


def test_the_customers_cc_is_kept_and_the_shop_is_not_copied_in(store, dovecot, folder,
                                                                smtp_server, mail_account):
    mail_account(aliases=["orders@example.com"])
    dovecot.deliver(folder, mail(
        message_id="<cc1@ann>", subject="Wholesale order",
        to="Corner Shop <shop@example.com>, Bob Park <bob@annco.example>",
        headers={"Cc": "Carla <carla@annco.example>, orders@example.com, "
                       "SHOP@example.com, ann@example.com"}))
    poll_once(store, account="shop")

    result = reply(store, conversation_of(store, "<cc1@ann>"), "Both of you: it ships today.",
                   "Mia")

    assert result.delivery == "sent", result.error
    [received] = smtp_server.received
    sent = email.message_from_bytes(received.data, policy=policy.default)
    assert addresses(sent["To"]) == ["ann@example.com"]
    assert addresses(sent["Cc"]) == ["bob@annco.example", "carla@annco.example"]
    assert sent["Bcc"] is None
    assert sorted(received.rcpt_tos) == ["ann@example.com", "bob@annco.example",
                                         "carla@annco.example"]
    stored = store.get_message(result.message_id)
    assert stored.meta["to"] == ["ann@example.com"]
    assert stored.meta["cc"] == ["bob@annco.example", "carla@annco.example"]


def test_the_colleagues_answer_is_answered_to_them_with_the_customer_copied(
        store, dovecot, folder, smtp_server, mail_account):
    mail_account()
    dovecot.deliver(folder, mail(message_id="<cc2@ann>", subject="Tasting day",
                                 headers={"Cc": "bob@annco.example"}))
    poll_once(store, account="shop")
    conversation_id = conversation_of(store, "<cc2@ann>")
    assert reply(store, conversation_id, "Saturday suits us.", None).delivery == "sent"
    our_id = store.messages(conversation_id)[-1].external_id
    # Bob answers everyone: the shop and Ann in To.
    dovecot.deliver(folder, mail(
        message_id="<cc3@bob>", subject="Re: Tasting day", sender=("Bob Park", "bob@annco.example"),
        to="shop@example.com, Ann Lee <ann@example.com>", in_reply_to=our_id,
        references=f"<cc2@ann> {our_id}"))
    poll_once(store, account="shop")
    assert conversation_of(store, "<cc3@bob>") == conversation_id

    assert reply(store, conversation_id, "See you both then.", None).delivery == "sent"

    received = smtp_server.received[-1]
    sent = email.message_from_bytes(received.data, policy=policy.default)
    assert addresses(sent["To"]) == ["bob@annco.example"]
    assert addresses(sent["Cc"]) == ["ann@example.com"]
    assert sorted(received.rcpt_tos) == ["ann@example.com", "bob@annco.example"]


def test_a_message_to_the_shop_alone_is_answered_without_a_cc(store, dovecot, folder,
                                                               smtp_server, mail_account):
    mail_account()
    dovecot.deliver(folder, mail(message_id="<cc4@ann>",
                                 headers={"Reply-To": "ann.lee@work.example"}))
    poll_once(store, account="shop")

    assert reply(store, conversation_of(store, "<cc4@ann>"), "On its way.", None) \
        .delivery == "sent"

    [received] = smtp_server.received
    sent = email.message_from_bytes(received.data, policy=policy.default)
    assert addresses(sent["To"]) == ["ann.lee@work.example"] and sent["Cc"] is None
    assert received.rcpt_tos == ["ann.lee@work.example"]


def test_the_shops_other_mailbox_is_not_copied_in(store, dovecot, folder, smtp_server,
                                                  mail_account):
    """Copied in, the shop's second account would read the reply as a customer's message
    from shop@example.com: a made-up customer and a conversation nobody should answer."""
    mail_account()
    mail_account("orders", address="Orders@Example.com", folder=dovecot.new_folder())
    dovecot.deliver(folder, mail(message_id="<cc5@ann>",
                                 headers={"Cc": "orders@example.com, bob@annco.example"}))
    poll_once(store, account="shop")

    assert reply(store, conversation_of(store, "<cc5@ann>"), "Noted.", None).delivery == "sent"

    [received] = smtp_server.received
    assert sorted(received.rcpt_tos) == ["ann@example.com", "bob@annco.example"]


def test_a_follow_up_to_mail_the_shop_started_keeps_whom_it_copied_in(
        store, dovecot, folder, smtp_server, mail_account):
    sent = dovecot.new_folder("Sent")
    mail_account(sent_folder=sent)
    dovecot.deliver(sent, mail(
        message_id="<v1@shop>", sender=("Corner Shop", "shop@example.com"),
        to="Zoë <zoe@example.com>", subject="Your voucher",
        headers={"Cc": "orders@annco.example, shop@example.com"}))
    poll_once(store, account="shop")

    assert reply(store, conversation_of(store, "<v1@shop>"), "A reminder: it runs out Friday.",
                 None).delivery == "sent"

    [received] = smtp_server.received
    sent_reply = email.message_from_bytes(received.data, policy=policy.default)
    assert addresses(sent_reply["To"]) == ["zoe@example.com"]
    assert addresses(sent_reply["Cc"]) == ["orders@annco.example"]


def test_a_copied_in_address_the_server_refuses_is_kept_with_the_sent_reply(
        store, dovecot, folder, smtp_server, mail_account):
    """The server takes the reply for the customer and refuses a Cc'd address: the reply
    went (not failed, not to be sent twice), and whom it did not reach is kept with it."""
    mail_account()
    dovecot.deliver(folder, mail(message_id="<cc6@ann>",
                                 headers={"Cc": "gone@rejected.example"}))
    poll_once(store, account="shop")

    result = reply(store, conversation_of(store, "<cc6@ann>"), "Noted.", None)

    assert result.delivery == "sent", result.error
    assert smtp_server.received[0].rcpt_tos == ["ann@example.com"]
    assert store.get_message(result.message_id).meta["refused_recipients"] == (
        "The mail server refused gone@rejected.example (550 5.1.1 No such user here); the "
        "reply reached ann@example.com.")


def test_a_copied_in_address_a_server_without_smtputf8_cannot_take_is_named(
        store, dovecot, folder, mail_account):
    from aiosmtpd.controller import Controller

    from tests.sources.mail.servers import _Handler, free_port

    server = Controller(_Handler(), hostname="127.0.0.1", port=free_port(),
                        enable_SMTPUTF8=False)
    server.start()
    try:
        mail_account(smtp_port=server.port)
        dovecot.deliver(folder, mail(message_id="<cc7@ann>",
                                     headers={"Cc": "Jörg <jörg@example.de>"}))
        poll_once(store, account="shop")

        result = reply(store, conversation_of(store, "<cc7@ann>"), "Ja.", None)
    finally:
        server.stop()

    assert (result.delivery, result.error) == (
        "failed", "The mail server 127.0.0.1 cannot send to jörg@example.de: an address with "
        "non-ASCII letters before the @ needs SMTPUTF8, which this server does not offer.")
