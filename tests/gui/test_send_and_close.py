"""Send and close: the reply goes, the conversation closes, and the next one is on screen."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import STAFF, email_view, replies_saying, settle

TEXT = "Your refund is on its way; thanks for your patience."


@pytest.fixture
def email_queue(make_window, settings, qtbot):
    """The Email view; replies go out at once unless a test makes them wait."""
    window = email_view(make_window, settings, qtbot, 0)
    assert window.queue_model.rowCount() >= 3
    return window


def send_and_close(window, qtbot, text: str = TEXT) -> tuple[int, int | None, str]:
    """Types `text` and presses Ctrl+Shift+Enter; returns the conversation answered, the one
    below it in the queue and the customer's name."""
    conversation = window.conversation.conversation
    row = window.queue_model.row_of(conversation.id)
    below = window.queue_model.conversation_at(row + 1)
    edit = window.conversation.ui.composerEdit
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    return conversation.id, below.conversation_id if below else None, conversation.customer_name


def test_ctrl_shift_enter_sends_closes_and_shows_the_next(email_queue, qtbot, sender,
                                                          demo_store):
    window = email_queue
    answered, below, who = send_and_close(window, qtbot)
    assert window.conversation.conversation_id == below  # moved on at once
    qtbot.waitUntil(lambda: len(sender) == 1, timeout=10000)
    settle(qtbot, window)

    assert sender[0].text == TEXT and sender[0].staff == STAFF
    assert [m.delivery for m in replies_saying(demo_store, answered, TEXT)] == ["sent"]
    assert demo_store.get_conversation(answered).status == "closed"
    assert [e["action"] for e in demo_store.history(answered)][-2:] == ["replied", "closed"]
    assert answered not in window.queue_model.ids()  # it left the open Email view
    assert window.conversation.conversation_id == below
    assert window.statusBar().currentMessage() == f"Your reply to {who}: Sent and closed."
    assert demo_store.draft(answered, STAFF) == ""


def test_the_button_does_the_same(email_queue, qtbot, sender, demo_store):
    window = email_queue
    ui = window.conversation.ui
    answered = window.conversation.conversation_id
    assert ui.sendCloseButton.isVisible() and ui.sendCloseButton.text() == "Send and close"
    qtbot.keyClicks(ui.composerEdit, TEXT)
    qtbot.mouseClick(ui.sendCloseButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(sender) == 1, timeout=10000)
    settle(qtbot, window)
    assert demo_store.get_conversation(answered).status == "closed"
    assert window.conversation.conversation_id != answered


def test_a_waiting_reply_closes_only_when_it_goes_and_undo_keeps_it_open(
        email_queue, qtbot, sender, demo_store):
    window = email_queue
    window.conversation.composer.hold_for = 30
    answered, below, who = send_and_close(window, qtbot)
    ui = window.conversation.ui
    assert window.conversation.conversation_id == below
    settle(qtbot, window)
    assert window.conversation.conversation.id == below
    assert re.fullmatch(rf"Your reply to {re.escape(who)} goes out in (30|29)\u00a0s; then the"
                        r" conversation closes\.", ui.composerStatus.text())
    assert demo_store.get_conversation(answered).status == "open"
    assert answered in window.queue_model.ids()

    qtbot.mouseClick(ui.undoSendButton, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.conversation.conversation_id == answered  # back, with the text
    assert ui.composerEdit.toPlainText() == TEXT
    assert sender == [] and replies_saying(demo_store, answered, TEXT) == []
    assert demo_store.get_conversation(answered).status == "open"


def test_a_waiting_reply_closes_its_conversation_when_the_time_is_up(
        email_queue, qtbot, sender, demo_store):
    window = email_queue
    window.conversation.composer.hold_for = 0.2
    answered, below, _who = send_and_close(window, qtbot)
    qtbot.waitUntil(lambda: len(sender) == 1, timeout=10000)
    settle(qtbot, window)
    assert demo_store.get_conversation(answered).status == "closed"
    assert answered not in window.queue_model.ids()
    assert window.conversation.conversation_id == below


def test_a_refused_reply_leaves_the_conversation_open_and_says_so(email_queue, qtbot, sender,
                                                                   demo_store):
    window = email_queue
    text = "This will fail to send"
    answered, _below, who = send_and_close(window, qtbot, text)
    settle(qtbot, window)
    assert [m.delivery for m in replies_saying(demo_store, answered, text)] == ["failed"]
    assert demo_store.get_conversation(answered).status == "open"
    assert answered in window.queue_model.ids()
    # The refusal comes back on the sender's own path, after the window's jobs settled
    # (under load, the daily backup's notice could still be the one on show).
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(
        f"Your reply to {who}:"), timeout=15000)
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Your reply to {who}: Not sent: The mail server refused")
    assert message.endswith("The conversation stays open.")


def test_a_note_and_close(email_queue, qtbot, demo_store):
    window = email_queue
    ui = window.conversation.ui
    answered = window.conversation.conversation_id
    ui.noteModeButton.click()
    assert ui.sendCloseButton.text() == "Add note and close"
    qtbot.keyClicks(ui.composerEdit, "Refund approved by Priya.")
    qtbot.mouseClick(ui.sendCloseButton, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    conversation = demo_store.get_conversation(answered)
    assert conversation.status == "closed"
    assert [n.text for n in demo_store.notes(conversation_id=answered)][-1:] == [
        "Refund approved by Priya."]
    assert window.conversation.conversation_id != answered


def test_feed_items_have_no_send_and_close(make_window, qtbot):
    window = make_window()
    window.select_key("kind:feed")
    settle(qtbot, window)
    ui = window.conversation.ui
    assert window.conversation.conversation_id is not None
    assert not ui.sendCloseButton.isVisible() and not ui.sendButton.isVisible()
    ui.noteModeButton.click()
    assert ui.sendCloseButton.isVisible()


def test_the_tooltip_names_the_keys_and_survives_the_store_coming_back(email_queue):
    composer = email_queue.conversation.composer
    composer.set_offline(True)
    assert "cannot be reached" in composer.form.sendCloseButton.toolTip()
    assert not composer.form.sendCloseButton.isEnabled()
    composer.set_offline(False)
    assert composer.form.sendCloseButton.toolTip().endswith("(Ctrl+Shift+Enter)")
    assert composer.form.sendButton.toolTip() == "Send (Ctrl+Enter)"
    assert composer.form.sendCloseButton.isEnabled()


def test_what_the_reply_box_said_of_an_outage_goes_when_the_store_is_back(email_queue,
                                                                          qtbot):
    """"Draft kept on this computer until the store is back" stayed after it was."""
    from inbox_app.gui.draft_keeper import KEPT_LOCALLY

    composer = email_queue.conversation.composer
    status = composer.form.composerStatus
    composer.set_offline(True)
    qtbot.keyClicks(composer.form.composerEdit, "Sorry for the wait")
    composer.send()
    assert "cannot be reached" in status.text()
    composer.set_offline(False)
    assert status.text() == ""
    composer.set_offline(True)
    composer._set_status(KEPT_LOCALLY)  # as the draft keeper reports a draft kept here
    composer.set_offline(False)
    assert status.text() == ""
    assert composer.form.composerEdit.toPlainText() == "Sorry for the wait"


def test_closing_the_window_sends_the_waiting_reply_and_closes_its_conversation(
        email_queue, qtbot, sender, demo_store):
    window = email_queue
    window.conversation.composer.hold_for = 30
    answered, _below, _who = send_and_close(window, qtbot)
    settle(qtbot, window)
    window.close()
    assert [o.text for o in sender] == [TEXT]
    assert demo_store.get_conversation(answered).status == "closed"
    assert demo_store.draft(answered, STAFF) == ""
