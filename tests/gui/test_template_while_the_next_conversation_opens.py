"""Ctrl+T pressed right after moving on in the queue, before the next conversation shows:
the reply box is still the last conversation's, so the template must not go there (filled
with "there", and saved as that conversation's draft)."""

from __future__ import annotations

from inbox_app.gui.models.queue_model import QueueRole
from tests.gui.conftest import settle


def test_ctrl_t_waits_for_the_conversation_moved_to(window, qtbot, demo_store):
    demo_store.save_template("Quick thanks", "Thanks {first_name}!")
    window.select_key("kind:email")
    settle(qtbot, window)
    view = window.ui.queueView
    before = window.last_dialog
    shown = window.conversation.conversation.id
    view.setCurrentIndex(window.queue_model.index(1, 0))  # J: the next is being read …
    assert view.currentIndex().data(QueueRole.CONVERSATION_ID) != shown

    window.ui.actionInsertTemplate.trigger()  # … and Ctrl+T before it shows

    assert window.last_dialog is before  # no picker for the reply box of the one left
    assert window.statusBar().currentMessage().startswith("The conversation is still opening")
    settle(qtbot, window)
    assert window.conversation.ui.composerEdit.toPlainText() == ""
    window.ui.actionInsertTemplate.trigger()  # once it shows, Ctrl+T works
    assert window.last_dialog is not before
    window.last_dialog.reject()
