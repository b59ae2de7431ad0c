"""A reply going out over a slow mail server holds up only its own conversation: Send
works in the others meanwhile, and pressing it again where it is sending says why
nothing happens instead of doing nothing."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from inbox_app import replies
from inbox_app.replies import Sent
from tests.gui.conftest import email_view, replies_saying, settle


@pytest.fixture
def slow_sender():
    """Email replies wait for `gate` before they are "sent", as on a slow SMTP server."""
    gate = threading.Event()
    sent: list[str] = []

    def send(store, outgoing):
        gate.wait(30)
        sent.append(outgoing.text)
        return Sent(external_id=f"<slow-{outgoing.message_id}@shop>")

    previous = replies._SENDERS.get("email")
    replies.register_sender("email", send)
    yield gate, sent
    gate.set()
    if previous is None:
        replies._SENDERS.pop("email", None)
    else:
        replies._SENDERS["email"] = previous


def ctrl_enter(qtbot, edit, text: str) -> None:
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_while_one_reply_is_going_out_another_conversation_can_send(make_window, settings,
                                                                   qtbot, slow_sender,
                                                                   demo_store):
    gate, sent = slow_sender
    window = email_view(make_window, settings, qtbot, 0)
    ui = window.conversation.ui
    first = window.conversation.conversation_id
    ctrl_enter(qtbot, ui.composerEdit, "First reply")
    try:
        ctrl_enter(qtbot, ui.composerEdit, "")  # again, while it is on its way
        assert ui.composerStatus.text() == "Still sending the reply above — a moment."
        assert not ui.sendButton.isEnabled()
    except AssertionError:
        gate.set()
        raise

    second = window.queue_model.conversation_at(1).conversation_id
    window.open_conversation(second)
    qtbot.waitUntil(lambda: window.conversation.snapshot.conversation.id == second,
                    timeout=10000)
    try:
        assert ui.sendButton.isEnabled()
        ctrl_enter(qtbot, ui.composerEdit, "Second reply")
        assert ui.composerStatus.text() == "Sending…"
    finally:
        gate.set()
    settle(qtbot, window)
    assert sorted(sent) == ["First reply", "Second reply"]
    assert [m.delivery for m in replies_saying(demo_store, first, "First reply")] == ["sent"]
    assert [m.delivery for m in replies_saying(demo_store, second, "Second reply")] == ["sent"]
    assert ui.sendButton.isEnabled()
