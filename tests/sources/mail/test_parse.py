"""From raw bytes to what the store keeps: decoding, HTML, attachments, threading keys,
and sentiment scored on the customer's new text only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from inbox_app.sources.mail_parse import (
    incoming_message,
    normalize_subject,
    parse_message,
    reply_subject,
    subject_thread_key,
)
from tests.sources.mail.samples import mail

ARRIVED = int(datetime(2026, 3, 2, 9, 0, tzinfo=UTC).timestamp())
OWN = {"shop@example.com"}


def incoming(raw: bytes, **kwargs):
    options = {"account": "shop", "own_addresses": OWN, "received_at": ARRIVED,
               "folder": "INBOX"}
    options.update(kwargs)
    return incoming_message(parse_message(raw), **options)


OUTLOOK_HTML = """<html><body>
<div>Thanks a lot, the replacement works perfectly!</div>
<div><br></div>
<hr>
<div id="divRplyFwdMsg"><b>From:</b> Corner Shop &lt;shop@example.com&gt;<br>
<b>Sent:</b> Tuesday, March 3, 2026 10:15 AM<br>
<b>To:</b> Tom Becker<br>
<b>Subject:</b> RE: Broken handle</div>
<div>Your first mug was a disaster, we are terribly sorry about the awful experience.</div>
</body></html>"""


def test_html_only_mail_gets_its_text_from_the_sanitized_html():
    item = incoming(mail(text=None, html=OUTLOOK_HTML))
    assert item.text == "Thanks a lot, the replacement works perfectly!"
    assert "disaster" in item.full_text
    assert item.html.startswith("<div>Thanks a lot")
    assert "<html>" not in item.html and 'id="divRplyFwdMsg"' not in item.html


def test_sentiment_scores_only_what_the_customer_wrote_now(store):
    raw = mail(text="All sorted now, thank you, great service!\n\n"
                    "On Mon, 2 Mar 2026, Ann Lee wrote:\n"
                    "> This is outrageous. The worst, most awful shop. I am furious and disgusted.")
    store.save_messages([incoming(raw)])
    [message] = store.messages(store._scalar("SELECT id FROM conversations"))
    assert message.text == "All sorted now, thank you, great service!"
    assert message.sentiment.compound > 0.5
    assert "outrageous" in message.full_text
    assert message.meta["quoted"] is True


def test_decoded_headers_and_a_stable_id_without_message_id():
    raw = (b"From: =?iso-8859-1?q?J=F6rg_M=FCller?= <Joerg@Example.DE>\r\n"
           b"Subject: =?utf-8?b?R3LDvMOfZSBhdXMgS8O2bG4=?=\r\n"
           b"Date: Mon, 2 Mar 2026 08:00:00 +0100\r\n\r\nHallo!\r\n")
    first, second = incoming(raw), incoming(raw.replace(b"\r\n", b"\n"))
    assert first.title == "Grüße aus Köln"
    assert first.author_name == "Jörg Müller"
    assert [i.value for i in first.identities] == ["joerg@example.de"]
    assert first.at == int(datetime(2026, 3, 2, 7, 0, tzinfo=UTC).timestamp())
    assert first.external_id.startswith("hash:") and first.external_id == second.external_id


def test_a_missing_or_broken_date_falls_back_to_the_arrival_time():
    assert incoming(mail(date=None)).at == ARRIVED
    broken = incoming(b"Date: Tue, 06 Jun 2017 27:39:33 +0600\n" + mail(date=None))
    assert broken.at == ARRIVED
    assert broken.meta["problems"] == [
        "the Date header (Tue, 06 Jun 2017 27:39:33 +0600) cannot be read"]
    future = incoming(mail(date=datetime(2031, 1, 1, tzinfo=UTC)))
    assert future.at == ARRIVED and "future" in future.meta["problems"][0]


def test_attachments_are_listed_by_name_and_size_not_kept():
    item = incoming(mail(attachments=(("invoice 1041.pdf", b"%PDF" + b"0" * 996, "application/pdf"),
                                      ("notes.txt", b"size M", "text/plain"))))
    assert item.meta["attachments"] == [
        {"name": "invoice 1041.pdf", "size": 1000, "type": "application/pdf"},
        {"name": "notes.txt", "size": 6, "type": "text/plain"},
    ]
    assert item.text == "Hello, where is my order?"


def test_mail_from_the_shops_own_address_is_outbound_to_its_recipient():
    item = incoming(mail(sender=("Corner Shop", "SHOP@example.com"), to="Ann <ann@example.com>"))
    assert item.direction == "out"
    assert [i.value for i in item.identities] == ["ann@example.com"]


def test_references_become_refs_newest_first():
    item = incoming(mail(in_reply_to="<c@x>", references="<a@x> <b@x> <c@x>"))
    assert item.refs == ("<c@x>", "<b@x>", "<a@x>")


def test_the_subject_fallback_key_is_per_customer_and_ignores_reply_prefixes():
    key = subject_thread_key("shop", "ann@example.com", "Order 1041")
    assert key == subject_thread_key("shop", "ann@example.com", "AW: RE: Fwd: order  1041")
    assert key == subject_thread_key("shop", "ann@example.com", "SV: Re[2]: Order 1041")
    assert key != subject_thread_key("shop", "bob@example.com", "Order 1041")
    assert key != subject_thread_key("other", "ann@example.com", "Order 1041")
    assert subject_thread_key("shop", "ann@example.com", "Re: ") is None


@pytest.mark.parametrize("subject, normalized, replied", [
    ("Re: Re: AW: Mug", "mug", "Re: Mug"),
    ("Fwd: WG: TR: Offer", "offer", "Re: Offer"),
    ("Reply needed", "reply needed", "Re: Reply needed"),
    ("", "", "Re: your message"),
])
def test_subjects(subject, normalized, replied):
    assert normalize_subject(subject) == normalized
    assert reply_subject(subject) == replied


def test_undecodable_headers_and_bodies_are_stored_not_crashed_on(store):
    raw = (b"From: \xd0\xae\xf1 <headers@example.com>\n"
           b"To: \xb4google@example.com\n"
           b"Subject: \xb4!\n"
           b"Message-ID: <\xff\xfe@broken>\n"
           b"Content-Type: text/plain; charset=x-no-such-charset\n\n"
           b"caf\xe9 \x00 ok\n")
    item = incoming(raw)
    result = store.save_messages([item])
    assert result.imported == 1
    [message] = store.messages(store._scalar("SELECT id FROM conversations"))
    assert message.title == "´!"  # an undeclared Windows-1252 byte, not �
    assert "caf" in message.text and "\x00" not in message.text
    assert message.meta["to"] == []  # an undecodable address is no address
