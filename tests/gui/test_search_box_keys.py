"""The search box by keyboard: `/` to go there, Enter or Escape to go back to the queue.
Going there and back without changing the search leaves the queue as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import current, settle


def press(qtbot, key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key)


@pytest.mark.parametrize("leave", [Qt.Key.Key_Escape, Qt.Key.Key_Return], ids=["escape", "enter"])
def test_slash_then_leaving_the_search_box_keeps_the_conversation_being_read(
        active, qtbot, demo_store, leave):
    """Maya reads the fourth conversation, presses / and thinks better of it: the queue
    used to load again from the top, the first conversation replaced hers on screen and
    was marked read without her seeing it."""
    window = active
    for _ in range(3):
        press(qtbot, Qt.Key.Key_J)
    settle(qtbot, window)
    chosen = current(window)
    top = window.queue_model.conversation_at(0).conversation_id
    unread_before = demo_store.get_conversation(top).unread
    press(qtbot, Qt.Key.Key_Slash)
    assert QApplication.focusWidget() is window.ui.searchEdit
    with qtbot.assertNotEmitted(window.queue_model.modelReset, wait=300):
        press(qtbot, leave)
    settle(qtbot, window)
    assert QApplication.focusWidget() is window.ui.queueView
    assert current(window) == chosen
    assert window.conversation.conversation_id == chosen
    assert demo_store.get_conversation(top).unread == unread_before


def test_a_search_typed_and_left_with_escape_still_runs_once(active, qtbot):
    window = active
    press(qtbot, Qt.Key.Key_Slash)
    qtbot.keyClicks(window.ui.searchEdit, "thank")
    with qtbot.waitSignal(window.queue_model.loaded, timeout=10000):
        press(qtbot, Qt.Key.Key_Escape)
    settle(qtbot, window)
    assert window.queue_model.query.search == "thank"
    assert window.ui.queueView.currentIndex().row() == 0
    # The timer the typing started has nothing left to do.
    with qtbot.assertNotEmitted(window.queue_model.modelReset, wait=400):
        pass


def test_the_count_names_the_search_it_counted_while_more_is_typed(window, qtbot):
    """A refresh (a colleague's change, a poll) arriving while the person types on
    counted the shown rows as matching the unfinished text."""
    window.select_key("view:all")
    window.ui.searchEdit.setText("thank")
    window.apply_query()
    settle(qtbot, window)
    counted = window.ui.countLabel.text()
    assert counted.endswith("matching “thank”")
    window.ui.searchEdit.setText("thank you for the lovely")
    window._search_timer.stop()  # the typing pause has not run out yet
    with qtbot.waitSignal(window.queue_model.refreshed, timeout=10000):
        window.queue_model.refresh()
    assert window.ui.countLabel.text() == counted


def test_a_letter_typed_and_taken_back_keeps_the_conversation_being_read(
        active, qtbot, demo_store):
    """The typing pause ran the unchanged search again: the top conversation replaced the
    one being read, and was marked read."""
    window = active
    for _ in range(3):
        press(qtbot, Qt.Key.Key_J)
    settle(qtbot, window)
    chosen = current(window)
    press(qtbot, Qt.Key.Key_Slash)
    with qtbot.assertNotEmitted(window.queue_model.modelReset, wait=600):
        qtbot.keyClicks(window.ui.searchEdit, "r")
        press(qtbot, Qt.Key.Key_Backspace)
    settle(qtbot, window)
    assert current(window) == chosen
