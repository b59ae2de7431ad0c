"""A web shop's contact form (Shopify, WordPress Contact Form 7, Squarespace) mails the
visitor's message From the shop's own address — the only one its server may send as —
with Reply-To the visitor. Read from INBOX it was taken for mail the shop sent: stored as
outbound with no customer, it never waited for an answer, and a reply failed "There is no
email address to reply to in this conversation." Mail the shop really sent from another
program, a copy of which lands in INBOX (Bcc to itself), stays the shop's own. Checked
end to end: dovecot holds the mail, aiosmtpd says whom the reply reached (RCPT TO)."""

from __future__ import annotations

import email
import json
from datetime import UTC, datetime, timedelta
from email import policy

import pytest

from inbox_app.replies import reply
from inbox_app.sources.mail_parse import incoming_message, parse_message
from inbox_app.sources.poller import poll_once
from tests.sources.mail.samples import mail

SHOP = ("Corner Shop", "shop@example.com")
FORM_TEXT = ("You received a new message from your online store's contact form.\n\n"
             "Name: Zoë Martin\nEmail: zoe@visitor.example\n"
             "Body: Do you ship to Belgium?")


def form_mail(**overrides) -> bytes:
    fields = dict(message_id="<form1@shop.example>", sender=SHOP, to="shop@example.com",
                  subject="New customer message on March 1, 2026", text=FORM_TEXT,
                  headers={"Reply-To": "Zoë Martin <zoe@visitor.example>"})
    fields.update(overrides)
    return mail(**fields)


def stored(store, external_id):
    return store._row("SELECT * FROM messages WHERE external_id = ?", (external_id,))


def conversation_of(store, external_id):
    return store.get_conversation(stored(store, external_id)["conversation_id"])


def test_a_contact_form_mail_waits_for_an_answer_that_reaches_the_visitor(
        store, dovecot, folder, smtp_server, mail_account):
    mail_account()
    dovecot.deliver(folder, form_mail())
    poll_once(store, account="shop")

    conversation = conversation_of(store, "<form1@shop.example>")
    assert stored(store, "<form1@shop.example>")["direction"] == "in"
    assert conversation.awaiting_since is not None
    customer = store.get_customer(conversation.customer_id)
    assert customer.name == "Zoë Martin"
    assert [(i.kind, i.value) for i in customer.identities] == [("email", "zoe@visitor.example")]

    result = reply(store, conversation.id, "Yes, in three days.", "Mia")

    assert result.delivery == "sent", result.error
    [received] = smtp_server.received
    assert received.rcpt_tos == ["zoe@visitor.example"]
    sent = email.message_from_bytes(received.data, policy=policy.default)
    assert [a.addr_spec for a in sent["To"].addresses] == ["zoe@visitor.example"]
    assert sent["Cc"] is None  # never the shop's own address the form wrote to
    assert store.get_conversation(conversation.id).awaiting_since is None


def test_the_visitors_answer_threads_back_into_the_form_conversation(
        store, dovecot, folder, smtp_server, mail_account):
    mail_account()
    dovecot.deliver(folder, form_mail())
    poll_once(store, account="shop")
    conversation = conversation_of(store, "<form1@shop.example>")
    result = reply(store, conversation.id, "Yes, in three days.", "Mia")
    our_id = store.get_message(result.message_id).external_id

    dovecot.deliver(folder, mail(
        message_id="<a1@visitor.example>", sender=("Zoë Martin", "zoe@visitor.example"),
        subject="Re: New customer message on March 1, 2026", in_reply_to=our_id,
        references=f"<form1@shop.example> {our_id}", text="Great, ordering now.",
        date=datetime.now(UTC) + timedelta(minutes=1)))
    poll_once(store, account="shop")

    assert conversation_of(store, "<a1@visitor.example>").id == conversation.id
    answered = store.get_conversation(conversation.id)
    assert answered.customer_id == conversation.customer_id
    assert answered.awaiting_since is not None


def test_mail_the_shop_sent_from_another_program_and_copied_to_itself_stays_its_own(
        store, dovecot, folder, smtp_server, mail_account):
    """Bcc'd to itself, the shop's own mail arrives in INBOX addressed to the customer,
    without a Reply-To or with the shop's own."""
    mail_account()
    dovecot.deliver(folder, mail(message_id="<out1@shop.example>", sender=SHOP,
                                 to="Ann Lee <ann@example.com>", subject="Your order",
                                 text="It ships today."))
    dovecot.deliver(folder, mail(message_id="<out2@shop.example>", sender=SHOP,
                                 to="Ann Lee <ann@example.com>", subject="Your invoice",
                                 text="Attached.",
                                 headers={"Reply-To": "shop@example.com"}))
    poll_once(store, account="shop")

    for external_id in ("<out1@shop.example>", "<out2@shop.example>"):
        assert stored(store, external_id)["direction"] == "out"
        conversation = conversation_of(store, external_id)
        assert conversation.awaiting_since is None
        customer = store.get_customer(conversation.customer_id)
        assert [i.value for i in customer.identities] == ["ann@example.com"]


def parsed(raw: bytes, *, sent_folder: bool = False, own=frozenset({"shop@example.com"})):
    return incoming_message(parse_message(raw), account="shop", own_addresses=set(own),
                            received_at=1_772_400_000, folder="INBOX",
                            sent_folder=sent_folder)


@pytest.mark.parametrize("case, raw, sent_folder", [
    ("in the Sent folder", form_mail(), True),
    ("Reply-To the shop's alias", form_mail(headers={"Reply-To": "orders@example.com"}), False),
    ("sent to a customer with Reply-To someone else",
     form_mail(to="ann@example.com", headers={"Reply-To": "bob@annco.example"}), False),
])
def test_the_shops_own_mail_stays_outbound(case, raw, sent_folder):
    item = parsed(raw, sent_folder=sent_folder,
                  own={"shop@example.com", "orders@example.com"})
    assert item.direction == "out", case


def test_a_form_mail_whose_reply_to_has_no_name_is_the_visitors_address():
    item = parsed(form_mail(headers={"Reply-To": "zoe@visitor.example"}))

    assert item.direction == "in"
    assert [(i.value, i.display) for i in item.identities] == [
        ("zoe@visitor.example", "Zoë Martin")]


def squarespace_form(number: int, visitor: tuple[str, str]) -> bytes:
    name, address = visitor
    return mail(message_id=f"<sq{number}@squarespace.info>",
                sender=("Squarespace", "form-submission@squarespace.info"),
                to="shop@example.com", subject="Form Submission - Contact",
                text=f"Name: {name}\nEmail Address: {address}\nMessage: Is the shop open "
                     "on Sunday?",
                headers={"Reply-To": address})


def test_form_mail_from_a_no_reply_sender_is_each_visitors_own(store, dovecot, folder,
                                                                smtp_server, mail_account):
    """Squarespace (and WordPress's own wordpress@ sender) writes every visitor's message
    From one machine address with the same subject: taken for its sender, all visitors
    were one customer "Squarespace" in one conversation, and a reply reached only the
    latest of them."""
    mail_account()
    dovecot.deliver(folder, squarespace_form(1, ("Zoë Martin", "zoe@visitor.example")))
    dovecot.deliver(folder, squarespace_form(2, ("Bob Park", "bob@annco.example")))
    poll_once(store, account="shop")

    zoe, bob = (conversation_of(store, f"<sq{n}@squarespace.info>") for n in (1, 2))
    assert zoe.id != bob.id
    assert [store.get_customer(c.customer_id).name for c in (zoe, bob)] == [
        "Zoë Martin", "Bob Park"]
    assert reply(store, zoe.id, "Yes, from ten.", None).delivery == "sent"
    assert smtp_server.received[-1].rcpt_tos == ["zoe@visitor.example"]


def test_a_person_whose_reply_to_is_another_address_stays_the_customer():
    """Ann writes from work and wants answers at home: she is still the one who wrote."""
    item = parsed(mail(headers={"Reply-To": "ann.lee@home.example"}))

    assert item.direction == "in"
    assert [(i.value, i.display) for i in item.identities] == [("ann@example.com", "Ann Lee")]


@pytest.mark.parametrize("text, html, name", [
    ("From: Zoë Martin <zoe@visitor.example>\nSubject: Shipping\n\nMessage Body:\nHi",
     None, "Zoë Martin"),  # Contact Form 7's template
    ("From: Zoë Martin zoe@visitor.example\n\nHi", None, "Zoë Martin"),
    ("First Name: Zoë\nLast Name: Martin\nEmail: zoe@visitor.example", None, "Zoë Martin"),
    ("Your Name: **Zoë Martin**\nYour Email: zoe@visitor.example", None, "Zoë Martin"),
    ("Nom : Zoë Martin\nCourriel : zoe@visitor.example", None, "Zoë Martin"),
    (None, "<table><tr><td><b>Name:</b></td><td>Zoë Martin</td></tr><tr><td>Email:</td>"
           "<td>zoe@visitor.example</td></tr></table>", "Zoë Martin"),  # Shopify's HTML
    ("Name:\nEmail: zoe@visitor.example\nMessage: Hi", None, "zoe@visitor.example"),
    ("Hello, do you ship to Belgium?", None, "zoe@visitor.example"),
])
def test_the_visitors_name_is_read_from_the_forms_fields(text, html, name):
    item = parsed(form_mail(text=text, html=html,
                            headers={"Reply-To": "zoe@visitor.example"}))

    assert item.author_name == name
    assert [(i.value, i.display) for i in item.identities] == [("zoe@visitor.example", name)]


def test_a_script_sees_the_visitor_in_the_queue_and_answers_them(
        run_cli, dovecot, folder, smtp_server, memory_keyring):
    """From cron: `poll --once`, `queue --json` (the visitor waiting), `reply`."""
    dovecot.deliver(folder, form_mail(headers={"Reply-To": "zoe@visitor.example"},
                                      date=datetime.now(UTC)))  # an old one is filed closed
    code, _, err = run_cli(
        "account", "add", "email", "--name", "Shop mail", "--address", "shop@example.com",
        "--user", dovecot.user, "--imap-host", "127.0.0.1", "--imap-port", str(dovecot.port),
        "--imap-security", "none", "--imap-folder", folder, "--smtp-host", "127.0.0.1",
        "--smtp-port", str(smtp_server.port), "--smtp-security", "none",
        "--history-days", "0", stdin=f"{dovecot.password}\n")
    assert (code, err) == (0, "")
    assert run_cli("poll", "--once") == (0, "Shop mail: 1 new\n", "")

    code, out, err = run_cli("queue", "--json")
    [row] = json.loads(out)
    assert (row["customer"], row["status"]) == ("Zoë Martin", "open")
    assert row["waiting_since"] is not None

    code, out, err = run_cli("reply", str(row["conversation"]), "--text-file", "-",
                             stdin="Yes, we ship to Belgium.\n")
    assert (code, err) == (0, "")
    assert smtp_server.received[-1].rcpt_tos == ["zoe@visitor.example"]
