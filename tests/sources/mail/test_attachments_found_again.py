"""An attachment named the RFC 2231 way in a message too large to read whole is listed
under its real name and can be saved; one whose message a colleague filed in another
folder is still found there."""

from __future__ import annotations

import base64

import pytest

from inbox_app.sources import SourceError
from inbox_app.sources.mail_files import attachments_of, fetch_attachment
from inbox_app.sources.mail_structure import structure_attachments
from inbox_app.sources.poller import poll_once
from tests.sources.mail.samples import mail

INVOICE = b"%PDF-1.4\n" + bytes(range(256)) * 800


def rfc2231_mail(data: bytes) -> bytes:
    """As Thunderbird writes a long non-English file name: in continuations, UTF-8,
    percent-encoded."""
    body = base64.encodebytes(data).decode().replace("\n", "\r\n")
    return (
        "From: Ann <ann@example.com>\r\nTo: shop@example.com\r\nSubject: Rechnung\r\n"
        "Message-ID: <rfc2231@ann>\r\nDate: Sun, 01 Mar 2026 10:00:00 +0100\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n"
        "--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDie Rechnung anbei.\r\n"
        "--XX\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment;\r\n"
        " filename*0*=UTF-8''Rechnung%20M%C3%BC;\r\n filename*1*=ller%20%E2%82%AC.pdf\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n" + body + "--XX--\r\n").encode()


def test_a_large_messages_rfc2231_name_is_listed_decoded_and_saved(store, dovecot, folder,
                                                                   mail_account):
    mail_account(max_message_bytes=100_000)
    dovecot.deliver(folder, rfc2231_mail(INVOICE))
    assert poll_once(store, account="shop")[0].new == 1
    message = store.get_message(store._scalar("SELECT id FROM messages"))
    assert message.meta["truncated"] is True  # names from the server's BODYSTRUCTURE

    [attachment] = attachments_of(store, message.conversation_id)

    assert attachment.name == "Rechnung Müller €.pdf"
    assert fetch_attachment(store, attachment) == INVOICE


def test_continuations_passed_on_as_they_are_are_joined():
    """Servers other than dovecot may hand RFC 2231 pieces over unjoined."""
    part = (b"application", b"pdf", (b"name", b"x.pdf"), None, None, b"base64", 400, None,
            (b"attachment", (b"filename*0*", b"UTF-8''Rechnung%20M%C3%BC",
                             b"filename*1", b"ller.pdf")), None, None)
    [attachment] = structure_attachments(part)
    assert attachment.name == "Rechnung Müller.pdf"


def test_a_message_filed_in_another_folder_is_found_there(store, dovecot, folder,
                                                         mail_account):
    mail_account()
    dovecot.deliver(folder, mail(message_id="<filed@ann>",
                                 attachments=(("label.pdf", INVOICE, "application/pdf"),)))
    poll_once(store, account="shop")
    [attachment] = attachments_of(store, store._scalar("SELECT conversation_id FROM messages"))
    done = dovecot.new_folder("Done")
    with dovecot.client() as colleague:
        colleague.select_folder(folder)
        colleague.move([1], done)

    assert fetch_attachment(store, attachment) == INVOICE

    with dovecot.client() as colleague:
        colleague.select_folder(done)
        colleague.delete_messages([1])
        colleague.expunge()
    with pytest.raises(SourceError, match=f"^The message is no longer in {folder} or any "
                                          "other folder on the server.$"):
        fetch_attachment(store, attachment)
