"""A sent email reply says in the thread whom it reached: the customer and whom they had
copied in (Cc), and — on that reply — when the mail server refused one of them, or the copy
for the Sent folder could not be filed (the reply went all the same)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QTextDocument

from inbox_app.gui import theme
from inbox_app.gui.thread_html import render_thread
from inbox_app.store import open_store
from tests.store.helpers import msg

REFUSED = ("The mail server refused gone@rejected.example (550 5.1.1 <gone@rejected.example>"
           " No such user here); the reply reached ann@example.com.")
NOT_FILED = ("The reply was sent but not filed in the Sent folder: the folder \"Sent\" does"
             " not exist.")


@pytest.fixture
def thread(db_path):
    """Ann's message, copied to Bob and Carla, and the shop's reply to all three."""
    store = open_store(db_path)
    store.save_messages([
        msg("<a1@ann>", "Can Bob collect it?", email="ann@example.com", author="Ann Lee",
            thread="t1"),
        msg("<r1@shop>", "Yes, any day after ten.", direction="out", staff="Maya",
            thread="t1", at="2026-03-01T11:00:00Z"),
    ])
    conversation_id = store._scalar("SELECT max(conversation_id) FROM messages")
    conversation = store.get_conversation(conversation_id)
    inbound, sent = store.messages(conversation_id)
    store.close()
    inbound = replace(inbound, meta={**inbound.meta, "from": "ann@example.com",
                                     "to": ["shop@example.com"],
                                     "cc": ["bob@annco.example", "carla@annco.example"]})
    sent = replace(sent, delivery="sent", meta={
        **sent.meta, "from": "shop@example.com", "to": ["ann@example.com"],
        "cc": ["bob@annco.example", "carla@annco.example"]})
    return conversation, inbound, sent


def shown_text(conversation, entries, colours=theme.LIGHT) -> str:
    document = QTextDocument()
    document.setHtml(render_thread(conversation, entries, colours))
    return document.toPlainText()


def test_a_sent_reply_names_whom_it_was_copied_to(qapp, thread):
    conversation, inbound, sent = thread

    text = shown_text(conversation, [inbound, sent])

    reply_part = text[text.index("Yes, any day") - 120:]
    assert "To: ann@example.com · Cc: bob@annco.example, carla@annco.example" in reply_part


def test_a_reply_to_the_customer_alone_names_nobody(qapp, thread):
    conversation, inbound, sent = thread
    alone = replace(sent, meta={**sent.meta, "cc": []})

    assert "Cc:" not in shown_text(conversation, [alone])


def test_a_refused_copy_and_a_sent_folder_problem_are_said_on_the_reply(qapp, thread):
    conversation, inbound, sent = thread
    troubled = replace(sent, meta={**sent.meta, "refused_recipients": REFUSED,
                                   "sent_folder_problem": NOT_FILED})

    for colours in (theme.LIGHT, theme.DARK):
        text = shown_text(conversation, [inbound, troubled], colours)
        assert REFUSED in text  # the server's <address> kept, not taken for markup
        assert NOT_FILED in text
        assert text.index("Yes, any day") < text.index(REFUSED)


def test_a_very_long_copy_list_names_the_first_and_counts_the_rest(qapp, thread):
    conversation, inbound, sent = thread
    many = [f"person{n}@annco.example" for n in range(1, 241)]
    crowded = replace(sent, meta={**sent.meta, "cc": many})

    text = shown_text(conversation, [crowded])

    assert "person1@annco.example" in text
    assert "person240@annco.example" not in text
    assert "and 220 more" in text


def test_the_customers_message_shows_whom_they_copied_in(qapp, thread):
    """Where the reply's Cc comes from: the customer's own message names them."""
    conversation, inbound, sent = thread

    text = shown_text(conversation, [inbound])

    assert "To: shop@example.com · Cc: bob@annco.example, carla@annco.example" in text
    assert text.index("Cc: bob") < text.index("Can Bob collect it?")
