"""Drafts are kept per conversation and per person: switching who you are shows your
own draft, and a note or reply sent straight after typing leaves no older draft behind."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.conftest import STAFF, settle
from tests.gui.test_team import COLLEAGUE
from tests.gui.test_undo_send import pick


def test_switching_who_you_are_shows_your_own_draft_not_the_last_persons(window, qtbot,
                                                                         demo_store):
    target = window.conversation.conversation_id
    demo_store.save_draft(target, COLLEAGUE, "Theo's half-written answer")
    edit = window.conversation.ui.composerEdit
    qtbot.keyClicks(edit, "Maya's words")
    window.set_staff(COLLEAGUE)
    settle(qtbot, window)
    assert edit.toPlainText() == "Theo's half-written answer"
    qtbot.keyClicks(edit, ", done")
    qtbot.keyClick(edit, Qt.Key.Key_Escape)  # leaves the composer, saving the draft
    settle(qtbot, window)
    assert demo_store.draft(target, STAFF) == "Maya's words"
    assert demo_store.draft(target, COLLEAGUE) == "Theo's half-written answer, done"

    window.set_staff(STAFF)
    settle(qtbot, window)
    assert edit.toPlainText() == "Maya's words"


def test_a_note_sent_right_after_typing_leaves_no_older_draft_to_come_back(window, qtbot,
                                                                          demo_store):
    target = window.conversation.conversation_id
    composer = window.conversation.composer
    composer.set_note_mode(True)
    edit = window.conversation.ui.composerEdit
    qtbot.keyClicks(edit, "Courier says")
    qtbot.waitUntil(lambda: demo_store.draft(target, STAFF) == "Courier says", timeout=5000)
    qtbot.keyClicks(edit, " the parcel is in Leeds.")
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert [note.text for note in demo_store.notes(conversation_id=target)][-1] == \
        "Courier says the parcel is in Leeds."
    qtbot.wait(2 * composer._autosave.interval())  # an autosave still due would land now
    settle(qtbot, window)
    assert demo_store.draft(target, STAFF) == ""
    pick(window, qtbot, 1)
    pick(window, qtbot, 0)
    assert window.conversation.conversation_id == target
    assert edit.toPlainText() == ""
    assert window.conversation.ui.composerStatus.text() != "Draft restored."
