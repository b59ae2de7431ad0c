"""Opening a conversation (from the customer's past conversations, a notice, a search)
shows that one conversation, whatever keys are held: the queue's setCurrentIndex read
the keyboard, and with Ctrl down it added the row to the selection, so the bulk panel
("2 conversations selected") took the conversation's place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import current, settle


def test_a_conversation_opened_with_ctrl_held_is_shown_alone(window, qtbot):
    target = window.queue_model.conversation_at(3).conversation_id
    assert current(window) != target
    qtbot.keyPress(window.ui.queueView, Qt.Key.Key_Control, Qt.KeyboardModifier.ControlModifier)
    try:
        assert QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier
        window.open_conversation(target)
        settle(qtbot, window)
        assert not window.bulk.active
        assert window.conversation.isVisible()
        assert window.conversation.conversation_id == target == current(window)
    finally:
        qtbot.keyRelease(window.ui.queueView, Qt.Key.Key_Control)
