"""Old mail programs (Outlook Express, Eudora, early Netscape) wrote names, subjects and
file names as raw Latin-1 / Windows-1252 bytes, without declaring any charset. The shop
sees "Müller" and "café", never "M�ller": such bytes are read as UTF-8 when they are
that, and as Windows-1252 otherwise. An address itself is never guessed at."""

from __future__ import annotations

import base64
import dataclasses

from inbox_app.sources.mail_files import attachments_of, fetch_attachment
from inbox_app.sources.mail_parse import parse_message
from inbox_app.sources.poller import poll_once

PDF = b"%PDF-1.4\n" + b"1" * 300


def western(headers: str, body: str = "Hallo\r\n") -> bytes:
    return (headers + "\r\n" + body).encode("cp1252")


def test_a_windows_1252_sender_and_subject_are_read_as_written(store, dovecot, folder,
                                                               mail_account):
    mail_account()
    dovecot.deliver(folder, western(
        'From: "Müller, Jörg" <mueller@example.de>\r\nTo: shop@example.com\r\n'
        "Subject: Bestellung für das Café – 20 € zu viel\r\nMessage-ID: <w1@example.de>\r\n"
        "Date: Sun, 01 Mar 2026 10:00:00 +0100\r\n"))

    [result] = poll_once(store, account="shop")

    assert (result.new, result.error) == (1, None)
    message = store.get_message(store._scalar("SELECT id FROM messages"))
    assert (message.author_name, message.title) == (
        "Müller, Jörg", "Bestellung für das Café – 20 € zu viel")
    assert store.get_customer(message.customer_id).name == "Müller, Jörg"


def test_a_latin_1_name_in_a_comment_free_address_and_a_bare_subject():
    mail = parse_message(western("From: Zoë Brontë <zoe@example.fr>\r\nSubject: crème brûlée\r\n"))
    assert (mail.from_name, mail.from_address, mail.subject) == (
        "Zoë Brontë", "zoe@example.fr", "crème brûlée")


def test_raw_bytes_beside_an_encoded_word_are_read_too():
    mail = parse_message(western(
        "From: Renée <renee@example.fr>\r\nSubject: =?utf-8?q?Caf=C3=A9?= crème\r\n"))
    assert (mail.from_name, mail.subject) == ("Renée", "Café crème")


def test_an_address_in_latin_1_bytes_is_not_guessed_at():
    """The mailbox is the bytes the server knows; a guessed spelling would be someone else."""
    mail = parse_message(western("From: Jörg <jörg@example.de>\r\nSubject: x\r\n"))
    assert mail.from_name == "Jörg"
    assert mail.from_address is None
    assert any("sender address" in problem for problem in mail.problems)


def test_a_latin_1_attachment_name_is_listed_and_fetched_by_it(store, dovecot, folder,
                                                                mail_account):
    mail_account()
    headers = ("From: Ann <ann@example.de>\r\nTo: shop@example.com\r\nSubject: Rechnung\r\n"
               "Message-ID: <r1@example.de>\r\nMIME-Version: 1.0\r\n"
               'Content-Type: multipart/mixed; boundary="b"\r\n')
    raw = (western(headers, "--b\r\nContent-Type: text/plain\r\n\r\nAnbei.\r\n--b\r\n"
                   'Content-Type: application/pdf; name="Rechnung März.pdf"\r\n'
                   'Content-Disposition: attachment; filename="Rechnung März.pdf"\r\n'
                   "Content-Transfer-Encoding: base64\r\n\r\n")
           + base64.encodebytes(PDF).replace(b"\n", b"\r\n") + b"--b--\r\n")
    dovecot.deliver(folder, raw)
    assert poll_once(store, account="shop")[0].new == 1

    [attachment] = attachments_of(store, store._scalar("SELECT conversation_id FROM messages"))

    assert (attachment.name, attachment.size) == ("Rechnung März.pdf", len(PDF))
    assert fetch_attachment(store, attachment) == PDF
    # Listed by an earlier version as "Rechnung M�rz.pdf": still found on the server.
    listed_before = dataclasses.replace(attachment, name="Rechnung M\ufffdrz.pdf")
    assert fetch_attachment(store, listed_before) == PDF


def test_the_corpus_s_old_mail_shows_its_letters(corpus):
    """From the flanker corpus: a 1997 Netscape mail with "Lütkebohle" in Latin-1, a
    Windows "…" (0x85) ending a spam subject, and raw UTF-8 Cyrillic ("Unicode forbidden")
    whose last byte is a stray one: the UTF-8 stays Cyrillic, only that byte is a guess."""
    flanker = corpus / "email/flanker"
    assert parse_message((flanker / "from-encoding.eml").read_bytes()).from_name == (
        "Ingo Lütkebohle")
    assert parse_message((flanker / "spam/broken-headers.eml").read_bytes()).subject == (
        "Forget Asking For A Link Exchange…")
    broken = parse_message((flanker / "mailformed-headers.eml").read_bytes())
    assert (broken.from_name, broken.subject) == ("Юникод запрещенñ", "´!")
