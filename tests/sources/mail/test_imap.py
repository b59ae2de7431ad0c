"""Reading mail from a real dovecot: new mail by UID, nothing changed on the server,
UIDVALIDITY changes and re-polls without duplicates, threading, bounces, size caps."""

from __future__ import annotations

import os
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
                            "for shop; enter the account's current password (Accounts → Edit,"
                            " or `inbox-app account secret 'shop'`).")
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


def conversation_of(store, external_id):
    return store._scalar("SELECT conversation_id FROM messages WHERE external_id = ?",
                         (external_id,))


def test_threading_by_references_then_by_subject_within_the_same_customer(
        store, dovecot, folder, mail_account):
    mail_account()
    dovecot.deliver(folder, mail(message_id="<a@ann>", subject="Order 1041"))
    dovecot.deliver(folder, mail(message_id="<b@ann>", subject="Something else entirely",
                                 in_reply_to="<a@ann>", references="<a@ann>"))
    dovecot.deliver(folder, mail(message_id="<c@ann>", subject="AW: Re: order  1041"))
    dovecot.deliver(folder, mail(message_id="<d@bob>", subject="Re: Order 1041",
                                 sender=("Bob", "bob@example.com")))
    dovecot.deliver(folder, mail(message_id="<e@ann>", subject="A new question"))
    assert poll_once(store, account="shop")[0].new == 5

    first = conversation_of(store, "<a@ann>")
    assert conversation_of(store, "<b@ann>") == first  # In-Reply-To
    assert conversation_of(store, "<c@ann>") == first  # same customer, same subject
    assert conversation_of(store, "<d@bob>") != first  # another customer
    assert conversation_of(store, "<e@ann>") != first  # another subject
    assert store.get_conversation(first).message_count == 3


def test_mail_sent_from_another_program_counts_as_the_reply(store, dovecot, folder,
                                                          mail_account):
    sent = dovecot.new_folder("Sent")
    mail_account(sent_folder=sent)
    dovecot.deliver(folder, mail(message_id="<q@ann>", text="Is the shop open on Sunday?",
                                 date=datetime(2026, 3, 1, 10, 0, tzinfo=UTC)))
    dovecot.deliver(sent, mail(
        message_id="<r@shop>", sender=("Corner Shop", "shop@example.com"),
        to="Ann Lee <ann@example.com>", subject="Re: Order 1041", in_reply_to="<q@ann>",
        references="<q@ann>", text="Yes, from 10 to 4.\n\nOn Sun, Ann wrote:\n> Is it open?",
        date=datetime(2026, 3, 1, 10, 45, tzinfo=UTC)))

    assert poll_once(store, account="shop")[0].new == 2

    conversation = store.get_conversation(conversation_of(store, "<q@ann>"))
    inbound, outbound = store.messages(conversation.id)
    assert (outbound.external_id, outbound.direction, outbound.delivery) == (
        "<r@shop>", "out", "sent")
    assert outbound.text == "Yes, from 10 to 4."
    assert outbound.customer_id == inbound.customer_id
    assert conversation.awaiting_since is None  # answered: first response after 45 minutes
    row = store._row("SELECT last_outbound_at - first_at AS waited FROM conversations"
                     " WHERE id = ?", (conversation.id,))
    assert row["waited"] == 45 * 60


def test_the_servers_sent_folder_is_found_with_auto(store, dovecot, folder, mail_account):
    mail_account(sent_folder="auto")
    dovecot.append("Sent", mail(
        message_id="<auto-sent@shop>", sender=("Shop", "shop@example.com"),
        to="zoe@example.com", subject="Your voucher"))
    [result] = poll_once(store, account="shop")
    assert result.error is None
    message = store.get_message(store._scalar(
        "SELECT id FROM messages WHERE external_id = '<auto-sent@shop>'"))
    assert message.direction == "out" and message.meta["folder"] == "Sent"
    customer = store.get_customer(message.customer_id)
    assert [i.value for i in customer.identities] == ["zoe@example.com"]


def test_a_bounce_joins_the_conversation_of_the_mail_it_returns(store, dovecot, folder,
                                                              mail_account, corpus):
    mail_account()
    dovecot.deliver(folder, mail(message_id="<q@ann>"))
    poll_once(store, account="shop")
    conversation_id = conversation_of(store, "<q@ann>")
    # The reply the shop sent, which the real-world bounce below returns.
    store.add_outbound(conversation_id, "Here is your voucher.", staff=None, delivery="sent",
                       external_id="<20090708054735.GC7578@example.com>")
    customers = store.stats()["customers"]
    dovecot.deliver(folder, (corpus / "email/flanker/bounce/zed.eml").read_bytes())

    assert poll_once(store, account="shop")[0].new == 1

    [bounce] = [m for m in store.messages(conversation_id) if m.meta.get("auto")]
    assert bounce.meta["auto"] == "bounce"
    assert bounce.title == "Undelivered Mail Returned to Sender"
    assert bounce.sentiment.compound == 0.0  # not an angry customer
    assert bounce.customer_id is None and store.stats()["customers"] == customers
    assert "bounce" in store.get_conversation(conversation_id).labels


def test_an_out_of_office_reply_is_marked_and_not_scored(store, dovecot, folder, mail_account):
    mail_account()
    dovecot.deliver(folder, mail(message_id="<q@ann>"))
    dovecot.deliver(folder, mail(
        message_id="<ooo@ann>", subject="Automatic reply: Order 1041", in_reply_to="<q@ann>",
        text="I am out of the office with terrible flu until Monday. Awful timing, sorry.",
        headers={"Auto-Submitted": "auto-replied"}))
    poll_once(store, account="shop")
    message = store.get_message(store._scalar(
        "SELECT id FROM messages WHERE external_id = '<ooo@ann>'"))
    assert message.meta["auto"] == "auto-reply"
    assert message.sentiment.compound == 0.0
    assert message.conversation_id == conversation_of(store, "<q@ann>")


def test_a_newsletter_waits_for_no_answer_and_is_not_scored(store, dovecot, folder,
                                                              mail_account):
    """A supplier's mailing to the support address waited in the queue for an answer, as
    unread customer mail, its "Great deals!" counted as a happy customer."""
    mail_account()
    dovecot.deliver(folder, mail(
        message_id="<deals@beans.example>", subject="Great deals on green beans!",
        sender=("Bean Co", "news@beans.example"),
        text="Great deals! Amazing prices, wonderful beans, love them.",
        headers={"Precedence": "bulk", "List-Unsubscribe": "<mailto:off@beans.example>"}))
    dovecot.deliver(folder, mail(
        message_id="<group@ann>", sender=("Ann Lee", "ann@example.com"),
        text="Where is my order?", headers={"Precedence": "list"}))  # a group's, a person's
    poll_once(store, account="shop")
    news = store.get_message(store._scalar(
        "SELECT id FROM messages WHERE external_id = '<deals@beans.example>'"))
    assert news.meta["auto"] == "bulk" and news.sentiment.compound == 0.0
    conversation = store.get_conversation(news.conversation_id)
    assert conversation.awaiting_since is None and not conversation.unread
    person = store.get_message(store._scalar(
        "SELECT id FROM messages WHERE external_id = '<group@ann>'"))
    assert "auto" not in person.meta
    assert store.get_conversation(person.conversation_id).awaiting_since is not None


def test_a_message_over_the_size_cap_is_read_in_part(store, dovecot, folder, mail_account):
    mail_account(max_message_bytes=100_000)
    video = bytes(range(256)) * 6_000  # 1.5 MB
    dovecot.deliver(folder, mail(message_id="<big@ann>", text="Here is the video of the damage.",
                                 attachments=(("damage.mp4", video, "video/mp4"),)))
    [result] = poll_once(store, account="shop")
    assert (result.new, result.error) == (1, None)
    message = store.get_message(store._scalar("SELECT id FROM messages"))
    assert message.text == "Here is the video of the damage."
    assert message.meta["truncated"] is True
    [attachment] = message.meta["attachments"]
    assert attachment["name"] == "damage.mp4" and attachment["type"] == "video/mp4"
    assert abs(attachment["size"] - len(video)) < len(video) * 0.02
    assert any("only its beginning was read" in p for p in message.meta["problems"])


def test_the_first_read_goes_back_only_the_history_window(store, dovecot, folder,
                                                         mail_account):
    mail_account(history_days=30)
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    dovecot.append(folder, mail(message_id="<old@ann>", date=long_ago), when=long_ago)
    dovecot.append(folder, mail(message_id="<new@ann>"))
    assert poll_once(store, account="shop")[0].new == 1
    assert conversation_of(store, "<old@ann>") is None
    dovecot.append(folder, mail(message_id="<newer@ann>"))
    assert poll_once(store, account="shop")[0].new == 1


def test_a_poll_reads_in_bounded_steps_and_reads_on_at_once(store, dovecot, folder,
                                                             mail_account):
    """Each step of at most `max_per_poll` is stored with its cursor; a backlog is read
    step after step in the same poll (tests/sources/mail/test_a_first_read_of_a_large_mailbox
    checks the steps one by one)."""
    mail_account(max_per_poll=3)
    for number in range(7):
        dovecot.deliver(folder, mail(message_id=f"<n{number}@ann>", subject=f"Matter {number}"))
    assert [poll_once(store, account="shop")[0].new for _ in range(2)] == [7, 0]
    assert store.stats()["messages"] == 7


def test_mark_read_applies_only_to_mail_already_stored(store, dovecot, folder, mail_account):
    mail_account(mark_read=True)
    dovecot.deliver(folder, mail(message_id="<r1@ann>"))
    assert poll_once(store, account="shop")[0].new == 1
    assert all(b"\\Seen" not in flags for flags in dovecot.flags(folder).values())
    poll_once(store, account="shop")
    assert all(b"\\Seen" in flags for flags in dovecot.flags(folder).values())


def test_delete_after_import_removes_only_mail_already_stored(store, dovecot, folder,
                                                              mail_account):
    mail_account(delete_after_import=True)
    dovecot.deliver(folder, mail(message_id="<d1@ann>"))
    assert poll_once(store, account="shop")[0].new == 1
    assert dovecot.count(folder) == 1  # stored in this poll: deleted only in the next
    dovecot.deliver(folder, mail(message_id="<d2@ann>", subject="Later"))
    assert poll_once(store, account="shop")[0].new == 1
    assert dovecot.count(folder) == 1
    poll_once(store, account="shop")
    assert dovecot.count(folder) == 0
    assert store.stats()["messages"] == 2


def test_mail_read_in_the_helper_process_is_stored_as_read_in_line(store, dovecot, folder,
                                                                    mail_account, tmp_path):
    """As the window reads mail (sources/parse_worker.py): the same rows, scores included."""
    from inbox_app.sources import parse_worker
    from inbox_app.store import open_store

    account = mail_account(max_message_bytes=100_000)
    dovecot.deliver(folder, mail(message_id="<h1@ann>", text="The mug arrived broken. Awful.",
                                 html="<p>The mug <b>broken</b><script>x()</script></p>"))
    dovecot.deliver(folder, mail(
        message_id="<ooo@ann>", subject="Automatic reply", in_reply_to="<h1@ann>",
        text="Out of the office with terrible flu.", headers={"Auto-Submitted": "auto-replied"}))
    dovecot.deliver(folder, mail(message_id="<big@ann>", text="Video of the damage.",
                                 attachments=(("d.mp4", bytes(range(256)) * 1000, "video/mp4"),)))
    parse_worker.start()
    try:
        [result] = poll_once(store, account="shop")
        assert parse_worker.run(os.getpid) != os.getpid()
    finally:
        parse_worker.stop()
    assert (result.new, result.error) == (3, None)
    in_line = open_store(tmp_path / "in-line.db")
    try:
        in_line.add_account("shop", "email", account.config, poll_interval=60)
        poll_once(in_line, account="shop")
        query = ("SELECT external_id, title, text, full_text, html, compound, pos, neu, neg,"
                 " meta FROM messages ORDER BY external_id")
        assert store._rows(query) == in_line._rows(query)
        assert len(store._rows(query)) == 3
    finally:
        in_line.close()
