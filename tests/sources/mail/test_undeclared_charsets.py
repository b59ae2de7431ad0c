"""Mail whose 8-bit bytes come without a declared charset — raw UTF-8 headers (RFC 6532,
and the contact forms of many web shops) and bodies from old Western mail programs —
is stored with the letters the customer wrote, not with �."""

from __future__ import annotations

from inbox_app.sources.mail_parse import parse_message
from inbox_app.sources.poller import poll_once


def test_raw_utf8_sender_and_body_are_read_as_written(store, dovecot, folder, mail_account):
    mail_account()
    dovecot.deliver(folder, (
        "From: Jörg Müller <jörg@example.de>\r\nTo: shop@example.com\r\n"
        "Subject: Grüße aus Köln\r\nMessage-ID: <u1@example.de>\r\n"
        "Date: Sun, 01 Mar 2026 10:00:00 +0100\r\n\r\n"
        "Äpfel und Birnen sind angekommen, danke!\r\n").encode())

    [result] = poll_once(store, account="shop")

    assert (result.new, result.error) == (1, None)
    message = store.get_message(store._scalar("SELECT id FROM messages"))
    assert (message.author_name, message.title, message.text) == (
        "Jörg Müller", "Grüße aus Köln", "Äpfel und Birnen sind angekommen, danke!")
    assert message.meta["from"] == "jörg@example.de" and "problems" not in message.meta
    customer = store.get_customer(message.customer_id)
    assert (customer.name, [i.value for i in customer.identities]) == (
        "Jörg Müller", ["jörg@example.de"])


def test_an_undeclared_western_body_is_read_as_windows_1252():
    raw = (b"From: Renee <renee@example.fr>\r\nSubject: commande\r\n\r\n"
           + "Ma commande est arrivée cassée — 20 € perdus.\r\n".encode("cp1252"))
    assert parse_message(raw).text == "Ma commande est arrivée cassée — 20 € perdus."


def test_a_charset_python_does_not_know_falls_back_the_same_way():
    raw = (b"From: Renee <renee@example.fr>\r\nSubject: commande\r\n"
           b"Content-Type: text/plain; charset=x-mac-unknown\r\n\r\n"
           + "Très bien, merci.\r\n".encode("cp1252"))
    assert parse_message(raw).text == "Très bien, merci."
