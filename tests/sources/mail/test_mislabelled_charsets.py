"""Mail whose declared charset is narrower than what was written, as every browser and mail
program reads it (the WHATWG Encoding standard): "ISO-8859-1" from Windows means
Windows-1252 (its “quotes”, – dashes and € are bytes 0x80–0x9F, which Latin-1 makes
invisible control characters), "GB2312" means GBK/GB18030, and "UTF-8" over a web form's
Latin-1 bytes keeps the letters instead of showing �."""

from __future__ import annotations

from inbox_app.sources.mail_parse import parse_message

HEADERS = ("From: =?iso-8859-1?q?Ren=E9e_=93Bakery=94?= <renee@example.fr>\r\n"
           "To: shop@example.com\r\nSubject: =?iso-8859-1?q?=93Urgent=94_=96_20_=80?=\r\n"
           "Message-ID: <c1@example.fr>\r\nMIME-Version: 1.0\r\n")


def test_latin_1_from_windows_keeps_its_quotes_dashes_and_euro_signs():
    mail = parse_message(HEADERS.encode() + b"Content-Type: text/plain; charset=iso-8859-1\r\n"
                         b"Content-Transfer-Encoding: 8bit\r\n\r\n"
                         b"\x93Hello\x94 \x96 it costs \x80 5, caf\xe9.\r\n")
    assert (mail.from_name, mail.subject, mail.text) == (
        "Renée “Bakery”", "“Urgent” – 20 €", "“Hello” – it costs € 5, café.")


def test_the_same_in_quoted_printable_html():
    mail = parse_message(HEADERS.encode() + b'Content-Type: text/html; charset="ISO-8859-1"\r\n'
                         b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                         b"<p>=93Hello=94 =80 5</p>\r\n")
    assert (mail.text, mail.html) == ("“Hello” € 5", "<p>“Hello” € 5</p>")


def test_gb2312_holds_what_gbk_writes():
    mail = parse_message(HEADERS.encode() + b"Content-Type: text/plain; charset=gb2312\r\n"
                         b"Content-Transfer-Encoding: 8bit\r\n\r\n"
                         + "朱镕基说你好".encode("gbk") + b"\r\n")
    assert mail.text == "朱镕基说你好"


def test_utf_8_declared_over_latin_1_bytes_keeps_the_letters():
    mail = parse_message(HEADERS.encode() + b"Content-Type: text/plain; charset=utf-8\r\n"
                         b"Content-Transfer-Encoding: 8bit\r\n\r\n"
                         + "Grüße, der Kuchen für Zoë – ".encode() + b"caf\xe9 cr\xe8me\r\n")
    assert mail.text == "Grüße, der Kuchen für Zoë – café crème"
