"""The shop answers, the customer's out-of-office answers that, and the shop writes again
(the tracking number, say): the follow-up went out as "Re: Automatic reply: Re: Order
1041", quoting "I am out of the office until Monday" back to the customer, because the
auto-reply was taken for the customer's latest message. The customer's own latest message
is the one answered; an auto-reply only when the conversation holds nothing else."""

from __future__ import annotations

import email
from datetime import UTC, datetime, timedelta
from email import policy

from inbox_app.replies import reply
from inbox_app.sources.poller import poll_once
from tests.sources.mail.samples import mail


def conversation_of(store, external_id):
    return store._scalar("SELECT conversation_id FROM messages WHERE external_id = ?",
                         (external_id,))


def test_the_follow_up_answers_the_customer_not_their_out_of_office(
        store, dovecot, folder, smtp_server, mail_account):
    mail_account()
    asked = datetime.now(UTC) - timedelta(hours=2)
    dovecot.deliver(folder, mail(message_id="<o1@ann>", subject="Order 1041",
                                 text="Where is my order?", date=asked))
    poll_once(store, account="shop")
    conversation_id = conversation_of(store, "<o1@ann>")
    assert reply(store, conversation_id, "It ships today.", None).delivery == "sent"
    ours = store.messages(conversation_id)[-1].external_id
    dovecot.deliver(folder, mail(
        message_id="<o2@ann>", subject="Automatic reply: Re: Order 1041",
        text="I am out of the office until Monday.", in_reply_to=ours,
        references=f"<o1@ann> {ours}", date=datetime.now(UTC) + timedelta(minutes=1),
        headers={"Auto-Submitted": "auto-replied"}))
    poll_once(store, account="shop")
    assert conversation_of(store, "<o2@ann>") == conversation_id

    assert reply(store, conversation_id, "Tracking number: 1Z999.", None).delivery == "sent"

    sent = email.message_from_bytes(smtp_server.received[-1].data, policy=policy.default)
    assert sent["Subject"] == "Re: Order 1041"
    assert sent["In-Reply-To"] == "<o1@ann>"
    body = sent.get_content()
    assert "> Where is my order?" in body and "out of the office" not in body


def test_a_conversation_holding_only_an_auto_reply_is_still_answered(
        store, dovecot, folder, smtp_server, mail_account):
    mail_account()
    dovecot.deliver(folder, mail(message_id="<o3@zoe>", subject="Out of office: Your voucher",
                                 sender=("Zoë", "zoe@example.com"),
                                 headers={"Auto-Submitted": "auto-replied"}))
    poll_once(store, account="shop")

    result = reply(store, conversation_of(store, "<o3@zoe>"), "Enjoy your holiday!", None)

    assert result.delivery == "sent", result.error
    assert smtp_server.received[-1].rcpt_tos == ["zoe@example.com"]
