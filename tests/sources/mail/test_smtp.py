"""Replies by email: the round trip through aiosmtpd and dovecot, and failures kept
as failed drafts with their reason."""

from __future__ import annotations

import email
from datetime import UTC, datetime, timedelta
from email import policy

from inbox_app import secrets
from inbox_app.replies import deliver, reply
from inbox_app.sources.poller import poll_once
from tests.sources.mail.samples import mail
from tests.sources.mail.servers import free_port


def received_message(smtp_server, index=-1):
    return email.message_from_bytes(smtp_server.received[index].data, policy=policy.default)


def conversation_of(store, external_id):
    return store._scalar("SELECT conversation_id FROM messages WHERE external_id = ?",
                         (external_id,))


def test_reply_round_trip_keeps_one_conversation(store, dovecot, folder, smtp_server,
                                                 mail_account):
    mail_account()
    store.set_setting("business_name", "Corner Shop")
    dovecot.deliver(folder, mail(
        message_id="<q1@ann>", subject="Order 1041", references="<root@ann>",
        text="Where is my order? It is a week late.\n\nOn Mon, Corner Shop wrote:\n> Thanks!"))
    poll_once(store, account="shop")
    conversation_id = conversation_of(store, "<q1@ann>")

    result = reply(store, conversation_id, "Sorry, Ann! It ships today.", "Mia")

    assert result.delivery == "sent", result.error
    [received] = smtp_server.received
    assert received.authenticated
    assert received.mail_from == "shop@example.com" and received.rcpt_tos == ["ann@example.com"]
    sent = received_message(smtp_server)
    assert sent["From"] == "Corner Shop <shop@example.com>"
    assert sent["To"] == "ann@example.com"
    assert sent["Subject"] == "Re: Order 1041"
    assert sent["In-Reply-To"] == "<q1@ann>"
    assert sent["References"] == "<root@ann> <q1@ann>"
    our_id = sent["Message-ID"]
    assert our_id.startswith("<") and our_id.endswith("@example.com>")
    body = sent.get_content().replace("\r\n", "\n")
    assert body.startswith("Sorry, Ann! It ships today.\n")
    assert "> Where is my order? It is a week late." in body
    assert "> Thanks!" not in body  # the customer's own quoted history is not quoted again

    stored = store.get_message(result.message_id)
    assert (stored.direction, stored.delivery, stored.external_id, stored.staff) == (
        "out", "sent", our_id, "Mia")
    assert store.get_conversation(conversation_id).awaiting_since is None

    # The customer answers; their client threads by In-Reply-To.
    dovecot.deliver(folder, mail(
        message_id="<q2@ann>", subject="Re: Order 1041", in_reply_to=our_id,
        references=f"<root@ann> <q1@ann> {our_id}", text="Great, thank you!",
        date=datetime.now(UTC) + timedelta(minutes=5)))
    assert poll_once(store, account="shop")[0].new == 1
    assert conversation_of(store, "<q2@ann>") == conversation_id
    thread = store.messages(conversation_id)
    assert [m.direction for m in thread] == ["in", "out", "in"]
    assert store.get_conversation(conversation_id).awaiting_since == thread[-1].at


def test_a_second_reply_threads_on_the_latest_customer_message(store, dovecot, folder,
                                                              smtp_server, mail_account):
    mail_account()
    dovecot.deliver(folder, mail(message_id="<a@ann>", subject="Re: Re: AW: Mug"))
    dovecot.deliver(folder, mail(message_id="<b@ann>", subject="Re: Mug", in_reply_to="<a@ann>",
                                 references="<a@ann>", headers={"Reply-To": "ann@work.example"}))
    poll_once(store, account="shop")
    conversation_id = conversation_of(store, "<a@ann>")
    assert reply(store, conversation_id, "Noted.", None).delivery == "sent"
    sent = received_message(smtp_server)
    assert sent["To"] == "ann@work.example"
    assert sent["Subject"] == "Re: Mug"
    assert sent["In-Reply-To"] == "<b@ann>" and sent["References"] == "<a@ann> <b@ann>"


def test_a_refused_password_leaves_a_failed_draft_with_the_reason(store, dovecot, folder,
                                                                  smtp_server, mail_account):
    mail_account()
    dovecot.deliver(folder, mail())
    poll_once(store, account="shop")
    conversation_id = conversation_of(store, "<m1@example.com>")
    secrets.set_secret("shop", "wrong")

    result = reply(store, conversation_id, "We are on it.", None)

    assert result.delivery == "failed"
    assert result.error == ("The mail server 127.0.0.1 refused the user name or password for "
                            "shop; enter the account's current password (Accounts → Edit, or "
                            "`inbox-app account secret 'shop'`).")
    stored = store.get_message(result.message_id)
    assert (stored.delivery, stored.error, stored.text) == ("failed", result.error,
                                                            "We are on it.")
    assert smtp_server.received == []

    secrets.set_secret("shop", dovecot.password)
    assert deliver(store, result.message_id).delivery == "sent"
    assert len(smtp_server.received) == 1


def test_an_unreachable_server_leaves_a_failed_draft(store, dovecot, folder, mail_account):
    port = free_port()
    mail_account(smtp_port=port)
    dovecot.deliver(folder, mail())
    poll_once(store, account="shop")
    result = reply(store, conversation_of(store, "<m1@example.com>"), "Hello", None)
    assert result.delivery == "failed"
    assert result.error == (f"The mail server 127.0.0.1:{port} could not be reached (it refused "
                            "the connection).")


def test_a_rejected_recipient_is_named(store, dovecot, folder, smtp_server, mail_account):
    mail_account()
    dovecot.deliver(folder, mail(sender=("Gone", "gone@rejected.example")))
    poll_once(store, account="shop")
    result = reply(store, conversation_of(store, "<m1@example.com>"), "Hello", None)
    assert result.delivery == "failed"
    assert result.error == ("The mail server refused the recipient gone@rejected.example "
                            "(550 5.1.1 No such user here).")


def test_a_conversation_holding_only_a_bounce_has_no_one_to_answer(store, dovecot, folder,
                                                                   smtp_server, mail_account,
                                                                   corpus):
    mail_account()
    dovecot.deliver(folder, (corpus / "email/flanker/bounce/gmail-invalid-address.eml")
                    .read_bytes())
    poll_once(store, account="shop")
    conversation_id = store._scalar("SELECT id FROM conversations")
    result = reply(store, conversation_id, "Hello?", None)
    assert (result.delivery, result.error) == (
        "failed", "There is no email address to reply to in this conversation.")
    assert smtp_server.received == []


def test_replies_can_be_filed_in_the_sent_folder(store, dovecot, folder, smtp_server,
                                                 mail_account):
    sent = dovecot.new_folder("Sent")
    mail_account(copy_to_sent=True, sent_folder=sent)
    dovecot.deliver(folder, mail(message_id="<q@ann>"))
    poll_once(store, account="shop")
    result = reply(store, conversation_of(store, "<q@ann>"), "Filed too.", None)
    assert result.delivery == "sent"
    assert dovecot.count(sent) == 1
    # Reading the Sent folder later recognizes our own reply: no duplicate.
    [polled] = poll_once(store, account="shop")
    assert (polled.new, polled.duplicates, polled.error) == (0, 1, None)
    assert store.get_conversation(conversation_of(store, "<q@ann>")).message_count == 2


def test_a_server_answer_is_quoted_not_taken_for_an_unreachable_server():
    """Every smtplib error is an OSError: the server's own answer must be said as such."""
    import smtplib

    from inbox_app.sources.mail_smtp import _smtp_error

    error = _smtp_error(smtplib.SMTPHeloError(501, b"Syntactically invalid HELO"),
                        "mail.example.org", 587, "shop")
    assert str(error) == "Sending through mail.example.org failed (501 Syntactically invalid HELO)."


def test_an_email_reply_goes_out_signed_above_the_quote(store, dovecot, folder, smtp_server,
                                                        mail_account):
    mail_account()
    store.set_setting("business_name", "Corner Shop")
    store.set_setting("email_signature", "{staff_name}\n{business}\n{{open daily}}")
    dovecot.deliver(folder, mail(message_id="<s1@ann>", subject="Opening hours",
                                 text="Are you open on Sunday?"))
    poll_once(store, account="shop")
    conversation_id = conversation_of(store, "<s1@ann>")

    result = reply(store, conversation_id, "Yes, from 9 to 5.\n", "Mia Lund")

    assert result.delivery == "sent", result.error
    body = received_message(smtp_server).get_content().replace("\r\n", "\n")
    assert body.startswith("Yes, from 9 to 5.\n\nMia Lund\nCorner Shop\n{open daily}\n")
    assert body.index("{open daily}") < body.index("> Are you open on Sunday?")
    # What the thread shows is what the customer received.
    assert store.get_message(result.message_id).text == \
        "Yes, from 9 to 5.\n\nMia Lund\nCorner Shop\n{open daily}"

    # Without a staff name (a script), the line naming the sender is left out;
    # `sign=False` sends the text as it is.
    assert reply(store, conversation_id, "Also on holidays.", None).delivery == "sent"
    body = received_message(smtp_server).get_content().replace("\r\n", "\n")
    assert body.startswith("Also on holidays.\n\nCorner Shop\n{open daily}\n")
    assert reply(store, conversation_id, "Unsigned.", "Mia Lund", sign=False).delivery == "sent"
    body = received_message(smtp_server).get_content().replace("\r\n", "\n")
    assert body.startswith("Unsigned.\n") and "Mia Lund" not in body
