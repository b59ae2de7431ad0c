"""Reading mail from a real dovecot: new mail by UID, nothing changed on the server,
UIDVALIDITY changes and re-polls without duplicates, threading, bounces, size caps."""

from __future__ import annotations

from datetime import UTC, datetime

from inbox_app import secrets
from inbox_app.sources.poller import poll_once
from tests.sources.mail.samples import mail


def thread_of(store, conversation_id):
    return store.messages(conversation_id)


def only_conversation(store):
    rows = store._rows("SELECT id FROM conversations ORDER BY id")
    assert len(rows) == 1, rows
    return rows[0]["id"]


def test_new_mail_is_stored_with_its_parts_and_left_unread_on_the_server(
        store, dovecot, folder, mail_account):
    mail_account()
    body = ("The blue mug arrived broken, and this is the second time. I am really upset.\n\n"
            "Regards,\nAnn Lee\n")
    dovecot.deliver(folder, mail(
        subject="=?utf-8?q?Bestellung_1041_=E2=80=93_kaputt?=", text=body,
        html="<p>The blue mug arrived <b>broken</b><script>alert(1)</script>"
             '<img src="https://tracker.example/p.gif"></p>',
        attachments=(("photo.jpg", b"\xff\xd8" + b"x" * 3000, "image/jpeg"),),
    ))

    [result] = poll_once(store, account="shop")

    assert (result.new, result.error) == (1, None)
    [message] = store.messages(only_conversation(store))
    assert message.title == "Bestellung 1041 – kaputt"
    assert message.author_name == "Ann Lee"
    assert message.external_id == "<m1@example.com>"
    assert message.at == int(datetime(2026, 3, 1, 10, 0, tzinfo=UTC).timestamp())
    assert message.direction == "in"
    assert message.text == ("The blue mug arrived broken, and this is the second time. "
                            "I am really upset.")
    assert message.full_text.startswith(message.text) and "Ann Lee" in message.full_text
    assert message.sentiment.compound < -0.05
    assert "<script>" not in message.html and "blocked:https://tracker.example/p.gif" in \
        message.html
    assert message.meta["attachments"] == [
        {"name": "photo.jpg", "size": 3002, "type": "image/jpeg"}]
    assert message.meta["signature"].startswith("Regards,")
    customer = store.get_customer(message.customer_id)
    assert [(i.kind, i.value) for i in customer.identities] == [("email", "ann@example.com")]
    assert all(b"\\Seen" not in flags for flags in dovecot.flags(folder).values())


def test_a_repoll_fetches_only_what_is_new(store, dovecot, folder, mail_account):
    mail_account()
    dovecot.deliver(folder, mail(message_id="<a@x>"))
    assert poll_once(store, account="shop")[0].new == 1
    again = poll_once(store, account="shop")[0]
    assert (again.new, again.duplicates) == (0, 0)  # the cursor kept the old one out
    dovecot.deliver(folder, mail(message_id="<b@x>", subject="Another matter"))
    assert poll_once(store, account="shop")[0].new == 1
    cursor = store.get_account("shop").cursor["folders"][folder]
    assert cursor["last_uid"] == 2 and cursor["uidvalidity"]
    assert store.stats()["messages"] == 2


def test_a_changed_uidvalidity_reads_again_without_duplicates(store, dovecot, folder,
                                                             mail_account):
    mail_account()
    first = mail(message_id="<one@x>", subject="First")
    second = mail(message_id="<two@x>", subject="Second")
    dovecot.deliver(folder, first)
    dovecot.deliver(folder, second)
    assert poll_once(store, account="shop")[0].new == 2

    old, new = dovecot.recreate(folder)
    assert old != new
    dovecot.append(folder, second)
    dovecot.append(folder, first)
    dovecot.append(folder, mail(message_id="<three@x>", subject="Third"))

    result = poll_once(store, account="shop")[0]
    assert (result.new, result.duplicates, result.error) == (1, 2, None)
    assert store.stats()["messages"] == 3
    assert store.get_account("shop").cursor["folders"][folder]["uidvalidity"] == new
    assert poll_once(store, account="shop")[0].new == 0


def test_a_wrong_password_is_a_clear_account_error(store, dovecot, folder, mail_account):
    mail_account()
    secrets.set_secret("shop", "not-the-password")
    dovecot.deliver(folder, mail())
    [result] = poll_once(store, account="shop")
    assert result.error == ("The mail server 127.0.0.1 refused the user name or password "
                            "for shop.")
    account = store.get_account("shop")
    assert account.last_error == result.error and account.failures == 1
    assert store.stats()["messages"] == 0


def test_an_unreachable_server_is_a_clear_account_error(store, dovecot, folder, mail_account):
    from tests.sources.mail.servers import free_port

    port = free_port()
    mail_account(imap_port=port)
    [result] = poll_once(store, account="shop")
    assert result.error == (f"The mail server 127.0.0.1:{port} refused the connection; check "
                            "the port and the security setting.")


def test_a_missing_folder_is_named(store, dovecot, mail_account):
    mail_account(folder="NoSuchFolder")
    [result] = poll_once(store, account="shop")
    assert result.error == "There is no folder 'NoSuchFolder' on 127.0.0.1."
