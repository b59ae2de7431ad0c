"""Attachments stay on the mail server until a person asks: then they are fetched by UID,
left unread, checked to be the same message, and written to a file, never to the store."""

from __future__ import annotations

import pytest

from inbox_app.sources import SourceError
from inbox_app.sources.mail_files import attachments_of, fetch_attachment, save_attachment
from inbox_app.sources.poller import poll_once
from tests.sources.mail.samples import mail

PHOTO = b"\xff\xd8\xff" + bytes(range(256)) * 40
INVOICE = b"%PDF-1.4\n" + b"0" * 5000


def conversation_of(store):
    return store._scalar("SELECT conversation_id FROM messages ORDER BY id")


def test_an_attachment_is_fetched_on_demand_byte_for_byte_and_the_mail_stays_unread(
        store, dovecot, folder, mail_account, tmp_path):
    mail_account()
    dovecot.deliver(folder, mail(text="Photos of the damage, and the invoice.", attachments=(
        ("damage.jpg", PHOTO, "image/jpeg"), ("invoice.pdf", INVOICE, "application/pdf"),
        ("damage.jpg", PHOTO[::-1], "image/jpeg"))))
    assert poll_once(store, account="shop")[0].new == 1
    listed = attachments_of(store, conversation_of(store))
    assert [(a.number, a.name, a.size, a.occurrence) for a in listed] == [
        (1, "damage.jpg", len(PHOTO), 0), (2, "invoice.pdf", len(INVOICE), 0),
        (3, "damage.jpg", len(PHOTO), 1)]
    assert fetch_attachment(store, listed[1]) == INVOICE
    assert fetch_attachment(store, listed[2]) == PHOTO[::-1]
    first = save_attachment(store, listed[0], tmp_path)
    again = save_attachment(store, listed[0], tmp_path)
    assert (first.name, again.name) == ("damage.jpg", "damage (2).jpg")
    assert first.read_bytes() == again.read_bytes() == PHOTO
    assert all(b"\\Seen" not in flags for flags in dovecot.flags(folder).values())
    assert store._scalar("SELECT COUNT(*) FROM messages WHERE html LIKE '%JFIF%'") == 0


def test_a_recreated_mailbox_is_searched_by_message_id(store, dovecot, folder, mail_account):
    mail_account()
    raw = mail(message_id="<photo@ann>", attachments=(("damage.jpg", PHOTO, "image/jpeg"),))
    dovecot.deliver(folder, mail(message_id="<other@ann>", subject="Something else"))
    dovecot.deliver(folder, raw)
    poll_once(store, account="shop")
    [attachment] = [a for c in store._rows("SELECT id FROM conversations")
                    for a in attachments_of(store, c["id"])]
    dovecot.recreate(folder)  # new UIDVALIDITY: UID 2 is now nobody's, the photo is UID 1
    dovecot.append(folder, raw)
    assert fetch_attachment(store, attachment) == PHOTO
    dovecot.recreate(folder)
    with pytest.raises(SourceError, match=f"no longer in {folder}"):
        fetch_attachment(store, attachment)


def test_a_hostile_file_name_stays_in_the_chosen_folder(store, dovecot, folder, mail_account,
                                                        tmp_path):
    mail_account()
    dovecot.deliver(folder, mail(attachments=(("../../.bashrc", b"rm -rf ~", "text/plain"),)))
    poll_once(store, account="shop")
    [attachment] = attachments_of(store, conversation_of(store))
    (tmp_path / "in").mkdir()
    saved = save_attachment(store, attachment, tmp_path / "in")
    assert saved.parent == tmp_path / "in" and saved.name == "bashrc"
    assert saved.read_bytes() == b"rm -rf ~"


def test_without_the_password_it_says_where_to_set_it(store, dovecot, folder, mail_account):
    from inbox_app import secrets

    mail_account()
    dovecot.deliver(folder, mail(attachments=(("a.txt", b"hello", "text/plain"),)))
    poll_once(store, account="shop")
    [attachment] = attachments_of(store, conversation_of(store))
    secrets.delete_secret("shop")
    with pytest.raises(SourceError) as refused:
        fetch_attachment(store, attachment)
    assert str(refused.value) == ("The password for shop is missing from the keyring; enter it"
                                  " again (Accounts → Edit, or `inbox-app account secret"
                                  " 'shop'`).")
