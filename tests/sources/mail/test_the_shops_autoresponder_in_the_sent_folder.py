"""A shop whose mail program acknowledges every message at once ("Thanks, we got your
message — we answer within a day", Auto-Submitted: auto-replied) keeps a copy of each in
its Sent folder. Read from there, the copy counted as the shop's reply: the customer's
conversation stopped waiting five seconds after they wrote, and the first response was
five seconds. The acknowledgement stays in the thread; the person's answer is the reply."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from inbox_app.sources.poller import poll_once
from tests.sources.mail.samples import mail

SHOP = ("Corner Shop", "shop@example.com")


def test_the_autoresponders_copy_is_in_the_thread_but_no_reply(store, dovecot, folder,
                                                                mail_account):
    sent = dovecot.new_folder("Sent")
    mail_account(sent_folder=sent)
    asked = (datetime.now(UTC) - timedelta(hours=3)).replace(microsecond=0)
    dovecot.deliver(folder, mail(message_id="<q@ann>", text="Third time I ask: where is it?",
                                 date=asked))
    dovecot.deliver(sent, mail(
        message_id="<ack@shop>", sender=SHOP, to="Ann Lee <ann@example.com>",
        subject="Re: Order 1041", in_reply_to="<q@ann>", references="<q@ann>",
        text="Thanks, we got your message — we answer within a day.",
        date=asked + timedelta(seconds=5), headers={"Auto-Submitted": "auto-replied"}))

    assert poll_once(store, account="shop")[0].new == 2

    conversation_id = store._scalar(
        "SELECT conversation_id FROM messages WHERE external_id = '<q@ann>'")
    question, acknowledgement = store.messages(conversation_id)
    assert (acknowledgement.external_id, acknowledgement.direction,
            acknowledgement.meta["auto"]) == ("<ack@shop>", "out", "auto-reply")
    assert store.get_conversation(conversation_id).awaiting_since == int(asked.timestamp())
    period = (int(asked.timestamp()) - 60, int(asked.timestamp()) + 60)
    assert [row["first_out"] for row in store.first_responses(*period)] == [None]

    dovecot.deliver(sent, mail(
        message_id="<r@shop>", sender=SHOP, to="Ann Lee <ann@example.com>",
        subject="Re: Order 1041", in_reply_to="<q@ann>", references="<q@ann>",
        text="It left today, sorry for the wait.", date=asked + timedelta(hours=2)))
    poll_once(store, account="shop")

    assert store.get_conversation(conversation_id).awaiting_since is None
    [answered] = store.first_responses(*period)
    assert answered["first_out"] - answered["first_in"] == 2 * 3600
