"""A read receipt (RFC 8098) names the mail it is about only in its machine-readable
part, as `Original-Message-ID`: Outlook sends no In-Reply-To and no copy of the headers.
It must still join the conversation of the shop's reply, not open a stray one."""

from __future__ import annotations

from inbox_app.sources.mail_parse import parse_message
from inbox_app.sources.poller import poll_once
from tests.sources.mail.samples import mail

OUTLOOK_RECEIPT = (
    b"From: Ann Lee <ann@example.com>\r\nTo: shop@example.com\r\n"
    b"Subject: Read: Re: Order 1041\r\nMessage-ID: <receipt-1@example.com>\r\n"
    b"Date: Mon, 02 Mar 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/report; report-type=disposition-notification;\r\n'
    b'\tboundary="----=_NextPart_000"\r\n\r\n'
    b"------=_NextPart_000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Your message\r\n\r\n  To: Ann Lee\r\n  Subject: Re: Order 1041\r\n\r\n"
    b"was read on Monday, March 2, 2026 9:00:00 AM.\r\n\r\n"
    b"------=_NextPart_000\r\nContent-Type: message/disposition-notification\r\n\r\n"
    b"Reporting-UA: example.com; Microsoft Outlook 16.0\r\n"
    b"Final-Recipient: rfc822;ann@example.com\r\n"
    b"Original-Message-ID: <reply-1@shop.example.com>\r\n"
    b"Disposition: manual-action/MDN-sent-manually; displayed\r\n\r\n"
    b"------=_NextPart_000--\r\n")


def test_the_rfc_example_receipt_names_the_mail_it_is_about(corpus):
    receipt = parse_message((corpus / "email/flanker/disposition-notification.eml").read_bytes())
    assert receipt.auto == "read-receipt"
    assert receipt.about_ids == ["<199509192301.23456@example.org>"]


def test_an_outlook_read_receipt_joins_the_conversation_of_the_reply(store, dovecot, folder,
                                                                     mail_account):
    mail_account()
    dovecot.deliver(folder, mail(message_id="<q@ann>"))
    poll_once(store, account="shop")
    conversation_id = store._scalar("SELECT conversation_id FROM messages")
    store.add_outbound(conversation_id, "It left today.", staff=None, delivery="sent",
                       external_id="<reply-1@shop.example.com>")
    dovecot.deliver(folder, OUTLOOK_RECEIPT)

    assert poll_once(store, account="shop")[0].new == 1

    assert store._scalar("SELECT COUNT(DISTINCT conversation_id) FROM messages") == 1
    [receipt] = [m for m in store.messages(conversation_id) if m.meta.get("auto")]
    assert receipt.meta["auto"] == "read-receipt"
    assert receipt.meta["about"] == ["<reply-1@shop.example.com>"]
